//! What to generate for the schema, with every Rust name decided: the bridge between the
//! WSDL model (XML-shaped) and the emitters (Rust-shaped).
//!
//! Building the plan is where all mapping decisions live (occurrence → `Option`/`Vec`,
//! nillable → `Nillable`, enumerations → enums, abstract bases → polymorphic enums, anonymous
//! types → `<Parent><Field>` structs). The emitters only turn a plan into tokens.

mod builder;
mod docs;
mod flatten;
mod recursion;

use std::collections::BTreeMap;

use wsdl::{Definitions, QName};

use crate::Error;

pub use docs::{code_span, doc_lines};

/// The XML namespace, bound to the prefix `xml` in every document.
pub const XML_NAMESPACE: &str = "http://www.w3.org/XML/1998/namespace";

/// Type names the generated `types.rs` refers to unqualified (prelude types); schema types with
/// these names are renamed (`String` → `String2`) so they cannot shadow them.
const RESERVED_TYPE_NAMES: &[&str] = &["Option", "Vec", "String", "Box", "Result", "Self"];

/// Nesting limit for derivation chains and simple type aliases (guards against cycles).
const MAX_DEPTH: usize = 32;

/// An XML Schema built-in simple type, as the Rust type the runtime provides for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Builtin {
    /// `String` (string, anySimpleType, anyURI, token, date, decimal, …).
    String,
    /// `i32` (int, short, byte).
    I32,
    /// `i64` (long).
    I64,
    /// `u32` (unsignedInt, unsignedShort, unsignedByte).
    U32,
    /// `u64` (unsignedLong).
    U64,
    /// `bool`.
    Bool,
    /// `f32` (float).
    F32,
    /// `f64` (double).
    F64,
    /// `soap_runtime::xml::XsdDateTime` (dateTime: a date-time with an optional offset).
    DateTime,
    /// `Vec<u8>` (base64Binary).
    Bytes,
    /// `xml::Integer` (integer and its unbounded derivations).
    Integer,
    /// `xml::QName` (QName, NOTATION): a namespace and a local name; the prefix in the text
    /// is resolved where it is read and declared where it is written.
    QName,
}

impl Builtin {
    /// Maps an XML Schema built-in by local name; `None` for `anyType` and unknown names.
    pub fn from_xsd(local: &str) -> Option<Self> {
        Some(match local {
            "int" | "short" | "byte" => Self::I32,
            "long" => Self::I64,
            "unsignedInt" | "unsignedShort" | "unsignedByte" => Self::U32,
            "unsignedLong" => Self::U64,
            "boolean" => Self::Bool,
            "float" => Self::F32,
            "double" => Self::F64,
            "dateTime" => Self::DateTime,
            "base64Binary" => Self::Bytes,
            "QName" | "NOTATION" => Self::QName,
            "integer" | "nonNegativeInteger" | "positiveInteger" | "nonPositiveInteger"
            | "negativeInteger" => Self::Integer,
            "string" | "normalizedString" | "token" | "language" | "Name" | "NCName"
            | "NMTOKEN" | "NMTOKENS" | "ID" | "IDREF" | "IDREFS" | "ENTITY" | "ENTITIES"
            | "anyURI" | "anySimpleType" | "date" | "time" | "duration" | "gYear"
            | "gYearMonth" | "gMonth" | "gMonthDay" | "gDay" | "hexBinary" | "decimal" => {
                Self::String
            }
            _ => return None,
        })
    }
}

/// A text-only value type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SimpleKind {
    /// A built-in.
    Builtin(Builtin),
    /// A generated enumeration, by Rust name.
    Enum(String),
    /// `xs:list` of the item type: `xml::List<T>`, items separated by spaces.
    List(Box<SimpleKind>),
}

/// The type of a field's value (before occurrence/nillability wrappers).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ValueKind {
    /// Text content.
    Simple(SimpleKind),
    /// A generated struct or polymorphic enum, by Rust name.
    Complex(String),
    /// `xs:anyType`: the element's attributes and content kept as written
    /// (`xml::AnyContent`).
    AnyType,
    /// An `xs:any` wildcard: whole elements kept as written (`xml::AnyElement`), those no other
    /// field takes whose namespace the constraint allows.
    Wildcard(wsdl::NamespaceConstraint),
    /// A repeated `xs:choice` with several members: each item is one member element, an enum
    /// with a variant per member, so the members keep their interleaving on the wire
    /// (`<a/><b/><a/>` is `[A(..), B(..), A(..)]`). Also mixed content with named children:
    /// the same enum with a `Text` variant (`x<a/>y` is `[Text("x"), A(..), Text("y")]`).
    Choice(Box<ChoicePlan>),
    /// Mixed content (`mixed="true"`) whose model is one `xs:any`: text and the elements the
    /// constraint allows, in document order (`xml::AnyNode`).
    Mixed(wsdl::NamespaceConstraint),
}

/// The enum for the items of a repeated `xs:choice` (see [`ValueKind::Choice`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChoicePlan {
    /// Rust type name of the enum.
    pub rust: String,
    /// One member element per variant, in schema order: `rust` is the variant name, `occurs`
    /// is `Required` (one element per item).
    pub members: Vec<FieldPlan>,
    /// Mixed content: a `Text(String)` variant holds each run of text between the elements.
    pub text: bool,
    /// An `xs:any` among the members of a repeated group: an `Any(xml::AnyElement)` variant
    /// holds each element it admits that no member takes, kept as written.
    pub wildcard: Option<wsdl::NamespaceConstraint>,
}

/// How often an element may occur, as it maps to Rust.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Occurs {
    /// Exactly once: `T`.
    Required,
    /// At most once: `Option<T>`.
    Optional,
    /// More than once allowed: `Vec<T>`.
    Repeated {
        /// `minOccurs`.
        min: u32,
        /// `maxOccurs`, `None` for unbounded.
        max: Option<u32>,
    },
}

/// One child element of a struct.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldPlan {
    /// Rust field name (snake_case, maybe `r#`-escaped or numbered).
    pub rust: String,
    /// Element local name on the wire.
    pub xml: String,
    /// The element's namespace on the wire: `Some` for a qualified element (its schema's target
    /// namespace, or a referenced global element's), `None` for an unqualified one.
    pub namespace: Option<NamespaceRef>,
    /// Occurrence.
    pub occurs: Occurs,
    /// `nillable="true"`.
    pub nillable: bool,
    /// Value type.
    pub value: ValueKind,
    /// The value is boxed (`Box<T>`): the field closes a cycle of non-repeated fields, so the
    /// type would otherwise have infinite size.
    pub boxed: bool,
    /// Place in the content model's order: in valid content, children never appear after a
    /// child of higher rank. Members of a choice, an `xs:all` or a repeated group (whose order
    /// the schema does not fix) share one rank.
    pub rank: u32,
    /// The `xs:choice`s (at most once) this element is a member of: (choice id, branch index).
    /// Strict decoding rejects elements from two branches of one choice.
    pub choices: Vec<(u32, u32)>,
    /// Doc comment lines.
    pub doc: Vec<String>,
}

/// A namespace as the generated code refers to it: its name and the `types.rs` constant that
/// holds it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct NamespaceRef {
    /// The namespace name (a URI).
    pub uri: String,
    /// The constant in `types.rs`: `TARGET_NAMESPACE`, or `NAMESPACE_1`, `NAMESPACE_2`, … for
    /// the other namespaces in the order the plan first needed them.
    pub constant: String,
}

/// Which namespace an attribute is in, as it is written on the wire.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AttributeNamespace {
    /// No namespace: `id="7"` (`form="unqualified"`).
    Unqualified,
    /// The target namespace: `ns1:id="7"`.
    Target,
    /// The XML namespace: `xml:lang="en"`.
    Xml,
    /// Another namespace (an attribute of an imported schema, qualified): written with the
    /// prefix the writer gives that namespace, `ns2:id="7"`.
    Other(NamespaceRef),
}

/// One attribute of a struct: a field like an element's, written in the start tag.
#[derive(Debug, Clone, PartialEq)]
pub struct AttributePlan {
    /// Rust field name (shares the struct's field namespace with the elements).
    pub rust: String,
    /// Attribute local name on the wire.
    pub xml: String,
    /// Its namespace on the wire.
    pub namespace: AttributeNamespace,
    /// `use="required"`: the field is `T`, else `Option<T>`.
    pub required: bool,
    /// `fixed=`: strict decoding rejects any other value.
    pub fixed: Option<String>,
    /// Value type.
    pub value: SimpleKind,
    /// Doc comment lines.
    pub doc: Vec<String>,
}

/// A struct for a complex type.
#[derive(Debug, Clone, PartialEq)]
pub struct StructPlan {
    /// Rust type name.
    pub rust: String,
    /// Doc comment lines.
    pub doc: Vec<String>,
    /// Child elements, in schema order (an extension's base fields first).
    pub fields: Vec<FieldPlan>,
    /// `Some` for `xs:simpleContent`: the text value type (stored in a `value` field).
    pub text: Option<SimpleKind>,
    /// The global element whose type this is, when exactly one element has it.
    pub element: Option<String>,
    /// The named schema type this struct is (its namespace and local name); `None` for an
    /// anonymous type. Strict decoding rejects an `xsi:type` naming another type.
    pub xml_type: Option<(NamespaceRef, String)>,
    /// Attributes (a base's first; a restriction's without the prohibited ones), in schema
    /// order. Strict decoding rejects any other attribute except namespace declarations and
    /// `xsi:*`, unless `any_attribute` takes it.
    pub attributes: Vec<AttributePlan>,
    /// `xs:anyAttribute`: (Rust field name, namespaces it allows). The field collects the
    /// attributes no declared one matches, kept as written (`Vec<xml::AnyAttribute>`).
    pub any_attribute: Option<(String, wsdl::NamespaceConstraint)>,
}

impl StructPlan {
    /// Whether decoding should check the children's order: the fields have more than one rank.
    pub fn ordered(&self) -> bool {
        self.fields
            .first()
            .is_some_and(|first| self.fields.iter().any(|f| f.rank != first.rank))
    }

    /// The namespace shared by all child elements (`None` when children of several namespaces
    /// are mixed, so each is checked on its own, or an `xs:any` admits other namespaces);
    /// unqualified when there are no children.
    pub fn children_form(&self) -> Option<ChildrenForm> {
        if self.fields.iter().any(|f| match &f.value {
            ValueKind::Wildcard(_) | ValueKind::Mixed(_) => true,
            ValueKind::Choice(choice) => choice.wildcard.is_some(),
            _ => false,
        }) {
            // Wildcard content may be in any namespace.
            return None;
        }
        let mut namespaces = self.fields.iter().flat_map(|f| match &f.value {
            ValueKind::Choice(choice) => choice.members.iter().map(|m| &m.namespace).collect(),
            _ => vec![&f.namespace],
        });
        let first = namespaces.next();
        match first {
            None => Some(ChildrenForm::Unqualified),
            Some(first) if namespaces.all(|ns| ns == first) => Some(match first {
                None => ChildrenForm::Unqualified,
                Some(ns) => ChildrenForm::Namespace(ns.clone()),
            }),
            Some(_) => None,
        }
    }
}

/// Where all the children of a struct are, for the reader to check in one place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChildrenForm {
    /// In no namespace.
    Unqualified,
    /// In this namespace.
    Namespace(NamespaceRef),
}

/// An enumeration simple type.
#[derive(Debug, Clone, PartialEq)]
pub struct EnumPlan {
    /// Rust type name.
    pub rust: String,
    /// Doc comment lines.
    pub doc: Vec<String>,
    /// (variant name, wire value), in schema order.
    pub variants: Vec<(String, String)>,
}

/// An abstract complex type with concrete extensions, as an enum over them.
#[derive(Debug, Clone, PartialEq)]
pub struct PolymorphicPlan {
    /// Rust type name (the base type's).
    pub rust: String,
    /// Doc comment lines.
    pub doc: Vec<String>,
    /// (variant name = struct name, `xsi:type` local name, the type's namespace), in schema
    /// order.
    pub variants: Vec<(String, String, NamespaceRef)>,
    /// The type is concrete and the first variant is the type itself: an element without
    /// `xsi:type` decodes to it, and encoding it writes no `xsi:type`.
    pub concrete_base: bool,
}

/// One generated type.
#[derive(Debug, Clone, PartialEq)]
pub enum TypeItem {
    /// A struct.
    Struct(StructPlan),
    /// An enumeration.
    Enum(EnumPlan),
    /// A polymorphic enum.
    Polymorphic(PolymorphicPlan),
}

/// Everything `types.rs` contains, plus the lookups the port emitters need.
#[derive(Debug, Clone, PartialEq)]
pub struct TypesPlan {
    /// Namespace written with the `ns1` prefix: qualified elements and `xsi:type` values.
    pub target_namespace: String,
    /// The other namespaces the generated code names, each with its constant, in constant
    /// order.
    pub namespaces: Vec<NamespaceRef>,
    /// Generated types in output order.
    pub items: Vec<TypeItem>,
    /// Global element → Rust type of its content.
    pub elements: BTreeMap<QName, ValueKind>,
    /// Global elements of simple type that a message part names (a body or header such as
    /// `<GetStandardVersionResult>1.2</GetStandardVersionResult>`) → the struct wrapping their
    /// text (`value`), which the client sends and reads as the whole element.
    pub element_wrappers: BTreeMap<QName, String>,
    /// The rpc/literal body wrappers and the Rust struct planned for each.
    pub rpc_types: Vec<(RpcWrapper, String)>,
}

/// An rpc/literal body (WS-I Basic Profile): a wrapper element named after the operation
/// (`add`, or `addResponse` for the answer) in the `soap:body/@namespace`, with one
/// unqualified child element per message part, named after the part and of its `type=`:
/// `<ns1:add><a>1</a><b>2</b></ns1:add>`. It has no schema element, so the plan makes it a
/// struct of its own.
#[derive(Debug, Clone, PartialEq)]
pub struct RpcWrapper {
    /// The wrapper element.
    pub element: QName,
    /// The message whose parts it carries.
    pub message: QName,
    /// Names of the parts in the body, in message order (all `type=` parts).
    pub parts: Vec<String>,
}

impl TypesPlan {
    /// The `types.rs` constant holding namespace `uri`, if the plan has one.
    pub fn namespace_constant(&self, uri: &str) -> Option<&str> {
        if uri == self.target_namespace {
            return Some("TARGET_NAMESPACE");
        }
        self.namespaces
            .iter()
            .find(|ns| ns.uri == uri)
            .map(|ns| ns.constant.as_str())
    }

    /// The Rust struct/enum name for a global element with complex content.
    pub fn element_type(&self, q: &QName) -> Option<&str> {
        if let Some(wrapper) = self.element_wrappers.get(q) {
            return Some(wrapper);
        }
        match self.elements.get(q)? {
            ValueKind::Complex(name) => Some(name),
            ValueKind::Simple(_)
            | ValueKind::AnyType
            | ValueKind::Wildcard(_)
            | ValueKind::Choice(_)
            | ValueKind::Mixed(_) => None,
        }
    }

    /// The Rust struct planned for an rpc/literal body wrapper.
    pub fn rpc_type(&self, wrapper: &RpcWrapper) -> Option<&str> {
        self.rpc_types
            .iter()
            .find(|(planned, _)| planned == wrapper)
            .map(|(_, rust)| rust.as_str())
    }
}

/// Builds the plan for the whole schema of `defs`, plus a struct for each rpc/literal body
/// wrapper in `rpc`. `target_namespace` is the namespace the runtime prefixes (`ns1`): the
/// body elements' namespace.
pub fn build(
    defs: &Definitions,
    target_namespace: &str,
    rpc: &[RpcWrapper],
) -> Result<TypesPlan, Error> {
    builder::Builder::new(defs, target_namespace).run(rpc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtins_map_to_runtime_types() {
        assert_eq!(Builtin::from_xsd("int"), Some(Builtin::I32));
        assert_eq!(Builtin::from_xsd("integer"), Some(Builtin::Integer));
        assert_eq!(Builtin::from_xsd("positiveInteger"), Some(Builtin::Integer));
        assert_eq!(Builtin::from_xsd("dateTime"), Some(Builtin::DateTime));
        assert_eq!(Builtin::from_xsd("anySimpleType"), Some(Builtin::String));
        assert_eq!(Builtin::from_xsd("base64Binary"), Some(Builtin::Bytes));
        assert_eq!(Builtin::from_xsd("anyType"), None);
        assert_eq!(Builtin::from_xsd("QName"), Some(Builtin::QName));
    }
}

//! The resolved WSDL 1.1 + XML Schema model.
//!
//! Everything here is already resolved: every [`QName`] names a definition that exists in
//! [`Definitions`] (or an XML Schema built-in), so consumers never see a dangling reference.
//! Collections keep document order (`Vec`) so output derived from them is deterministic.

use std::collections::BTreeMap;

/// A namespace-qualified name, resolved against the prefixes in scope where it was written.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct QName {
    /// Namespace URI; empty for "no namespace".
    pub namespace: String,
    /// Local part.
    pub local: String,
}

/// Where a definition was written: file name (as given to the resolver), 1-based line and column.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Position {
    /// The document's name as the resolver reported it (usually a file name).
    pub file: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based column.
    pub column: u32,
}

/// A whole service description: the entry document plus everything it imports.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Definitions {
    /// `targetNamespace` of the entry document.
    pub target_namespace: String,
    /// `name` attribute of `wsdl:definitions`, if any.
    pub name: Option<String>,
    /// Text of `wsdl:documentation` on `wsdl:definitions`.
    pub documentation: Option<String>,
    /// Every schema of every document, in load order.
    pub schema: Schema,
    /// `wsdl:message`s of all documents, in document order.
    pub messages: Vec<Message>,
    /// `wsdl:portType`s of all documents.
    pub port_types: Vec<PortType>,
    /// `wsdl:binding`s (SOAP 1.1, SOAP 1.2 and others, see [`Binding::protocol`]).
    pub bindings: Vec<Binding>,
    /// `wsdl:service`s.
    pub services: Vec<Service>,
    /// For each namespace URI, the first prefix declared for it (`xmlns:tt="…"`) across the
    /// loaded documents, in load order and document order. A hint for naming things per
    /// namespace (a module `tt`, `tds`, …); the default namespace (`xmlns="…"`) and the
    /// reserved `xml` prefix are not recorded. Namespaces never bound to a prefix are absent.
    pub namespace_prefixes: BTreeMap<String, String>,
}

/// All XML Schema definitions, merged over every `xs:schema` that was loaded.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Schema {
    /// Global `xs:element`s.
    pub elements: Vec<ElementDecl>,
    /// Named global `xs:complexType`s.
    pub complex_types: Vec<ComplexType>,
    /// Named global `xs:simpleType`s.
    pub simple_types: Vec<SimpleType>,
    /// Every `xs:schema` element that was loaded, in load order, with the settings its
    /// declarations inherit.
    pub documents: Vec<SchemaDocument>,
}

/// One loaded `xs:schema` element and the defaults it gives its declarations.
///
/// The effective form of each declaration is already recorded on it ([`ElementDecl::form`],
/// [`AttributeDecl::form`]); these are the schema-wide defaults, e.g. to decide how to write
/// prefixes for a namespace.
#[derive(Debug, Clone, PartialEq)]
pub struct SchemaDocument {
    /// `targetNamespace` (for a chameleon `xs:include`, the including schema's); empty for
    /// "no namespace".
    pub target_namespace: String,
    /// `elementFormDefault` (default unqualified).
    pub element_form_default: Form,
    /// `attributeFormDefault` (default unqualified).
    pub attribute_form_default: Form,
    /// Where the `xs:schema` element was written.
    pub position: Position,
}

/// How local element/attribute names are qualified (`elementFormDefault`, `form=`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Form {
    /// No namespace on the wire (XML Schema's default).
    #[default]
    Unqualified,
    /// In the schema's target namespace.
    Qualified,
}

/// The type an element, attribute or simple content refers to.
#[derive(Debug, Clone, PartialEq)]
pub enum TypeRef {
    /// An XML Schema built-in (`xs:string`, `xs:int`, …), by local name.
    ///
    /// `BuiltIn("anyType")` is the ur-type: any attributes and any content, kept as written.
    /// It is what `type="xs:anyType"` says and also what an element without a type (and
    /// without an inline type) has.
    BuiltIn(String),
    /// A named global simple or complex type.
    Named(QName),
    /// An anonymous complex type written inline.
    AnonymousComplex(Box<ComplexType>),
    /// An anonymous simple type written inline.
    AnonymousSimple(Box<SimpleType>),
    /// The anonymous type of the named global element: what a local `ref=` to a global
    /// element with an inline type has. The type itself is written once, on that element in
    /// [`Schema::elements`]; referring to it instead of copying it keeps one type per global
    /// element, and lets an element contain itself (`<xs:element ref="tns:node"/>` inside
    /// the anonymous type of `node`) without infinite expansion.
    OfElement(QName),
}

/// Upper bound of occurrence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MaxOccurs {
    /// A finite bound.
    Bounded(u32),
    /// `maxOccurs="unbounded"`.
    Unbounded,
}

/// An `xs:element` declaration, global or local (a local `ref=` is resolved into the referenced
/// global element's name and type, with `is_ref` set).
#[derive(Debug, Clone, PartialEq)]
pub struct ElementDecl {
    /// Qualified name as it appears on the wire (local elements: namespace per `form`).
    pub name: QName,
    /// The element's type. `<xs:element name="x"/>` with no type is
    /// `TypeRef::BuiltIn("anyType")` (unless it names a substitution group head: then the
    /// head's type); a `ref=` to a global element with an inline type is
    /// [`TypeRef::OfElement`].
    pub type_ref: TypeRef,
    /// `minOccurs` (default 1).
    pub min_occurs: u32,
    /// `maxOccurs` (default 1).
    pub max_occurs: MaxOccurs,
    /// `nillable="true"`.
    pub nillable: bool,
    /// `default=` value, if any.
    pub default: Option<String>,
    /// `fixed=` value, if any: the element's text must be exactly this (an empty element
    /// stands for it).
    pub fixed: Option<String>,
    /// `abstract="true"` (global elements).
    pub is_abstract: bool,
    /// `substitutionGroup=` (global elements, and references to them): the head element this
    /// one may replace on the wire wherever the head is allowed. Elements naming a head are
    /// found by scanning [`Schema::elements`].
    pub substitution_group: Option<QName>,
    /// Written as `ref=`.
    pub is_ref: bool,
    /// Effective form (qualified on the wire or not).
    pub form: Form,
    /// Text of `xs:annotation/xs:documentation`.
    pub documentation: Option<String>,
    /// Where it was written.
    pub position: Position,
}

/// A model group: `xs:sequence`, `xs:all` or `xs:choice`, with its particles.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelGroup {
    /// Which compositor.
    pub kind: GroupKind,
    /// `minOccurs` of the group.
    pub min_occurs: u32,
    /// `maxOccurs` of the group.
    pub max_occurs: MaxOccurs,
    /// The particles, in document order.
    pub particles: Vec<Particle>,
    /// Where the compositor was written (for an expanded `xs:group ref=`, the reference).
    pub position: Position,
}

/// The compositor of a [`ModelGroup`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupKind {
    /// `xs:sequence`.
    Sequence,
    /// `xs:all`.
    All,
    /// `xs:choice`.
    Choice,
}

/// One member of a model group.
#[derive(Debug, Clone, PartialEq)]
pub enum Particle {
    /// An element declaration (local, or a resolved `ref=`).
    Element(ElementDecl),
    /// A nested group.
    Group(ModelGroup),
    /// `xs:any` wildcard: elements matched by namespace, kept as raw XML on the wire.
    Any {
        /// `minOccurs`.
        min_occurs: u32,
        /// `maxOccurs`.
        max_occurs: MaxOccurs,
        /// Which namespaces the matched elements may be in (`namespace=`, default `##any`).
        namespace: NamespaceConstraint,
        /// How matched elements are validated (`processContents=`, default strict).
        process_contents: ProcessContents,
        /// Where the `xs:any` was written.
        position: Position,
    },
}

/// The `namespace=` of `xs:any` / `xs:anyAttribute`, with the special tokens resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NamespaceConstraint {
    /// `##any`: any namespace, or none.
    Any,
    /// `##other`: any namespace except the schema's target namespace (carried here) and
    /// except "no namespace".
    Other(String),
    /// A list of namespace URIs; `##targetNamespace` is resolved to the schema's target
    /// namespace and `##local` to the empty string ("no namespace"). Document order.
    List(Vec<String>),
}

/// The `processContents=` of a wildcard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ProcessContents {
    /// `strict` (the default): a declaration must exist and the content must be valid.
    #[default]
    Strict,
    /// `lax`: validate what has a declaration, accept the rest.
    Lax,
    /// `skip`: any well-formed XML.
    Skip,
}

/// An `xs:anyAttribute` wildcard: attributes matched by namespace, kept as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wildcard {
    /// Which namespaces the attributes may be in.
    pub namespace: NamespaceConstraint,
    /// How matched attributes are validated.
    pub process_contents: ProcessContents,
    /// Where the `xs:anyAttribute` was written.
    pub position: Position,
}

/// An `xs:attribute` (resolved `ref=` included). `use="prohibited"` declarations are not
/// listed: see [`ComplexType::prohibited_attributes`].
#[derive(Debug, Clone, PartialEq)]
pub struct AttributeDecl {
    /// Qualified name as on the wire: in the target namespace when [`Self::form`] is
    /// qualified, in no namespace otherwise.
    pub name: QName,
    /// Effective form: `form=`, else the schema's `attributeFormDefault`; global attributes
    /// (and so every `ref=`) are always qualified. A qualified attribute needs a prefix on the
    /// wire (`tt:lang="…"`); the default namespace never applies to attributes.
    pub form: Form,
    /// The attribute's simple type; `None` when no type is given (`xs:anySimpleType`).
    pub type_ref: Option<TypeRef>,
    /// `use="required"`.
    pub required: bool,
    /// `default=` value (the reference's own, else the global declaration's).
    pub default: Option<String>,
    /// `fixed=` value (the reference's own, else the global declaration's): when present the
    /// attribute may only carry this value; when absent from the wire it has this value.
    pub fixed: Option<String>,
    /// Text of `xs:annotation/xs:documentation` (a reference's own, else the global
    /// declaration's).
    pub documentation: Option<String>,
    /// Where it was written.
    pub position: Position,
}

/// What a complex type contains.
#[derive(Debug, Clone, PartialEq)]
pub enum Content {
    /// No children (e.g. `<xs:complexType name="LeadSelector" abstract="true"/>`).
    Empty,
    /// Element-only content described by a model group.
    Group(ModelGroup),
    /// `xs:simpleContent`: text of the given simple type, plus attributes. When the type
    /// derives from a complex type with simple content, this names that complex type (look
    /// at its content for the text type); a restriction with facets is an anonymous simple
    /// type over the base, and one that restates its text type inline (`xs:simpleType` in
    /// the `xs:restriction`) has that type (restricted by the facets, if any) instead.
    Simple(TypeRef),
}

/// How a complex type derives from another (`xs:complexContent` / `xs:simpleContent`).
///
/// A `complexContent` derivation from `xs:anyType` is recorded as no derivation at all
/// ([`ComplexType::derivation`] is `None`), so `xs:anyType` never has to be looked up as a
/// base. A restriction of the ur-type is exactly what a plain complex type is. An extension
/// inherits the ur-type's content, which is written out on the type instead: it becomes
/// `mixed`, its content a sequence of `xs:any` (`##any`, lax, `0..unbounded`, positioned at
/// the `xs:extension`) followed by its own particles, and its
/// [`ComplexType::any_attribute`] is `##any`.
#[derive(Debug, Clone, PartialEq)]
pub enum Derivation {
    /// `xs:extension base=…`: the base's content followed by this type's own.
    Extension(QName),
    /// `xs:restriction base=…`.
    Restriction(QName),
}

/// An `xs:complexType`, named or anonymous.
#[derive(Debug, Clone, PartialEq)]
pub struct ComplexType {
    /// Name for global types; `None` for anonymous ones.
    pub name: Option<QName>,
    /// `abstract="true"`.
    pub is_abstract: bool,
    /// `mixed="true"`.
    pub mixed: bool,
    /// Base type, when derived.
    pub derivation: Option<Derivation>,
    /// This type's own content (for an extension: only what the extension adds).
    pub content: Content,
    /// This type's own attributes (`xs:attributeGroup` references expanded in place, in
    /// document order), including those of a `simpleContent`/`complexContent` derivation.
    pub attributes: Vec<AttributeDecl>,
    /// Names of attributes a restriction removes from its base (`use="prohibited"`). Outside a
    /// restriction a prohibited attribute means nothing and is dropped.
    pub prohibited_attributes: Vec<QName>,
    /// The `xs:anyAttribute` wildcard: the type's own if it has one, else the first one
    /// found in its attribute groups.
    pub any_attribute: Option<Wildcard>,
    /// Text of `xs:annotation/xs:documentation`.
    pub documentation: Option<String>,
    /// Where it was written.
    pub position: Position,
}

/// An `xs:simpleType`, named or anonymous.
#[derive(Debug, Clone, PartialEq)]
pub struct SimpleType {
    /// Name for global types; `None` for anonymous ones.
    pub name: Option<QName>,
    /// The variety and its details.
    pub variety: SimpleVariety,
    /// Text of `xs:annotation/xs:documentation`.
    pub documentation: Option<String>,
    /// Where it was written.
    pub position: Position,
}

/// The three varieties of simple type.
#[derive(Debug, Clone, PartialEq)]
#[allow(clippy::large_enum_variant)] // few values exist; plain fields keep matching simple
pub enum SimpleVariety {
    /// `xs:restriction base=…` with facets.
    Restriction {
        /// The base type.
        base: TypeRef,
        /// Facets, in document order.
        facets: Facets,
    },
    /// `xs:list itemType=…`.
    List(TypeRef),
    /// `xs:union memberTypes=…` and inline members.
    Union(Vec<TypeRef>),
}

/// Restriction facets.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Facets {
    /// `xs:enumeration` values, in document order.
    pub enumeration: Vec<String>,
    /// `xs:pattern` values.
    pub patterns: Vec<String>,
    /// `xs:length`.
    pub length: Option<u64>,
    /// `xs:minLength`.
    pub min_length: Option<u64>,
    /// `xs:maxLength`.
    pub max_length: Option<u64>,
    /// `xs:minInclusive`.
    pub min_inclusive: Option<String>,
    /// `xs:maxInclusive`.
    pub max_inclusive: Option<String>,
    /// `xs:minExclusive`.
    pub min_exclusive: Option<String>,
    /// `xs:maxExclusive`.
    pub max_exclusive: Option<String>,
    /// `xs:totalDigits`.
    pub total_digits: Option<u64>,
    /// `xs:fractionDigits`.
    pub fraction_digits: Option<u64>,
    /// `xs:whiteSpace`.
    pub white_space: Option<String>,
}

/// A `wsdl:message`.
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    /// Qualified name (in the defining document's target namespace).
    pub name: QName,
    /// Parts in document order.
    pub parts: Vec<Part>,
    /// Where it was written.
    pub position: Position,
}

/// A `wsdl:part`: either `element=` (document style) or `type=` (rpc style).
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    /// The part's name.
    pub name: String,
    /// What the part refers to.
    pub kind: PartKind,
    /// Where it was written.
    pub position: Position,
}

/// What a message part refers to.
#[derive(Debug, Clone, PartialEq)]
pub enum PartKind {
    /// `element="tns:paramsGetLead"` — a global element.
    Element(QName),
    /// `type="xs:string"` — a type (rpc style).
    Type(TypeRef),
}

/// A `wsdl:portType`.
#[derive(Debug, Clone, PartialEq)]
pub struct PortType {
    /// Qualified name.
    pub name: QName,
    /// Operations in document order.
    pub operations: Vec<Operation>,
}

/// An abstract operation of a port type.
#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    /// Operation name (`requestCampaign`).
    pub name: String,
    /// Text of `wsdl:documentation`.
    pub documentation: Option<String>,
    /// Input message, if any.
    pub input: Option<QName>,
    /// Output message, if any.
    pub output: Option<QName>,
    /// The output is written before the input: a solicit-response operation (or, without an
    /// input, a notification), where the service sends first. WSDL tells the transmission
    /// primitives apart only by this order.
    pub output_first: bool,
    /// Fault messages: (fault name, message).
    pub faults: Vec<(String, QName)>,
    /// Where it was written.
    pub position: Position,
}

/// The protocol a binding speaks, detected from its extension element's namespace URI.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BindingProtocol {
    /// `http://schemas.xmlsoap.org/wsdl/soap/`.
    Soap11,
    /// `http://schemas.xmlsoap.org/wsdl/soap12/`.
    Soap12,
    /// `http://schemas.xmlsoap.org/wsdl/http/` or anything else: kept but not interpreted.
    Other,
}

/// SOAP binding style.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Style {
    /// `document` (the WSDL 1.1 default when `style` is absent).
    #[default]
    Document,
    /// `rpc`.
    Rpc,
}

/// SOAP body/header `use`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Use {
    /// `literal`.
    #[default]
    Literal,
    /// `encoded`.
    Encoded,
}

/// A `wsdl:binding`.
#[derive(Debug, Clone, PartialEq)]
pub struct Binding {
    /// Qualified name.
    pub name: QName,
    /// The port type it binds.
    pub port_type: QName,
    /// SOAP 1.1, SOAP 1.2 or other.
    pub protocol: BindingProtocol,
    /// Default style of the binding (`soap:binding/@style`, default document).
    pub style: Style,
    /// `soap:binding/@transport`.
    pub transport: Option<String>,
    /// Per-operation binding details, in document order.
    pub operations: Vec<BindingOperation>,
    /// Where it was written.
    pub position: Position,
}

/// How one operation is put on the wire.
#[derive(Debug, Clone, PartialEq)]
pub struct BindingOperation {
    /// Operation name (matches [`Operation::name`]).
    pub name: String,
    /// `soap:operation/@soapAction`, if given.
    pub soap_action: Option<String>,
    /// Effective style (operation's own, else the binding's).
    pub style: Style,
    /// Input body and headers.
    pub input: Option<BindingMessage>,
    /// Output body and headers.
    pub output: Option<BindingMessage>,
    /// Where it was written.
    pub position: Position,
}

/// `wsdl:input` / `wsdl:output` of a binding operation.
#[derive(Debug, Clone, PartialEq)]
pub struct BindingMessage {
    /// `soap:body/@use`.
    pub body_use: Use,
    /// `soap:body/@parts`, if restricted.
    pub body_parts: Option<Vec<String>>,
    /// `soap:body/@namespace` (rpc style).
    pub body_namespace: Option<String>,
    /// `soap:header` references, in document order.
    pub headers: Vec<HeaderRef>,
    /// Where the binding's `wsdl:input` / `wsdl:output` was written.
    pub position: Position,
}

/// A `soap:header` reference: a part of some message, carried in the SOAP header.
#[derive(Debug, Clone, PartialEq)]
pub struct HeaderRef {
    /// The message that holds the part.
    pub message: QName,
    /// The part's name.
    pub part: String,
    /// `use`.
    pub header_use: Use,
    /// Where the `soap:header` was written.
    pub position: Position,
}

/// A `wsdl:service`.
#[derive(Debug, Clone, PartialEq)]
pub struct Service {
    /// Qualified name.
    pub name: QName,
    /// Ports in document order.
    pub ports: Vec<Port>,
}

/// A `wsdl:port`.
#[derive(Debug, Clone, PartialEq)]
pub struct Port {
    /// Port name.
    pub name: String,
    /// The binding it uses.
    pub binding: QName,
    /// `soap:address/@location` (or soap12/http address).
    pub address: Option<String>,
}

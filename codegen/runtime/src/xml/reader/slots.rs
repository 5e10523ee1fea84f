//! One call per child element in generated decoders: read the child's value and store it in
//! the decoder's slot for that element, once for a single-valued element (a second
//! occurrence is a "duplicate element" error), pushed for a repeated one.
//!
//! They do exactly what the read helpers of `fields.rs` followed by `set_once` or `push` do;
//! the point is the generated code. A decoder arm that is one call with the slot as argument
//! gives the compiler one generic call to check per field, with its type known from the slot,
//! instead of a read whose type is inferred from a later store. On a schema of thousands of
//! types that is most of what type-checking the generated crate costs.

use super::{ElementStart, XmlReader};
use crate::xml::error::DecodeError;
use crate::xml::{Form, Nillable, SimpleValue, XmlDecode};

impl<'a> XmlReader<'a> {
    /// The content of an element `start` whose type has no attributes and one child element,
    /// `name`: each `name` child (read with `form`, like [`XmlReader::next_child`]) goes to
    /// `store` (one of the `_into` or `_push` helpers below) and any other is
    /// [`XmlReader::unknown`]; the filled slot is returned.
    ///
    /// It is the loop a generated decoder writes for a type with several children, written
    /// once: most of a large WSDL's types are operation wrappers and `ArrayOf…` lists with one
    /// child, and the compiler then checks one call per type instead of a loop.
    #[inline]
    pub fn only_child<S: Default>(
        &mut self,
        start: &ElementStart<'_>,
        form: Form,
        name: &str,
        mut store: impl FnMut(&mut Self, &mut S, &ElementStart<'a>) -> Result<(), DecodeError>,
    ) -> Result<S, DecodeError> {
        self.check_no_attributes(start)?;
        let mut slot = S::default();
        while let Some(child) = self.next_child(form)? {
            if child.local_name() == name {
                store(self, &mut slot, &child)?;
            } else {
                self.unknown(&child)?;
            }
        }
        Ok(slot)
    }

    /// A child at position `rank` of its parent's content model, checked for order
    /// ([`XmlReader::check_order`]), then read into its slot by `store` (one of the `_into`
    /// or `_push` helpers below).
    ///
    /// It is a generated decoder's match arm in one call: one early return in each arm for
    /// the compiler to check, not two. Always inlined, so the decoder's machine code is what
    /// it is with the two calls written out.
    #[inline(always)]
    pub fn ordered<S>(
        &mut self,
        last: &mut u32,
        rank: u32,
        names: &'static [&'static [&'static str]],
        slot: &mut S,
        start: &ElementStart<'a>,
        store: impl FnOnce(&mut Self, &mut S, &ElementStart<'a>) -> Result<(), DecodeError>,
    ) -> Result<(), DecodeError> {
        self.check_order(last, rank, start, names)?;
        store(self, slot, start)
    }

    /// A single-valued text-only child into its slot (see [`XmlReader::simple`]).
    #[inline]
    pub fn simple_into<T: SimpleValue>(
        &mut self,
        slot: &mut Option<T>,
        start: &ElementStart<'a>,
    ) -> Result<(), DecodeError> {
        let value = self.simple(start)?;
        self.set_once(slot, start, value)
    }

    /// A single-valued complex child into its slot (see [`XmlReader::complex`]).
    #[inline]
    pub fn complex_into<T: XmlDecode>(
        &mut self,
        slot: &mut Option<T>,
        start: &ElementStart<'a>,
    ) -> Result<(), DecodeError> {
        let value = self.complex(start)?;
        self.set_once(slot, start, value)
    }

    /// A single-valued nillable text-only child into its slot (see
    /// [`XmlReader::simple_nillable`]).
    #[inline]
    pub fn simple_nillable_into<T: SimpleValue>(
        &mut self,
        slot: &mut Option<Nillable<T>>,
        start: &ElementStart<'a>,
    ) -> Result<(), DecodeError> {
        let value = self.simple_nillable(start)?;
        self.set_once(slot, start, value)
    }

    /// A single-valued nillable complex child into its slot (see
    /// [`XmlReader::complex_nillable`]).
    #[inline]
    pub fn complex_nillable_into<T: XmlDecode>(
        &mut self,
        slot: &mut Option<Nillable<T>>,
        start: &ElementStart<'a>,
    ) -> Result<(), DecodeError> {
        let value = self.complex_nillable(start)?;
        self.set_once(slot, start, value)
    }

    /// One item of a repeated text-only element, appended (see [`XmlReader::simple_item`]).
    #[inline]
    pub fn simple_push<T: SimpleValue>(
        &mut self,
        items: &mut Vec<T>,
        start: &ElementStart<'a>,
    ) -> Result<(), DecodeError> {
        let value = self.simple_item(start, items.len() + 1)?;
        items.push(value);
        Ok(())
    }

    /// One item of a repeated complex element, appended (see [`XmlReader::complex_item`]).
    #[inline]
    pub fn complex_push<T: XmlDecode>(
        &mut self,
        items: &mut Vec<T>,
        start: &ElementStart<'a>,
    ) -> Result<(), DecodeError> {
        let value = self.complex_item(start, items.len() + 1)?;
        items.push(value);
        Ok(())
    }

    /// One item of a repeated nillable text-only element, appended (see
    /// [`XmlReader::simple_nillable_item`]).
    #[inline]
    pub fn simple_nillable_push<T: SimpleValue>(
        &mut self,
        items: &mut Vec<Nillable<T>>,
        start: &ElementStart<'a>,
    ) -> Result<(), DecodeError> {
        let value = self.simple_nillable_item(start, items.len() + 1)?;
        items.push(value);
        Ok(())
    }

    /// One item of a repeated nillable complex element, appended (see
    /// [`XmlReader::complex_nillable_item`]).
    #[inline]
    pub fn complex_nillable_push<T: XmlDecode>(
        &mut self,
        items: &mut Vec<Nillable<T>>,
        start: &ElementStart<'a>,
    ) -> Result<(), DecodeError> {
        let value = self.complex_nillable_item(start, items.len() + 1)?;
        items.push(value);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::xml::error::DecodeErrorKind;
    use crate::xml::{DecodeOptions, Form, Nillable, XmlReader};

    /// `only_child` (unqualified children named `v`) over the root of `doc`.
    macro_rules! only_child_of {
        ($doc:expr, $options:expr, $store:expr) => {{
            let mut r = XmlReader::new($doc, $options);
            let root = r.root_element().unwrap();
            r.only_child(&root, Form::Unqualified, "v", $store)
        }};
    }

    #[test]
    fn only_child_fills_the_slot_and_treats_anything_else_as_unknown() {
        let strict = DecodeOptions::strict;
        let items: Vec<i32> = only_child_of!(
            "<root><v>1</v> <v>2</v></root>",
            strict(),
            XmlReader::simple_push
        )
        .unwrap();
        assert_eq!(items, [1, 2]);
        let none: Option<i32> =
            only_child_of!("<root/>", strict(), XmlReader::simple_into::<i32>).unwrap();
        assert_eq!(none, None);
        let nil: Option<Nillable<i32>> = only_child_of!(
            r#"<root xmlns:i="http://www.w3.org/2001/XMLSchema-instance"><v i:nil="true"/></root>"#,
            strict(),
            XmlReader::simple_nillable_into
        )
        .unwrap();
        assert_eq!(nil, Some(Nillable::Nil));
        // Strict: another element, a second single value, an attribute, a wrong namespace.
        let other: Result<Option<i32>, _> = only_child_of!(
            "<root><w>1</w></root>",
            strict(),
            XmlReader::simple_into::<i32>
        );
        let other = other.unwrap_err();
        assert_eq!(other.kind(), &DecodeErrorKind::UnknownElement);
        let twice = only_child_of!(
            "<root><v>1</v><v>2</v></root>",
            strict(),
            XmlReader::simple_into::<i32>
        )
        .unwrap_err();
        assert_eq!(twice.kind(), &DecodeErrorKind::Duplicate);
        let attribute = only_child_of!(
            r#"<root a="1"><v>1</v></root>"#,
            strict(),
            XmlReader::simple_into::<i32>
        )
        .unwrap_err();
        assert!(matches!(
            attribute.kind(),
            DecodeErrorKind::UnexpectedAttribute(_)
        ));
        let namespace = only_child_of!(
            r#"<root xmlns="urn:x"><v>1</v></root>"#,
            strict(),
            XmlReader::simple_into::<i32>
        )
        .unwrap_err();
        assert!(matches!(
            namespace.kind(),
            DecodeErrorKind::WrongNamespace { .. }
        ));
        // Lenient: the unknown element is skipped.
        let lenient: Option<i32> = only_child_of!(
            "<root><w><x/></w><v>3</v></root>",
            DecodeOptions::default(),
            XmlReader::simple_into::<i32>
        )
        .unwrap();
        assert_eq!(lenient, Some(3));
    }

    /// `<root>` of `doc` read the way a generated decoder reads `a` (rank 0, one value) and
    /// `b` (rank 1, repeated) with `ordered`.
    fn ordered_a_b(
        doc: &str,
        options: DecodeOptions,
    ) -> Result<(Option<i32>, Vec<i32>), crate::xml::DecodeError> {
        const ORDER: &[&[&str]] = &[&["a"], &["b"]];
        let mut r = XmlReader::new(doc, options);
        r.root_element()?;
        let (mut a, mut b, mut order) = (None, Vec::new(), 0);
        while let Some(child) = r.next_child(Form::Unqualified)? {
            match child.local_name() {
                "a" => r.ordered(&mut order, 0, ORDER, &mut a, &child, XmlReader::simple_into)?,
                "b" => r.ordered(&mut order, 1, ORDER, &mut b, &child, XmlReader::simple_push)?,
                _ => r.unknown(&child)?,
            }
        }
        Ok((a, b))
    }

    #[test]
    fn ordered_checks_the_rank_then_stores_the_child() {
        let strict = DecodeOptions::strict;
        let read = ordered_a_b("<root><a>1</a><b>2</b><b>3</b></root>", strict()).unwrap();
        assert_eq!(read, (Some(1), vec![2, 3]));
        let late = ordered_a_b("<root><b>2</b><a>1</a></root>", strict()).unwrap_err();
        assert_eq!(
            late.kind(),
            &DecodeErrorKind::OutOfOrder {
                element: "a".to_owned(),
                before: &["b"],
            }
        );
        // The store's own error comes through: a second single value, a bad number.
        let twice = ordered_a_b("<root><a>1</a><a>2</a></root>", strict()).unwrap_err();
        assert_eq!(twice.kind(), &DecodeErrorKind::Duplicate);
        let bad = ordered_a_b("<root><b>x</b></root>", strict()).unwrap_err();
        assert!(
            matches!(bad.kind(), DecodeErrorKind::InvalidValue { .. }),
            "{bad:?}"
        );
        // Lenient decoding takes any order.
        let lenient = ordered_a_b("<root><b>2</b><a>1</a></root>", DecodeOptions::default());
        assert_eq!(lenient.unwrap(), (Some(1), vec![2]));
    }

    #[test]
    fn single_slots_take_one_value_and_repeated_ones_collect_items() {
        let doc = r#"<root xmlns:i="http://www.w3.org/2001/XMLSchema-instance"><n>7</n><s>a</s><s>b</s><m i:nil="true"/><k>x</k><k i:nil="true"/></root>"#;
        let mut r = XmlReader::new(doc, DecodeOptions::strict());
        let _root = r.root_element().unwrap();
        let mut number: Option<i32> = None;
        let mut items: Vec<String> = Vec::new();
        let mut maybe: Option<Nillable<i32>> = None;
        let mut nillable_items: Vec<Nillable<String>> = Vec::new();
        while let Some(child) = r.next_element().unwrap() {
            match child.local_name() {
                "n" => r.simple_into(&mut number, &child).unwrap(),
                "s" => r.simple_push(&mut items, &child).unwrap(),
                "m" => r.simple_nillable_into(&mut maybe, &child).unwrap(),
                _ => r.simple_nillable_push(&mut nillable_items, &child).unwrap(),
            }
        }
        r.finish().unwrap();
        assert_eq!(number, Some(7));
        assert_eq!(items, ["a", "b"]);
        assert_eq!(maybe, Some(Nillable::Nil));
        assert_eq!(
            nillable_items,
            [Nillable::Value("x".to_owned()), Nillable::Nil]
        );
    }

    #[test]
    fn a_second_occurrence_of_a_single_element_is_a_duplicate_named_in_the_path() {
        let doc = "<root><n>1</n><n>2</n></root>";
        let mut r = XmlReader::new(doc, DecodeOptions::strict());
        let _root = r.root_element().unwrap();
        let mut number: Option<i32> = None;
        let first = r.next_element().unwrap().unwrap();
        r.simple_into(&mut number, &first).unwrap();
        let second = r.next_element().unwrap().unwrap();
        let error = r.simple_into(&mut number, &second).unwrap_err();
        assert_eq!(error.kind(), &DecodeErrorKind::Duplicate);
        assert_eq!(error.path(), "n");
        assert_eq!(number, Some(1), "the first value stays");
    }

    #[test]
    fn a_bad_item_is_reported_with_its_one_based_index() {
        let doc = "<root><v>1</v><v>x</v></root>";
        let mut r = XmlReader::new(doc, DecodeOptions::strict());
        let _root = r.root_element().unwrap();
        let mut values: Vec<i32> = Vec::new();
        let first = r.next_element().unwrap().unwrap();
        r.simple_push(&mut values, &first).unwrap();
        let second = r.next_element().unwrap().unwrap();
        let error = r.simple_push(&mut values, &second).unwrap_err();
        assert_eq!(error.path(), "v[2]");
        assert_eq!(values, [1]);
    }
}

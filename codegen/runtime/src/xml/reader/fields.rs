//! Typed helpers generated decoders call for each child: text values, complex values, nil,
//! repeated items, single-occurrence and required checks. Each wraps errors with the child's
//! name (and index) so the element path is built on the way out.

use std::borrow::Cow;

use super::{ElementStart, XmlReader, expanded};
use crate::xml::error::{DecodeError, DecodeErrorKind};
use crate::xml::{Nillable, SimpleValue, XmlDecode};

impl<'a> XmlReader<'a> {
    #[inline]
    fn parse_simple<T: SimpleValue>(&mut self, start: &ElementStart<'a>) -> Result<T, DecodeError> {
        let text = match self.text()? {
            Cow::Borrowed(text) => text,
            Cow::Owned(text) => {
                return match T::from_owned_text(text) {
                    Ok(value) => Ok(value),
                    Err(text) => T::parse_text(&text)
                        .map_err(|e| DecodeError::invalid_value(e, &text, Some(start.position()))),
                };
            }
        };
        T::parse_text(text).map_err(|e| DecodeError::invalid_value(e, text, Some(start.position())))
    }

    #[cold]
    fn nil_not_allowed(start: &ElementStart<'a>) -> DecodeError {
        DecodeError::new(DecodeErrorKind::NilNotAllowed, Some(start.position()))
    }

    /// Strict mode: an error naming the first attribute of `start` that is neither a namespace
    /// declaration nor `xsi:*`. Called by decoders of types that declare no attributes (the
    /// text-value helpers check it themselves); free for elements without attributes.
    #[inline]
    pub fn check_no_attributes(&self, start: &ElementStart<'a>) -> Result<(), DecodeError> {
        match start.other_attribute() {
            Some(name) if self.options.strict => Err(DecodeError::new(
                DecodeErrorKind::UnexpectedAttribute(name.to_owned()),
                Some(start.position()),
            )),
            _ => Ok(()),
        }
    }

    /// A text-only child; errors name the child in the path.
    #[inline]
    pub fn simple<T: SimpleValue>(&mut self, start: &ElementStart<'a>) -> Result<T, DecodeError> {
        self.check_no_attributes(start)
            .map_err(|e| e.within(start.local_name()))?;
        if start.is_nil() {
            return Err(Self::nil_not_allowed(start).within(start.local_name()));
        }
        self.parse_simple(start)
            .map_err(|e| e.within(start.local_name()))
    }

    /// A nillable text-only child: `xsi:nil="true"` gives [`Nillable::Nil`].
    #[inline]
    pub fn simple_nillable<T: SimpleValue>(
        &mut self,
        start: &ElementStart<'a>,
    ) -> Result<Nillable<T>, DecodeError> {
        self.check_no_attributes(start)
            .map_err(|e| e.within(start.local_name()))?;
        if start.is_nil() {
            self.nil_element(start, false)
                .map_err(|e| e.within(start.local_name()))?;
            return Ok(Nillable::Nil);
        }
        self.parse_simple(start)
            .map(Nillable::Value)
            .map_err(|e| e.within(start.local_name()))
    }

    /// Decodes a complex value of a type with no derived types. Strict mode: an `xsi:type` must
    /// name that very type ([`XmlDecode::TYPE_NAME`]); another type's name is an error, not
    /// ignored (its content would be read as the declared type's).
    #[inline]
    fn decode_declared<T: XmlDecode>(
        &mut self,
        start: &ElementStart<'a>,
    ) -> Result<T, DecodeError> {
        if let Some(declared) = T::TYPE_NAME
            && self.options.strict
            && let Some((ns, local)) = start.xsi_type()
            && (local != declared.local || ns.unwrap_or("") != declared.ns)
        {
            return Err(Self::undeclared_xsi_type(start, declared));
        }
        T::decode(self, start)
    }

    #[cold]
    fn undeclared_xsi_type(start: &ElementStart<'_>, declared: crate::xml::Name) -> DecodeError {
        let expanded = |ns: &str, local: &str| {
            if ns.is_empty() {
                local.to_owned()
            } else {
                format!("{{{ns}}}{local}")
            }
        };
        let found = start
            .xsi_type()
            .map(|(ns, local)| expanded(ns.unwrap_or(""), local))
            .unwrap_or_default();
        DecodeError::new(
            DecodeErrorKind::UndeclaredXsiType {
                found,
                declared: expanded(declared.ns, declared.local),
            },
            Some(start.position()),
        )
    }

    /// A complex child; error if it has `xsi:nil="true"`; errors name the child in the path.
    #[inline]
    pub fn complex<T: XmlDecode>(&mut self, start: &ElementStart<'a>) -> Result<T, DecodeError> {
        if start.is_nil() {
            return Err(Self::nil_not_allowed(start).within(start.local_name()));
        }
        self.decode_declared::<T>(start)
            .map_err(|e| e.within(start.local_name()))
    }

    /// A nillable complex child: `xsi:nil="true"` gives [`Nillable::Nil`].
    #[inline]
    pub fn complex_nillable<T: XmlDecode>(
        &mut self,
        start: &ElementStart<'a>,
    ) -> Result<Nillable<T>, DecodeError> {
        if start.is_nil()
            && self
                .nil_element(start, true)
                .map_err(|e| e.within(start.local_name()))?
        {
            return Ok(Nillable::Nil);
        }
        self.decode_declared::<T>(start)
            .map(Nillable::Value)
            .map_err(|e| e.within(start.local_name()))
    }

    /// Error for a polymorphic element without `xsi:type` (for generated decoders).
    #[cold]
    pub fn missing_xsi_type(&self, start: &ElementStart<'_>) -> DecodeError {
        DecodeError::new(DecodeErrorKind::MissingXsiType, Some(start.position()))
    }

    /// Error for a polymorphic element whose `xsi:type` names no known subtype.
    #[cold]
    pub fn unknown_xsi_type(&self, start: &ElementStart<'_>) -> DecodeError {
        let name = match start.xsi_type() {
            Some((Some(ns), local)) => expanded(Some(ns), local),
            Some((None, local)) => local.to_owned(),
            None => String::new(),
        };
        DecodeError::new(
            DecodeErrorKind::UnknownXsiType(name),
            Some(start.position()),
        )
    }

    /// Stores into a single-valued slot; a second occurrence is an error ("duplicate element").
    #[inline]
    pub fn set_once<T>(
        &self,
        slot: &mut Option<T>,
        start: &ElementStart<'a>,
        value: T,
    ) -> Result<(), DecodeError> {
        if slot.is_some() {
            return Err(
                DecodeError::new(DecodeErrorKind::Duplicate, Some(start.position()))
                    .within(start.local_name()),
            );
        }
        *slot = Some(value);
        Ok(())
    }

    /// Strict mode: the child `start`, at position `rank` of its parent's content model, must
    /// not come after a child of higher rank. `last` is the decoder's running rank (start at 0);
    /// `names` lists the element names of each rank, for the error message. One comparison per
    /// child; lenient decoding accepts any order.
    #[inline]
    pub fn check_order(
        &self,
        last: &mut u32,
        rank: u32,
        start: &ElementStart<'a>,
        names: &'static [&'static [&'static str]],
    ) -> Result<(), DecodeError> {
        if rank < *last && self.options.strict {
            return Err(Self::out_of_order(start, names, *last));
        }
        *last = rank;
        Ok(())
    }

    #[cold]
    fn out_of_order(
        start: &ElementStart<'a>,
        names: &'static [&'static [&'static str]],
        last: u32,
    ) -> DecodeError {
        let before = usize::try_from(last)
            .ok()
            .and_then(|i| names.get(i))
            .copied()
            .unwrap_or_default();
        DecodeError::new(
            DecodeErrorKind::OutOfOrder {
                element: start.local_name().to_owned(),
                before,
            },
            Some(start.position()),
        )
        .within(start.local_name())
    }

    /// Required field check at the end of a struct: an error naming `name` when `None`.
    #[inline]
    pub fn require<T>(&self, slot: Option<T>, name: &'static str) -> Result<T, DecodeError> {
        match slot {
            Some(v) => Ok(v),
            None => Err(self.error_here(DecodeErrorKind::Missing(name))),
        }
    }

    /// Charges one decoded item of type `T` (its size) to the decoded-size budget (see
    /// [`DecodeOptions::max_decoded_bytes`](crate::xml::DecodeOptions::max_decoded_bytes));
    /// an error once the budget is spent. The item helpers call it; hand-written decoders that
    /// collect repeated elements call it per element.
    #[inline]
    pub fn charge_item<T>(&mut self, start: &ElementStart<'a>) -> Result<(), DecodeError> {
        let cost = u64::try_from(std::mem::size_of::<T>().max(1)).unwrap_or(u64::MAX);
        match self.decoded_budget_left.checked_sub(cost) {
            Some(left) => {
                self.decoded_budget_left = left;
                Ok(())
            }
            None => Err(self.decoded_too_large(start)),
        }
    }

    #[cold]
    fn decoded_too_large(&self, start: &ElementStart<'a>) -> DecodeError {
        DecodeError::new(
            DecodeErrorKind::DecodedTooLarge {
                limit: self.options.decoded_bytes_budget(),
            },
            Some(start.position()),
        )
    }

    /// A complex item of a repeated element: errors get `name[index]` (1-based) in the path.
    /// Charged to the decoded-size budget.
    #[inline]
    pub fn complex_item<T: XmlDecode>(
        &mut self,
        start: &ElementStart<'a>,
        index: usize,
    ) -> Result<T, DecodeError> {
        self.charge_item::<T>(start)
            .map_err(|e| e.within_item(start.local_name(), index))?;
        if start.is_nil() {
            return Err(Self::nil_not_allowed(start).within_item(start.local_name(), index));
        }
        self.decode_declared::<T>(start)
            .map_err(|e| e.within_item(start.local_name(), index))
    }

    /// A text-only item of a repeated element: errors get `name[index]` (1-based) in the path.
    /// Charged to the decoded-size budget.
    #[inline]
    pub fn simple_item<T: SimpleValue>(
        &mut self,
        start: &ElementStart<'a>,
        index: usize,
    ) -> Result<T, DecodeError> {
        self.charge_item::<T>(start)
            .map_err(|e| e.within_item(start.local_name(), index))?;
        self.check_no_attributes(start)
            .map_err(|e| e.within_item(start.local_name(), index))?;
        if start.is_nil() {
            return Err(Self::nil_not_allowed(start).within_item(start.local_name(), index));
        }
        self.parse_simple(start)
            .map_err(|e| e.within_item(start.local_name(), index))
    }

    /// A nillable complex item of a repeated element.
    #[inline]
    pub fn complex_nillable_item<T: XmlDecode>(
        &mut self,
        start: &ElementStart<'a>,
        index: usize,
    ) -> Result<Nillable<T>, DecodeError> {
        if start.is_nil()
            && self
                .nil_element(start, true)
                .map_err(|e| e.within_item(start.local_name(), index))?
        {
            return Ok(Nillable::Nil);
        }
        self.decode_declared::<T>(start)
            .map(Nillable::Value)
            .map_err(|e| e.within_item(start.local_name(), index))
    }

    /// A nillable text-only item of a repeated element.
    #[inline]
    pub fn simple_nillable_item<T: SimpleValue>(
        &mut self,
        start: &ElementStart<'a>,
        index: usize,
    ) -> Result<Nillable<T>, DecodeError> {
        self.check_no_attributes(start)
            .map_err(|e| e.within_item(start.local_name(), index))?;
        if start.is_nil() {
            self.nil_element(start, false)
                .map_err(|e| e.within_item(start.local_name(), index))?;
            return Ok(Nillable::Nil);
        }
        self.parse_simple(start)
            .map(Nillable::Value)
            .map_err(|e| e.within_item(start.local_name(), index))
    }
}

impl XmlReader<'_> {
    /// Strict mode: elements of at most one branch of an `xs:choice` (which the generated
    /// struct keeps as optional fields). `present[i]`: some element of branch `i` was read;
    /// `members`: the choice's element names, for the message.
    #[inline]
    pub fn check_choice(
        &self,
        start: &ElementStart<'_>,
        present: &[bool],
        members: &'static [&'static str],
    ) -> Result<(), DecodeError> {
        if self.options.strict && present.iter().filter(|p| **p).count() > 1 {
            return Err(DecodeError::new(
                DecodeErrorKind::Other(format!(
                    "elements of more than one alternative of an xs:choice (one of `{}`)",
                    members.join("`, `")
                )),
                Some(start.position()),
            ));
        }
        Ok(())
    }
}

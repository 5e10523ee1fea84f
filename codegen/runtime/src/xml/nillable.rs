//! `Nillable<T>`: an element that is present but may carry `xsi:nil="true"`.

/// The value of a `nillable="true"` element: either an explicit nil (`xsi:nil="true"`, which
/// Marketo reads as "clear this field") or a value. Combined with `Option` for elements that may
/// also be absent, so absent, nil and a value stay distinct and round-trip.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Nillable<T> {
    /// `<name xsi:nil="true"/>`
    Nil,
    /// `<name>value</name>`
    Value(T),
}

impl<T> Nillable<T> {
    /// Borrows the value, keeping the nil state.
    #[inline]
    pub fn as_ref(&self) -> Nillable<&T> {
        match self {
            Nillable::Nil => Nillable::Nil,
            Nillable::Value(v) => Nillable::Value(v),
        }
    }

    /// The value, or `None` for nil.
    #[inline]
    pub fn value(&self) -> Option<&T> {
        match self {
            Nillable::Nil => None,
            Nillable::Value(v) => Some(v),
        }
    }

    /// Converts into an `Option`, mapping nil to `None`.
    #[inline]
    pub fn into_option(self) -> Option<T> {
        match self {
            Nillable::Nil => None,
            Nillable::Value(v) => Some(v),
        }
    }

    /// `true` for [`Nillable::Nil`].
    #[inline]
    pub fn is_nil(&self) -> bool {
        matches!(self, Nillable::Nil)
    }

    /// `None` becomes nil, `Some(v)` a value.
    #[inline]
    pub fn from_option(v: Option<T>) -> Self {
        match v {
            None => Nillable::Nil,
            Some(v) => Nillable::Value(v),
        }
    }

    /// Maps the value, keeping nil.
    #[inline]
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Nillable<U> {
        match self {
            Nillable::Nil => Nillable::Nil,
            Nillable::Value(v) => Nillable::Value(f(v)),
        }
    }
}

/// Reading an element that may be absent, nil or a value (`Option<Nillable<T>>`, the type of
/// optional nillable fields) without `as_ref().and_then(Nillable::value)` chains: absent and
/// nil both read as "no value", and [`OptionNillable::is_nil`] still tells them apart.
///
/// ```
/// use soap_runtime::xml::{Nillable, OptionNillable};
///
/// let email: Option<Nillable<String>> = Some(Nillable::Value("a@b.c".into()));
/// assert_eq!(email.value().map(String::as_str), Some("a@b.c"));
/// let cleared: Option<Nillable<String>> = Some(Nillable::Nil); // `<Email xsi:nil="true"/>`
/// assert_eq!(cleared.value(), None);
/// assert!(cleared.is_nil());
/// let absent: Option<Nillable<String>> = None; // no `<Email>` element
/// assert!(absent.value().is_none() && !absent.is_nil());
/// ```
pub trait OptionNillable<T> {
    /// The value; `None` when the element is absent or nil.
    fn value(&self) -> Option<&T>;
    /// The value, consuming the field; `None` when absent or nil.
    fn into_value(self) -> Option<T>;
    /// `true` when the element is present with `xsi:nil="true"` (not when it is absent).
    fn is_nil(&self) -> bool;
}

impl<T> OptionNillable<T> for Option<Nillable<T>> {
    #[inline]
    fn value(&self) -> Option<&T> {
        self.as_ref().and_then(Nillable::value)
    }

    #[inline]
    fn into_value(self) -> Option<T> {
        self.and_then(Nillable::into_option)
    }

    #[inline]
    fn is_nil(&self) -> bool {
        matches!(self, Some(Nillable::Nil))
    }
}

impl<T> From<T> for Nillable<T> {
    #[inline]
    fn from(v: T) -> Self {
        Nillable::Value(v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn helpers_keep_nil_and_value_apart() {
        let v: Nillable<i32> = 5.into();
        assert_eq!(v.value(), Some(&5));
        assert_eq!(v.as_ref(), Nillable::Value(&5));
        assert_eq!(v.clone().into_option(), Some(5));
        assert!(!v.is_nil());
        let n: Nillable<i32> = Nillable::Nil;
        assert_eq!(n.value(), None);
        assert!(n.is_nil());
        assert_eq!(n.into_option(), None);
        assert_eq!(Nillable::from_option(None::<i32>), Nillable::Nil);
        assert_eq!(Nillable::Value(2).map(|x| x * 2), Nillable::Value(4));
    }

    #[test]
    fn optional_nillable_reads_absent_nil_and_value_apart() {
        let value: Option<Nillable<i32>> = Some(Nillable::Value(7));
        let nil: Option<Nillable<i32>> = Some(Nillable::Nil);
        let absent: Option<Nillable<i32>> = None;
        assert_eq!(
            [value.value(), nil.value(), absent.value()],
            [Some(&7), None, None]
        );
        assert_eq!(
            [value.is_nil(), nil.is_nil(), absent.is_nil()],
            [false, true, false]
        );
        assert_eq!(
            [value.into_value(), nil.into_value(), absent.into_value()],
            [Some(7), None, None]
        );
    }
}

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
}

//! Enums that travel as short stable codes (in forms and in the database).

/// Declares an enum with `ALL`, `code()` and `parse(code)`, serialised as its code.
macro_rules! string_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $code:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($variant),+ }

        // Written as its code, so that pages, forms and the JSON of server functions carry the
        // same short text as the database.
        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.code())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let code = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(deserializer)?;
                $name::parse(&code).ok_or_else(|| {
                    serde::de::Error::invalid_value(serde::de::Unexpected::Str(&code), &stringify!($name))
                })
            }
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            pub fn parse(code: &str) -> Option<$name> {
                Self::ALL.iter().copied().find(|v| v.code() == code)
            }
        }

        impl $crate::domain::Code for $name {
            fn code(self) -> &'static str {
                $name::code(self)
            }
            fn parse(code: &str) -> Option<Self> {
                $name::parse(code)
            }
            fn all() -> &'static [Self] {
                Self::ALL
            }
        }
    };
}

/// A closed set whose values travel as short stable codes: in forms, in the database, in URLs.
/// Its translated name comes from `crate::names::Named`.
pub trait Code: Copy + Sized + 'static {
    fn code(self) -> &'static str;
    fn parse(code: &str) -> Option<Self>;
    /// Every value, in the order forms offer them.
    fn all() -> &'static [Self];
}

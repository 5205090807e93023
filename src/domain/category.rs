//! Post categories as the config defines them.

/// A named terminal colour; kept as a name so the domain stays terminal-free.
/// Its names (`black`, `gray`) come from the derive.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, strum::EnumString, strum::IntoStaticStr, strum::VariantNames,
)]
#[strum(serialize_all = "lowercase")]
pub(crate) enum Color {
    Black,
    Red,
    Green,
    Yellow,
    Blue,
    Magenta,
    Cyan,
    White,
    Gray,
}

impl Color {
    /// The name the config writes.
    pub(crate) fn name(self) -> &'static str {
        self.into()
    }
}

/// One category of post: its stable key, display name, colour, marker letter and
/// the effort a post of it takes unless the post says otherwise.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Category {
    pub(crate) key: String,
    pub name: String,
    pub(crate) color: Color,
    /// One character shown beside the colour so the category reads without colour.
    pub(crate) letter: char,
    pub(crate) minutes: u32,
}

//! Post categories as the config defines them.

use serde::{Deserialize, Serialize};

/// A named terminal colour; kept as a name so the domain stays terminal-free.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
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
    pub(crate) const ALL: [Color; 9] = [
        Color::Black,
        Color::Red,
        Color::Green,
        Color::Yellow,
        Color::Blue,
        Color::Magenta,
        Color::Cyan,
        Color::White,
        Color::Gray,
    ];

    pub(crate) fn name(self) -> &'static str {
        match self {
            Color::Black => "black",
            Color::Red => "red",
            Color::Green => "green",
            Color::Yellow => "yellow",
            Color::Blue => "blue",
            Color::Magenta => "magenta",
            Color::Cyan => "cyan",
            Color::White => "white",
            Color::Gray => "gray",
        }
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

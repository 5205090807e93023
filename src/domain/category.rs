//! Post categories as the config defines them.

use serde::{Deserialize, Serialize};

/// A named terminal colour; kept as a name so the domain stays terminal-free.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Color {
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
    pub const ALL: [Color; 9] = [
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

    pub fn name(self) -> &'static str {
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

    /// An sRGB hex value, for formats such as iCalendar that want a real colour.
    pub fn hex(self) -> &'static str {
        match self {
            Color::Black => "#000000",
            Color::Red => "#cc3333",
            Color::Green => "#2e8b57",
            Color::Yellow => "#d4a017",
            Color::Blue => "#1f6fd1",
            Color::Magenta => "#b03da8",
            Color::Cyan => "#1fa5b8",
            Color::White => "#ffffff",
            Color::Gray => "#808080",
        }
    }
}

/// One category of post: its stable key, display name, colour, marker letter and
/// the effort a post of it takes unless the post says otherwise.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Category {
    pub key: String,
    pub name: String,
    pub color: Color,
    /// One character shown beside the colour so the category reads without colour.
    pub letter: char,
    pub minutes: u32,
}

//! Every colour and style the calendar uses, built once from the config and named
//! for what it means. With `NO_COLOR` the theme keeps only bold, dim, italic and
//! reverse, and every category still reads by its letter.

use std::collections::HashMap;

use ratatui::style::{Color, Modifier, Style};

use crate::config::Config;
use crate::domain::{self, Status};

#[derive(Debug, Clone)]
pub struct Theme {
    color: bool,
    categories: HashMap<String, Color>,
}

impl Theme {
    pub fn new(config: &Config, color: bool) -> Theme {
        Theme {
            color,
            categories: config
                .categories
                .iter()
                .map(|c| (c.key.clone(), to_color(c.color)))
                .collect(),
        }
    }

    fn fg(&self, color: Color) -> Style {
        if self.color {
            Style::new().fg(color)
        } else {
            Style::new()
        }
    }

    /// A category's marker: its colour, bold.
    pub(crate) fn category(&self, key: &str) -> Style {
        let color = self.categories.get(key).copied().unwrap_or(Color::Gray);
        self.fg(color).add_modifier(Modifier::BOLD)
    }

    /// A gauge bar filled in a category's colour.
    pub(crate) fn category_bar(&self, key: &str) -> Style {
        let color = self.categories.get(key).copied().unwrap_or(Color::Gray);
        self.fg(color)
    }

    /// A post's title, by status: ideas are dim and italic, published ones dim.
    pub(crate) fn post(&self, status: Status) -> Style {
        match status {
            Status::Idea => Style::new().add_modifier(Modifier::ITALIC | Modifier::DIM),
            Status::Planned => Style::new(),
            Status::Published => Style::new().add_modifier(Modifier::DIM),
        }
    }

    /// A suggested post not yet accepted: dim and italic, like an idea.
    pub(crate) fn ghost(&self) -> Style {
        Style::new().add_modifier(Modifier::ITALIC | Modifier::DIM)
    }

    /// A suggested post's category letter: its colour, dim.
    pub(crate) fn ghost_category(&self, key: &str) -> Style {
        self.category_bar(key).add_modifier(Modifier::DIM)
    }

    /// The `+` that marks a suggested post, readable without colour.
    pub(crate) fn ghost_mark(&self) -> Style {
        self.fg(Color::Green).add_modifier(Modifier::BOLD)
    }

    pub(crate) fn selected(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    pub(crate) fn today(&self) -> Style {
        self.fg(Color::Cyan)
            .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }

    /// A post's time on its card.
    pub(crate) fn time(&self) -> Style {
        Style::new().add_modifier(Modifier::DIM)
    }

    /// Days before today, and posts outside the channel filter.
    pub(crate) fn past(&self) -> Style {
        Style::new().add_modifier(Modifier::DIM)
    }

    /// A post the search found.
    pub(crate) fn matched(&self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::UNDERLINED)
    }

    pub(crate) fn day_header(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub(crate) fn title(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub(crate) fn dim(&self) -> Style {
        Style::new().add_modifier(Modifier::DIM)
    }

    pub(crate) fn warning(&self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }

    pub(crate) fn error(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    pub(crate) fn ok(&self) -> Style {
        self.fg(Color::Green).add_modifier(Modifier::BOLD)
    }

    pub(crate) fn unsaved(&self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }

    pub(crate) fn border(&self) -> Style {
        self.fg(Color::DarkGray)
    }

    pub(crate) fn focused_border(&self) -> Style {
        self.fg(Color::Cyan)
    }

    pub(crate) fn key(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    /// The review's bars of hours spent.
    pub(crate) fn hours_bar(&self) -> Style {
        self.fg(Color::Blue)
    }

    /// The review's bars and sparklines of responses.
    pub(crate) fn responses_bar(&self) -> Style {
        self.fg(Color::Green)
    }

    /// A number written on a bar of hours: on the bar's colour, or reversed.
    pub(crate) fn hours_value(&self) -> Style {
        self.on(Color::Blue)
    }

    /// A number written on a bar of responses.
    pub(crate) fn responses_value(&self) -> Style {
        self.on(Color::Green)
    }

    fn on(&self, color: Color) -> Style {
        if self.color {
            Style::new().fg(Color::Black).bg(color)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    /// The target band on a gauge.
    pub(crate) fn target(&self) -> Style {
        self.fg(Color::Green)
    }
}

fn to_color(c: domain::Color) -> Color {
    match c {
        domain::Color::Black => Color::Black,
        domain::Color::Red => Color::Red,
        domain::Color::Green => Color::Green,
        domain::Color::Yellow => Color::Yellow,
        domain::Color::Blue => Color::Blue,
        domain::Color::Magenta => Color::Magenta,
        domain::Color::Cyan => Color::Cyan,
        domain::Color::White => Color::White,
        domain::Color::Gray => Color::Gray,
    }
}

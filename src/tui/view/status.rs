//! The bottom line: the last message, or the main keys when there is none.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::text::truncate;
use crate::tui::action::Action;
use crate::tui::app::{App, Level};

/// The keys the status line offers, most useful first.
const HINTS: [(Action, &str); 9] = [
    (Action::Add, "add"),
    (Action::Edit, "edit"),
    (Action::Delete, "delete"),
    (Action::Undo, "undo"),
    (Action::Save, "save"),
    (Action::Overview, "overview"),
    (Action::Help, "help"),
    (Action::Quit, "quit"),
    (Action::CycleCategory, "category"),
];

pub fn render_status(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let cells = area.width as usize;
    let hint = app.suggestion().map(|s| s.hint());
    if let Some((level, text)) = app.message().or(hint.as_ref()) {
        let style = match level {
            Level::Info => theme.dim(),
            Level::Warning => theme.warning(),
            Level::Error => theme.error(),
        };
        Line::styled(
            format!(" {}", truncate(text, cells.saturating_sub(1))),
            style,
        )
        .render(area, buf);
        return;
    }
    let mut spans = vec![Span::raw(" ")];
    let mut used = 1;
    for (action, label) in HINTS {
        let Some(key) = app.keymap.first(action) else {
            continue;
        };
        let key = key.to_string();
        let w = super::text::width(&key) + super::text::width(label) + 3;
        if used + w > cells {
            break;
        }
        spans.push(Span::styled(key, theme.key()));
        spans.push(Span::styled(format!(" {label}  "), theme.dim()));
        used += w;
    }
    Line::from(spans).render(area, buf);
}

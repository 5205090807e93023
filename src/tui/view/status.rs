//! The bottom line: the last message; else what the suggestions or the search
//! offer; else the main keys.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::text::{truncate, user, width};
use crate::tui::action::Action;
use crate::tui::app::{App, Level};

/// The keys the status line offers, most useful first.
const HINTS: [(Action, &str); 13] = [
    (Action::Add, "add"),
    (Action::Edit, "edit"),
    (Action::Delete, "delete"),
    (Action::Undo, "undo"),
    (Action::Save, "save"),
    (Action::Search, "search"),
    (Action::GoTo, "go to"),
    (Action::Agenda, "agenda"),
    (Action::Help, "help"),
    (Action::Quit, "quit"),
    (Action::Overview, "weeks"),
    (Action::Publish, "published"),
    (Action::Backlog, "backlog"),
];

pub(super) fn render_status(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let cells = area.width as usize;
    let hint = app
        .suggestion()
        .map(|s| s.hint(&app.keymap, app.selected_ghost().map(|(p, _)| p)));
    let searching = app.search().map(|s| {
        (
            Level::Info,
            format!(
                "/{}: match {} of {} · {} next · {} previous · {} ends",
                user(s.text()),
                s.position(),
                s.count(),
                app.keymap.key(Action::NextMatch),
                app.keymap.key(Action::PrevMatch),
                app.keymap.key(Action::Dismiss),
            ),
        )
    });
    if let Some((level, text)) = app.message().or(hint.as_ref()).or(searching.as_ref()) {
        let style = match level {
            Level::Info => theme.dim(),
            Level::Warning => theme.warning(),
            Level::Error => theme.error(),
        };
        Line::styled(
            format!(" {}", truncate(&user(text), cells.saturating_sub(1))),
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
        let w = width(&key) + width(label) + 3;
        if used + w > cells {
            break;
        }
        spans.push(Span::styled(key, theme.key()));
        spans.push(Span::styled(format!(" {label}  "), theme.dim()));
        used += w;
    }
    Line::from(spans).render(area, buf);
}

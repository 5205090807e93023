//! The backlog window: the ideas without a date, grouped by category with
//! counts, in the order the planner takes them. Each idea shows its status,
//! its title, its priority and, for an evergreen post, whether it may be used
//! on the selected day or when its rest ends. One layout serves drawing and
//! clicks.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};

use super::Target;
use super::popup::{centered, frame, put};
use super::text::{fit, truncate, user, width, wrap};
use crate::tui::action::BacklogAction;
use crate::tui::app::{App, BacklogPanel, BacklogRow};

/// Where the window goes, which rows it shows and its hint.
struct Layout {
    outer: Rect,
    /// The rows shown: the first and how many.
    first: usize,
    shown: usize,
    hint: Vec<String>,
}

fn hint(app: &App, panel: &BacklogPanel) -> String {
    let km = &app.keymap;
    let day = app.selected_date().format("%a %-d %b");
    let empty = app.backlog_selected(panel).is_none();
    if empty {
        return format!(
            "{} adds an idea (in the file, a post without a date is one) · {} closes",
            km.key(BacklogAction::Add),
            km.key(BacklogAction::Close)
        );
    }
    format!(
        "{} places it on {day} (first free slot) · {} at a time · {} add · {} edit · {} delete · {} close",
        km.key(BacklogAction::Place),
        km.key(BacklogAction::PlaceAt),
        km.key(BacklogAction::Add),
        km.key(BacklogAction::Edit),
        km.key(BacklogAction::Delete),
        km.key(BacklogAction::Close),
    )
}

fn layout(app: &App, panel: &BacklogPanel, rows: &[BacklogRow], area: Rect) -> Layout {
    let w = 76u16.min(area.width);
    let hint = wrap(&hint(app, panel), w.saturating_sub(2) as usize);
    let wanted = rows.len().max(1) + 1 + hint.len() + 2;
    let h = (wanted as u16).min(area.height.saturating_sub(2).max(6));
    let outer = centered(area, w, h);
    let room = (h as usize).saturating_sub(2 + 1 + hint.len()).max(1);
    // Keep the selected idea in view, with its heading when there is room.
    let at = rows
        .iter()
        .position(|r| matches!(r, BacklogRow::Idea(k, _) if *k == panel.cursor))
        .unwrap_or(0);
    let first = if at < room {
        0
    } else {
        (at + 1).saturating_sub(room)
    };
    Layout {
        outer,
        first,
        shown: room.min(rows.len().saturating_sub(first)),
        hint,
    }
}

/// The right-hand note of an idea: its priority, and for an evergreen post
/// when it may be used.
fn note(app: &App, post: &crate::domain::Post) -> String {
    let mut parts = Vec::new();
    if let Some(p) = post.priority {
        parts.push(format!("#{p}"));
    }
    if post.evergreen {
        parts.push(match app.evergreen_rests_until(post) {
            Some(until) => format!("∞ rests to {}", until.format("%-d %b")),
            None => "∞ ready".to_string(),
        });
    }
    parts.join(" ")
}

pub(super) fn render_backlog(app: &App, panel: &BacklogPanel, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let rows = app.backlog_rows();
    let l = layout(app, panel, &rows, area);
    let n = app.schedule().backlog().len();
    let title = format!(
        "Backlog · {n} idea{} · for {}",
        if n == 1 { "" } else { "s" },
        app.selected_date().format("%a %-d %b")
    );
    let inner = frame(
        app,
        l.outer,
        &truncate(&title, l.outer.width.saturating_sub(4) as usize),
        buf,
    );
    let cells = inner.width as usize;
    if rows.is_empty() {
        put(Line::styled("No ideas yet.", theme.dim()), inner, 0, buf);
    }
    for (i, row) in rows.iter().skip(l.first).take(l.shown).enumerate() {
        let line = match *row {
            BacklogRow::Heading(c, count) => {
                let (letter, name, style) = match c.and_then(|c| app.config.categories.get(c)) {
                    Some(cat) => (
                        cat.letter.to_string(),
                        user(&cat.name).into_owned(),
                        theme.category(&cat.key),
                    ),
                    None => ("?".into(), "other".into(), theme.dim()),
                };
                Line::from(vec![
                    Span::styled(format!("{letter} {name}"), style.patch(theme.title())),
                    Span::styled(format!(" {count}"), theme.dim()),
                ])
            }
            BacklogRow::Idea(k, post) => {
                let selected = k == panel.cursor;
                let status = super::week::mark(post, false);
                let note = note(app, post);
                let room = cells.saturating_sub(4 + width(&note) + usize::from(!note.is_empty()));
                let text = fit(&user(&post.title), room);
                let mut line = Line::from(vec![
                    Span::raw(if selected { "▸ " } else { "  " }),
                    Span::styled(format!("{status} "), theme.dim()),
                    Span::styled(text, theme.post(post.status)),
                    Span::styled(
                        if note.is_empty() {
                            String::new()
                        } else {
                            format!(" {note}")
                        },
                        theme.dim(),
                    ),
                ]);
                if selected {
                    line = line.patch_style(theme.selected());
                }
                line
            }
        };
        put(line, inner, i, buf);
    }
    let hint_row = inner.height as usize - l.hint.len().min(inner.height as usize);
    for (i, text) in l.hint.iter().enumerate() {
        put(
            Line::styled(text.clone(), theme.dim()),
            inner,
            hint_row + i,
            buf,
        );
    }
}

/// What a click in the backlog window hits: an idea, or the window.
pub(super) fn target(app: &App, panel: &BacklogPanel, area: Rect, at: Position) -> Option<Target> {
    let rows = app.backlog_rows();
    let l = layout(app, panel, &rows, area);
    if !l.outer.contains(at) {
        return None;
    }
    let inner = super::popup::inside(l.outer);
    let i = at.y.checked_sub(inner.y)? as usize;
    if i >= l.shown {
        return Some(Target::Popup);
    }
    Some(match rows.get(l.first + i) {
        Some(BacklogRow::Idea(k, _)) => Target::BacklogIdea(*k),
        _ => Target::Popup,
    })
}

//! The selected post in full: its title first, wrapped, then category, status,
//! channel, partner, date and time, minutes (and those spent), responses, link, media links (one line), and the notes
//! with their line breaks. What does not fit ends with "…".

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Widget};

use super::text::{truncate, user, user_lines, width, wrap};
use crate::domain::{Post, Provenance, Status};
use crate::tui::action::{Action, SuggestionAction};
use crate::tui::app::App;

/// Lines the detail would like at `cells` wide.
pub(super) fn wanted(app: &App, cells: usize) -> usize {
    lines(app, cells).len()
}

fn lines(app: &App, cells: usize) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let cells = cells.max(1);
    let date = app.selected_date();
    if let Some((ghost, reason)) = app.selected_ghost() {
        return suggestion_lines(app, ghost, reason, cells);
    }
    let Some(p) = app.selected_post() else {
        let suggested = app.suggestion().map_or(0, |s| s.on(date).count());
        let all = app.keymap.key(SuggestionAction::AcceptAll);
        let text = match suggested {
            0 => format!(
                "{}: no posts ({} adds one)",
                date.format("%a %-d %b"),
                app.keymap.describe(Action::Add)
            ),
            1 => format!("no posts yet; 1 suggested ({all} accepts every suggestion)"),
            n => format!("no posts yet; {n} suggested ({all} accepts every suggestion)"),
        };
        return wrap(&text, cells)
            .into_iter()
            .map(|l| Line::styled(l, theme.dim()))
            .collect();
    };
    let mut out: Vec<Line<'static>> = wrap(&user(&p.title), cells)
        .into_iter()
        .map(|l| Line::styled(l, theme.title()))
        .collect();
    let mut facts = Vec::new();
    if let Some(c) = app.config.category(&p.category) {
        facts.push(Span::styled(
            format!("{} {}", c.letter, user(&c.name)),
            theme.category(&c.key),
        ));
    } else {
        facts.push(Span::raw(user(&p.category).into_owned()));
    }
    let status = match p.status {
        Status::Idea => "? idea",
        Status::Planned => "planned",
        Status::Published => "✓ published",
    };
    let mut rest = format!(" · {status}");
    if let Some(ch) = &p.channel {
        rest.push_str(&format!(" · {}", user(ch)));
    }
    if let Some(partner) = &p.partner {
        rest.push_str(&format!(" · partner {}", user(partner)));
    }
    rest.push_str(&format!(" · {}", p.date.format("%a %-d %b %Y")));
    if let Some(t) = p.time {
        rest.push_str(&format!(" {}", t.format("%H:%M")));
    }
    match p.spent {
        Some(spent) => rest.push_str(&format!(
            " · {} min planned, {spent} spent",
            app.config.minutes(&p)
        )),
        None => rest.push_str(&format!(" · {} min", app.config.minutes(&p))),
    }
    if let Some(n) = p.responses {
        rest.push_str(&format!(" · {n} response{}", if n == 1 { "" } else { "s" }));
    }
    facts.push(Span::styled(rest, theme.dim()));
    let facts = Line::from(facts);
    if width(&facts.to_string()) <= cells {
        out.push(facts);
    } else {
        // Wrapped as plain text, the category keeping its colour on the first line.
        let text = facts.to_string();
        let category = facts.spans.first().cloned().unwrap_or_default();
        for (i, l) in wrap(&text, cells).into_iter().enumerate() {
            out.push(match l.strip_prefix(category.content.as_ref()) {
                Some(rest) if i == 0 => Line::from(vec![
                    category.clone(),
                    Span::styled(rest.to_string(), theme.dim()),
                ]),
                _ => Line::styled(l, theme.dim()),
            });
        }
    }
    if let Some(origin) = provenance(app, &p) {
        out.extend(
            wrap(&origin, cells)
                .into_iter()
                .map(|l| Line::styled(l, theme.dim())),
        );
    }
    if let Some(link) = &p.link {
        for (i, l) in wrap(&format!("link {}", user(link)), cells)
            .into_iter()
            .enumerate()
        {
            out.push(if i == 0 {
                Line::from(vec![
                    Span::styled("link ", theme.dim()),
                    Span::raw(l.strip_prefix("link ").unwrap_or(&l).to_string()),
                ])
            } else {
                Line::raw(l)
            });
        }
    }
    if !p.media.is_empty() {
        // One line: the links, cut where the panel ends.
        let links: Vec<String> = p.media.iter().map(|m| user(m).into_owned()).collect();
        let text = truncate(&format!("media {}", links.join(" ")), cells);
        out.push(Line::from(vec![
            Span::styled("media ", theme.dim()),
            Span::raw(text.strip_prefix("media ").unwrap_or(&text).to_string()),
        ]));
    }
    if let Some(notes) = &p.notes {
        let notes = user_lines(notes);
        for (i, para) in notes.lines().enumerate() {
            let prefix = if i == 0 { "notes " } else { "      " };
            for (j, l) in wrap(para, cells.saturating_sub(6).max(1))
                .into_iter()
                .enumerate()
            {
                let lead = if j == 0 { prefix } else { "      " };
                out.push(Line::from(vec![
                    Span::styled(lead, theme.dim()),
                    Span::raw(l),
                ]));
            }
        }
    }
    out
}

/// Where a post comes from, in words: the repeating post's rule, the backlog,
/// the evergreen post it reuses.
pub(super) fn provenance(app: &App, p: &Post) -> Option<String> {
    Some(match p.provenance() {
        Provenance::Recurring => {
            let rule = p.repeat.as_ref()?;
            let mut text = format!(
                "↻ repeats {} from {}",
                rule.phrase(),
                rule.first().format("%a %-d %b %Y")
            );
            match rule.skip() {
                [] => {}
                [one] => text.push_str(&format!(" · skips {}", one.format("%-d %b %Y"))),
                many => text.push_str(&format!(" · skips {} dates", many.len())),
            }
            text
        }
        Provenance::FromBacklog => "≡ placed from the backlog".into(),
        Provenance::Reuse(id) => match app.schedule().get(id) {
            Some(e) => format!(
                "∞ a use of the evergreen post “{}”, which rests {} between uses",
                user(&e.title),
                e.gap()
            ),
            None => "∞ a use of an evergreen post".into(),
        },
        Provenance::Evergreen => format!("∞ evergreen: used again after {}", p.gap()),
        Provenance::Written | Provenance::Idea => return None,
    })
}

/// A suggestion not yet accepted: what it is, when, and why it is proposed.
fn suggestion_lines(app: &App, post: &Post, reason: &str, cells: usize) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let km = &app.keymap;
    let mut out: Vec<Line<'static>> = wrap(&format!("+ {}", user(&post.title)), cells)
        .into_iter()
        .map(|l| Line::styled(l, theme.ghost()))
        .collect();
    let mut facts = String::from("suggested");
    if let Some(c) = app.config.category(&post.category) {
        facts = format!("{} {} · suggested", c.letter, user(&c.name));
    }
    if let Some(date) = post.date {
        facts.push_str(&format!(" · {}", date.format("%a %-d %b %Y")));
    }
    if let Some(t) = post.time {
        facts.push_str(&format!(" {}", t.format("%H:%M")));
    }
    facts.push_str(&format!(" · {} min", app.config.minutes(post)));
    out.extend(
        wrap(&facts, cells)
            .into_iter()
            .map(|l| Line::styled(l, theme.dim())),
    );
    out.extend(
        wrap(&format!("why: {reason}"), cells)
            .into_iter()
            .map(Line::raw),
    );
    let from = match (&post.source, provenance(app, post)) {
        (Some(_), Some(text)) => text,
        _ => format!(
            "a placeholder: no {} idea left in the backlog",
            crate::mix::Words::new(&app.config).category(&post.category)
        ),
    };
    out.extend(
        wrap(&from, cells)
            .into_iter()
            .map(|l| Line::styled(l, theme.dim())),
    );
    if let Some(s) = app.suggestion() {
        out.extend(
            wrap(s.outlook(), cells)
                .into_iter()
                .map(|l| Line::styled(l, theme.dim())),
        );
    }
    out.extend(
        wrap(
            &format!(
                "{} accepts all, {} this one, {} skips it",
                km.key(SuggestionAction::AcceptAll),
                km.key(SuggestionAction::Accept),
                km.key(SuggestionAction::Skip)
            ),
            cells,
        )
        .into_iter()
        .map(|l| Line::styled(l, theme.dim())),
    );
    out
}

/// Draws the detail in `area`; `boxed` draws a border titled with the day.
pub(super) fn render_detail(app: &App, area: Rect, boxed: bool, buf: &mut Buffer) {
    let inner = if boxed {
        let title = format!(" {} ", app.selected_date().format("%a %-d %b"));
        let block = Block::bordered()
            .border_style(app.theme.border())
            .title(Span::styled(title, app.theme.day_header()));
        let inner = block.inner(area);
        block.render(area, buf);
        inner
    } else {
        area
    };
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    let cells = inner.width as usize;
    let mut lines = lines(app, cells);
    let rows = inner.height as usize;
    if lines.len() > rows {
        lines.truncate(rows);
        if let Some(last) = lines.last_mut() {
            let text = last.to_string();
            let style = last.spans.last().map(|s| s.style).unwrap_or_default();
            let text = if width(&text) + 2 <= cells {
                format!("{text} …")
            } else {
                // Cut, so it ends with "…" already.
                truncate(&format!("{text} …"), cells)
            };
            *last = Line::styled(text, style);
        }
    }
    for (i, line) in lines.into_iter().enumerate() {
        line.render(Rect::new(inner.x, inner.y + i as u16, inner.width, 1), buf);
    }
}

//! Windows drawn over the calendar: the post form, help, the quit and save-conflict
//! prompts, and the month overview.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Widget};

use super::header::date_range;
use super::text::{fit, truncate, width, wrap};
use crate::domain::Status;
use crate::tui::action::Action;
use crate::tui::app::{App, Overview};
use crate::tui::form::{Field, PostForm};

/// A `w`×`h` box centred in `area`, shrunk to fit.
pub(super) fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// Clears the box, draws its border and title, returns the inside.
pub(super) fn frame(app: &App, area: Rect, title: &str, buf: &mut Buffer) -> Rect {
    Clear.render(area, buf);
    let block = Block::bordered()
        .border_style(app.theme.focused_border())
        .title(Span::styled(format!(" {title} "), app.theme.title()));
    let inner = block.inner(area);
    block.render(area, buf);
    inner
}

pub(super) fn put(line: Line, inner: Rect, row: usize, buf: &mut Buffer) {
    if row < inner.height as usize {
        line.render(
            Rect::new(inner.x, inner.y + row as u16, inner.width, 1),
            buf,
        );
    }
}

pub fn render_form(app: &App, form: &PostForm, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let errors = Field::ALL
        .iter()
        .filter(|f| form.error(**f).is_some())
        .count() as u16;
    let h = Field::ALL.len() as u16 + errors + 4;
    let title = if form.is_new() {
        "New post"
    } else {
        "Edit post"
    };
    let inner = frame(app, centered(area, 72, h), title, buf);
    let label_w = 10usize;
    let value_w = (inner.width as usize).saturating_sub(label_w + 1);
    let mut row = 0;
    for field in Field::ALL {
        let focused = form.focus == field;
        let label_style = if focused { theme.key() } else { theme.dim() };
        let mut spans = vec![
            Span::styled(fit(field.label(), label_w), label_style),
            Span::raw(" "),
        ];
        match field {
            Field::Category => {
                let (text, style) = match app.config.categories.get(form.category) {
                    Some(c) => (format!("{} {}", c.letter, c.name), theme.category(&c.key)),
                    None => ("?".to_string(), Style::new()),
                };
                spans.push(Span::raw(if focused { "◂ " } else { "  " }));
                spans.push(Span::styled(text, style));
                spans.push(Span::raw(if focused { " ▸" } else { "" }));
            }
            Field::Status => {
                let text = match form.status {
                    Status::Idea => "? idea",
                    Status::Planned => "  planned",
                    Status::Published => "✓ published",
                };
                spans.push(Span::raw(if focused { "◂ " } else { "  " }));
                spans.push(Span::raw(text));
                spans.push(Span::raw(if focused { " ▸" } else { "" }));
            }
            _ => {
                let value = form.value(field);
                if value.is_empty() && !focused {
                    spans.push(Span::styled(truncate(field.hint(), value_w), theme.dim()));
                } else if let Some(input) = form.input(field) {
                    let scroll = if focused {
                        input.visual_scroll(value_w.saturating_sub(1))
                    } else {
                        0
                    };
                    let shown = skip_cells(value, scroll);
                    spans.push(Span::raw(truncate(shown, value_w)));
                }
            }
        }
        put(Line::from(spans), inner, row, buf);
        // The text cursor, drawn as a reversed cell so it shows in any terminal.
        if focused
            && !field.is_choice()
            && let Some(input) = form.input(field)
        {
            let scroll = input.visual_scroll(value_w.saturating_sub(1));
            let x = inner.x as usize + label_w + 1 + input.visual_cursor() - scroll;
            if row < inner.height as usize && x < inner.right() as usize {
                buf.set_style(
                    Rect::new(x as u16, inner.y + row as u16, 1, 1),
                    theme.selected(),
                );
            }
        }
        row += 1;
        if let Some(e) = form.error(field) {
            let text = truncate(e, value_w.saturating_sub(2));
            put(
                Line::from(vec![
                    Span::raw(" ".repeat(label_w + 1)),
                    Span::styled(format!("⚠ {text}"), theme.error()),
                ]),
                inner,
                row,
                buf,
            );
            row += 1;
        }
    }
    row += 1;
    let hint = "Tab/Shift-Tab field · ←→ choice · Enter save · Esc cancel";
    put(
        Line::styled(truncate(hint, inner.width as usize), theme.dim()),
        inner,
        row,
        buf,
    );
}

/// The rest of `s` after its first `cells` display cells.
pub(super) fn skip_cells(s: &str, cells: usize) -> &str {
    let mut used = 0;
    for (i, c) in s.char_indices() {
        if used >= cells {
            return &s[i..];
        }
        used += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
    }
    ""
}

/// What the help says under the keys: popups and the post form.
const HELP_FOOTER: &str = "Esc closes any popup. In the form: Tab/Shift-Tab move between fields, ←→ change a choice, Enter saves, Esc cancels.";

/// The keys, generated from the keymap, in as few columns as fit the height.
pub fn render_help(app: &App, area: Rect, buf: &mut Buffer) {
    const GAP: usize = 2;
    let theme = &app.theme;
    let entries: Vec<(String, &str)> = Action::BOUND
        .iter()
        .map(|(_, action, text)| (app.keymap.describe(*action), *text))
        .collect();
    let key_w = entries
        .iter()
        .map(|(k, _)| width(k))
        .max()
        .unwrap_or(0)
        .min(14);
    let text_w = entries.iter().map(|(_, t)| width(t)).max().unwrap_or(0);
    let col_w = key_w + 2 + text_w;
    // The fewest columns whose box fits the height; the most that fit the width
    // when none does.
    let layout = |columns: usize| {
        // Wide enough that the footer takes two or three lines.
        let w = (col_w * columns + GAP * (columns - 1) + 2)
            .max(60)
            .min(area.width as usize);
        let footer = wrap(HELP_FOOTER, w.saturating_sub(2));
        let rows = entries.len().div_ceil(columns);
        (w, rows, footer)
    };
    let max_columns = ((area.width as usize).saturating_sub(2) + GAP) / (col_w + GAP);
    let mut chosen = layout(1);
    for columns in 1..=max_columns.max(1) {
        chosen = layout(columns);
        let (_, rows, footer) = &chosen;
        if rows + 1 + footer.len() + 2 <= area.height as usize {
            break;
        }
    }
    let (w, rows, footer) = chosen;
    let h = rows + 1 + footer.len() + 2;
    let inner = frame(app, centered(area, w as u16, h as u16), "Keys", buf);
    let columns = entries.len().div_ceil(rows.max(1));
    let col_cells = if columns > 1 {
        (inner.width as usize).saturating_sub(GAP * (columns - 1)) / columns
    } else {
        inner.width as usize
    };
    for (i, (keys, text)) in entries.iter().enumerate() {
        let (c, r) = (i / rows, i % rows);
        let x = inner.x as usize + c * (col_cells + GAP);
        if r >= inner.height as usize || x >= inner.right() as usize {
            continue;
        }
        let line = Line::from(vec![
            Span::styled(fit(keys, key_w), theme.key()),
            Span::raw("  "),
            Span::raw(truncate(text, col_cells.saturating_sub(key_w + 2))),
        ]);
        line.render(
            Rect::new(x as u16, inner.y + r as u16, col_cells as u16, 1),
            buf,
        );
    }
    for (i, text) in footer.into_iter().enumerate() {
        put(Line::styled(text, theme.dim()), inner, rows + 1 + i, buf);
    }
}

fn prompt(app: &App, area: Rect, title: &str, lines: &[Line], buf: &mut Buffer) {
    let w = lines.iter().map(|l| l.width()).max().unwrap_or(0) as u16 + 4;
    let inner = frame(app, centered(area, w, lines.len() as u16 + 2), title, buf);
    for (i, line) in lines.iter().enumerate() {
        put(
            line.clone(),
            inner.inner(ratatui::layout::Margin::new(1, 0)),
            i,
            buf,
        );
    }
}

fn choice<'a>(app: &App, key: &'a str, text: &'a str) -> Line<'a> {
    Line::from(vec![
        Span::styled(format!("({key})"), app.theme.key()),
        Span::raw(format!(" {text}")),
    ])
}

pub fn render_quit_prompt(app: &App, area: Rect, buf: &mut Buffer) {
    let lines = [
        Line::raw("There are unsaved changes."),
        Line::raw(""),
        choice(app, "y", "save and quit"),
        choice(app, "n", "quit without saving"),
        choice(app, "c", "cancel"),
    ];
    prompt(app, area, "Quit", &lines, buf);
}

pub fn render_conflict(app: &App, area: Rect, buf: &mut Buffer) {
    let name = app
        .path()
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let first = if app.is_demo() {
        format!("{name} already exists.")
    } else {
        format!("{name} changed on disk since it was loaded.")
    };
    let reload = format!("reload it (your version is kept in {name}.recovered.toml)");
    let overwrite = format!("overwrite it (the file's version is kept as {name}.bak)");
    let lines = [
        Line::raw(first),
        Line::raw(""),
        choice(app, "r", &reload),
        choice(app, "o", &overwrite),
        choice(app, "c", "cancel"),
    ];
    prompt(app, area, "Not saved", &lines, buf);
}

pub fn render_overview(app: &App, overview: &Overview, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let h = Overview::ROWS as u16 + 4;
    let inner = frame(app, centered(area, 96, h), "Weeks", buf);
    let cells = inner.width as usize;
    for (i, report) in overview.reports.iter().enumerate() {
        let mut spans = Vec::new();
        let marker = if report.week.contains(app.today) {
            "•"
        } else if report.week == app.week() {
            "▸"
        } else {
            " "
        };
        spans.push(Span::raw(format!("{marker} {} ", report.week)));
        if cells >= 70 {
            spans.push(Span::styled(fit(&date_range(report.week), 26), theme.dim()));
        }
        for c in &app.config.categories {
            let n = report.counts.get(&c.key).copied().unwrap_or(0);
            spans.push(Span::styled(c.letter.to_string(), theme.category(&c.key)));
            spans.push(Span::raw(format!("{n:>2} ")));
        }
        spans.push(Span::raw(format!("{:>4} min ", report.minutes)));
        if report.ok() {
            spans.push(Span::styled("✓ balanced", theme.ok()));
        } else {
            let n = report.findings.len();
            spans.push(Span::styled(
                format!("⚠ drifts ({n} finding{})", if n == 1 { "" } else { "s" }),
                theme.warning(),
            ));
        }
        let mut line = Line::from(spans);
        if i == overview.cursor {
            line = line.style(theme.selected());
        }
        put(line, inner, i, buf);
    }
    put(
        Line::styled(
            truncate(
                "↑↓ choose · Enter open the week · Esc close · • this week",
                cells,
            ),
            theme.dim(),
        ),
        inner,
        Overview::ROWS + 1,
        buf,
    );
}

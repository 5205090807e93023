//! The export popup: format and range as rows of choices, the file as a text
//! field, and why the last Enter wrote nothing. Only reads the form.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::header::dates;
use super::popup::{centered, frame, put, skip_cells};
use super::text::{fit, truncate, wrap};
use crate::tui::app::App;
use crate::tui::export::{ExportForm, Field, Kind, Range};

const LABEL: usize = 8;

pub fn render_export(app: &App, form: &ExportForm, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let box_w = 76u16.min(area.width);
    // Inside the border, after the label column.
    let value_w = (box_w as usize).saturating_sub(2 + LABEL + 1);
    let problem = problem_lines(form, (box_w as usize).saturating_sub(4));
    let h = 9 + problem.len() as u16;
    let inner = frame(app, centered(area, box_w, h), "Export", buf);

    let label = |field: Field| {
        let style = if form.focus == field {
            theme.key()
        } else {
            theme.dim()
        };
        vec![
            Span::styled(fit(field.label(), LABEL), style),
            Span::raw(" "),
        ]
    };
    let note = |text: String| {
        Line::from(vec![
            Span::raw(" ".repeat(LABEL + 1)),
            Span::styled(truncate(&text, value_w), theme.dim()),
        ])
    };

    let kinds: Vec<(String, bool)> = Kind::ALL
        .iter()
        .map(|k| (k.label().to_string(), *k == form.kind))
        .collect();
    let mut spans = label(Field::Format);
    spans.extend(choices(app, &kinds, form.focus == Field::Format));
    put(Line::from(spans), inner, 0, buf);
    put(note(form.kind.about().into()), inner, 1, buf);

    let ranges: Vec<(String, bool)> = Range::ALL
        .iter()
        .map(|r| (r.label(form.week), *r == form.range))
        .collect();
    let mut spans = label(Field::Range);
    spans.extend(choices(app, &ranges, form.focus == Field::Range));
    put(Line::from(spans), inner, 2, buf);
    put(note(range_note(app, form)), inner, 3, buf);

    let mut spans = label(Field::File);
    let input = form.input();
    let focused = form.focus == Field::File;
    let scroll = if focused {
        input.visual_scroll(value_w.saturating_sub(1))
    } else {
        0
    };
    spans.push(Span::raw(truncate(
        skip_cells(input.value(), scroll),
        value_w,
    )));
    put(Line::from(spans), inner, 4, buf);
    // The text cursor, drawn as a reversed cell so it shows in any terminal.
    let x = inner.x as usize + LABEL + 1 + input.visual_cursor().saturating_sub(scroll);
    if focused && inner.height > 4 && x < inner.right() as usize {
        buf.set_style(Rect::new(x as u16, inner.y + 4, 1, 1), theme.selected());
    }

    let mut row = 6;
    for (line, is_error) in &problem {
        let style = if *is_error {
            theme.error()
        } else {
            theme.warning()
        };
        put(Line::styled(line.clone(), style), inner, row, buf);
        row += 1;
    }
    let hint = if form.replacing().is_some() {
        "Enter replace · Tab/↑↓ field · ←→ choose · Esc cancel"
    } else if focused {
        "type a file name · Ctrl-u clears · Tab/↑↓ field · Enter write · Esc cancel"
    } else {
        "Tab/↑↓ field · ←→ choose · Enter write · Esc cancel"
    };
    put(
        Line::styled(truncate(hint, inner.width as usize), theme.dim()),
        inner,
        row,
        buf,
    );
}

/// The options of a choice row, the chosen one in brackets (and reversed while
/// the row has the focus), so the choice reads without colour too.
fn choices<'a>(app: &App, options: &[(String, bool)], focused: bool) -> Vec<Span<'a>> {
    let theme = &app.theme;
    let mut spans = Vec::new();
    for (i, (text, chosen)) in options.iter().enumerate() {
        if i > 0 {
            spans.push(Span::raw(" "));
        }
        if *chosen {
            let style = if focused {
                theme.selected()
            } else {
                theme.title()
            };
            spans.push(Span::styled(format!("[{text}]"), style));
        } else {
            spans.push(Span::styled(format!(" {text} "), theme.dim()));
        }
    }
    spans
}

/// The dates the range covers and how many posts are in it.
fn range_note(app: &App, form: &ExportForm) -> String {
    let schedule = app.schedule();
    let span = form.range.span(form.week);
    let n = match span {
        Some(s) => schedule.range(s.from..=s.to).count(),
        None => schedule.len(),
    };
    let count = |n: usize| {
        if n == 1 {
            "1 post".to_string()
        } else {
            format!("{n} posts")
        }
    };
    let mut posts = count(n);
    // The Hootsuite layout has no place for a post without a time.
    if form.kind == Kind::Hootsuite {
        let untimed = match span {
            Some(s) => schedule
                .range(s.from..=s.to)
                .filter(|p| p.time.is_none())
                .count(),
            None => schedule.iter().filter(|p| p.time.is_none()).count(),
        };
        if untimed > 0 {
            posts = format!("{}; {untimed} without a time left out", count(n - untimed));
        }
    }
    let when = match span {
        Some(s) => dates(s.from, s.to),
        None => match (schedule.first_date(), schedule.last_date()) {
            (Some(a), Some(b)) => dates(a, b),
            _ => "no dates yet".into(),
        },
    };
    format!("{when} · {posts}")
}

/// Why the last Enter wrote nothing, wrapped: (line, is it an error).
fn problem_lines(form: &ExportForm, cells: usize) -> Vec<(String, bool)> {
    let (text, is_error) = if let Some(e) = form.error() {
        (format!("⚠ {e}"), true)
    } else if let Some(path) = form.replacing() {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.display().to_string());
        (
            format!("{name} already exists: Enter again replaces it"),
            false,
        )
    } else {
        return Vec::new();
    };
    let mut lines: Vec<(String, bool)> = wrap(&text, cells.max(1))
        .into_iter()
        .map(|l| (l, is_error))
        .collect();
    // Keep the popup on screen: at most three lines, the last one cut.
    if lines.len() > 3 {
        lines.truncate(3);
        if let Some((last, _)) = lines.last_mut() {
            *last = truncate(&format!("{last}…"), cells);
        }
    }
    lines
}

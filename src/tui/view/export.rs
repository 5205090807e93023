//! The export popup: format and range as rows of choices, the file as a text
//! field, and why the last Enter wrote nothing. Only reads the form.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Block;

use super::Target;
use super::header::dates;
use super::popup::{centered, choice_keys, draw_input, frame, put};
use super::text::{fit, truncate, user, width, wrap};
use crate::domain::Status;
use crate::export::Format;
use crate::tui::action::FormAction;
use crate::tui::app::App;
use crate::tui::export::{ExportForm, Field, Range};

const LABEL: usize = 8;

/// The popup's box on a screen.
fn outer(form: &ExportForm, area: Rect) -> Rect {
    let box_w = 76u16.min(area.width);
    let problem = problem_lines(form, (box_w as usize).saturating_sub(4));
    centered(area, box_w, 9 + problem.len() as u16)
}

/// The row of each field inside the box.
fn row(field: Field) -> u16 {
    match field {
        Field::Format => 0,
        Field::Range => 2,
        Field::File => 4,
    }
}

/// What a click at `at` hits: a field, or a choice of a choice row.
pub(super) fn target(form: &ExportForm, area: Rect, at: Position) -> Option<Target> {
    let outer = outer(form, area);
    if !outer.contains(at) {
        return None;
    }
    let inner = Block::bordered().inner(outer);
    let Some(field) = Field::ALL.into_iter().find(|f| at.y == inner.y + row(*f)) else {
        return Some(Target::Popup);
    };
    if !field.is_choice() {
        return Some(Target::ExportField(field));
    }
    if field == Field::Format {
        // `◂ [Sprout Social CSV] ▸`: the arrows step back and forward.
        let x = at.x as usize;
        let start = inner.x as usize + LABEL + 1;
        let label_end = start + 2 + width(form.format.spec().label) + 2;
        return Some(if (start..start + 2).contains(&x) {
            Target::ExportChoice(field, false)
        } else if (label_end..label_end + 2).contains(&x) {
            Target::ExportChoice(field, true)
        } else {
            Target::ExportField(field)
        });
    }
    // A click on a range chooses it: step forward until it is chosen.
    let labels = range_labels(form);
    let mut x = inner.x as usize + LABEL + 1;
    for (i, text) in labels.iter().enumerate() {
        let w = width(text) + 2;
        if (x..x + w).contains(&(at.x as usize)) {
            let now = Range::ALL
                .iter()
                .position(|r| *r == form.range)
                .unwrap_or(0);
            let steps = (i + labels.len() - now) % labels.len();
            return Some(if steps == 0 {
                Target::ExportField(field)
            } else {
                Target::ExportChoice(field, steps <= labels.len() / 2)
            });
        }
        x += w + 1;
    }
    Some(Target::ExportField(field))
}

fn range_labels(form: &ExportForm) -> Vec<String> {
    Range::ALL.iter().map(|r| r.label(form.week)).collect()
}

pub(super) fn render_export(app: &App, form: &ExportForm, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let outer = outer(form, area);
    // Inside the border, after the label column.
    let value_w = (outer.width as usize).saturating_sub(2 + LABEL + 1);
    let problem = problem_lines(form, (outer.width as usize).saturating_sub(4));
    let inner = frame(app, outer, "Export", buf);

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

    // Eight formats do not fit on one row: the chosen one, between arrows, and
    // where it stands in the list.
    let mut spans = label(Field::Format);
    let at = Format::ALL
        .iter()
        .position(|f| *f == form.format)
        .unwrap_or(0);
    let chosen = vec![(form.format.spec().label.to_string(), true)];
    spans.push(Span::styled("◂ ", theme.dim()));
    spans.extend(choices(app, &chosen, form.focus == Field::Format));
    spans.push(Span::styled(
        format!(" ▸  {} of {}", at + 1, Format::ALL.len()),
        theme.dim(),
    ));
    put(Line::from(spans), inner, 0, buf);
    put(note(form.format.spec().about.into()), inner, 1, buf);

    let ranges: Vec<(String, bool)> = Range::ALL
        .iter()
        .map(|r| (r.label(form.week), *r == form.range))
        .collect();
    let mut spans = label(Field::Range);
    spans.extend(choices(app, &ranges, form.focus == Field::Range));
    put(Line::from(spans), inner, 2, buf);
    put(note(range_note(app, form)), inner, 3, buf);

    let focused = form.focus == Field::File;
    put(Line::from(label(Field::File)), inner, 4, buf);
    if inner.height > 4 {
        let at = Rect::new(inner.x + LABEL as u16 + 1, inner.y + 4, value_w as u16, 1);
        draw_input(app, form.input(), focused, at, buf);
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
    let km = &app.keymap;
    let (field, choose, submit, cancel) = (
        km.describe(FormAction::NextField),
        choice_keys(km),
        km.key(FormAction::Submit),
        km.key(FormAction::Cancel),
    );
    let hint = if form.replacing().is_some() {
        format!("{submit} replace · {field} field · {choose} choose · {cancel} cancel")
    } else if focused {
        format!(
            "type a file name · {} clears · {} $EDITOR · {field} field · {submit} write · {cancel} cancel",
            km.key(FormAction::Clear),
            km.key(FormAction::Editor)
        )
    } else {
        format!("{field} field · {choose} choose · {submit} write · {cancel} cancel")
    };
    put(
        Line::styled(truncate(&hint, inner.width as usize), theme.dim()),
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
    // As `export::select` picks them: a repeating post's dates each count;
    // the backlog's ideas go only into a TOML file of everything.
    let ideas = match (span, form.format) {
        (None, crate::export::Format::Toml) => schedule.backlog().len(),
        _ => 0,
    };
    let n = match span {
        Some(s) => schedule.range(s.from..=s.to).count(),
        None => schedule.range(..).count() + ideas,
    };
    let count = |n: usize| {
        if n == 1 {
            "1 post".to_string()
        } else {
            format!("{n} posts")
        }
    };
    let mut posts = count(n);
    // Publishing layouts write planned posts with a time only.
    if form.format.is_publishing() {
        let left_out = |p: &crate::domain::Dated| p.time.is_none() || p.status != Status::Planned;
        let out = match span {
            Some(s) => schedule.range(s.from..=s.to).filter(left_out).count(),
            None => schedule.range(..).filter(left_out).count(),
        };
        if out > 0 {
            posts = format!(
                "{}; {out} left out (untimed or not planned)",
                count(n - out)
            );
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
        (format!("⚠ {}", user(e)), true)
    } else if let Some(path) = form.replacing() {
        let name = path.file_name().map_or_else(
            || user(&path.display().to_string()).into_owned(),
            |n| user(&n.to_string_lossy()).into_owned(),
        );
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

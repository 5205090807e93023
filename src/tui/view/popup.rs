//! Windows drawn over the calendar: the post form, the search and go-to
//! prompts, the publish prompt, the questions (quit, save conflict, file changed) and the weeks
//! overview. Each is laid out by one function that both drawing and
//! [`target`] (mouse clicks) use, so a click lands on what was drawn.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Widget};

use super::Target;
use super::header::date_range;
use super::text::{fit, truncate, user, user_lines, width, wrap};
use crate::domain::Status;
use crate::mix::{Standing, Words};
use crate::tui::action::{Bindable, DialogAction, FormAction, ListAction, PromptAction};
use crate::tui::app::{App, Overview, Popup, Prompt, PromptKind};
use crate::tui::field::TextField;
use crate::tui::form::{Field, PostForm};
use crate::tui::keymap::KeyMap;
use crate::tui::publish::{self, PublishPrompt};

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

/// The inside of a bordered box.
pub(super) fn inside(area: Rect) -> Rect {
    Block::bordered().inner(area)
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

/// Keys joined for a hint: "Tab/↓".
fn keys<A: Bindable>(keymap: &KeyMap, action: A) -> String {
    keymap.describe(action)
}

/// Draws a text field in `at`: the value (escaped, scrolled so the cursor
/// shows), a selected value reversed, the cursor as a reversed cell. A field
/// with line breaks uses every row of `at`.
pub(super) fn draw_input(app: &App, input: &TextField, focused: bool, at: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let cells = at.width as usize;
    if cells == 0 || at.height == 0 {
        return;
    }
    let value = user_lines(input.value());
    let before = user_lines(input.before_cursor());
    let lines: Vec<&str> = value.split('\n').collect();
    let cursor_line = before.matches('\n').count();
    let cursor_col = width(before.rsplit('\n').next().unwrap_or(""));
    let rows = at.height as usize;
    let first = if focused {
        cursor_line.saturating_sub(rows - 1)
    } else {
        0
    };
    for (k, text) in lines.iter().skip(first).take(rows).enumerate() {
        let scroll = if focused && first + k == cursor_line {
            (cursor_col + 1).saturating_sub(cells)
        } else {
            0
        };
        let shown = truncate(skip_cells(text, scroll), cells);
        let style = if focused && input.is_selected() {
            theme.selected()
        } else {
            Style::new()
        };
        Line::styled(shown, style).render(Rect::new(at.x, at.y + k as u16, at.width, 1), buf);
    }
    if focused && !input.is_selected() && cursor_line >= first && cursor_line < first + rows {
        let scroll = (cursor_col + 1).saturating_sub(cells);
        let x = at.x as usize + cursor_col - scroll;
        if x < at.right() as usize {
            let y = at.y + (cursor_line - first) as u16;
            buf.set_style(Rect::new(x as u16, y, 1, 1), theme.selected());
        }
    }
}

// ----- the post form -----

const LABEL: usize = 10;

/// Where the form and each of its fields go.
struct FormLayout {
    outer: Rect,
    inner: Rect,
    /// Each field, the row it starts on (inside) and its height.
    fields: Vec<(Field, u16, u16)>,
    /// Each field's error line, if any.
    errors: Vec<(Field, u16)>,
    hint: Vec<String>,
    hint_row: u16,
}

/// Rows the notes field takes: its lines, one to three.
fn notes_rows(form: &PostForm) -> u16 {
    form.value(Field::Notes).split('\n').count().clamp(1, 3) as u16
}

/// The keys that change a choice, for hints: "←→".
pub(super) fn choice_keys(keymap: &KeyMap) -> String {
    format!(
        "{}{}",
        keymap.key(FormAction::PrevChoice),
        keymap.key(FormAction::NextChoice)
    )
}

fn form_hint(keymap: &KeyMap) -> String {
    format!(
        "{} field · {} choice · {} clear · {} edit in $EDITOR · {} line break (notes) · {} save · {} cancel",
        keys(keymap, FormAction::NextField),
        choice_keys(keymap),
        keymap.key(FormAction::Clear),
        keymap.key(FormAction::Editor),
        keymap.key(FormAction::NewLine),
        keymap.key(FormAction::Submit),
        keymap.key(FormAction::Cancel),
    )
}

fn form_layout(app: &App, form: &PostForm, area: Rect) -> FormLayout {
    let w = 72u16.min(area.width);
    let hint = wrap(&form_hint(&app.keymap), w.saturating_sub(2) as usize);
    let mut fields = Vec::with_capacity(form.fields().len());
    let mut errors = Vec::new();
    let mut row = 0u16;
    for &field in form.fields() {
        let h = if field == Field::Notes {
            notes_rows(form)
        } else {
            1
        };
        fields.push((field, row, h));
        row += h;
        if form.error(field).is_some() {
            errors.push((field, row));
            row += 1;
        }
    }
    let hint_row = row + 1;
    let h = hint_row + hint.len() as u16 + 2;
    let outer = centered(area, w, h);
    FormLayout {
        outer,
        inner: inside(outer),
        fields,
        errors,
        hint,
        hint_row,
    }
}

/// The text of a choice field, without its arrows.
fn choice_text(app: &App, form: &PostForm, field: Field) -> (String, Style) {
    match field {
        Field::Category => match app.config.categories.get(form.category) {
            Some(c) => (
                format!("{} {}", c.letter, user(&c.name)),
                app.theme.category(&c.key),
            ),
            None => ("?".to_string(), Style::new()),
        },
        Field::Evergreen => (
            if form.evergreen {
                "∞ yes: used again after a rest"
            } else {
                "  no: used once"
            }
            .to_string(),
            Style::new(),
        ),
        _ => (
            match form.status {
                Status::Idea => "? idea",
                Status::Planned => "  planned",
                Status::Published => "✓ published",
            }
            .to_string(),
            Style::new(),
        ),
    }
}

pub(super) fn render_form(app: &App, form: &PostForm, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let title = match (form.is_new(), form.idea, form.series.is_some()) {
        (true, true, _) => "New idea for the backlog",
        (false, true, _) => "Edit idea",
        (_, _, true) => "Edit this date of a repeating post",
        (true, false, _) => "New post",
        (false, false, _) => "Edit post",
    };
    let l = form_layout(app, form, area);
    let inner = frame(app, l.outer, title, buf);
    let value_w = (inner.width as usize).saturating_sub(LABEL + 1);
    for &(field, row, h) in &l.fields {
        if row >= inner.height {
            continue;
        }
        let focused = form.focus == field;
        let label_style = if focused { theme.key() } else { theme.dim() };
        let y = inner.y + row;
        Span::styled(fit(field.label(), LABEL), label_style)
            .render(Rect::new(inner.x, y, LABEL as u16, 1), buf);
        let value_at = Rect::new(
            inner.x + LABEL as u16 + 1,
            y,
            value_w as u16,
            h.min(inner.height - row),
        );
        if field.is_choice() {
            let (text, style) = choice_text(app, form, field);
            Line::from(vec![
                Span::raw(if focused { "◂ " } else { "  " }),
                Span::styled(text, style),
                Span::raw(if focused { " ▸" } else { "" }),
            ])
            .render(value_at, buf);
        } else if let Some(input) = form.input(field) {
            if input.value().is_empty() && !focused {
                Span::styled(truncate(field.hint(), value_w), theme.dim()).render(value_at, buf);
            } else {
                draw_input(app, input, focused, value_at, buf);
            }
        }
    }
    for &(field, row) in &l.errors {
        if let Some(e) = form.error(field) {
            let text = truncate(&user(e), value_w.saturating_sub(2));
            put(
                Line::from(vec![
                    Span::raw(" ".repeat(LABEL + 1)),
                    Span::styled(format!("⚠ {text}"), theme.error()),
                ]),
                inner,
                row as usize,
                buf,
            );
        }
    }
    for (i, text) in l.hint.iter().enumerate() {
        put(
            Line::styled(text.clone(), theme.dim()),
            inner,
            l.hint_row as usize + i,
            buf,
        );
    }
}

fn form_target(app: &App, form: &PostForm, area: Rect, at: Position) -> Option<Target> {
    let l = form_layout(app, form, area);
    if !l.outer.contains(at) {
        return None;
    }
    let inner = l.inner;
    let Some(&(field, _, _)) = l
        .fields
        .iter()
        .find(|(_, row, h)| at.y >= inner.y + row && at.y < inner.y + row + h)
    else {
        return Some(Target::Popup);
    };
    if field.is_choice() {
        let x0 = inner.x + LABEL as u16 + 1;
        let (text, _) = choice_text(app, form, field);
        let end = x0 + 2 + width(&text) as u16;
        if at.x >= x0 && at.x < x0 + 2 {
            return Some(Target::FormChoice(field, false));
        }
        if at.x > end && at.x <= end + 2 {
            return Some(Target::FormChoice(field, true));
        }
    }
    Some(Target::FormField(field))
}

// ----- search and go to -----

fn prompt_area(area: Rect) -> Rect {
    let w = 64u16.min(area.width);
    let h = 5u16.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.bottom().saturating_sub(h + 1).max(area.y),
        w,
        h,
    )
}

pub(super) fn render_prompt(app: &App, prompt: &Prompt, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let km = &app.keymap;
    let (title, label, hint) = match prompt.kind {
        PromptKind::Search => (
            "Search",
            "/ ",
            format!(
                "titles, notes, channels and links, any case and accents · {} search · {} cancel",
                km.key(PromptAction::Submit),
                km.key(PromptAction::Cancel)
            ),
        ),
        PromptKind::GoTo => (
            "Go to",
            "→ ",
            format!(
                "{} · {} go · {} cancel",
                crate::tui::jump::FORMS,
                km.key(PromptAction::Submit),
                km.key(PromptAction::Cancel)
            ),
        ),
        PromptKind::PlaceAt => (
            "Place at a time",
            "@ ",
            format!(
                "the time on {}, like 07:30 or 18:00 · {} place · {} back to the backlog",
                app.selected_date().format("%a %-d %b"),
                km.key(PromptAction::Submit),
                km.key(PromptAction::Cancel)
            ),
        ),
    };
    let inner = frame(app, prompt_area(area), title, buf);
    if inner.height == 0 {
        return;
    }
    Span::styled(label, theme.key()).render(Rect::new(inner.x, inner.y, 2, 1), buf);
    draw_input(
        app,
        &prompt.field,
        true,
        Rect::new(inner.x + 2, inner.y, inner.width.saturating_sub(2), 1),
        buf,
    );
    let cells = inner.width as usize;
    let (text, style) = match &prompt.error {
        Some(e) => (format!("⚠ {e}"), theme.error()),
        None => (hint, theme.dim()),
    };
    let mut lines = wrap(&text, cells.max(1));
    if lines.len() > 2 {
        let rest = lines.split_off(1).join(" ");
        lines.push(truncate(&rest, cells));
    }
    for (i, l) in lines.into_iter().enumerate() {
        put(Line::styled(l, style), inner, 1 + i, buf);
    }
}

// ----- the publish prompt -----

/// Cells for a number in the publish prompt.
const NUMBER: u16 = 8;
const PUBLISH_LABEL: u16 = 15;

fn publish_area(area: Rect) -> Rect {
    prompt_area(area)
}

fn publish_hint(app: &App, prompt: &PublishPrompt, field: publish::Field) -> String {
    match field {
        publish::Field::Responses => "replies, comments, messages, shares".into(),
        publish::Field::Spent => format!(
            "planned {} · {} clears: unlogged",
            prompt.planned,
            app.keymap.key(FormAction::Clear)
        ),
    }
}

pub(super) fn render_publish(app: &App, prompt: &PublishPrompt, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let km = &app.keymap;
    let verb = if prompt.was_published() {
        "Log"
    } else {
        "Published"
    };
    let outer = publish_area(area);
    let title = truncate(
        &format!("{verb}: {}", user(&prompt.original.title)),
        outer.width.saturating_sub(4) as usize,
    );
    let inner = frame(app, outer, &title, buf);
    for (row, field) in publish::Field::ALL.into_iter().enumerate() {
        if row as u16 >= inner.height {
            return;
        }
        let y = inner.y + row as u16;
        let focused = prompt.focus == field;
        let label_style = if focused { theme.key() } else { theme.dim() };
        Span::styled(fit(field.label(), PUBLISH_LABEL as usize), label_style).render(
            Rect::new(inner.x, y, PUBLISH_LABEL.min(inner.width), 1),
            buf,
        );
        let x = inner.x + PUBLISH_LABEL;
        let value_w = NUMBER.min(inner.right().saturating_sub(x));
        draw_input(
            app,
            prompt.input(field),
            focused,
            Rect::new(x, y, value_w, 1),
            buf,
        );
        let hint_x = x + value_w + 1;
        let hint_w = inner.right().saturating_sub(hint_x);
        if hint_w > 0 {
            let hint = truncate(&publish_hint(app, prompt, field), hint_w as usize);
            Span::styled(hint, theme.dim()).render(Rect::new(hint_x, y, hint_w, 1), buf);
        }
    }
    let cells = inner.width as usize;
    let (text, style) = match &prompt.error {
        Some((_, e)) => (format!("⚠ {e}"), theme.error()),
        None => (
            format!(
                "{} field · {} {} · {} cancel",
                km.key(FormAction::NextField),
                km.key(FormAction::Submit),
                if prompt.was_published() {
                    "save"
                } else {
                    "save as published"
                },
                km.key(FormAction::Cancel)
            ),
            theme.dim(),
        ),
    };
    put(
        Line::styled(truncate(&text, cells), style),
        inner,
        publish::Field::ALL.len(),
        buf,
    );
}

fn publish_target(area: Rect, at: Position) -> Option<Target> {
    let outer = publish_area(area);
    if !outer.contains(at) {
        return None;
    }
    let inner = inside(outer);
    let row = at.y.checked_sub(inner.y).map(usize::from);
    Some(
        row.and_then(|r| publish::Field::ALL.get(r).copied())
            .map_or(Target::Popup, Target::PublishField),
    )
}

// ----- questions -----

/// The answers a question takes.
pub(crate) fn answers(dialog: &Popup) -> &'static [DialogAction] {
    match dialog {
        Popup::QuitPrompt => &[
            DialogAction::SaveAndQuit,
            DialogAction::QuitWithoutSaving,
            DialogAction::Cancel,
        ],
        Popup::Conflict { .. } => &[
            DialogAction::Reload,
            DialogAction::Overwrite,
            DialogAction::Cancel,
        ],
        Popup::ReadOnly { .. } => &[DialogAction::Overwrite, DialogAction::Cancel],
        Popup::OutsideChange => &[DialogAction::Reload, DialogAction::KeepMine],
        Popup::Which(_) => &[
            DialogAction::ThisOne,
            DialogAction::All,
            DialogAction::Cancel,
        ],
        _ => &[],
    }
}

/// A question's title and lines, each answer line with its answer.
fn dialog_lines(
    app: &App,
    dialog: &Popup,
) -> (&'static str, Vec<(Line<'static>, Option<DialogAction>)>) {
    let name = app.file_name();
    let (title, first, texts): (&str, String, Vec<String>) = match dialog {
        Popup::QuitPrompt => (
            "Quit",
            "There are unsaved changes.".into(),
            vec![
                "save and quit".into(),
                "quit without saving".into(),
                "cancel".into(),
            ],
        ),
        Popup::Conflict { .. } => (
            "Not saved",
            if app.is_demo() {
                format!("{name} already exists.")
            } else {
                format!("{name} changed on disk since it was loaded.")
            },
            vec![
                "reload it (your version is kept in a new .recovered.toml file)".into(),
                format!("overwrite it (the file's version is kept as {name}.bak)"),
                "cancel".into(),
            ],
        ),
        Popup::ReadOnly { .. } => (
            "Not saved",
            format!("{name} is read-only."),
            vec!["save anyway (it stays read-only)".into(), "cancel".into()],
        ),
        Popup::Which(which) => {
            let (title, rule) = app
                .schedule()
                .get(&which.series)
                .map(|p| {
                    (
                        crate::shown::shown_clipped(&p.title, 40),
                        p.repeat.as_ref().map(|r| r.phrase()).unwrap_or_default(),
                    )
                })
                .unwrap_or_default();
            let day = which.date.format("%a %-d %b");
            let verb = match which.edit {
                crate::tui::app::OnDate::Edit => "Edit",
                crate::tui::app::OnDate::Delete => "Delete",
                crate::tui::app::OnDate::Move(_) => "Move",
                crate::tui::app::OnDate::Category(_) => "Recategorise",
            };
            let this_one = match which.edit {
                crate::tui::app::OnDate::Delete => format!("{day} only: the series skips it"),
                _ => format!("{day} only: it becomes a post of its own"),
            };
            (
                "Repeating post",
                format!("“{title}” repeats\n{rule}.\n{verb} {day} only, or every date?"),
                vec![this_one, "every date of the series".into(), "cancel".into()],
            )
        }
        _ => (
            "File changed",
            format!("Another program changed {name}, and you have unsaved changes."),
            vec![
                "reload it (your version is kept in a new .recovered.toml file)".into(),
                "keep mine (saving will ask before replacing the file)".into(),
            ],
        ),
    };
    let mut lines: Vec<(Line<'static>, Option<DialogAction>)> = first
        .split('\n')
        .map(|l| (Line::raw(l.to_string()), None))
        .collect();
    lines.push((Line::raw(""), None));
    for (answer, text) in answers(dialog).iter().zip(texts) {
        lines.push((
            Line::from(vec![
                Span::styled(format!("({})", app.keymap.key(*answer)), app.theme.key()),
                Span::raw(format!(" {text}")),
            ]),
            Some(*answer),
        ));
    }
    (title, lines)
}

fn dialog_area(lines: &[(Line, Option<DialogAction>)], area: Rect) -> Rect {
    let w = lines.iter().map(|(l, _)| l.width()).max().unwrap_or(0) as u16 + 4;
    centered(area, w, lines.len() as u16 + 2)
}

pub(super) fn render_dialog(app: &App, dialog: &Popup, area: Rect, buf: &mut Buffer) {
    let (title, lines) = dialog_lines(app, dialog);
    let inner = frame(app, dialog_area(&lines, area), title, buf);
    for (i, (line, _)) in lines.into_iter().enumerate() {
        put(
            line,
            inner.inner(ratatui::layout::Margin::new(1, 0)),
            i,
            buf,
        );
    }
}

// ----- the weeks overview -----

fn overview_area(area: Rect) -> Rect {
    centered(area, 96, Overview::ROWS as u16 + 4)
}

pub(super) fn render_overview(app: &App, overview: &Overview, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let inner = frame(app, overview_area(area), "Weeks overview", buf);
    let cells = inner.width as usize;
    let words = Words::new(&app.config);
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
        let standing = report.standing();
        let badge = words.badge(standing, report.failing().count());
        spans.push(match standing {
            Standing::NothingPlanned => Span::styled(format!("· {badge}"), theme.dim()),
            Standing::Balanced => Span::styled(format!("✓ {badge}"), theme.ok()),
            Standing::Drifts => Span::styled(format!("⚠ {badge}"), theme.warning()),
        });
        let mut line = Line::from(spans);
        if i == overview.cursor {
            line = line.style(theme.selected());
        }
        put(line, inner, i, buf);
    }
    let km = &app.keymap;
    let hint = format!(
        "{}{} choose · {} open the week · {} close · • this week",
        km.key(ListAction::Up),
        km.key(ListAction::Down),
        km.key(ListAction::Open),
        km.key(ListAction::Close)
    );
    put(
        Line::styled(truncate(&hint, cells), theme.dim()),
        inner,
        Overview::ROWS + 1,
        buf,
    );
}

// ----- clicks -----

/// What a click at `at` hits while `popup` is open; `None` outside it.
pub(super) fn target(app: &App, popup: &Popup, area: Rect, at: Position) -> Option<Target> {
    match popup {
        Popup::Form(form) => form_target(app, form, area, at),
        Popup::Export(form) => super::export::target(form, area, at),
        Popup::Backlog(panel) => super::backlog::target(app, panel, area, at),
        dialog @ (Popup::QuitPrompt
        | Popup::Conflict { .. }
        | Popup::ReadOnly { .. }
        | Popup::OutsideChange
        | Popup::Which(_)) => {
            let (_, lines) = dialog_lines(app, dialog);
            let outer = dialog_area(&lines, area);
            if !outer.contains(at) {
                return None;
            }
            let inner = inside(outer);
            let row = at.y.checked_sub(inner.y)? as usize;
            Some(
                lines
                    .get(row)
                    .and_then(|(_, a)| *a)
                    .map_or(Target::Popup, Target::Answer),
            )
        }
        Popup::Overview(_) => {
            let outer = overview_area(area);
            if !outer.contains(at) {
                return None;
            }
            let inner = inside(outer);
            let row = at.y.checked_sub(inner.y)? as usize;
            Some(if row < Overview::ROWS {
                Target::OverviewRow(row)
            } else {
                Target::Popup
            })
        }
        Popup::Prompt(_) => prompt_area(area).contains(at).then_some(Target::Popup),
        Popup::Publish(_) => publish_target(area, at),
        Popup::Review(_) | Popup::Help { .. } => Some(Target::Popup),
    }
}

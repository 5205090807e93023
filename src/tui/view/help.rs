//! Help, generated from the keymap: what the marks mean, which category each
//! digit sets, then every mode's keys under its own heading. It takes as many
//! columns as it needs to fit; when even those are too few, one column that
//! scrolls.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::popup::{centered, frame};
use super::text::{fit, truncate, user, width, wrap};
use crate::config::keys::Mode;
use crate::tui::action::{
    Action, BacklogAction, Bindable, DialogAction, FormAction, ListAction, PromptAction,
    ReviewAction, SuggestionAction,
};
use crate::tui::app::App;

/// One line of help.
#[derive(Debug, Clone)]
enum Item {
    Heading(String),
    Entry(String, String),
    Text(String),
    Blank,
}

fn entries<A: Bindable>(app: &App, out: &mut Vec<Item>) {
    out.push(Item::Heading(A::MODE.title().to_string()));
    for action in A::ALL {
        out.push(Item::Entry(
            app.keymap.describe(*action),
            action.help().to_string(),
        ));
    }
}

fn content(app: &App) -> Vec<Item> {
    let mut out = vec![
        Item::Heading("Marks".into()),
        Item::Entry("?".into(), "an idea".into()),
        Item::Entry("✓".into(), "published".into()),
        Item::Entry("+".into(), "suggested (f)".into()),
        Item::Entry("↻".into(), "a repeating post".into()),
        Item::Entry("≡".into(), "from the backlog".into()),
        Item::Entry("∞".into(), "evergreen, reused".into()),
        Item::Entry("•".into(), "today".into()),
        Item::Entry("↑ N / ↓ N more".into(), "hidden cards".into()),
        Item::Entry("dim".into(), "past, other channel".into()),
        Item::Blank,
        Item::Heading("Digits set the category".into()),
    ];
    for (i, c) in app.config.categories.iter().take(9).enumerate() {
        out.push(Item::Entry(
            (i + 1).to_string(),
            format!("{} {}", c.letter, user(&c.name)),
        ));
    }
    for &mode in Mode::ALL {
        out.push(Item::Blank);
        match mode {
            Mode::Calendar => entries::<Action>(app, &mut out),
            Mode::Suggestions => entries::<SuggestionAction>(app, &mut out),
            Mode::Form => entries::<FormAction>(app, &mut out),
            Mode::Prompt => entries::<PromptAction>(app, &mut out),
            Mode::Dialog => entries::<DialogAction>(app, &mut out),
            Mode::Backlog => entries::<BacklogAction>(app, &mut out),
            Mode::List => entries::<ListAction>(app, &mut out),
            Mode::Review => entries::<ReviewAction>(app, &mut out),
        }
    }
    out.push(Item::Blank);
    out.push(Item::Heading("Mouse".into()));
    out.push(Item::Text(
        "Click selects; a double click edits a post. The wheel scrolls lists, help and full days, and elsewhere changes the week."
            .into(),
    ));
    out.push(Item::Blank);
    out.push(Item::Text(
        "Text fields also take ← → Home End Backspace Ctrl-w. Every key above is set in the config's [keys] table, one table per mode (see the README)."
            .into(),
    ));
    out
}

const GAP: usize = 3;

/// How help is laid out on a screen: columns, their width, the lines.
struct Layout {
    key_w: usize,
    col_w: usize,
    /// Each column's lines, text wrapped to the column.
    columns: Vec<Vec<Item>>,
    /// Lines per column (the most a column holds).
    rows: usize,
    /// Rows shown at once.
    visible: usize,
    outer: Rect,
}

/// Flows lines into columns of `rows` lines; a heading never ends a column
/// (it moves to the next with its section) and no column starts blank.
fn flow(lines: &[Item], rows: usize) -> Vec<Vec<Item>> {
    let mut columns: Vec<Vec<Item>> = vec![Vec::new()];
    for (i, item) in lines.iter().enumerate() {
        let Some(col) = columns.last_mut() else { break };
        let left = rows.saturating_sub(col.len());
        let lonely = matches!(item, Item::Heading(_)) && left < 2 && i + 1 < lines.len();
        if left == 0 || lonely {
            columns.push(Vec::new());
        }
        let Some(col) = columns.last_mut() else { break };
        if col.is_empty() && matches!(item, Item::Blank) {
            continue;
        }
        col.push(item.clone());
    }
    columns
}

fn layout(app: &App, area: Rect) -> Layout {
    let items = content(app);
    let key_w = items
        .iter()
        .filter_map(|i| match i {
            Item::Entry(k, _) => Some(width(k)),
            _ => None,
        })
        .max()
        .unwrap_or(0)
        .min(18);
    let text_w = items
        .iter()
        .filter_map(|i| match i {
            Item::Entry(_, t) => Some(width(t)),
            _ => None,
        })
        .max()
        .unwrap_or(0);
    let col_w = key_w + 2 + text_w;
    let room_w = (area.width as usize).saturating_sub(2);
    let room_h = (area.height as usize).saturating_sub(3);
    let max_columns = ((room_w + GAP) / (col_w + GAP)).clamp(1, 4);
    let wrapped = |w: usize| -> Vec<Item> {
        items
            .iter()
            .flat_map(|i| match i {
                Item::Text(t) => wrap(t, w).into_iter().map(Item::Text).collect(),
                other => vec![other.clone()],
            })
            .collect()
    };
    let lines = wrapped(col_w);
    for columns in 1..=max_columns {
        let least = lines.len().div_ceil(columns);
        if let Some(rows) = (least..=room_h).find(|r| flow(&lines, *r).len() <= columns) {
            let flowed = flow(&lines, rows);
            let rows = flowed.iter().map(Vec::len).max().unwrap_or(0);
            let used = flowed.len();
            let w = (col_w * used + GAP * used.saturating_sub(1) + 2).min(area.width as usize);
            return Layout {
                key_w,
                col_w,
                columns: flowed,
                rows,
                visible: rows,
                outer: centered(area, w as u16, (rows + 3) as u16),
            };
        }
    }
    // One column that scrolls, as wide as reads well.
    let w = room_w.min(col_w.max(72));
    let lines = wrapped(w);
    Layout {
        key_w,
        col_w: w,
        rows: lines.len(),
        visible: room_h,
        outer: centered(area, (w + 2) as u16, (room_h + 3) as u16),
        columns: vec![lines],
    }
}

/// How far help scrolls on a screen of `area`: 0 when it fits.
pub(crate) fn scroll_limit(app: &App, area: Rect) -> usize {
    let l = layout(app, area);
    l.rows.saturating_sub(l.visible)
}

pub(super) fn render_help(app: &App, scroll: usize, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let l = layout(app, area);
    let scroll = scroll.min(l.rows.saturating_sub(l.visible));
    let inner = frame(app, l.outer, "Keys", buf);
    for (c, column) in l.columns.iter().enumerate() {
        let x = inner.x as usize + c * (l.col_w + GAP);
        for r in 0..l.visible {
            let Some(item) = column.get(scroll + r) else {
                break;
            };
            let y = inner.y + r as u16;
            if y >= inner.bottom() || x >= inner.right() as usize {
                break;
            }
            let line = match item {
                Item::Heading(h) => Line::styled(truncate(h, l.col_w), theme.title()),
                Item::Entry(k, t) => Line::from(vec![
                    Span::styled(fit(k, l.key_w), theme.key()),
                    Span::raw("  "),
                    Span::raw(truncate(t, l.col_w.saturating_sub(l.key_w + 2))),
                ]),
                Item::Text(t) => Line::styled(t.clone(), theme.dim()),
                Item::Blank => continue,
            };
            let w = (l.col_w as u16).min(inner.right() - x as u16);
            line.render(Rect::new(x as u16, y, w, 1), buf);
        }
    }
    let km = &app.keymap;
    let footer = if l.rows > l.visible {
        format!(
            "{}{}/{}/{} scroll ({} of {}) · {} close",
            km.key(ListAction::Up),
            km.key(ListAction::Down),
            km.key(ListAction::PageUp),
            km.key(ListAction::PageDown),
            scroll + l.visible.min(l.rows),
            l.rows,
            km.key(ListAction::Close)
        )
    } else {
        format!("{} closes", km.key(ListAction::Close))
    };
    let y = inner.bottom().saturating_sub(1);
    if inner.height > 1 {
        Line::styled(truncate(&footer, inner.width as usize), theme.dim())
            .render(Rect::new(inner.x, y, inner.width, 1), buf);
    }
}

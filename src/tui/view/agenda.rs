//! The agenda: the shown week as a list, one full-width entry per post grouped
//! under its day — time, category letter, status mark, channel, the whole
//! title — with the same selection as the week grid. It scrolls to keep the
//! selection in view; a day without posts has one line to select it by.

use chrono::Days;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::Target;
use super::text::{fit, truncate, user, width, wrap};
use super::week::{Look, day_name, letter_and_mark, row_target, selected_row, title_style};
use crate::tui::app::{App, DayRows, Row};

/// What one line of the agenda shows.
#[derive(Clone, Copy)]
enum Entry<'a> {
    /// The day's name.
    Heading(usize),
    /// A post or suggestion of the day; `first` on its first line.
    Row {
        day: usize,
        row: Row<'a>,
        first: bool,
    },
    /// A day without posts.
    Empty(usize),
}

impl Entry<'_> {
    fn target(self) -> Target {
        match self {
            Entry::Heading(day) | Entry::Empty(day) => Target::Day(day),
            Entry::Row { day, row, .. } => row_target(row, day),
        }
    }
}

/// Where the columns of an entry start.
struct Columns {
    channel: usize,
    title: usize,
}

/// Indent, "07:30 ", "E?↻ " (the last mark is where a post comes from).
const BEFORE_CHANNEL: usize = 2 + 6 + 4;

fn columns(app: &App, cells: usize) -> Columns {
    let widest = app
        .schedule()
        .week(app.week())
        .filter_map(|p| p.post.channel.as_deref())
        .map(|c| width(&user(c)))
        .max()
        .unwrap_or(0)
        .min(14);
    let with_channel = BEFORE_CHANNEL + widest + 2;
    // The channel column goes before the title takes fewer than 16 cells.
    let channel = if widest > 0 && cells >= with_channel + 16 {
        widest
    } else {
        0
    };
    Columns {
        channel,
        title: if channel > 0 {
            BEFORE_CHANNEL + channel + 2
        } else {
            BEFORE_CHANNEL
        },
    }
}

/// One line as shown: what it is and the part of a title it holds.
type Shown<'a> = (Entry<'a>, String);

/// Every line of the week's agenda, with the wrapped title text of entries.
fn lines(app: &App, cells: usize) -> (Vec<Shown<'_>>, Option<(usize, usize)>) {
    let cols = columns(app, cells);
    let title_cells = cells.saturating_sub(cols.title).max(1);
    let mut out = Vec::new();
    let mut selected = None;
    for day in 0..7 {
        let date = app.week().start() + Days::new(day as u64);
        out.push((Entry::Heading(day), String::new()));
        let rows = DayRows::of(app, date);
        let chosen = selected_row(app, day, &rows);
        if rows.is_empty() {
            if day == app.selected_day() {
                selected = Some((out.len(), out.len() + 1));
            }
            out.push((Entry::Empty(day), String::new()));
            continue;
        }
        for (index, row) in rows.iter().enumerate() {
            let start = out.len();
            for (k, text) in wrap(&user(&row.post().title), title_cells)
                .into_iter()
                .enumerate()
            {
                out.push((
                    Entry::Row {
                        day,
                        row,
                        first: k == 0,
                    },
                    text,
                ));
            }
            if chosen == Some(index) {
                selected = Some((start, out.len()));
            }
        }
    }
    (out, selected)
}

/// The lines shown: `(first, rows)`. When the week does not fit, the first
/// and last lines of the area say how many lines are hidden, and the selection
/// stays in view, a third of the way down.
fn window(
    lines: &[(Entry, String)],
    selected: Option<(usize, usize)>,
    height: usize,
) -> (usize, usize) {
    let total = lines.len();
    if total <= height {
        return (0, total);
    }
    let rows = height.saturating_sub(2);
    let (start, end) = selected.unwrap_or((0, 0));
    let mut top = start.saturating_sub(rows / 3).min(total - rows);
    // Not in the middle of a wrapped title.
    while top > 0 && matches!(lines[top].0, Entry::Row { first: false, .. }) {
        top -= 1;
    }
    if end > top + rows {
        top = end - rows;
    }
    (top.min(total - rows), rows)
}

pub(super) fn hit(app: &App, area: Rect, at: Position) -> Option<Target> {
    if !area.contains(at) {
        return None;
    }
    let (lines, selected) = lines(app, area.width as usize);
    let (top, rows) = window(&lines, selected, area.height as usize);
    let skip = u16::from(rows < lines.len());
    let row = (at.y - area.y).checked_sub(skip).map(usize::from);
    Some(
        row.filter(|r| *r < rows)
            .and_then(|r| lines.get(top + r))
            .map_or(Target::Day(app.selected_day()), |(e, _)| e.target()),
    )
}

pub(super) fn render_agenda(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let cells = area.width as usize;
    let cols = columns(app, cells);
    let (lines, selected) = lines(app, cells);
    let (top, rows) = window(&lines, selected, area.height as usize);
    let scrolls = rows < lines.len();
    for (k, (entry, text)) in lines.iter().skip(top).take(rows).enumerate() {
        let y = area.y + u16::from(scrolls) + k as u16;
        let at = Rect::new(area.x, y, area.width, 1);
        let is_selected = selected.is_some_and(|(s, e)| (s..e).contains(&(top + k)));
        let mut line = match *entry {
            Entry::Heading(day) => {
                let date = app.week().start() + Days::new(day as u64);
                let today = date == app.today;
                let mut style = if today {
                    theme.today()
                } else {
                    theme.day_header()
                };
                if date < app.today {
                    style = style.patch(theme.past());
                }
                let n = app.schedule().day(date).len();
                let count = match n {
                    0 => String::new(),
                    1 => "  1 post".into(),
                    n => format!("  {n} posts"),
                };
                Line::from(vec![
                    Span::styled(day_name(date, cells, today), style),
                    Span::styled(count, theme.dim()),
                ])
            }
            Entry::Empty(_) => Line::styled("  no posts", theme.dim()),
            Entry::Row {
                day, row, first, ..
            } => {
                let date = app.week().start() + Days::new(day as u64);
                let post = row.post();
                let look = Look::of(app, row, date);
                let mut spans = Vec::with_capacity(6);
                if first {
                    let time = post
                        .time
                        .map_or_else(|| "     ".to_string(), |t| t.format("%H:%M").to_string());
                    spans.push(Span::styled(format!("  {time} "), theme.time()));
                    let marks = letter_and_mark(app, &post, look);
                    let pad = 4 - marks.len();
                    spans.extend(marks);
                    spans.push(Span::raw(" ".repeat(pad)));
                    if cols.channel > 0 {
                        let channel = post.channel.as_deref().map(user).unwrap_or_default();
                        spans.push(Span::styled(
                            format!("{}  ", fit(&channel, cols.channel)),
                            theme.dim(),
                        ));
                    }
                } else {
                    spans.push(Span::raw(" ".repeat(cols.title)));
                }
                spans.push(Span::styled(
                    truncate(text, cells.saturating_sub(cols.title)),
                    title_style(app, &post, look),
                ));
                let mut line = Line::from(spans);
                if look.faded {
                    line = line.patch_style(theme.past());
                }
                line
            }
        };
        if is_selected {
            buf.set_style(at, theme.selected());
            line = line.patch_style(theme.selected());
        }
        line.render(at, buf);
    }
    if scrolls {
        let more = |n: usize, arrow: &str| {
            Line::styled(
                if n > 0 {
                    format!("  {arrow} {n} more")
                } else {
                    String::new()
                },
                theme.dim(),
            )
        };
        // Entries (posts, and days without posts), not lines, hidden on each side.
        let posts = |part: &[Shown]| {
            part.iter()
                .filter(|(e, _)| matches!(e, Entry::Row { first: true, .. } | Entry::Empty(_)))
                .count()
        };
        more(posts(&lines[..top]), "↑").render(Rect::new(area.x, area.y, area.width, 1), buf);
        more(posts(&lines[top + rows..]), "↓")
            .render(Rect::new(area.x, area.bottom() - 1, area.width, 1), buf);
    }
    if area.height > 2 {
        let last = Rect::new(area.x, area.bottom() - 1, area.width, 1);
        super::week::render_empty_line(app, last, buf);
    }
}

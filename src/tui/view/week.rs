//! The seven day columns: weekday and date on top, then one line per post.

use chrono::{Days, NaiveDate};
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Widget};

use super::Areas;
use super::text::{truncate, width};
use crate::domain::{Post, Status};
use crate::tui::action::Action;
use crate::tui::app::App;

/// Seven columns across `area`, one cell of separator between them; the extra
/// cells go to the first columns.
pub fn columns(area: Rect) -> [Rect; 7] {
    let usable = area.width.saturating_sub(6);
    let base = usable / 7;
    let extra = usable % 7;
    let mut x = area.x;
    let mut out = [Rect::default(); 7];
    for (i, col) in out.iter_mut().enumerate() {
        let w = base + u16::from((i as u16) < extra);
        *col = Rect::new(x, area.y, w, area.height);
        x += w + 1;
    }
    out
}

/// Which posts of a day are shown in `rows` lines: the first index, how many, and
/// whether the last line is taken by a "more" indicator. Keeps `selected` in view.
pub fn window(count: usize, selected: Option<usize>, rows: usize) -> (usize, usize, bool) {
    if count <= rows {
        return (0, count, false);
    }
    if rows == 0 {
        return (0, 0, false);
    }
    let shown = rows.saturating_sub(1);
    let offset = match selected {
        Some(s) if shown > 0 => s.saturating_sub(shown - 1).min(count - shown),
        _ => 0,
    };
    (offset, shown, true)
}

/// One line of a day column: a post (with its index in the day) or a suggested
/// post not yet accepted.
#[derive(Debug, Clone, Copy)]
enum Row<'a> {
    Post(usize, &'a Post),
    Ghost(&'a Post),
}

/// A day's lines: its posts in order, with the shown suggestions merged in at
/// their times. Without suggestions it holds nothing but the day's slice.
struct DayRows<'a> {
    posts: &'a [Post],
    /// Each suggestion and the row it takes, in row order.
    ghosts: Vec<(usize, &'a Post)>,
}

impl<'a> DayRows<'a> {
    fn of(app: &'a App, date: NaiveDate) -> DayRows<'a> {
        let posts = app.schedule().day(date);
        let ghosts = app
            .suggestion()
            .map(|s| {
                s.on(date)
                    .enumerate()
                    .map(|(k, g)| (posts.partition_point(|p| p.time <= g.time) + k, g))
                    .collect()
            })
            .unwrap_or_default();
        DayRows { posts, ghosts }
    }

    fn len(&self) -> usize {
        self.posts.len() + self.ghosts.len()
    }

    fn get(&self, row: usize) -> Option<Row<'a>> {
        let mut before = 0;
        for &(at, ghost) in &self.ghosts {
            if at == row {
                return Some(Row::Ghost(ghost));
            }
            if at < row {
                before += 1;
            }
        }
        let i = row.checked_sub(before)?;
        self.posts.get(i).map(|p| Row::Post(i, p))
    }

    /// The row of the day's `i`-th post.
    fn row_of(&self, i: usize) -> usize {
        let mut row = i;
        for &(at, _) in &self.ghosts {
            if at <= row {
                row += 1;
            }
        }
        row
    }
}

pub fn hit(app: &App, areas: &Areas, at: Position) -> Option<(usize, Option<usize>)> {
    let day = areas.days.iter().position(|c| c.contains(at))?;
    let col = areas.days[day];
    if at.y == col.y {
        return Some((day, None));
    }
    let row = (at.y - col.y - 1) as usize;
    let date = app.week().start() + Days::new(day as u64);
    let rows = DayRows::of(app, date);
    let selected_post = (day == app.selected_day())
        .then(|| app.selected_index())
        .flatten();
    let selected = selected_post.map(|i| rows.row_of(i));
    let (offset, shown, _) = window(rows.len(), selected, col.height.saturating_sub(1) as usize);
    if row >= shown {
        return Some((day, None));
    }
    match rows.get(offset + row) {
        Some(Row::Post(i, _)) => Some((day, Some(i))),
        // A suggestion is not a post to act on: the day is selected, and the
        // post selected on it stays.
        Some(Row::Ghost(_)) => Some((day, selected_post)),
        None => Some((day, None)),
    }
}

/// The day's name in the room there is: "Wed 25 Nov", "Wed 25", "Wed25", "25";
/// today keeps its mark in every form.
fn day_name(date: NaiveDate, cells: usize, today: bool) -> String {
    let marks: &[&str] = if today { &[" •", "•"] } else { &[""] };
    for f in ["%a %-d %b", "%a %-d", "%a%-d", "%-d"] {
        for mark in marks {
            let s = format!("{}{mark}", date.format(f));
            if width(&s) <= cells {
                return s;
            }
        }
    }
    truncate(&format!("{}", date.format("%-d")), cells)
}

/// A column this wide shows the time before the title: "09:00 E  Title…" keeps
/// at least five cells of title.
const TIME_FROM: usize = 14;

/// One post as a line `cells` wide: time (`with_time`), the category's letter and
/// a status mark, and the title cut to fit. A suggestion not yet accepted
/// (`ghost`) is marked `+` and drawn dim.
fn post_line<'a>(app: &App, post: &Post, cells: usize, with_time: bool, ghost: bool) -> Line<'a> {
    let theme = &app.theme;
    let mut spans = Vec::with_capacity(4);
    let mut used = 0;
    if with_time {
        let time = post
            .time
            .map_or_else(|| "     ".to_string(), |t| t.format("%H:%M").to_string());
        spans.push(Span::styled(format!("{time} "), theme.dim()));
        used += 6;
    }
    let letter = app
        .config
        .category(&post.category)
        .map_or('?', |c| c.letter);
    let letter_style = if ghost {
        theme.ghost_category(&post.category)
    } else {
        theme.category(&post.category)
    };
    spans.push(Span::styled(letter.to_string(), letter_style));
    let mark = match post.status {
        _ if ghost => "+",
        Status::Idea => "?",
        Status::Planned => " ",
        Status::Published => "✓",
    };
    let mark_style = if ghost {
        theme.ghost_mark()
    } else {
        theme.dim()
    };
    spans.push(Span::styled(mark.to_string(), mark_style));
    used += 2;
    if cells > used + 1 {
        let title = truncate(&post.title, cells - used - 1);
        let style = if ghost {
            theme.ghost()
        } else {
            theme.post(post.status)
        };
        spans.push(Span::styled(format!(" {title}"), style));
    }
    Line::from(spans)
}

pub fn render_week(app: &App, areas: &Areas, buf: &mut Buffer) {
    let theme = &app.theme;
    let start = app.week().start();
    // Every column or none shows times, so the titles line up across the week.
    let with_time = areas.days.iter().all(|c| c.width as usize >= TIME_FROM);
    for (i, col) in areas.days.iter().enumerate() {
        let date = start + Days::new(i as u64);
        let is_today = date == app.today;
        let selected_day = i == app.selected_day();
        let name = day_name(date, col.width as usize, is_today);
        let mut style = if is_today {
            theme.today()
        } else {
            theme.day_header()
        };
        if selected_day && app.selected_index().is_none() {
            style = style.patch(theme.selected());
        }
        Line::styled(name, style).render(Rect::new(col.x, col.y, col.width, 1), buf);

        let day = DayRows::of(app, date);
        let rows = col.height.saturating_sub(1) as usize;
        let selected = if selected_day {
            app.selected_index().map(|i| day.row_of(i))
        } else {
            None
        };
        let (offset, shown, more) = window(day.len(), selected, rows);
        for r in 0..shown {
            let cells = col.width as usize;
            let mut line = match day.get(offset + r) {
                Some(Row::Post(_, post)) => post_line(app, post, cells, with_time, false),
                Some(Row::Ghost(post)) => post_line(app, post, cells, with_time, true),
                None => continue,
            };
            if selected == Some(offset + r) {
                line = line.style(theme.selected());
            }
            line.render(Rect::new(col.x, col.y + 1 + r as u16, col.width, 1), buf);
        }
        if more {
            let below = day.len() - offset - shown;
            let text = match (offset, below) {
                (0, b) => format!("↓ {b} more"),
                (a, 0) => format!("↑ {a} more"),
                (a, b) => format!("↑{a} ↓{b}"),
            };
            let y = col.y + 1 + shown as u16;
            Line::styled(truncate(&text, col.width as usize), theme.dim())
                .render(Rect::new(col.x, y, col.width, 1), buf);
        }
        // The separator to the right of the column.
        if i < 6 {
            for y in col.y..col.bottom() {
                if let Some(cell) = buf.cell_mut((col.right(), y)) {
                    cell.set_symbol("│").set_style(theme.border());
                }
            }
        }
    }
    render_empty_hint(app, areas, buf);
}

/// The selected post in full: date, time, category, status, channel, title, notes.
pub fn render_detail(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let date = app.selected_date();
    let mut spans = vec![Span::styled(
        format!(" {} ", date.format("%a %-d %b")),
        theme.day_header(),
    )];
    match app.selected_post() {
        Some(p) => {
            if let Some(t) = p.time {
                spans.push(Span::raw(format!("{} ", t.format("%H:%M"))));
            }
            if let Some(c) = app.config.category(&p.category) {
                spans.push(Span::styled(
                    format!("{} {}", c.letter, c.name),
                    theme.category(&c.key),
                ));
            }
            let mut rest = format!(" · {}", p.status.as_str());
            if let Some(ch) = &p.channel {
                rest.push_str(&format!(" · {ch}"));
            }
            rest.push_str(&format!(" · {} min · ", app.config.minutes(p)));
            spans.push(Span::styled(rest, theme.dim()));
            spans.push(Span::styled(p.title.clone(), theme.title()));
            if let Some(n) = &p.notes {
                spans.push(Span::styled(format!(" — {n}"), theme.dim()));
            }
        }
        None => {
            let suggested = app.suggestion().map_or(0, |s| s.on(date).count());
            let text = match suggested {
                0 => format!("no posts ({} adds one)", app.keymap.describe(Action::Add)),
                1 => "no posts yet; 1 suggested (Enter accepts every suggestion)".into(),
                n => format!("no posts yet; {n} suggested (Enter accepts every suggestion)"),
            };
            spans.push(Span::styled(text, theme.dim()));
        }
    }
    let line = Line::from(spans);
    if line.width() > area.width as usize {
        // Cut by display width, keeping the styles of what is shown.
        let mut left = area.width as usize;
        let mut cut = Vec::new();
        for span in line.spans {
            let w = width(&span.content);
            if w < left {
                left -= w;
                cut.push(span);
            } else {
                cut.push(Span::styled(truncate(&span.content, left), span.style));
                break;
            }
        }
        Line::from(cut).render(area, buf);
    } else {
        line.render(area, buf);
    }
}

/// A line in the middle of an empty week that says how to add a post.
fn render_empty_hint(app: &App, areas: &Areas, buf: &mut Buffer) {
    if app.report().total > 0 || areas.week.height < 4 {
        return;
    }
    let add = app.keymap.describe(Action::Add);
    let help = app.keymap.describe(Action::Help);
    // The long wording where it fits, else the short one.
    let (long, short) = if app.schedule().is_empty() {
        (
            format!(
                "No posts yet. Press {add} to add the first one on the selected day, {help} for help."
            ),
            format!("No posts yet. Press {add} to add one, {help} for help."),
        )
    } else {
        (
            format!("No posts this week. Press {add} to add one on the selected day."),
            format!("No posts this week. Press {add} to add one."),
        )
    };
    let text = if width(&long) + 4 <= areas.week.width as usize {
        long
    } else {
        short
    };
    let w = (width(&text) as u16 + 4).min(areas.week.width);
    let x = areas.week.x + (areas.week.width - w) / 2;
    let y = areas.week.y + areas.week.height / 2;
    let at = Rect::new(x, y, w, 1);
    Clear.render(at, buf);
    Line::styled(
        truncate(&format!("  {text}  "), w as usize),
        app.theme.dim(),
    )
    .centered()
    .render(at, buf);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_fill_the_width_with_separators() {
        let cols = columns(Rect::new(0, 0, 120, 10));
        assert_eq!(cols[0].x, 0);
        assert_eq!(cols[6].right(), 120);
        for pair in cols.windows(2) {
            assert_eq!(pair[0].right() + 1, pair[1].x);
        }
    }

    #[test]
    fn a_day_that_fits_shows_every_post() {
        assert_eq!(window(3, Some(2), 5), (0, 3, false));
    }

    #[test]
    fn a_long_day_scrolls_to_keep_the_selection_in_view() {
        // 10 posts in 4 rows: 3 posts and an indicator.
        assert_eq!(window(10, Some(0), 4), (0, 3, true));
        assert_eq!(window(10, Some(5), 4), (3, 3, true));
        assert_eq!(window(10, Some(9), 4), (7, 3, true));
        assert_eq!(window(10, None, 4), (0, 3, true));
    }

    #[test]
    fn no_rows_show_nothing() {
        assert_eq!(window(3, Some(1), 0), (0, 0, false));
        assert_eq!(window(3, Some(2), 1), (0, 0, true));
        assert_eq!(window(0, None, 0), (0, 0, false));
    }
}

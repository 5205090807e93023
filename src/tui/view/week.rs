//! The seven day columns: weekday and date on top, then a card per post — a
//! first line with time, category letter, status mark and channel, then the
//! title wrapped over up to three lines. A day with more than fits gives its
//! other cards fewer title lines, then scrolls to keep the selected card in
//! view, with "↑ N more" / "↓ N more" at its edges.

use chrono::{Days, NaiveDate};
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Widget};

use super::text::{truncate, user, width, wrap};
use super::{Areas, Target};
use crate::domain::{Post, Provenance, Status};
use crate::tui::action::Action;
use crate::tui::app::{App, DayRows, Row};

/// Seven columns across `area`, one cell of separator between them; the extra
/// cells go to the first columns.
pub(crate) fn columns(area: Rect) -> [Rect; 7] {
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

/// The title lines a card keeps while its day is full: the selected card always
/// gets this many, the others give them up first.
pub(crate) const TITLE_LINES: usize = 3;

/// The most title lines a card shows when its day has room for them: a week of
/// a few posts uses the height of a large terminal to show whole titles.
pub(crate) const MOST_TITLE_LINES: usize = 12;

/// What a click on a day's entry selects.
pub(crate) fn row_target(row: Row, day: usize) -> Target {
    match row {
        Row::Post(index, _) => Target::Post { day, index },
        Row::Ghost(index, _) => Target::Ghost { day, index },
    }
}

/// The row of the day's selected entry, if the day is the selected one.
pub(crate) fn selected_row(app: &App, day: usize, rows: &DayRows) -> Option<usize> {
    if day != app.selected_day() {
        return None;
    }
    app.selected_row(rows)
}

/// A title wrapped to `cells` in at most `lines` lines, the last one cut with
/// `…` when the title goes on.
pub(crate) fn title_lines(title: &str, cells: usize, lines: usize) -> Vec<String> {
    shorten(wrap(&user(title), cells), lines, cells)
}

/// A wrapped title given only `lines` lines: the last one shown ends with "…".
fn shorten(mut title: Vec<String>, lines: usize, cells: usize) -> Vec<String> {
    if title.len() > lines {
        let rest = title.split_off(lines.saturating_sub(1)).join(" ");
        if lines > 0 {
            title.push(truncate(&rest, cells));
        }
    }
    title
}

/// Which cards of a day are shown, and how tall each is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Fit {
    /// Lines per card (first line and title), for every card of the day.
    pub(crate) heights: Vec<usize>,
    /// The cards shown: `start..end`.
    pub(crate) start: usize,
    pub(crate) end: usize,
}

impl Fit {
    pub(crate) fn above(&self) -> usize {
        self.start
    }

    pub(crate) fn below(&self) -> usize {
        self.heights.len() - self.end
    }
}

/// Fits cards wanting `wants` title lines each into `rows` lines. Every card
/// gets the lines it wants when they fit; otherwise the longest titles give up
/// lines first, down to one each (the selected card keeps at least
/// [`TITLE_LINES`]); when even one line each is too many, the day scrolls to keep the selected card in view, with a line
/// for "↑ N more" and "↓ N more" where cards are hidden.
pub(crate) fn fit(wants: &[usize], selected: Option<usize>, rows: usize) -> Fit {
    let n = wants.len();
    let heights_for = |cap: usize| -> Vec<usize> {
        wants
            .iter()
            .enumerate()
            .map(|(i, &w)| {
                let cap = if Some(i) == selected {
                    cap.max(TITLE_LINES)
                } else {
                    cap
                };
                1 + w.min(cap)
            })
            .collect()
    };
    let longest = wants.iter().copied().max().unwrap_or(1);
    for cap in (1..=longest.max(1)).rev() {
        let heights = heights_for(cap);
        if heights.iter().sum::<usize>() <= rows {
            return Fit {
                heights,
                start: 0,
                end: n,
            };
        }
    }
    let heights = heights_for(1);
    let sel = selected.unwrap_or(0).min(n.saturating_sub(1));
    // From the top, with a line kept for "↓ more".
    let room = rows.saturating_sub(1);
    let (mut end, mut used) = (0, 0);
    while end < n && used + heights[end] <= room {
        used += heights[end];
        end += 1;
    }
    if sel < end || n == 0 {
        return Fit {
            heights,
            start: 0,
            end,
        };
    }
    // Else the selected card ends the window, with a line for "↑ more" and,
    // unless it is the last card, one for "↓ more".
    let room = rows.saturating_sub(1 + usize::from(sel + 1 < n));
    let (mut start, mut used) = (sel + 1, 0);
    while start > 0 && used + heights[start - 1] <= room {
        start -= 1;
        used += heights[start];
    }
    // A card taller than the room is shown alone, cut at the bottom.
    let start = start.min(sel);
    Fit {
        heights,
        start,
        end: sel + 1,
    }
}

/// One card as drawn: its entry, where it starts and how many lines it has.
pub(crate) struct Card<'a> {
    /// Its row in the day.
    pub(crate) index: usize,
    pub(crate) row: Row<'a>,
    pub(crate) y: u16,
    pub(crate) height: u16,
    pub(crate) title: Vec<String>,
}

/// A day column as drawn: its cards and how many are hidden above and below.
pub(crate) struct DayView<'a> {
    pub(crate) cards: Vec<Card<'a>>,
    pub(crate) fit: Fit,
    pub(crate) selected: Option<usize>,
}

/// Lays out the cards of day `day` (0..7) in its column `col`.
pub(crate) fn lay_out(app: &App, day: usize, col: Rect) -> DayView<'_> {
    let date = app.week().start() + Days::new(day as u64);
    let rows = DayRows::of(app, date);
    let cells = col.width as usize;
    let titles: Vec<Vec<String>> = rows
        .iter()
        .map(|r| title_lines(&r.post().title, cells, MOST_TITLE_LINES))
        .collect();
    let wants: Vec<usize> = titles.iter().map(Vec::len).collect();
    let selected = selected_row(app, day, &rows);
    let lines = col.height.saturating_sub(1) as usize;
    let fit = fit(&wants, selected, lines);
    let bottom = col.y + col.height;
    let mut y = col.y + 1 + u16::from(fit.above() > 0);
    let mut cards = Vec::with_capacity(fit.end - fit.start);
    for (index, title) in titles.into_iter().enumerate().take(fit.end).skip(fit.start) {
        let Some(row) = rows.get(index) else { continue };
        let height = (fit.heights[index] as u16).min(bottom.saturating_sub(y));
        if height == 0 {
            break;
        }
        cards.push(Card {
            index,
            row,
            y,
            height,
            title: shorten(title, height as usize - 1, cells),
        });
        y += height;
    }
    DayView {
        cards,
        fit,
        selected,
    }
}

/// Whether a day has more cards than its column shows.
pub(crate) fn overflows(app: &App, areas: &Areas, day: usize) -> bool {
    let view = lay_out(app, day, areas.days[day]);
    view.fit.above() + view.fit.below() > 0
}

pub(crate) fn hit(app: &App, areas: &Areas, at: Position) -> Option<Target> {
    let day = areas.days.iter().position(|c| c.contains(at))?;
    let col = areas.days[day];
    if at.y == col.y {
        return Some(Target::Day(day));
    }
    let view = lay_out(app, day, col);
    if let Some(card) = view
        .cards
        .iter()
        .find(|c| at.y >= c.y && at.y < c.y + c.height)
    {
        return Some(row_target(card.row, day));
    }
    // The "more" lines select the first hidden card on their side.
    let date = app.week().start() + Days::new(day as u64);
    let rows = DayRows::of(app, date);
    let first_y = col.y + 1;
    let hidden = if view.fit.above() > 0 && at.y == first_y {
        view.fit.start.checked_sub(1)
    } else if view.fit.below() > 0 && at.y + 1 == col.y + col.height {
        Some(view.fit.end)
    } else {
        None
    };
    Some(
        hidden
            .and_then(|r| rows.get(r))
            .map_or(Target::Day(day), |r| row_target(r, day)),
    )
}

/// The day's name in the room there is: "Wed 25 Nov", "Wed 25", "Wed25", "25";
/// today keeps its mark in every form.
pub(crate) fn day_name(date: NaiveDate, cells: usize, today: bool) -> String {
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

/// The status mark of a post: `?` idea, `✓` published, `+` suggested.
pub(crate) fn mark(post: &Post, ghost: bool) -> &'static str {
    match post.status {
        _ if ghost => "+",
        Status::Idea => "?",
        Status::Planned => " ",
        Status::Published => "✓",
    }
}

/// How a card or agenda entry is drawn: ghost, outside the channel filter,
/// in the past, a search match.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Look {
    pub(crate) ghost: bool,
    pub(crate) faded: bool,
    pub(crate) matched: bool,
}

impl Look {
    pub(crate) fn of(app: &App, row: Row, date: NaiveDate) -> Look {
        let post = row.post();
        Look {
            ghost: row.is_ghost(),
            faded: date < app.today || !app.in_channel(&post),
            matched: !row.is_ghost() && app.search().is_some_and(|s| s.is_match(&post)),
        }
    }
}

/// Where a post comes from, in one cell: `↻` a date of a repeating post, `∞`
/// a use of an evergreen post (or an evergreen post of the backlog), `≡` an
/// idea placed from the backlog.
pub(crate) fn origin_mark(post: &Post) -> Option<&'static str> {
    match post.provenance() {
        Provenance::Recurring => Some("↻"),
        Provenance::Reuse(_) | Provenance::Evergreen => Some("∞"),
        Provenance::FromBacklog => Some("≡"),
        Provenance::Written | Provenance::Idea => None,
    }
}

/// A post's category letter in its colour, its status mark and, when it has
/// one, where it comes from: "E?", "B✓", "P+≡", "E ↻".
pub(crate) fn letter_and_mark<'a>(app: &App, post: &Post, look: Look) -> Vec<Span<'a>> {
    let theme = &app.theme;
    let letter = app
        .config
        .category(&post.category)
        .map_or('?', |c| c.letter);
    let (letter_style, mark_style) = if look.ghost {
        (theme.ghost_category(&post.category), theme.ghost_mark())
    } else {
        (theme.category(&post.category), theme.dim())
    };
    let mut spans = vec![
        Span::styled(letter.to_string(), letter_style),
        Span::styled(mark(post, look.ghost), mark_style),
    ];
    if let Some(origin) = origin_mark(post) {
        spans.push(Span::styled(origin, mark_style));
    }
    spans
}

/// The first line of a card: "07:30 E? instagram", cut to `cells`.
pub(crate) fn card_head<'a>(app: &App, post: &Post, look: Look, cells: usize) -> Line<'a> {
    let theme = &app.theme;
    let mut spans = Vec::with_capacity(5);
    let mut used = 0;
    if let Some(t) = post.time {
        spans.push(Span::styled(
            format!("{} ", t.format("%H:%M")),
            theme.time(),
        ));
        used += 6;
    }
    let marks = letter_and_mark(app, post, look);
    used += marks.len();
    spans.extend(marks);
    if let Some(channel) = &post.channel
        && cells > used + 1
    {
        spans.push(Span::styled(
            format!(" {}", truncate(&user(channel), cells - used - 1)),
            theme.dim(),
        ));
    }
    let line = Line::from(spans);
    if width(&line.to_string()) > cells {
        cut(line, cells)
    } else {
        line
    }
}

/// A line cut to `cells`, keeping the styles of what is shown.
pub(crate) fn cut(line: Line<'_>, cells: usize) -> Line<'_> {
    let mut left = cells;
    let mut spans = Vec::new();
    for span in line.spans {
        let w = width(&span.content);
        if w <= left {
            left -= w;
            spans.push(span);
        } else {
            spans.push(Span::styled(truncate(&span.content, left), span.style));
            break;
        }
    }
    Line::from(spans).style(line.style)
}

/// The style of a post's title.
pub(crate) fn title_style(app: &App, post: &Post, look: Look) -> Style {
    let theme = &app.theme;
    let mut style = if look.ghost {
        theme.ghost()
    } else {
        theme.post(post.status)
    };
    if look.matched {
        style = style.patch(theme.matched());
    }
    style
}

pub(crate) fn render_week(app: &App, areas: &Areas, buf: &mut Buffer) {
    let theme = &app.theme;
    let start = app.week().start();
    for (i, col) in areas.days.iter().enumerate() {
        let date = start + Days::new(i as u64);
        let is_today = date == app.today;
        let past = date < app.today;
        let name = day_name(date, col.width as usize, is_today);
        let mut style = if is_today {
            theme.today()
        } else {
            theme.day_header()
        };
        if past {
            style = style.patch(theme.past());
        }
        if i == app.selected_day() && selected_row(app, i, &DayRows::of(app, date)).is_none() {
            style = style.patch(theme.selected());
        }
        Line::styled(name, style).render(Rect::new(col.x, col.y, col.width, 1), buf);

        let view = lay_out(app, i, *col);
        let cells = col.width as usize;
        for card in &view.cards {
            let post = card.row.post();
            let look = Look::of(app, card.row, date);
            let mut lines = Vec::with_capacity(card.title.len() + 1);
            lines.push(card_head(app, &post, look, cells));
            for t in &card.title {
                lines.push(Line::styled(t.clone(), title_style(app, &post, look)));
            }
            let selected = view.selected == Some(card.index);
            for (k, mut line) in lines.into_iter().take(card.height as usize).enumerate() {
                if look.faded {
                    line = line.patch_style(theme.past());
                }
                let at = Rect::new(col.x, card.y + k as u16, col.width, 1);
                if selected {
                    buf.set_style(at, theme.selected());
                    line = line.patch_style(theme.selected());
                }
                line.render(at, buf);
            }
        }
        let more = |n: usize, arrow: &str| truncate(&format!("{arrow} {n} more"), cells);
        if view.fit.above() > 0 && col.height > 1 {
            Line::styled(more(view.fit.above(), "↑"), theme.dim())
                .render(Rect::new(col.x, col.y + 1, col.width, 1), buf);
        }
        if view.fit.below() > 0 && col.height > 2 {
            Line::styled(more(view.fit.below(), "↓"), theme.dim())
                .render(Rect::new(col.x, col.y + col.height - 1, col.width, 1), buf);
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
    render_empty_hint(app, areas.main, buf);
}

/// What an empty week says: how to add a post, and which later week has
/// posts and how to go there; the longest wording that fits `cells`.
fn empty_hint(app: &App, cells: usize) -> Option<String> {
    if app.week_report().total > 0 || app.suggestion().is_some() {
        return None;
    }
    let add = app.keymap.describe(Action::Add);
    let help = app.keymap.describe(Action::Help);
    let mut texts = Vec::new();
    if let Some(later) = app.next_planned_week() {
        let go = app.keymap.describe(Action::GoTo);
        let next = app.keymap.describe(Action::NextWeek);
        let next_week = (later.start() - app.week().start()).num_days() == 7;
        let (how, short) = if next_week {
            (format!("press {next}"), next.clone())
        } else {
            (
                format!("press {go} and type {later}"),
                format!("{go} {later}"),
            )
        };
        texts.push(format!(
            "No posts this week. The next planned week is {later} ({}): {how}.",
            super::header::date_range(later)
        ));
        texts.push(format!("No posts this week; next: {later} ({how})."));
        texts.push(format!("Empty week; next: {later} ({short})"));
    }
    if app.schedule().is_empty() {
        texts.push(format!(
            "No posts yet. Press {add} to add the first one on the selected day, {help} for help."
        ));
        texts.push(format!(
            "No posts yet. Press {add} to add one, {help} for help."
        ));
    } else {
        texts.push(format!(
            "No posts this week. Press {add} to add one on the selected day."
        ));
        texts.push(format!("No posts this week. Press {add} to add one."));
    }
    texts
        .iter()
        .find(|t| width(t) <= cells)
        .or(texts.last())
        .cloned()
}

/// The empty-week hint across the middle of the week grid.
fn render_empty_hint(app: &App, area: Rect, buf: &mut Buffer) {
    if area.height < 4 {
        return;
    }
    let Some(text) = empty_hint(app, (area.width as usize).saturating_sub(4)) else {
        return;
    };
    let w = (width(&text) as u16 + 4).min(area.width);
    let x = area.x + (area.width - w) / 2;
    let y = area.y + area.height / 2;
    let at = Rect::new(x, y, w, 1);
    Clear.render(at, buf);
    Line::styled(
        truncate(&format!("  {text}  "), w as usize),
        app.theme.dim(),
    )
    .centered()
    .render(at, buf);
}

/// The empty-week hint on one line of the agenda, which has no room to spare
/// in its middle.
pub(crate) fn render_empty_line(app: &App, at: Rect, buf: &mut Buffer) {
    let Some(text) = empty_hint(app, (at.width as usize).saturating_sub(2)) else {
        return;
    };
    Clear.render(at, buf);
    Line::styled(
        truncate(&format!("  {text}"), at.width as usize),
        app.theme.dim(),
    )
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
    fn cards_get_every_title_line_they_want_when_they_fit() {
        let f = fit(&[3, 1, 2], None, 12);
        assert_eq!((f.heights, f.start, f.end), (vec![4, 2, 3], 0, 3));
    }

    #[test]
    fn a_full_day_gives_the_other_cards_fewer_lines_first() {
        // 4+4+4 = 12 lines do not fit in 9; two title lines each do (3+3+3).
        let f = fit(&[3, 3, 3], None, 9);
        assert_eq!((f.heights, f.start, f.end), (vec![3, 3, 3], 0, 3));
        // The selected card keeps its three lines.
        let f = fit(&[3, 3, 3], Some(1), 10);
        assert_eq!(f.heights, vec![3, 4, 3]);
        assert_eq!((f.start, f.end), (0, 3));
    }

    #[test]
    fn a_day_with_room_shows_long_titles_whole() {
        // A six-line title in a day of twenty lines is shown whole.
        let f = fit(&[6, 1], None, 20);
        assert_eq!(f.heights, vec![7, 2]);
        // With less room the longest title gives up lines first.
        let f = fit(&[6, 1, 2], None, 9);
        assert_eq!(f.heights, vec![4, 2, 3]);
    }

    #[test]
    fn a_long_day_scrolls_to_keep_the_selected_card_in_view() {
        let wants = vec![1; 10];
        // 10 cards of 2 lines in 7 lines: 3 cards and "↓ more".
        let f = fit(&wants, Some(0), 7);
        assert_eq!((f.start, f.end, f.below()), (0, 3, 7));
        let f = fit(&wants, Some(9), 7);
        assert_eq!((f.start, f.end, f.above()), (7, 10, 7));
        let f = fit(&wants, Some(5), 7);
        assert_eq!((f.start, f.end), (4, 6));
        assert!(f.above() > 0 && f.below() > 0);
    }

    #[test]
    fn no_room_shows_at_most_the_selected_card() {
        let f = fit(&[2, 2], Some(1), 0);
        assert!(f.end - f.start <= 1);
        let f = fit(&[], None, 5);
        assert_eq!((f.start, f.end), (0, 0));
    }

    #[test]
    fn a_title_is_wrapped_at_words_and_cut_after_three_lines() {
        let lines = title_lines(
            "Croissants fresh from the oven at seven every morning",
            10,
            3,
        );
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[0], "Croissants");
        assert!(lines[2].ends_with('…'), "{lines:?}");
        assert!(lines.iter().all(|l| width(l) <= 10));
    }
}

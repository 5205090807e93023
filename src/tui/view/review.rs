//! The review screen (`R`): per channel, a bar chart of the hours spent and one
//! of the responses brought (ratatui's `BarChart`, one row per channel), and a
//! `Sparkline` per channel over the weeks; then the chosen channel's advice with
//! its numbers, the partners promoted, and the time per week against the
//! budget. The numbers and sentences are `mixcal review`'s (`crate::review`).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Sparkline, Widget};

use super::popup::{frame, put};
use super::text::{fit, truncate, user, width, wrap};
use crate::review::{Channel, Reason, Verdict, words};
use crate::tui::action::ReviewAction;
use crate::tui::app::App;
use crate::tui::review::ReviewScreen;

/// How many rows each part of the screen gets.
struct Rows {
    /// Channels shown in the charts and the sparklines, from `first`.
    channels: usize,
    first: usize,
    /// Rows of each channel's bar, with the gap below it, and of its
    /// sparkline: a gap between bars and taller sparklines (a finer picture)
    /// when the screen has room.
    bar: usize,
    spark: usize,
    /// A blank row between the parts, when there is room.
    gap: usize,
    detail: usize,
    partners: usize,
    time: usize,
}

/// The verdict as the screen's last column shows it, and its style.
fn verdict(app: &App, c: &Channel) -> (&'static str, Style) {
    let theme = &app.theme;
    match (c.judgement.verdict, c.judgement.reason) {
        (_, Reason::TooFew { .. }) => ("· too new", theme.dim()),
        (_, Reason::Unlogged) => ("· not logged", theme.dim()),
        (Some(Verdict::Grow), _) => ("↑ grow", theme.ok()),
        (Some(Verdict::Keep), _) => ("= keep", Style::new()),
        (Some(Verdict::Shrink), _) => ("↓ shrink", theme.warning()),
        (Some(Verdict::Drop), _) => ("✗ drop", theme.error()),
        (None, _) => ("·", theme.dim()),
    }
}

fn hint(app: &App, screen: &ReviewScreen) -> String {
    let km = &app.keymap;
    format!(
        "{}{} channel · {}{} earlier / later · {}{} weeks ({}) · {} sparkline · {} close",
        km.key(ReviewAction::Up),
        km.key(ReviewAction::Down),
        km.key(ReviewAction::Earlier),
        km.key(ReviewAction::Later),
        km.key(ReviewAction::Longer),
        km.key(ReviewAction::Shorter),
        screen.weeks,
        km.key(ReviewAction::Metric),
        km.key(ReviewAction::Close),
    )
}

/// The chosen channel's advice, then its posts, trend and mix.
fn detail(app: &App, screen: &ReviewScreen, cells: usize) -> Vec<String> {
    let Some(c) = screen.review.channels.get(screen.cursor) else {
        return Vec::new();
    };
    let mut lines = wrap(&user(&words::advice(c, &screen.review)), cells);
    let mut facts = format!(
        "{} posts · trend {}",
        c.total.posts,
        words::trend(c.trend.as_ref())
    );
    let mix = words::mix(c, &app.config);
    if !mix.is_empty() {
        facts.push_str(&format!(" · mix {mix}"));
    }
    lines.extend(wrap(&facts, cells));
    lines
}

/// The first `n` lines, the last ending in `…` when lines were left out.
fn kept(mut lines: Vec<String>, n: usize, cells: usize) -> Vec<String> {
    if lines.len() > n {
        lines.truncate(n);
        if let Some(last) = lines.last_mut() {
            *last = truncate(&format!("{last} …"), cells);
        }
    }
    lines
}

/// The partners promoted, wrapped.
fn partners(screen: &ReviewScreen, cells: usize) -> Vec<String> {
    let r = &screen.review;
    let mut parts: Vec<String> = r.partners.iter().map(words::partner).collect();
    parts.extend(words::unnamed_partners(r.unnamed_partner_posts));
    if parts.is_empty() {
        return Vec::new();
    }
    wrap(&format!("Partners: {}", user(&parts.join(" · "))), cells)
}

/// Shares the rows out: the charts and sparklines want a row per channel, the
/// rest what its text takes; when the screen is short, the channels shown
/// scroll with the choice and the text is cut.
fn rows(screen: &ReviewScreen, avail: usize, detail: usize, time: usize, partners: usize) -> Rows {
    let n = screen.review.channels.len();
    // Two headings, then a row per channel in each of the two parts.
    let lists = |k: usize| 2 + 2 * k;
    let least_text = detail.min(1) + time.min(1);
    let mut k = n;
    while k > 1 && lists(k) + least_text > avail {
        k -= 1;
    }
    let mut left = avail.saturating_sub(lists(k));
    let mut take = |want: usize| {
        let got = want.min(left);
        left -= got;
        got
    };
    let detail = take(detail);
    let time = take(time);
    let partners = take(partners);
    let gap = take(1);
    // What is left spaces the bars out and makes the sparklines taller.
    let (mut bar, mut spark) = (1, 1);
    while k > 0 && left >= k && (bar < 2 || spark < 3) {
        if spark <= bar && spark < 3 || bar == 2 {
            spark += 1;
        } else {
            bar += 1;
        }
        left -= k;
    }
    let first = if screen.cursor < k {
        0
    } else {
        screen.cursor + 1 - k
    };
    Rows {
        channels: k,
        first,
        bar,
        spark,
        gap,
        detail,
        partners,
        time,
    }
}

pub(super) fn render_review(app: &App, screen: &ReviewScreen, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let r = &screen.review;
    let title = format!("Review {}", words::period(r));
    let inner = frame(
        app,
        area,
        &truncate(&title, area.width.saturating_sub(4) as usize),
        buf,
    );
    let cells = inner.width as usize;
    let height = inner.height as usize;
    if height == 0 || cells == 0 {
        return;
    }
    let hint = wrap(&hint(app, screen), cells);
    let hint_rows = hint.len().min(2).min(height);
    for (i, l) in kept(hint, hint_rows, cells).into_iter().enumerate() {
        put(
            Line::styled(l, theme.dim()),
            inner,
            height - hint_rows + i,
            buf,
        );
    }
    let height = height - hint_rows;
    let total = r.total();
    if total.posts == 0 {
        for (i, l) in kept(wrap(&words::nothing(r), cells), height, cells)
            .into_iter()
            .enumerate()
        {
            put(Line::raw(l), inner, i, buf);
        }
        return;
    }
    let headline = format!(
        "{} published · {} · {} responses",
        total.posts,
        words::duration(total.minutes),
        total.responses
    );
    put(
        Line::styled(truncate(&headline, cells), theme.dim()),
        inner,
        0,
        buf,
    );

    let detail = detail(app, screen, cells);
    let time = wrap(&words::time(r), cells);
    let partners = partners(screen, cells);
    let rows = rows(
        screen,
        height.saturating_sub(1),
        detail.len().min(3),
        time.len().min(2),
        partners.len().min(3),
    );
    let shown = &r.channels[rows.first..rows.first + rows.channels];
    let label_w = shown
        .iter()
        .map(|c| width(&user(words::channel_name(c))))
        .max()
        .unwrap_or(0)
        .clamp(4, 16)
        + 1;
    let label = |i: usize, c: &Channel| -> Line<'static> {
        let chosen = rows.first + i == screen.cursor;
        let mark = if chosen { "▸" } else { " " };
        let text = format!("{mark}{}", fit(&user(words::channel_name(c)), label_w - 1));
        if chosen {
            Line::styled(text, theme.key())
        } else {
            Line::raw(text)
        }
    };

    // The bar charts: hours and responses, side by side, a bar per channel.
    let mut y = inner.y + 1;
    let bars_h = (rows.channels * rows.bar) as u16;
    let half = inner.width.saturating_sub(1) / 2;
    let left = Rect::new(inner.x, y, half, 1 + bars_h);
    let right = Rect::new(
        inner.x + half + 1,
        y,
        inner.width.saturating_sub(half + 1),
        1 + bars_h,
    );
    let hours_max = r
        .channels
        .iter()
        .map(|c| c.total.minutes)
        .max()
        .unwrap_or(0);
    let responses_max = r
        .channels
        .iter()
        .map(|c| c.total.responses)
        .max()
        .unwrap_or(0);
    for (part, heading, max, value, text, style) in [
        (
            left,
            "Hours",
            hours_max,
            (|c: &Channel| c.total.minutes) as fn(&Channel) -> u32,
            (|c: &Channel| words::duration(c.total.minutes)) as fn(&Channel) -> String,
            (theme.hours_bar(), theme.hours_value()),
        ),
        (
            right,
            "Responses",
            responses_max,
            |c: &Channel| c.total.responses,
            |c: &Channel| c.total.responses.to_string(),
            (theme.responses_bar(), theme.responses_value()),
        ),
    ] {
        Span::styled(heading, theme.title()).render(Rect::new(part.x, part.y, part.width, 1), buf);
        let bars: Vec<Bar> = shown
            .iter()
            .enumerate()
            .map(|(i, c)| {
                Bar::default()
                    .value(u64::from(value(c)))
                    .text_value(text(c))
                    .label(label(i, c))
            })
            .collect();
        BarChart::default()
            .direction(ratatui::layout::Direction::Horizontal)
            .data(BarGroup::default().bars(&bars))
            .bar_width(1)
            .bar_gap(rows.bar as u16 - 1)
            .group_gap(0)
            .bar_style(style.0)
            .value_style(style.1)
            .max(u64::from(max.max(1)))
            .render(Rect::new(part.x, part.y + 1, part.width, bars_h), buf);
    }
    y += 1 + bars_h + rows.gap as u16;

    // A sparkline per channel over the weeks, then its verdict.
    let weeks = r.weeks.len().max(1);
    let (first_week, last_week) = (r.weeks.first(), r.weeks.last());
    let label_text = screen.metric.label();
    let note = "each on its own scale; · no posts";
    let heading = match (first_week, last_week) {
        (Some(a), Some(b)) if a != b => {
            let long = format!("{label_text}, {a} – {b} ({note})");
            if width(&long) <= cells {
                long
            } else {
                format!("{label_text} ({note})")
            }
        }
        _ => format!("{label_text} ({note})"),
    };
    put(
        Line::styled(truncate(&heading, cells), theme.title()),
        inner,
        (y - inner.y) as usize,
        buf,
    );
    y += 1;
    let verdict_w = 13u16.min(inner.width / 4);
    let spark_x = inner.x + label_w as u16 + 1;
    let spark_w = inner.right().saturating_sub(spark_x + verdict_w + 1).max(1) as usize;
    // Each week as wide as the room allows, up to four cells; the latest weeks
    // when not all fit.
    let each = (spark_w / weeks).clamp(1, 4);
    let fits = (spark_w / each).min(weeks);
    // Each channel on its own scale: the sparkline shows where its own weeks
    // went; the bars above compare the channels.
    for (i, c) in shown.iter().enumerate() {
        let top = c
            .weeks
            .iter()
            .map(|f| screen.metric.value(f))
            .max()
            .unwrap_or(0)
            .max(1);
        let row = y + (i * rows.spark) as u16;
        let middle = row + (rows.spark as u16 - 1) / 2;
        label(i, c).render(Rect::new(inner.x, middle, label_w as u16, 1), buf);
        let data: Vec<Option<u64>> = c.weeks[weeks - fits..]
            .iter()
            .flat_map(|f| {
                let v = (f.posts > 0).then(|| screen.metric.value(f));
                std::iter::repeat_n(v, each)
            })
            .collect();
        let at = Rect::new(spark_x, row, (fits * each) as u16, rows.spark as u16);
        Sparkline::default()
            .data(data.iter().copied())
            .max(top)
            .style(theme.responses_bar())
            .absent_value_symbol(" ")
            .render(at, buf);
        // Weeks without posts: a dot on the baseline.
        for (x, v) in data.iter().enumerate() {
            if v.is_none() {
                buf[(at.x + x as u16, at.bottom() - 1)]
                    .set_symbol("·")
                    .set_style(theme.dim());
            }
        }
        let (text, style) = verdict(app, c);
        Span::styled(fit(text, verdict_w as usize), style).render(
            Rect::new(
                inner.right().saturating_sub(verdict_w),
                middle,
                verdict_w,
                1,
            ),
            buf,
        );
    }
    let mut row = (y - inner.y) as usize + rows.channels * rows.spark + rows.gap;

    // The chosen channel's advice, the partners, the time.
    for (i, l) in kept(detail, rows.detail, cells).into_iter().enumerate() {
        let style = if i == 0 { Style::new() } else { theme.dim() };
        put(Line::styled(l, style), inner, row, buf);
        row += 1;
    }
    for l in kept(partners, rows.partners, cells) {
        put(Line::raw(l), inner, row, buf);
        row += 1;
    }
    let over = !r.over_budget().is_empty();
    for l in kept(time, rows.time, cells) {
        put(
            Line::styled(l, if over { theme.warning() } else { Style::new() }),
            inner,
            row,
            buf,
        );
        row += 1;
    }
}

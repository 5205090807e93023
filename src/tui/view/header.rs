//! The top line: week label and dates, file name, unsaved marker, help key.

use chrono::{Datelike, NaiveDate};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::text::{truncate, user, width};
use crate::domain::Week;
use crate::tui::action::Action;
use crate::tui::app::App;

/// "23–29 Nov 2026", "30 Nov – 6 Dec 2026", "29 Dec 2025 – 4 Jan 2026".
pub(super) fn date_range(week: Week) -> String {
    dates(week.start(), week.end())
}

/// Two dates as [`date_range`] writes them, naming a month or year once when both share it.
pub(super) fn dates(a: NaiveDate, b: NaiveDate) -> String {
    if a.year() != b.year() {
        format!("{} – {}", a.format("%-d %b %Y"), b.format("%-d %b %Y"))
    } else if a.month() != b.month() {
        format!("{} – {}", a.format("%-d %b"), b.format("%-d %b %Y"))
    } else {
        format!("{}–{}", a.format("%-d"), b.format("%-d %b %Y"))
    }
}

pub(super) fn render_header(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let file = app.file_name();
    let help = format!("{} help ", app.keymap.describe(Action::Help));
    let mut spans = vec![
        Span::styled(" mixcal ", theme.title()),
        Span::styled(app.week().to_string(), theme.title()),
        Span::raw(format!("  {}  ", date_range(app.week()))),
    ];
    if let Some(channel) = app.channel() {
        spans.push(Span::styled(
            format!("channel {}  ", truncate(&user(channel), 20)),
            theme.key(),
        ));
    }
    let room = (area.width as usize)
        .saturating_sub(spans.iter().map(|s| width(&s.content)).sum::<usize>())
        .saturating_sub(width(&help) + 1);
    let mut tail = if app.is_demo() {
        format!("demo week, not saved → {file}")
    } else {
        file
    };
    let marker = if app.is_dirty() { " ● unsaved" } else { "" };
    tail = truncate(&tail, room.saturating_sub(width(marker)));
    spans.push(Span::styled(tail, theme.dim()));
    spans.push(Span::styled(marker, theme.unsaved()));
    Line::from(spans).render(area, buf);
    let help_width = width(&help) as u16;
    if area.width > help_width + 30 {
        let at = Rect::new(area.right() - help_width, area.y, help_width, 1);
        Line::styled(help, theme.dim()).render(at, buf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::WeekStart;

    fn week(s: &str) -> Week {
        Week::parse(s, WeekStart::default()).unwrap()
    }

    #[test]
    fn a_week_inside_one_month_names_the_month_once() {
        assert_eq!(date_range(week("2026-W48")), "23–29 Nov 2026");
    }

    #[test]
    fn a_week_across_months_names_both() {
        assert_eq!(date_range(week("2026-W49")), "30 Nov – 6 Dec 2026");
    }

    #[test]
    fn a_week_across_years_names_both_years() {
        assert_eq!(date_range(week("2026-W53")), "28 Dec 2026 – 3 Jan 2027");
    }
}

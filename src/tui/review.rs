//! The review screen's state (`R`): the period, the channel chosen and what
//! the sparklines measure, with the review of that period. The review is
//! worked out here, when the period changes, by the same `crate::review` that
//! `mixcal review` prints; drawing only reads it.

use chrono::NaiveDate;
use ratatui::crossterm::event::KeyEvent;

use super::action::ReviewAction;
use super::keymap::KeyMap;
use crate::config::Config;
use crate::domain::{Schedule, Week};
use crate::mix::Rules;
use crate::review::{self, Figures, Review};

/// The most weeks the screen reviews at once: ten years, as `--weeks` takes.
const MAX_WEEKS: u32 = 520;

/// What each channel's sparkline shows, week by week.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Metric {
    Responses,
    Hours,
    PerHour,
}

impl Metric {
    pub(crate) fn label(self) -> &'static str {
        match self {
            Metric::Responses => "Responses a week",
            Metric::Hours => "Time a week",
            Metric::PerHour => "Responses per hour, week by week",
        }
    }

    fn next(self) -> Metric {
        match self {
            Metric::Responses => Metric::Hours,
            Metric::Hours => Metric::PerHour,
            Metric::PerHour => Metric::Responses,
        }
    }

    /// A week's figure as the sparkline draws it: whole responses, minutes, or
    /// tenths of a response per hour.
    pub(crate) fn value(self, f: &Figures) -> u64 {
        match self {
            Metric::Responses => u64::from(f.responses),
            Metric::Hours => u64::from(f.minutes),
            Metric::PerHour => f.per_hour().map_or(0, |r| (r * 10.0).round() as u64),
        }
    }
}

/// What the inputs of a review are, to work it out again.
pub(crate) struct Sources<'a> {
    pub(crate) config: &'a Config,
    pub(crate) rules: &'a Rules,
    pub(crate) schedule: &'a Schedule,
    pub(crate) today: NaiveDate,
}

#[derive(Debug, Clone)]
pub struct ReviewScreen {
    /// The last day reviewed: today, or the end of an earlier week.
    pub(crate) to: NaiveDate,
    /// Weeks reviewed, ending with the week of `to`.
    pub(crate) weeks: u32,
    /// The chosen channel, by its place in the review.
    pub cursor: usize,
    pub metric: Metric,
    pub review: Review,
}

/// What a key did to the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ReviewOutcome {
    Open,
    Closed,
}

impl ReviewScreen {
    /// The config's period (`[review] weeks`) up to today.
    pub(crate) fn new(s: &Sources) -> ReviewScreen {
        let weeks = s.config.review.weeks;
        let span = review::last_weeks(s.today, weeks, s.config.week_start);
        ReviewScreen {
            to: s.today,
            weeks,
            cursor: 0,
            metric: Metric::Responses,
            review: review::review(s.config, s.rules, s.schedule, span),
        }
    }

    fn recompute(&mut self, s: &Sources) {
        let span = review::last_weeks(self.to, self.weeks, s.config.week_start);
        let chosen = self
            .review
            .channels
            .get(self.cursor)
            .map(|c| c.name.clone());
        self.review = review::review(s.config, s.rules, s.schedule, span);
        // The same channel stays chosen when the new period has it.
        self.cursor = chosen
            .and_then(|name| self.review.channels.iter().position(|c| c.name == name))
            .unwrap_or(0)
            .min(self.review.channels.len().saturating_sub(1));
    }

    pub(crate) fn handle_key(
        &mut self,
        key: KeyEvent,
        keymap: &KeyMap,
        s: &Sources,
    ) -> ReviewOutcome {
        let Some(action) = keymap.get::<ReviewAction>(&key) else {
            return ReviewOutcome::Open;
        };
        self.act(action, s)
    }

    /// Carries out one of the screen's actions.
    pub(crate) fn act(&mut self, action: ReviewAction, s: &Sources) -> ReviewOutcome {
        let n = self.review.channels.len();
        let week_start = s.config.week_start;
        match action {
            ReviewAction::Close => return ReviewOutcome::Closed,
            ReviewAction::Up => self.cursor = self.cursor.saturating_sub(1),
            ReviewAction::Down => self.cursor = (self.cursor + 1).min(n.saturating_sub(1)),
            ReviewAction::Metric => self.metric = self.metric.next(),
            ReviewAction::Earlier => {
                self.to = Week::containing(self.to, week_start).prev().end();
                self.recompute(s);
            }
            ReviewAction::Later => {
                let next = Week::containing(self.to, week_start).next().end();
                self.to = next.min(s.today).max(self.to);
                self.recompute(s);
            }
            ReviewAction::Longer => {
                self.weeks = (self.weeks + 1).min(MAX_WEEKS);
                self.recompute(s);
            }
            ReviewAction::Shorter => {
                self.weeks = self.weeks.saturating_sub(1).max(1);
                self.recompute(s);
            }
        }
        ReviewOutcome::Open
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Post, Status};

    fn sources<'a>(config: &'a Config, rules: &'a Rules, schedule: &'a Schedule) -> Sources<'a> {
        Sources {
            config,
            rules,
            schedule,
            today: NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
        }
    }

    fn schedule() -> Schedule {
        let mut s = Schedule::new();
        for (date, channel) in [
            ("2026-11-24", "instagram"),
            ("2026-11-10", "linkedin"),
            ("2026-09-01", "facebook"),
        ] {
            let mut p = Post::new(date.parse().unwrap(), "everyday", "t");
            p.channel = Some(channel.into());
            p.status = Status::Published;
            p.responses = Some(1);
            s.insert(p);
        }
        s
    }

    #[test]
    fn the_period_moves_by_weeks_and_never_past_today() {
        let config = Config::builtin().unwrap();
        let rules = Rules::compile(&config).unwrap();
        let schedule = schedule();
        let s = sources(&config, &rules, &schedule);
        let mut screen = ReviewScreen::new(&s);
        assert_eq!(screen.weeks, 8);
        assert_eq!(screen.review.channels.len(), 2);
        screen.act(ReviewAction::Later, &s);
        assert_eq!(screen.to, s.today);
        screen.act(ReviewAction::Earlier, &s);
        assert_eq!(screen.to.to_string(), "2026-11-22");
        assert_eq!(screen.review.span.to.to_string(), "2026-11-22");
        assert_eq!(
            screen.review.channels.len(),
            1,
            "{:?}",
            screen.review.channels
        );
        screen.act(ReviewAction::Later, &s);
        assert_eq!(screen.to, s.today);
        for _ in 0..20 {
            screen.act(ReviewAction::Shorter, &s);
        }
        assert_eq!(screen.weeks, 1);
        screen.act(ReviewAction::Longer, &s);
        assert_eq!(screen.review.weeks.len(), 2);
    }

    #[test]
    fn the_chosen_channel_stays_chosen_when_the_period_changes() {
        let config = Config::builtin().unwrap();
        let rules = Rules::compile(&config).unwrap();
        let schedule = schedule();
        let s = sources(&config, &rules, &schedule);
        let mut screen = ReviewScreen::new(&s);
        screen.act(ReviewAction::Down, &s);
        let chosen = screen.review.channels[screen.cursor].name.clone();
        for _ in 0..12 {
            screen.act(ReviewAction::Longer, &s);
        }
        assert_eq!(screen.review.channels.len(), 3);
        assert_eq!(screen.review.channels[screen.cursor].name, chosen);
        screen.act(ReviewAction::Down, &s);
        screen.act(ReviewAction::Down, &s);
        screen.act(ReviewAction::Down, &s);
        assert_eq!(screen.cursor, 2);
        assert_eq!(screen.act(ReviewAction::Metric, &s), ReviewOutcome::Open);
        assert_eq!(screen.metric, Metric::Hours);
        assert_eq!(screen.act(ReviewAction::Close, &s), ReviewOutcome::Closed);
    }
}

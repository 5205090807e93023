//! The channel review: which accounts earn the time they take.
//!
//! It reads the published posts of a period, per channel: how many, the
//! minutes they took (`spent`, else the planned minutes), the responses they
//! brought (replies, comments, messages and shares from people), responses per
//! hour, the trend between the period's halves, and the channel's own mix; then
//! one verdict per channel — grow, keep, shrink or drop — from the thresholds in
//! `[review]`. It also sums the time per week against the budget and lists the
//! partners promoted, and when. `mixcal review` prints it and the calendar's
//! review screen draws it; both read this one computation, so their numbers
//! are the same. Every sentence comes from [`words`].

pub mod words;

use chrono::NaiveDate;
use indexmap::IndexMap;

use crate::config::{Config, channel_key};
use crate::domain::{Post, Schedule, Span, Status, Week, WeekStart};
use crate::mix::{Rules, Target};

/// What a set of published posts took and brought.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Figures {
    /// Published posts.
    pub(crate) posts: u32,
    /// Minutes they took: each post's `spent`, else its planned minutes.
    pub minutes: u32,
    /// Responses logged.
    pub responses: u32,
    /// Posts whose responses were logged.
    pub(crate) logged: u32,
    /// Minutes of the posts whose responses were logged: what responses per
    /// hour divide by, so a post not logged yet does not count as silent.
    pub(crate) logged_minutes: u32,
}

impl Figures {
    // Sums saturate: a million responses on each of thousands of posts is a
    // typing slip somewhere, not a reason to stop.
    fn add(&mut self, post: &Post, minutes: u32) {
        self.posts = self.posts.saturating_add(1);
        self.minutes = self.minutes.saturating_add(minutes);
        if let Some(n) = post.responses {
            self.responses = self.responses.saturating_add(n);
            self.logged = self.logged.saturating_add(1);
            self.logged_minutes = self.logged_minutes.saturating_add(minutes);
        }
    }

    fn sum<'a>(all: impl IntoIterator<Item = &'a Figures>) -> Figures {
        all.into_iter().fold(Figures::default(), |a, b| Figures {
            posts: a.posts.saturating_add(b.posts),
            minutes: a.minutes.saturating_add(b.minutes),
            responses: a.responses.saturating_add(b.responses),
            logged: a.logged.saturating_add(b.logged),
            logged_minutes: a.logged_minutes.saturating_add(b.logged_minutes),
        })
    }

    /// Responses per hour spent, over the logged posts; `None` when they took
    /// no time.
    pub(crate) fn per_hour(&self) -> Option<f64> {
        (self.logged_minutes > 0)
            .then(|| f64::from(self.responses) * 60.0 / f64::from(self.logged_minutes))
    }

    /// Posts published but not logged yet.
    pub(crate) fn unlogged(&self) -> u32 {
        self.posts.saturating_sub(self.logged)
    }
}

/// Which way responses per hour went between the period's halves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr)]
#[strum(serialize_all = "lowercase")]
pub(crate) enum Direction {
    Rising,
    Steady,
    Falling,
}

impl Direction {
    pub(crate) fn name(self) -> &'static str {
        self.into()
    }
}

/// Responses per hour in the first and the second half of the period.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Trend {
    pub(crate) before: f64,
    pub(crate) after: f64,
    pub(crate) direction: Direction,
}

impl Trend {
    /// The change in percent; `None` from nothing to something.
    pub(crate) fn change(&self) -> Option<f64> {
        if self.before > 0.0 {
            Some((self.after - self.before) / self.before * 100.0)
        } else if self.after > 0.0 {
            None
        } else {
            Some(0.0)
        }
    }
}

/// What to do with a channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr)]
#[strum(serialize_all = "lowercase")]
pub(crate) enum Verdict {
    Grow,
    Keep,
    Shrink,
    Drop,
}

impl Verdict {
    pub(crate) fn name(self) -> &'static str {
        self.into()
    }
}

/// Why a channel got its verdict, or none. Its JSON name (`too_few`) comes from
/// the derive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
pub(crate) enum Reason {
    /// Fewer published posts than `min_posts`: not judged yet.
    TooFew { needed: u32 },
    /// Published posts, but no responses logged for any: not judged.
    Unlogged,
    /// Logged posts in the last `weeks` weeks of the period, and no response.
    Silent { weeks: u32 },
    /// Responses per hour against the bands.
    Rate,
    /// The grow channel with the most responses per hour.
    Best,
    /// Logged posts that took no time at all.
    NoTime,
}

/// A channel's verdict and what it rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Judgement {
    pub(crate) verdict: Option<Verdict>,
    pub(crate) reason: Reason,
}

/// One channel over the period.
#[derive(Debug, Clone, PartialEq)]
pub struct Channel {
    /// The channel as most of its posts write it; `None` for posts without one.
    pub name: Option<String>,
    pub total: Figures,
    /// One entry per week of the review, in order.
    pub(crate) weeks: Vec<Figures>,
    /// Published posts per category, in config order.
    pub(crate) mix: IndexMap<String, u32>,
    pub(crate) trend: Option<Trend>,
    pub(crate) judgement: Judgement,
}

/// A partner and the published posts that promoted them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Partner {
    /// The name as its first promotion writes it.
    pub(crate) name: String,
    /// Date, channel, id and title of each promotion, in date order.
    pub(crate) posts: Vec<Promotion>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Promotion {
    pub(crate) date: NaiveDate,
    pub(crate) channel: Option<String>,
    pub(crate) id: String,
    pub(crate) title: String,
}

/// The whole review of a period.
#[derive(Debug, Clone, PartialEq)]
pub struct Review {
    pub span: Span,
    /// The weeks the period touches, in order.
    pub weeks: Vec<Week>,
    /// Channels by minutes spent, most first.
    pub channels: Vec<Channel>,
    /// Every channel together, one entry per week.
    pub(crate) time: Vec<Figures>,
    /// The weekly budget, when a budget rule sets one.
    pub(crate) budget: Option<u32>,
    /// Partners by their first promotion in the period.
    pub(crate) partners: Vec<Partner>,
    /// Published partner posts that name no partner.
    pub(crate) unnamed_partner_posts: u32,
}

impl Review {
    /// Every channel's figures together.
    pub(crate) fn total(&self) -> Figures {
        Figures::sum(&self.time)
    }

    /// Minutes a week on average over the period.
    pub(crate) fn average_minutes(&self) -> u32 {
        let weeks = self.weeks.len().max(1) as u64;
        ((u64::from(self.total().minutes) + weeks / 2) / weeks) as u32
    }

    /// The weeks whose time went over the budget, with their minutes.
    pub(crate) fn over_budget(&self) -> Vec<(Week, u32)> {
        let Some(budget) = self.budget else {
            return Vec::new();
        };
        self.weeks
            .iter()
            .zip(&self.time)
            .filter(|(_, f)| f.minutes > budget)
            .map(|(w, f)| (*w, f.minutes))
            .collect()
    }
}

/// The period `mixcal review` and the review screen look at when none is
/// given: the last `weeks` weeks, this one included, up to `today`.
pub fn last_weeks(today: NaiveDate, weeks: u32, start: WeekStart) -> Span {
    let mut first = Week::containing(today, start);
    for _ in 1..weeks.max(1) {
        first = first.prev();
    }
    Span {
        from: first.start(),
        to: today,
    }
}

/// The weekly budget of the first budget rule, if there is one.
pub(crate) fn budget(rules: &Rules) -> Option<u32> {
    rules.iter().find_map(|r| match r.kind.target() {
        Target::Budget { max } => Some(max),
        _ => None,
    })
}

/// Reviews the published posts of `span`; `rules` give the weekly budget.
pub fn review(config: &Config, rules: &Rules, schedule: &Schedule, span: Span) -> Review {
    let mut weeks = Vec::new();
    let mut week = Week::containing(span.from, config.week_start);
    while week.start() <= span.to {
        weeks.push(week);
        week = week.next();
    }
    let empty_mix: IndexMap<String, u32> =
        config.category_keys().map(|k| (k.to_string(), 0)).collect();
    // Channels by key, each with its spellings counted to name it as most
    // posts do.
    let mut channels: IndexMap<String, (IndexMap<String, u32>, Channel)> = IndexMap::new();
    let mut time = vec![Figures::default(); weeks.len()];
    let mut partners: IndexMap<String, Partner> = IndexMap::new();
    let mut unnamed = 0;
    for dated in schedule.range(span.from..=span.to) {
        // A repeating post's dates are not published one by one: publishing
        // one makes it a post of its own, which counts here.
        if dated.status != Status::Published || dated.is_occurrence() {
            continue;
        }
        let post = dated.post;
        let minutes = post.spent.unwrap_or_else(|| config.minutes(post));
        let Some(w) = weeks
            .first()
            .map(|first| ((dated.date - first.start()).num_days() / 7) as usize)
            .filter(|w| *w < weeks.len())
        else {
            continue;
        };
        let key = post.channel.as_deref().map(channel_key).unwrap_or_default();
        let (spellings, channel) = channels.entry(key).or_insert_with(|| {
            (
                IndexMap::new(),
                Channel {
                    name: None,
                    total: Figures::default(),
                    weeks: vec![Figures::default(); weeks.len()],
                    mix: empty_mix.clone(),
                    trend: None,
                    judgement: Judgement {
                        verdict: None,
                        reason: Reason::Unlogged,
                    },
                },
            )
        });
        if let Some(name) = &post.channel {
            *spellings.entry(name.clone()).or_default() += 1;
        }
        channel.total.add(post, minutes);
        channel.weeks[w].add(post, minutes);
        *channel.mix.entry(post.category.clone()).or_default() += 1;
        time[w].add(post, minutes);
        match &post.partner {
            Some(name) => partners
                .entry(name.to_lowercase())
                .or_insert_with(|| Partner {
                    name: name.clone(),
                    posts: Vec::new(),
                })
                .posts
                .push(Promotion {
                    date: dated.date,
                    channel: post.channel.clone(),
                    id: post.id.clone(),
                    title: post.title.clone(),
                }),
            None if post.category == "partner" => unnamed += 1,
            None => {}
        }
    }
    let t = &config.review;
    let mut channels: Vec<Channel> = channels
        .into_values()
        .map(|(spellings, mut c)| {
            // The most used spelling; the first of equals, in date order.
            c.name = spellings
                .iter()
                .rev()
                .max_by_key(|(_, n)| **n)
                .map(|(s, _)| s.clone());
            c.judgement = judge(&c, t);
            // Two or three posts make no trend.
            if !matches!(c.judgement.reason, Reason::TooFew { .. }) {
                c.trend = trend(&c.weeks, t.trend_change);
            }
            c
        })
        .collect();
    channels.sort_by(|a, b| {
        b.total
            .minutes
            .cmp(&a.total.minutes)
            .then_with(|| a.name.cmp(&b.name))
    });
    // The grow channel that brings most for its time is the best use of it.
    let best = channels
        .iter()
        .enumerate()
        .filter(|(_, c)| c.judgement.verdict == Some(Verdict::Grow))
        .filter_map(|(i, c)| Some((i, c.total.per_hour()?)))
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(i, _)| i);
    if let Some(i) = best {
        channels[i].judgement.reason = Reason::Best;
    }
    Review {
        span,
        weeks,
        channels,
        time,
        budget: budget(rules),
        partners: partners.into_values().collect(),
        unnamed_partner_posts: unnamed,
    }
}

/// Responses per hour in the first half of the weeks against the second (the
/// middle week of an odd number left out); `None` when a half has no logged
/// time.
fn trend(weeks: &[Figures], change: f64) -> Option<Trend> {
    let half = weeks.len() / 2;
    if half == 0 {
        return None;
    }
    let before = Figures::sum(&weeks[..half]).per_hour()?;
    let after = Figures::sum(&weeks[weeks.len() - half..]).per_hour()?;
    let direction = if before == 0.0 && after == 0.0 {
        Direction::Steady
    } else if after >= before * (1.0 + change / 100.0) && after > before {
        Direction::Rising
    } else if after <= before * (1.0 - change / 100.0) {
        Direction::Falling
    } else {
        Direction::Steady
    };
    Some(Trend {
        before,
        after,
        direction,
    })
}

/// The first verdict that applies, in the order `[review]` documents.
fn judge(c: &Channel, t: &crate::config::review::Thresholds) -> Judgement {
    let judged = |verdict, reason| Judgement {
        verdict: Some(verdict),
        reason,
    };
    if c.total.posts < t.min_posts {
        return Judgement {
            verdict: None,
            reason: Reason::TooFew {
                needed: t.min_posts,
            },
        };
    }
    if c.total.logged == 0 {
        return Judgement {
            verdict: None,
            reason: Reason::Unlogged,
        };
    }
    let silent_weeks = t.drop_silent_weeks as usize;
    if c.weeks.len() >= silent_weeks {
        let window = Figures::sum(&c.weeks[c.weeks.len() - silent_weeks..]);
        if window.logged > 0 && window.responses == 0 {
            return judged(
                Verdict::Drop,
                Reason::Silent {
                    weeks: t.drop_silent_weeks,
                },
            );
        }
    }
    let Some(rate) = c.total.per_hour() else {
        return judged(Verdict::Keep, Reason::NoTime);
    };
    let verdict = if rate < t.drop_below {
        Verdict::Drop
    } else if rate < t.shrink_below {
        Verdict::Shrink
    } else if rate >= t.grow_from {
        Verdict::Grow
    } else {
        Verdict::Keep
    };
    judged(verdict, Reason::Rate)
}

#[cfg(test)]
mod tests;

//! Every sentence mixcal says about the mix, made from the typed values of
//! findings, changes, repairs and plans, and the one way numbers are rounded.
//! The mix panel, `mixcal check`, `mixcal suggest` and the weeks overview all
//! word through here, so they say the same thing with the same numbers.
//!
//! User text (titles, category names) is shown escaped, so a title cannot act
//! on the terminal it is printed to.

use chrono::NaiveDate;
use unicode_width::UnicodeWidthChar;

use super::analyze::Standing;
use super::finding::{CategorySet, Change, Finding, PostRef, Spot, Violation};
use super::library::{Fill, Outlook};
use super::plan::{Blocked, Plan, Reason, Repair, Verdict};
use super::rules::Target;
use crate::config::Config;
use crate::shown::shown;

/// A share as a whole percent, rounded half up: 1 of 6 is 17%. 0 of no posts is 0%.
pub(crate) fn percent(n: u32, total: u32) -> u32 {
    if total == 0 {
        return 0;
    }
    ((u64::from(n) * 200 + u64::from(total)) / (2 * u64::from(total))) as u32
}

/// A ratio to two decimals, trailing zeros dropped: 2.5, 4.33, 10.
pub(crate) fn ratio(a: u32, b: u32) -> String {
    number(f64::from(a) / f64::from(b))
}

/// A number to two decimals, trailing zeros dropped: 4, 4.5, 0.33.
pub(crate) fn number(v: f64) -> String {
    let s = format!("{:.2}", (v * 100.0).round() / 100.0);
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// A target range as people say it: "4–5", "at most 2", "at least 1", "3".
pub(crate) fn range(min: Option<f64>, max: Option<f64>) -> String {
    match (min, max) {
        (Some(lo), Some(hi)) if lo == hi => number(lo),
        (Some(lo), Some(hi)) if lo > 0.0 => format!("{}–{}", number(lo), number(hi)),
        (_, Some(hi)) => format!("at most {}", number(hi)),
        (Some(lo), None) => format!("at least {}", number(lo)),
        (None, None) => "any number".to_string(),
    }
}

/// "1 change", "3 changes".
pub(crate) fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// "once", "twice", "3 times".
pub(crate) fn times(n: u32) -> String {
    match n {
        1 => "once".to_string(),
        2 => "twice".to_string(),
        n => format!("{n} times"),
    }
}

/// Titles in sentences are cut to this many cells.
const TITLE_CELLS: usize = 32;

/// The sentences of one config: category names come from it.
#[derive(Debug, Clone, Copy)]
pub struct Words<'a> {
    config: &'a Config,
}

impl<'a> Words<'a> {
    pub(crate) fn new(config: &'a Config) -> Words<'a> {
        Words { config }
    }

    pub(crate) fn config(&self) -> &'a Config {
        self.config
    }

    /// "3 business, 2 partner and 1 contest": counts by category key.
    pub(crate) fn counts<'k>(
        &self,
        counts: impl IntoIterator<Item = (&'k String, &'k u32)>,
    ) -> String {
        let parts: Vec<String> = counts
            .into_iter()
            .map(|(k, n)| format!("{n} {}", self.category(k)))
            .collect();
        and_list(&parts)
    }

    /// What the backlog lacks for the weeks ahead.
    pub(crate) fn outlook(&self, o: &Outlook) -> String {
        let mut last = o.from;
        for _ in 1..o.weeks {
            last = last.next();
        }
        let weeks = if o.weeks == 1 {
            format!("{}", o.from)
        } else {
            format!("the next {} weeks ({} to {last})", o.weeks, o.from)
        };
        if o.proposed == 0 {
            return format!(
                "The planner proposes no post for {weeks}: nothing for the backlog to fill."
            );
        }
        if o.total() == 0 {
            return format!(
                "The backlog has an idea for every post the planner proposes for {weeks}."
            );
        }
        let ideas = if o.total() == 1 { "idea" } else { "ideas" };
        format!(
            "The backlog lacks {} {ideas} for {weeks}; until it has them, those slots get placeholders.",
            self.counts(&o.lacking)
        )
    }

    /// [`Words::outlook`] in a few words, for a panel: "the backlog is short
    /// of 3 business and 2 partner ideas for the next 4 weeks".
    pub(crate) fn outlook_short(&self, o: &Outlook) -> String {
        if o.proposed == 0 {
            return format!("nothing to propose for the next {} weeks", o.weeks);
        }
        if o.total() == 0 {
            return format!("the backlog has ideas for the next {} weeks", o.weeks);
        }
        format!(
            "the backlog is short of {} for the next {} weeks",
            self.counts(&o.lacking),
            o.weeks
        )
    }

    /// Where proposals' posts come from: "5 ideas from the backlog, 1 use of
    /// an evergreen post and 1 placeholder".
    pub(crate) fn fills<'f>(&self, fills: impl IntoIterator<Item = &'f Fill>) -> String {
        let (mut ideas, mut evergreen, mut placeholders) = (0, 0, 0);
        for f in fills {
            match f {
                Fill::Idea(_) => ideas += 1,
                Fill::Evergreen(_) => evergreen += 1,
                Fill::Placeholder => placeholders += 1,
            }
        }
        let mut parts = Vec::new();
        if ideas > 0 {
            parts.push(format!(
                "{} from the backlog",
                count(ideas, "idea", "ideas")
            ));
        }
        if evergreen > 0 {
            parts.push(count(
                evergreen,
                "use of an evergreen post",
                "uses of evergreen posts",
            ));
        }
        if placeholders > 0 {
            parts.push(count(placeholders, "placeholder", "placeholders"));
        }
        and_list(&parts)
    }

    /// A category as a sentence names it: its name in lower case.
    pub(crate) fn category(&self, key: &str) -> String {
        let name = self
            .config
            .category(key)
            .map_or_else(|| key.to_string(), |c| c.name.to_lowercase());
        shown(&name).into_owned()
    }

    /// "everyday", "partner or contest".
    pub(crate) fn categories(&self, keys: &[String]) -> String {
        let names: Vec<String> = keys.iter().map(|k| self.category(k)).collect();
        names.join(" or ")
    }

    /// "non-everyday", "business or contest".
    pub(crate) fn set(&self, set: &CategorySet) -> String {
        match set {
            CategorySet::Except(keys) if keys.is_empty() => String::new(),
            CategorySet::Except(keys) => format!("non-{}", self.categories(keys)),
            CategorySet::Only(keys) => self.categories(keys),
        }
    }

    /// What is wrong, with the real numbers: the finding's message. A rule
    /// checked on some channels names them first: "on linkedin, …".
    pub fn message(&self, f: &Finding) -> String {
        match &f.scope {
            Some(channel) => format!("on {}, {}", shown(channel), self.violation(&f.violation)),
            None => self.violation(&f.violation),
        }
    }

    pub(crate) fn violation(&self, v: &Violation) -> String {
        match v {
            Violation::Ratio {
                of,
                per,
                of_count,
                per_count,
                min,
                max,
            } => {
                let (of, per) = (self.categories(of), self.categories(per));
                let target = range(Some(*min), *max);
                if *per_count == 0 && *of_count == 0 {
                    format!("no {of} and no {per} post: the target is {target} {of} per {per} post")
                } else if *per_count == 0 {
                    format!(
                        "{} and no {per} post: the target is {target} {of} per {per} post",
                        plural(*of_count, &of)
                    )
                } else {
                    format!(
                        "{} per {} is {} per {per} post, target {target}",
                        plural(*of_count, &of),
                        plural(*per_count, &per),
                        ratio(*of_count, *per_count)
                    )
                }
            }
            Violation::Count {
                categories,
                count,
                min,
                max,
            } => {
                let name = self.categories(categories);
                let what = plural(*count, &name);
                match (min, max) {
                    (_, Some(0)) if *count > 0 => format!("{what} this week; none are allowed"),
                    (_, Some(hi)) if count > hi => {
                        format!("{what} this week; the limit is {hi} a week")
                    }
                    (Some(lo), Some(hi)) => {
                        format!("{what} this week; the target is {lo}–{hi} a week")
                    }
                    (Some(lo), None) => format!("{what} this week; the target is at least {lo}"),
                    _ => format!("{what} this week"),
                }
            }
            Violation::Share {
                categories,
                inside,
                total,
                min,
                max,
            } => format!(
                "{inside} of {total} posts are {} ({}%), target {}%",
                self.categories(categories),
                percent(*inside, *total),
                range(*min, *max)
            ),
            Violation::Streak { set, posts, max } => {
                let listed: Vec<String> = posts.iter().map(|p| self.post_kind(p)).collect();
                format!(
                    "{} {} posts in a row ({}); the limit is {max}",
                    posts.len(),
                    self.set(set),
                    listed.join(", ")
                )
            }
            Violation::Budget { minutes, max } => format!(
                "{minutes} minutes planned; the budget is {max} minutes a week ({} over)",
                minutes.saturating_sub(*max)
            ),
            Violation::Rotation {
                partner,
                posts,
                weeks,
                max,
            } => {
                let listed: Vec<String> = posts
                    .iter()
                    .map(|p| p.date.format("%a %-d %b").to_string())
                    .collect();
                format!(
                    "{} promoted {} within {} ({}); the limit is {}",
                    shown(partner),
                    times(posts.len() as u32),
                    count(*weeks as usize, "week", "weeks"),
                    listed.join(", "),
                    times(*max)
                )
            }
        }
    }

    /// Where a rule stands, with its target: "5 everyday per business post,
    /// target 4–5", "1 partner post, at most 2 partner posts a week".
    pub(crate) fn standing(&self, v: &Violation) -> String {
        match v {
            Violation::Ratio {
                of,
                per,
                of_count,
                per_count,
                min,
                max,
            } => {
                let (of, per) = (self.categories(of), self.categories(per));
                let target = range(Some(*min), *max);
                if *per_count == 0 && *of_count == 0 {
                    format!("no {of} and no {per} post, target {target} per {per} post")
                } else if *per_count == 0 {
                    format!(
                        "{} and no {per} post, target {target} per {per} post",
                        plural(*of_count, &of)
                    )
                } else {
                    format!(
                        "{} {of} per {per} post, target {target}",
                        ratio(*of_count, *per_count)
                    )
                }
            }
            Violation::Count {
                categories,
                count,
                min,
                max,
            } => format!(
                "{}, {}",
                plural(*count, &self.categories(categories)),
                self.target(&Target::Count {
                    categories: categories.clone(),
                    min: *min,
                    max: *max
                })
            ),
            Violation::Budget { minutes, max } => format!("{minutes} of {max} minutes a week"),
            other => self.violation(other),
        }
    }

    /// What a rule asks: "4–5 everyday per business post", "at most 1 contest
    /// post a week", "at most 2 non-everyday posts in a row".
    pub(crate) fn target(&self, t: &Target) -> String {
        match t {
            Target::Ratio { of, per, min, max } => format!(
                "{} {} per {} post",
                range(Some(*min), *max),
                self.categories(of),
                self.categories(per)
            ),
            Target::Count {
                categories,
                min,
                max,
            } => {
                let name = self.categories(categories);
                match (min, max) {
                    (Some(lo), Some(hi)) if lo == hi => format!("{} a week", plural(*lo, &name)),
                    (Some(lo), Some(hi)) if *lo > 0 => format!("{lo}–{hi} {name} posts a week"),
                    (_, Some(hi)) => format!("at most {} a week", plural(*hi, &name)),
                    (Some(lo), None) => format!("at least {} a week", plural(*lo, &name)),
                    (None, None) => format!("any number of {name} posts"),
                }
            }
            Target::Share {
                categories,
                min,
                max,
            } => format!(
                "{}% {} posts",
                range(*min, *max),
                self.categories(categories)
            ),
            Target::Streak { set, max } => {
                format!("at most {max} {} posts in a row", self.set(set))
            }
            Target::Budget { max } => format!("at most {max} minutes a week"),
            Target::Rotation { weeks, max } => format!(
                "each partner at most {} in {}",
                times(*max),
                count(*weeks as usize, "week", "weeks")
            ),
        }
    }

    /// "Fri 17:00 "Weekend offer"": a post by day, time and title.
    pub(crate) fn post(&self, p: &PostRef) -> String {
        let when = when(p.date, p.time);
        if p.title.is_empty() {
            format!("{when} {} post", self.category(&p.category))
        } else {
            format!("{when} \"{}\"", clip(&p.title, TITLE_CELLS))
        }
    }

    /// "Tue 09:00 business post": a post by day, time and category.
    pub(crate) fn post_kind(&self, p: &PostRef) -> String {
        format!(
            "{} {} post",
            when(p.date, p.time),
            self.category(&p.category)
        )
    }

    /// "Wed 09:00".
    pub(crate) fn spot(&self, s: &Spot) -> String {
        when(s.date, Some(s.time))
    }

    /// One change, as a person would do it.
    fn change_in(&self, c: &Change, mood: Mood) -> String {
        let verb = |v: &'static str| mood.verb(v);
        match c {
            Change::Add {
                category,
                count,
                at,
            } => {
                let name = self.category(category);
                match at {
                    Some(spot) if *count == 1 => format!(
                        "{} {} {name} post at {}",
                        verb("add"),
                        article(&name),
                        self.spot(spot)
                    ),
                    _ => format!("{} {}", verb("add"), plural(*count, &name)),
                }
            }
            Change::Recategorise { post, to, .. } => {
                let name = self.category(to);
                format!(
                    "{} {} {} {name} post",
                    verb("make"),
                    self.post(post),
                    article(&name)
                )
            }
            Change::Move { post, to } if *to == super::analyze::next_week(post.date) => {
                format!("{} {} to next week", verb("move"), self.post(post))
            }
            Change::Move { post, to } => format!(
                "{} {} to the week of {}",
                verb("move"),
                self.post(post),
                to.format("%a %-d %b")
            ),
            Change::Remove { post } => format!("{} the idea {}", verb("drop"), self.post(post)),
            Change::Cut { minutes } => format!("{} {minutes} minutes", verb("cut")),
            Change::Channel {
                post,
                from: Some(from),
                to,
            } => format!(
                "{} {} from {} to {}",
                verb("move"),
                self.post(post),
                shown(from),
                shown(to)
            ),
            Change::Channel {
                post,
                from: None,
                to,
            } => format!("{} {} on {}", verb("put"), self.post(post), shown(to)),
        }
    }

    /// Several changes in one sentence; adds of one category at several spots
    /// are named together, where the first of them comes: "add everyday posts
    /// at Mon 09:00, Thu 09:00 and Fri 09:00".
    pub(crate) fn changes(&self, changes: &[Change]) -> String {
        self.changes_in(changes, Mood::Do)
    }

    fn changes_in(&self, changes: &[Change], mood: Mood) -> String {
        let spots_of = |category: &str| -> Vec<String> {
            changes
                .iter()
                .filter_map(|c| match c {
                    Change::Add {
                        category: other,
                        count: 1,
                        at: Some(spot),
                    } if other == category => Some(self.spot(spot)),
                    _ => None,
                })
                .collect()
        };
        let mut parts: Vec<String> = Vec::new();
        let mut named: Vec<&str> = Vec::new();
        for (i, change) in changes.iter().enumerate() {
            // Adds anywhere in the week, one after another, are one "add".
            if let Change::Add { at: None, .. } = change {
                let anywhere = |c: &Change| match c {
                    Change::Add {
                        category,
                        count,
                        at: None,
                    } => Some(plural(*count, &self.category(category))),
                    _ => None,
                };
                if i > 0 && anywhere(&changes[i - 1]).is_some() {
                    continue;
                }
                let run: Vec<String> = changes[i..].iter().map_while(anywhere).collect();
                parts.push(format!("{} {}", mood.verb("add"), and_list(&run)));
                continue;
            }
            if let Change::Add {
                category,
                count: 1,
                at: Some(_),
            } = change
            {
                if named.contains(&category.as_str()) {
                    continue;
                }
                let spots = spots_of(category);
                if spots.len() > 1 {
                    named.push(category);
                    parts.push(format!(
                        "{} {} posts at {}",
                        mood.verb("add"),
                        self.category(category),
                        and_list(&spots)
                    ));
                    continue;
                }
            }
            parts.push(self.change_in(change, mood));
        }
        // A part that lists spots has an "and" of its own: a comma before the
        // last "and" keeps the parts apart.
        match parts.as_slice() {
            [init @ .., last] if !init.is_empty() && !named.is_empty() => {
                format!("{}, and {last}", init.join(", "))
            }
            _ => and_list(&parts),
        }
    }

    /// The smallest change that mends a finding on its own, or why there is none.
    pub(crate) fn fix(&self, f: &Finding) -> String {
        if f.needs.is_empty() {
            return "no change may mend it: the published and past posts alone break it"
                .to_string();
        }
        self.fix_in(f, Mood::Do)
    }

    fn fix_in(&self, f: &Finding, mood: Mood) -> String {
        let text = self.changes_in(&f.needs, mood);
        // Posts to add for one channel's mix go on that channel.
        let adds = f
            .needs
            .iter()
            .any(|c| matches!(c, Change::Add { at: None, .. }));
        match &f.scope {
            Some(channel) if adds => format!("{text} on {}", shown(channel)),
            _ => text,
        }
    }

    /// A finding's own fix that would break other rules, said as such:
    /// "adding 1 business post on instagram would break everyday-per-business
    /// and weekly-budget". `None` when the fix breaks nothing (it is the thing
    /// to do) or there is none.
    pub(crate) fn breaking_fix(&self, f: &Finding) -> Option<String> {
        if f.breaks.is_empty() || f.needs.is_empty() {
            return None;
        }
        let broken: Vec<String> = f
            .breaks
            .iter()
            .map(std::string::ToString::to_string)
            .collect();
        Some(format!(
            "{} would break {}",
            self.fix_in(f, Mood::Doing),
            and_list(&broken)
        ))
    }

    /// "1 change balances the week: make Fri 17:00 "Weekend offer" an everyday post".
    pub(crate) fn repair(&self, r: &Repair) -> String {
        let n = r.size();
        let verb = if n == 1 {
            "1 change balances"
        } else {
            "changes balance"
        };
        let head = if n == 1 {
            verb.to_string()
        } else {
            format!("{n} {verb}")
        };
        let early = if r.complete {
            ""
        } else {
            " (the search stopped early; a smaller one may exist)"
        };
        let rest = if r.rest.is_empty() {
            String::new()
        } else {
            format!("; {}", self.own_changes(&r.rest))
        };
        format!("{head} the week{early}: {}{rest}", self.changes(&r.changes))
    }

    /// Rules beyond the repair, sent to their findings' own changes.
    fn own_changes(&self, ids: &[super::finding::RuleId]) -> String {
        let names: Vec<String> = ids.iter().map(std::string::ToString::to_string).collect();
        format!("for {}, see the findings", and_list(&names))
    }

    /// "4 placeholder ideas still to write: Mon 09:00 everyday post, …".
    pub(crate) fn placeholders(&self, posts: &[PostRef]) -> Option<String> {
        const NAMED: usize = 3;
        if posts.is_empty() {
            return None;
        }
        let mut named: Vec<String> = posts
            .iter()
            .take(NAMED)
            .map(|p| self.post_kind(p))
            .collect();
        if posts.len() > NAMED {
            named.push(format!("{} more", posts.len() - NAMED));
        }
        Some(format!(
            "{} still to write: {}",
            count(posts.len(), "placeholder idea", "placeholder ideas"),
            and_list(&named)
        ))
    }

    /// Why no repair is offered.
    pub(crate) fn blocked(&self, b: &Blocked) -> String {
        let rules = |ids: &[super::finding::RuleId]| {
            let names: Vec<String> = ids.iter().map(std::string::ToString::to_string).collect();
            and_list(&names)
        };
        match b {
            Blocked::Locked { rules: ids } => {
                format!("the published and past posts alone break {}", rules(ids))
            }
            Blocked::TooFar { at_least, limit } => format!(
                "it takes at least {at_least} changes, more than the {limit} the search tries"
            ),
            Blocked::Conflict => {
                "the rules cannot all hold together with this week's posts and open slots"
                    .to_string()
            }
            Blocked::NotWithin { limit, cut: false } => {
                format!("no {limit} changes or fewer make every rule hold together")
            }
            Blocked::NotWithin { cut: true, .. } => {
                "the search stopped at its bound before it found one".to_string()
            }
            Blocked::OwnChanges { rules: ids } => {
                format!("the week as a whole holds; {}", self.own_changes(ids))
            }
        }
    }

    /// The verdict on a week in one line, without its mark.
    pub(crate) fn verdict(&self, v: &Verdict) -> String {
        match v {
            Verdict::NothingPlanned => "nothing planned yet".to_string(),
            Verdict::Balanced => "balanced: every rule holds".to_string(),
            Verdict::Repair(r) => self.repair(r),
            Verdict::Blocked(b @ Blocked::OwnChanges { .. }) => self.blocked(b),
            Verdict::Blocked(b) => format!(
                "no change within reach balances the week: {}",
                self.blocked(b)
            ),
        }
    }

    /// A week's standing in two words, for the overview and badges.
    pub(crate) fn badge(&self, s: Standing, failing: usize) -> String {
        match s {
            Standing::NothingPlanned => "nothing planned".to_string(),
            Standing::Balanced => "balanced".to_string(),
            Standing::Drifts => format!("drifts ({})", count(failing, "finding", "findings")),
        }
    }

    /// Why a proposal holds its category.
    pub fn reason(&self, r: &Reason) -> String {
        match r {
            Reason::Needed(rules) => {
                let listed: Vec<String> = rules
                    .iter()
                    .map(|(id, target)| format!("{id} ({})", self.target(target)))
                    .collect();
                format!("needed for {}", listed.join("; "))
            }
            Reason::Standing(id, v) => format!("{id}: {}", self.standing(v)),
            Reason::Fits => "fits the week as well as any other category".to_string(),
        }
    }

    /// The open slots a plan leaves empty and why: "Sun 09:00 stays empty:
    /// another post would break everyday-per-business or weekly-budget".
    pub(crate) fn unfilled(&self, plan: &Plan) -> Option<String> {
        let slots = &plan.unfilled;
        if slots.is_empty() {
            return None;
        }
        let which = if slots.len() <= 3 {
            let named: Vec<String> = slots.iter().map(|s| when(s.date, Some(s.time))).collect();
            let verb = if slots.len() == 1 { "stays" } else { "stay" };
            format!("{} {verb} empty", and_list(&named))
        } else {
            format!("{} open slots stay empty", slots.len())
        };
        let rules: Vec<String> = plan
            .unfilled_because
            .iter()
            .map(std::string::ToString::to_string)
            .collect();
        Some(match rules.as_slice() {
            [] => format!("{which}: the week holds without them"),
            [init @ .., last] if !init.is_empty() => format!(
                "{which}: another post would break {} or {last}",
                init.join(", ")
            ),
            _ => format!("{which}: another post would break {}", rules.join("")),
        })
    }

    /// What the planner says beyond its proposals, when they alone do not
    /// balance the week.
    pub fn plan_advice(&self, plan: &Plan) -> Option<String> {
        if plan.balanced() {
            return None;
        }
        if let Some(b @ Blocked::OwnChanges { .. }) = &plan.blocked {
            return Some(self.blocked(b));
        }
        if let Some(b) = &plan.blocked {
            return Some(format!(
                "no filling of the open slots balances the week: {}",
                self.blocked(b)
            ));
        }
        if plan.changes.is_empty() {
            return None;
        }
        let early = if plan.complete {
            ""
        } else {
            " (the search stopped early; a smaller change may exist)"
        };
        let also = if plan.proposals.is_empty() {
            ""
        } else {
            "also "
        };
        Some(format!(
            "to balance the week{early}, {also}{}",
            self.changes(&plan.changes)
        ))
    }
}

/// A change said as a thing to do ("add …") or as a thing done ("adding …").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mood {
    Do,
    Doing,
}

impl Mood {
    fn verb(self, base: &'static str) -> &'static str {
        if self == Mood::Do {
            return base;
        }
        match base {
            "add" => "adding",
            "make" => "making",
            "move" => "moving",
            "drop" => "dropping",
            "cut" => "cutting",
            "put" => "putting",
            other => other,
        }
    }
}

/// "1 everyday post", "3 everyday posts" (the name already in sentence form).
fn plural(n: u32, name: &str) -> String {
    if n == 1 {
        format!("1 {name} post")
    } else {
        format!("{n} {name} posts")
    }
}

/// "a" or "an" before a word.
fn article(word: &str) -> &'static str {
    if word
        .chars()
        .next()
        .is_some_and(|c| "aeiouAEIOU".contains(c))
    {
        "an"
    } else {
        "a"
    }
}

/// "a", "a and b", "a, b and c".
pub(crate) fn and_list(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// "Fri 17:00", or "Fri" for an untimed post.
fn when(date: NaiveDate, time: Option<chrono::NaiveTime>) -> String {
    match time {
        Some(t) => format!("{} {}", date.format("%a"), t.format("%H:%M")),
        None => date.format("%a").to_string(),
    }
}

/// `s` escaped and cut to `cells` display cells with an ellipsis.
fn clip(s: &str, cells: usize) -> String {
    let s = shown(s);
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > cells.saturating_sub(1) {
            let rest: usize = s.chars().map(|c| c.width().unwrap_or(0)).sum();
            if rest <= cells {
                return s.into_owned();
            }
            out.push('…');
            return out;
        }
        used += w;
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percents_round_half_up() {
        assert_eq!(percent(1, 6), 17);
        assert_eq!(percent(1, 8), 13);
        assert_eq!(percent(1, 3), 33);
        assert_eq!(percent(2, 3), 67);
        assert_eq!(percent(0, 0), 0);
    }

    #[test]
    fn ratios_keep_two_decimals_at_most() {
        assert_eq!(ratio(5, 2), "2.5");
        assert_eq!(ratio(13, 3), "4.33");
        assert_eq!(ratio(10, 1), "10");
    }

    #[test]
    fn ranges_read_as_people_say_them() {
        assert_eq!(range(Some(4.0), Some(5.0)), "4–5");
        assert_eq!(range(Some(0.0), Some(2.0)), "at most 2");
        assert_eq!(range(Some(1.0), None), "at least 1");
        assert_eq!(range(Some(4.5), Some(4.5)), "4.5");
    }

    #[test]
    fn nothing_to_count_and_adds_anywhere_read_as_one_sentence() {
        let c = Config::builtin().unwrap();
        let w = Words::new(&c);
        let keys = |k: &str| vec![k.to_string()];
        let v = Violation::Ratio {
            of: keys("everyday"),
            per: keys("business"),
            of_count: 0,
            per_count: 0,
            min: 4.0,
            max: Some(5.0),
        };
        assert_eq!(
            w.violation(&v),
            "no everyday and no business post: the target is 4–5 everyday per business post"
        );
        let add = |category: &str, count| Change::Add {
            category: category.into(),
            count,
            at: None,
        };
        assert_eq!(
            w.changes(&[add("everyday", 4), add("business", 1)]),
            "add 4 everyday posts and 1 business post"
        );
    }

    #[test]
    fn long_titles_are_cut_with_an_ellipsis() {
        assert_eq!(clip("Weekend offer", 32), "Weekend offer");
        assert_eq!(
            clip("Weekend offer: 10% on all notebooks", 16),
            "Weekend offer: …"
        );
        assert_eq!(clip("日本語のタイトル", 8), "日本語…");
        assert_eq!(clip("a\u{1b}[2Jb", 32), "a\\x1b[2Jb");
    }
}

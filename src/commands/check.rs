//! `mixcal check`: the mix, the findings and the repair per week, for people
//! and for CI.

use std::io::Write;

use anstyle::{AnsiColor, Style};
use chrono::NaiveDate;
use indexmap::IndexMap;
use serde_json::{Value, json};

use super::{Outcome, Result, load_mix, open_schedule, parse_range, schedule_path};
use crate::cli::CheckArgs;
use crate::config::Config;
use crate::domain::{Schedule, Span, Week};
use crate::env::Env;
use crate::mix::wording::percent;
use crate::mix::{Blocked, Finding, Mix, PostRef, Review, Verdict, WeekReport, Words};

pub(crate) fn run(env: &Env, args: &CheckArgs, out: &mut dyn Write) -> Result<Outcome> {
    let (config, rules) = load_mix(env)?;
    let path = schedule_path(env)?;
    let (schedule, _) = open_schedule(&path, &config)?;
    let span = parse_range(&args.range, &config)?;
    let weeks = weeks_to_check(&schedule, &config, span, env.today());
    let mix = Mix::new(&config, &rules, env.clock().now_for(&config));
    let reviews: Vec<Review> = weeks.iter().map(|w| mix.review(&schedule, *w)).collect();
    let placeholders: Vec<Vec<PostRef>> = weeks
        .iter()
        .map(|w| mix.placeholders(&schedule, *w))
        .collect();
    // A week in the range with nothing planned fails too: CI can gate "next
    // week is planned". Without a range only weeks with posts are reported.
    // Placeholders still to write are said, and do not fail a week.
    let ok = reviews.iter().all(|r| r.report.ok() && r.report.total > 0);
    let words = Words::new(&config);
    let backlog = Backlog::of(&config, &schedule);
    let written = if args.json {
        writeln!(
            out,
            "{}",
            to_json(&words, &reviews, &placeholders, &backlog)
        )
    } else {
        let mut text = Vec::new();
        let _ = write_report(&mut text, &config, &words, &reviews, &placeholders);
        if backlog.total > 0 {
            let _ = writeln!(text, "{}", backlog.line(&words));
        }
        super::print_coloured(env, out, &text)
    };
    written.map_err(super::stdout_error)?;
    // The process ends right after a check: handing a big schedule's memory back
    // post by post takes longer than the check itself, and the OS frees it anyway.
    std::mem::forget(schedule);
    Ok(if ok {
        Outcome::Clean
    } else {
        Outcome::Findings
    })
}

/// The weeks to report: every week of a range given with both ends (`--week`,
/// or `--from` and `--to`), empty ones included; with one end only, the weeks
/// with posts in it; without a range every week that has posts from this week
/// on (past weeks are history).
pub(crate) fn weeks_to_check(
    schedule: &Schedule,
    config: &Config,
    span: Option<Span>,
    today: NaiveDate,
) -> Vec<Week> {
    let (from, to, only_with_posts) = match span {
        Some(s) => (
            s.from,
            s.to,
            s.from == chrono::NaiveDate::MIN || s.to == chrono::NaiveDate::MAX,
        ),
        None => (
            Week::containing(today, config.week_start).start(),
            chrono::NaiveDate::MAX,
            true,
        ),
    };
    let mut weeks = Vec::new();
    let Some(first) = (if only_with_posts {
        schedule.range(from..=to).next().map(|p| p.date)
    } else {
        Some(from)
    }) else {
        return weeks;
    };
    let last = if only_with_posts {
        schedule.last_date().map_or(first, |d| d.min(to))
    } else {
        to
    };
    let mut week = Some(Week::containing(first, config.week_start));
    while let Some(w) = week.filter(|w| w.start() <= last) {
        if !only_with_posts || schedule.week(w).next().is_some() {
            weeks.push(w);
        }
        week = w.checked_next();
    }
    weeks
}

/// The backlog in numbers: its ideas per category (config order), and how many
/// of them are evergreen.
pub(crate) struct Backlog {
    pub counts: IndexMap<String, u32>,
    pub total: u32,
    pub evergreen: u32,
}

impl Backlog {
    pub(crate) fn of(config: &Config, schedule: &Schedule) -> Backlog {
        let mut counts: IndexMap<String, u32> = config
            .categories
            .iter()
            .map(|c| (c.key.clone(), 0))
            .collect();
        let mut evergreen = 0;
        for idea in schedule.backlog() {
            if let Some(n) = counts.get_mut(&idea.category) {
                *n += 1;
            }
            evergreen += u32::from(idea.evergreen);
        }
        Backlog {
            total: schedule.backlog().len() as u32,
            counts,
            evergreen,
        }
    }

    /// "Backlog: 12 ideas (5 everyday, 4 business, 2 partner and 1 contest), 3 evergreen".
    pub(crate) fn line(&self, words: &Words) -> String {
        let ideas = if self.total == 1 { "idea" } else { "ideas" };
        let by = words.counts(self.counts.iter().filter(|(_, n)| **n > 0));
        let evergreen = match self.evergreen {
            0 => String::new(),
            n => format!(", {n} evergreen"),
        };
        format!("Backlog: {} {ideas} ({by}){evergreen}", self.total)
    }

    fn json(&self) -> Value {
        json!({ "total": self.total, "counts": self.counts, "evergreen": self.evergreen })
    }
}

fn to_json(
    words: &Words,
    reviews: &[Review],
    placeholders: &[Vec<PostRef>],
    backlog: &Backlog,
) -> String {
    let weeks: Vec<Value> = reviews
        .iter()
        .zip(placeholders)
        .map(|(r, p)| week_json(words, r, p))
        .collect();
    let ok = reviews.iter().all(|r| r.report.ok() && r.report.total > 0);
    crate::shown::json(&json!({ "ok": ok, "weeks": weeks, "backlog": backlog.json() }))
}

fn week_json(words: &Words, review: &Review, placeholders: &[PostRef]) -> Value {
    let r = &review.report;
    let (repair, repair_text, complete, leaves) = match &review.verdict {
        Verdict::Repair(rep) => (
            serde_json::to_value(&rep.changes).unwrap_or(Value::Null),
            Value::from(words.repair(rep)),
            Value::from(rep.complete),
            serde_json::to_value(&rep.rest).unwrap_or(Value::Null),
        ),
        _ => (Value::Null, Value::Null, Value::Null, Value::Null),
    };
    let blocked = match &review.verdict {
        Verdict::Blocked(b) => blocked_json(words, b),
        _ => Value::Null,
    };
    json!({
        "week": r.week.to_string(),
        "start": r.week.start().format("%Y-%m-%d").to_string(),
        "status": <&str>::from(r.standing()),
        "counts": r.counts,
        "total": r.total,
        "minutes": r.minutes,
        "findings": findings_json(words, &r.findings),
        "repair": repair,
        "repair_text": repair_text,
        "repair_complete": complete,
        "repair_leaves": leaves,
        "blocked": blocked,
        "placeholders": placeholders,
    })
}

/// Findings as JSON: today's `message` and `fix` sentences, and the data they
/// are made from.
pub(crate) fn findings_json(words: &Words, findings: &[Finding]) -> Vec<Value> {
    findings
        .iter()
        .map(|f| {
            json!({
                "rule": f.rule,
                "severity": f.severity,
                "scope": f.scope,
                "message": words.message(f),
                "fix": words.fix(f),
                "violation": f.violation,
                "needs": f.needs,
                "breaks": f.breaks,
            })
        })
        .collect()
}

pub(crate) fn blocked_json(words: &Words, b: &Blocked) -> Value {
    let mut v = serde_json::to_value(b).unwrap_or(Value::Null);
    if let Value::Object(map) = &mut v {
        map.insert("text".into(), Value::from(words.blocked(b)));
    }
    v
}

fn write_report(
    out: &mut Vec<u8>,
    config: &Config,
    words: &Words,
    reviews: &[Review],
    placeholders: &[Vec<PostRef>],
) -> std::io::Result<()> {
    let bold = Style::new().bold();
    let good = AnsiColor::Green.on_default().bold();
    let warn = AnsiColor::Yellow.on_default().bold();
    let dim = Style::new().dimmed();
    if reviews.is_empty() {
        writeln!(out, "No posts to check in that range.")?;
        return Ok(());
    }
    for (review, placeholders) in reviews.iter().zip(placeholders) {
        let r = &review.report;
        writeln!(
            out,
            "{bold}{}{bold:#}  {} – {}  {dim}{} {} · {} min{dim:#}",
            r.week,
            r.week.start().format("%a %-d %b"),
            r.week.end().format("%a %-d %b %Y"),
            r.total,
            if r.total == 1 { "post" } else { "posts" },
            r.minutes
        )?;
        if r.total > 0 {
            writeln!(out, "  {}", counts_line(config, r))?;
        }
        write_findings(out, words, review)?;
        if let Some(text) = words.placeholders(placeholders) {
            writeln!(out, "  {warn}i{warn:#} {text}")?;
        }
        match &review.verdict {
            Verdict::NothingPlanned => writeln!(out, "  {dim}· nothing planned{dim:#}")?,
            Verdict::Balanced => {
                writeln!(out, "  {good}✓ {}{good:#}", words.verdict(&review.verdict))?;
            }
            Verdict::Repair(rep) => writeln!(out, "  {bold}→ {}{bold:#}", words.repair(rep))?,
            Verdict::Blocked(_) => {
                writeln!(out, "  {warn}✗ {}{warn:#}", words.verdict(&review.verdict))?;
            }
        }
        writeln!(out)?;
    }
    let failing = reviews.iter().filter(|r| !r.report.ok()).count();
    let empty = reviews
        .iter()
        .filter(|r| r.report.ok() && r.report.total == 0)
        .count();
    let weeks = if reviews.len() == 1 { "week" } else { "weeks" };
    let mut summary = format!("{} {weeks} checked", reviews.len());
    if failing == 0 && empty == 0 {
        writeln!(out, "{good}{summary}, all balanced{good:#}")?;
        return Ok(());
    }
    if failing > 0 {
        summary.push_str(&format!(", {failing} with findings"));
    }
    if empty > 0 {
        summary.push_str(&format!(", {empty} with nothing planned"));
    }
    writeln!(out, "{warn}{summary}{warn:#}")?;
    Ok(())
}

/// "E everyday 4 (50%)  B business 2 (25%) …": the same counts and shares the
/// mix panel shows.
fn counts_line(config: &Config, r: &WeekReport) -> String {
    config
        .categories
        .iter()
        .map(|c| {
            let n = r.counts.get(&c.key).copied().unwrap_or(0);
            let color = Style::new().fg_color(Some(ansi(c.color).into()));
            format!(
                "{color}{} {}{color:#} {n} ({}%)",
                c.letter,
                crate::shown::shown(&c.name.to_lowercase()),
                percent(n, r.total)
            )
        })
        .collect::<Vec<_>>()
        .join("  ")
}

/// Each finding with its message. Its own fix is shown only where it is the
/// thing to do: for `info` findings, and for failing ones when no repair of
/// the whole week is offered; a fix that would break another rule is never
/// offered, only named as such.
pub(crate) fn write_findings(
    out: &mut Vec<u8>,
    words: &Words,
    review: &Review,
) -> std::io::Result<()> {
    let warn = AnsiColor::Yellow.on_default().bold();
    let dim = Style::new().dimmed();
    // A repair covers the findings of the rules it reasons about; the others
    // (rules on some channels, or across weeks) keep their own fixes.
    let repaired = |f: &Finding| match &review.verdict {
        Verdict::Repair(rep) => !rep.rest.contains(&f.rule),
        _ => false,
    };
    for f in &review.report.findings {
        let mark = if f.fails() { "!" } else { "i" };
        writeln!(
            out,
            "  {warn}{mark} {}{warn:#}: {}",
            f.rule,
            words.message(f)
        )?;
        if f.fails() && repaired(f) {
            continue;
        }
        match words.breaking_fix(f) {
            None => writeln!(out, "    → {}", words.fix(f))?,
            Some(text) => writeln!(out, "    {dim}({text}){dim:#}")?,
        }
    }
    Ok(())
}

pub(crate) fn ansi(c: crate::domain::Color) -> AnsiColor {
    use crate::domain::Color;
    match c {
        Color::Black => AnsiColor::Black,
        Color::Red => AnsiColor::Red,
        Color::Green => AnsiColor::Green,
        Color::Yellow => AnsiColor::Yellow,
        Color::Blue => AnsiColor::Blue,
        Color::Magenta => AnsiColor::Magenta,
        Color::Cyan => AnsiColor::Cyan,
        Color::White => AnsiColor::White,
        Color::Gray => AnsiColor::BrightBlack,
    }
}

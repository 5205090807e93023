//! `mixcal review`: which channels earn their time, with the owner's own
//! numbers. The figures and the advice come from `crate::review`, the same
//! computation the calendar's review screen draws.

use std::io::Write;

use anstyle::{AnsiColor, Style};
use chrono::NaiveDate;
use serde_json::{Value, json};
use unicode_width::UnicodeWidthStr;

use super::{CommandError, Outcome, Result, load_mix, open_schedule, parse_day, schedule_path};
use crate::cli::ReviewArgs;
use crate::config::Config;
use crate::domain::{Span, Week};
use crate::env::Env;
use crate::review::{self, Channel, Figures, Review, Verdict, words};
use crate::shown::shown;

pub(crate) fn run(env: &Env, args: &ReviewArgs, out: &mut dyn Write) -> Result<Outcome> {
    let (config, rules) = load_mix(env)?;
    let span = period(args, &config, env.today())?;
    let path = schedule_path(env)?;
    let (schedule, _) = open_schedule(&path, &config)?;
    let review = review::review(&config, &rules, &schedule, span);
    let written = if args.json {
        writeln!(out, "{}", to_json(&review))
    } else {
        let mut text = Vec::new();
        let _ = write_review(&mut text, &config, &review);
        super::print_coloured(env, out, &text)
    };
    written.map_err(super::stdout_error)?;
    Ok(Outcome::Clean)
}

/// The most weeks `--weeks` takes: ten years.
const MAX_WEEKS: u32 = 520;

/// The dates to review: `--weeks N` (the last N weeks to today), `--from` and
/// `--to` (either may be left out), else the config's `[review] weeks`.
fn period(args: &ReviewArgs, config: &Config, today: NaiveDate) -> Result<Span> {
    let weeks = match &args.weeks {
        Some(text) => text
            .trim()
            .parse::<u32>()
            .ok()
            .filter(|n| (1..=MAX_WEEKS).contains(n))
            .ok_or_else(|| {
                CommandError::Usage(format!(
                    "--weeks: `{}` is not a number of weeks\n  help: write a whole number from 1 to {MAX_WEEKS}, e.g. --weeks 8",
                    shown(text)
                ))
            })?,
        None => config.review.weeks,
    };
    let from = args
        .from
        .as_deref()
        .map(|s| parse_day("--from", s))
        .transpose()?;
    let to = args
        .to
        .as_deref()
        .map(|s| parse_day("--to", s))
        .transpose()?;
    let span = match (from, to) {
        (None, None) => review::last_weeks(today, weeks, config.week_start),
        (Some(from), None) => Span {
            from,
            to: today.max(from),
        },
        (from, Some(to)) => Span {
            from: from.unwrap_or_else(|| review::last_weeks(to, weeks, config.week_start).from),
            to,
        },
    };
    if span.from > span.to {
        return Err(CommandError::Usage(format!(
            "--from {} is after --to {}\n  help: swap the two dates",
            span.from, span.to
        )));
    }
    if span.to - span.from > chrono::Duration::weeks(i64::from(MAX_WEEKS)) {
        return Err(CommandError::Usage(format!(
            "{} to {} is more than {MAX_WEEKS} weeks\n  help: review a shorter period, e.g. --weeks 52",
            span.from, span.to
        )));
    }
    Ok(span)
}

fn day(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// Responses per hour in JSON: two decimals are plenty.
fn rate(f: &Figures) -> Value {
    f.per_hour()
        .map_or(Value::Null, |r| json!((r * 100.0).round() / 100.0))
}

fn week_json(w: Week, f: &Figures) -> Value {
    json!({
        "week": w.to_string(),
        "start": day(w.start()),
        "posts": f.posts,
        "minutes": f.minutes,
        "responses": f.responses,
    })
}

fn channel_json(c: &Channel, r: &Review) -> Value {
    let trend = c.trend.map_or(Value::Null, |t| {
        json!({
            "direction": t.direction.name(),
            "before": (t.before * 100.0).round() / 100.0,
            "after": (t.after * 100.0).round() / 100.0,
            "change_percent": t.change().map(f64::round),
        })
    });
    json!({
        "channel": c.name,
        "posts": c.total.posts,
        "minutes": c.total.minutes,
        "responses": c.total.responses,
        "logged": c.total.logged,
        "responses_per_hour": rate(&c.total),
        "trend": trend,
        "mix": c.mix,
        "per_week": r.weeks.iter().zip(&c.weeks).map(|(w, f)| week_json(*w, f)).collect::<Vec<_>>(),
        "verdict": c.judgement.verdict.map(Verdict::name),
        "reason": <&str>::from(c.judgement.reason),
        "advice": words::advice(c, r),
    })
}

fn to_json(r: &Review) -> String {
    let partners: Vec<Value> = r
        .partners
        .iter()
        .map(|p| {
            json!({
                "partner": p.name,
                "posts": p.posts.iter().map(|x| json!({
                    "date": day(x.date),
                    "channel": x.channel,
                    "id": x.id,
                    "title": x.title,
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    let per_week: Vec<Value> = r
        .weeks
        .iter()
        .zip(&r.time)
        .map(|(w, f)| {
            let mut v = week_json(*w, f);
            v["over_budget"] = json!(r.budget.is_some_and(|b| f.minutes > b));
            v
        })
        .collect();
    crate::shown::json(&json!({
        "from": day(r.span.from),
        "to": day(r.span.to),
        "weeks": r.weeks.len(),
        "channels": r.channels.iter().map(|c| channel_json(c, r)).collect::<Vec<_>>(),
        "time": {
            "minutes": r.total().minutes,
            "average_minutes": r.average_minutes(),
            "budget_minutes": r.budget,
            "per_week": per_week,
            "summary": words::time(r),
        },
        "partners": partners,
        "unnamed_partner_posts": r.unnamed_partner_posts,
    }))
}

/// `s` cut (with `…`) or padded to `cells` terminal cells.
fn cell(s: &str, cells: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    let fits = UnicodeWidthStr::width(s) <= cells;
    for c in s.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if !fits && used + w + 1 > cells {
            out.push('…');
            used += 1;
            break;
        }
        out.push(c);
        used += w;
    }
    out.push_str(&" ".repeat(cells.saturating_sub(used)));
    out
}

/// The mark and colour of a verdict.
fn mark(v: Option<Verdict>) -> (&'static str, Style) {
    match v {
        Some(Verdict::Grow) => ("↑", AnsiColor::Green.on_default().bold()),
        Some(Verdict::Keep) => ("=", Style::new().bold()),
        Some(Verdict::Shrink) => ("↓", AnsiColor::Yellow.on_default().bold()),
        Some(Verdict::Drop) => ("✗", AnsiColor::Red.on_default().bold()),
        None => ("·", Style::new().dimmed()),
    }
}

fn write_review(out: &mut Vec<u8>, config: &Config, r: &Review) -> std::io::Result<()> {
    let bold = Style::new().bold();
    let dim = Style::new().dimmed();
    let total = r.total();
    if total.posts == 0 {
        writeln!(out, "{}", words::nothing(r))?;
        return Ok(());
    }
    writeln!(
        out,
        "{bold}Review {}{bold:#}  {dim}{} published, {}, {} responses{dim:#}",
        words::period(r),
        total.posts,
        words::duration(total.minutes),
        total.responses
    )?;
    writeln!(out)?;
    let names: Vec<String> = r
        .channels
        .iter()
        .map(|c| shown(words::channel_name(c)).into_owned())
        .collect();
    let name_w = names
        .iter()
        .map(|n| UnicodeWidthStr::width(n.as_str()))
        .max()
        .unwrap_or(0)
        .clamp(7, 24);
    writeln!(
        out,
        "  {dim}{}  {:>5}  {:>7}  {:>9}  {:>8}  {:<9}  mix{dim:#}",
        cell("channel", name_w),
        "posts",
        "time",
        "responses",
        "per hour",
        "trend",
    )?;
    for (c, name) in r.channels.iter().zip(&names) {
        let per_hour = c.total.per_hour().map_or("–".into(), words::number);
        writeln!(
            out,
            "  {}  {:>5}  {:>7}  {:>9}  {:>8}  {}  {}",
            cell(name, name_w),
            c.total.posts,
            words::duration(c.total.minutes),
            c.total.responses,
            per_hour,
            cell(&words::trend(c.trend.as_ref()), 9),
            words::mix(c, config),
        )?;
    }
    writeln!(out)?;
    writeln!(out, "{bold}Advice{bold:#}")?;
    for c in &r.channels {
        let (m, style) = mark(c.judgement.verdict);
        writeln!(out, "  {style}{m}{style:#} {}", shown(&words::advice(c, r)))?;
    }
    if !r.partners.is_empty() || r.unnamed_partner_posts > 0 {
        writeln!(out)?;
        writeln!(out, "{bold}Partners promoted{bold:#}")?;
        for p in &r.partners {
            writeln!(out, "  {}", shown(&words::partner(p)))?;
        }
        if let Some(text) = words::unnamed_partners(r.unnamed_partner_posts) {
            writeln!(out, "  {dim}{text}{dim:#}")?;
        }
    }
    writeln!(out)?;
    let over = !r.over_budget().is_empty();
    let style = if over {
        AnsiColor::Yellow.on_default().bold()
    } else {
        bold
    };
    writeln!(out, "{style}{}{style:#}", words::time(r))?;
    Ok(())
}

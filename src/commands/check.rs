//! `mixcal check`: the mix and findings per week, for people and for CI.

use std::io::Write;

use anstyle::{AnsiColor, Style};
use chrono::NaiveDate;
use serde_json::json;

use super::{Outcome, Result, load_config, open_schedule, parse_range, schedule_path};
use crate::cli::CheckArgs;
use crate::config::Config;
use crate::domain::{Schedule, Span, Week};
use crate::env::Env;
use crate::mix::{WeekReport, analyze_week};

pub fn run(env: &Env, args: &CheckArgs, out: &mut dyn Write) -> Result<Outcome> {
    let config = load_config(env)?;
    let path = schedule_path(env)?;
    let (schedule, _) = open_schedule(&path, &config)?;
    let span = parse_range(&args.range, &config)?;
    let weeks = weeks_to_check(&schedule, &config, span, env.today());
    let reports: Vec<WeekReport> = weeks
        .into_iter()
        .map(|w| analyze_week(&config, &schedule, w))
        .collect();
    let ok = reports.iter().all(WeekReport::ok);
    let written = if args.json {
        writeln!(out, "{}", to_json(&reports))
    } else {
        let mut text = Vec::new();
        let _ = write_report(&mut text, &config, &reports);
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

/// The weeks to report: the chosen range's weeks, or without a range every week
/// that has posts from this week on (past weeks are history).
pub fn weeks_to_check(
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
    let mut week = Week::containing(first, config.week_start);
    while week.start() <= last {
        if !only_with_posts || schedule.week(week).next().is_some() {
            weeks.push(week);
        }
        week = week.next();
    }
    weeks
}

fn to_json(reports: &[WeekReport]) -> String {
    let weeks: Vec<_> = reports
        .iter()
        .map(|r| {
            json!({
                "week": r.week.to_string(),
                "start": r.week.start().format("%Y-%m-%d").to_string(),
                "counts": r.counts,
                "total": r.total,
                "minutes": r.minutes,
                "findings": r.findings,
            })
        })
        .collect();
    json!({ "ok": reports.iter().all(WeekReport::ok), "weeks": weeks }).to_string()
}

fn write_report(out: &mut Vec<u8>, config: &Config, reports: &[WeekReport]) -> std::io::Result<()> {
    let bold = Style::new().bold();
    let good = AnsiColor::Green.on_default().bold();
    let warn = AnsiColor::Yellow.on_default().bold();
    let dim = Style::new().dimmed();
    if reports.is_empty() {
        writeln!(out, "No posts to check in that range.")?;
        return Ok(());
    }
    for r in reports {
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
        let counts: Vec<String> = config
            .categories
            .iter()
            .map(|c| {
                let n = r.counts.get(&c.key).copied().unwrap_or(0);
                let color = anstyle::Style::new().fg_color(Some(ansi(c.color).into()));
                // Rounded to the nearest percent: 1 of 6 is 17%, not 16%.
                match (n * 200 + r.total).checked_div(2 * r.total) {
                    Some(pct) => format!(
                        "{color}{} {}{color:#} {n} ({pct}%)",
                        c.letter,
                        c.name.to_lowercase()
                    ),
                    None => format!("{color}{} {}{color:#} {n}", c.letter, c.name.to_lowercase()),
                }
            })
            .collect();
        writeln!(out, "  {}", counts.join("  "))?;
        if r.findings.is_empty() {
            writeln!(out, "  {good}✓ balanced{good:#}: every rule holds")?;
        }
        for f in &r.findings {
            writeln!(out, "  {warn}! {}{warn:#}: {}", f.rule, f.message)?;
            writeln!(out, "    → {}", f.fix)?;
        }
        writeln!(out)?;
    }
    let failing = reports.iter().filter(|r| !r.ok()).count();
    let weeks = if reports.len() == 1 { "week" } else { "weeks" };
    if failing == 0 {
        writeln!(
            out,
            "{good}{} {weeks} checked, all balanced{good:#}",
            reports.len()
        )?;
    } else {
        writeln!(
            out,
            "{warn}{} {weeks} checked, {failing} with findings{warn:#}",
            reports.len()
        )?;
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

//! `mixcal suggest`: the categories that balance a week's open posting slots,
//! and with `--apply` the same proposals added to the schedule as ideas.

use std::io::Write;

use anstyle::{AnsiColor, Style};
use serde_json::json;

use super::check::ansi;
use super::{Outcome, Result, load_config, open_schedule, parse_week, schedule_path};
use crate::cli::SuggestArgs;
use crate::config::Config;
use crate::domain::Week;
use crate::env::Env;
use crate::mix::{Plan, plan_week};

pub fn run(env: &Env, args: &SuggestArgs, out: &mut dyn Write) -> Result<Outcome> {
    let config = load_config(env)?;
    let week = match &args.week {
        Some(w) => parse_week(w, &config)?,
        None => Week::containing(env.today(), config.week_start),
    };
    let path = schedule_path(env)?;
    let (mut schedule, mut store) = open_schedule(&path, &config)?;
    let plan = plan_week(&config, &schedule, week);
    let mut added = Vec::new();
    if args.apply && !plan.proposals.is_empty() {
        for post in plan.posts(&config) {
            added.push(schedule.insert(post));
        }
        store.save(&schedule)?;
    }
    let written = if args.json {
        writeln!(out, "{}", to_json(&plan, args.apply, &added))
    } else {
        let mut text = Vec::new();
        let file = path.display().to_string();
        let _ = write_plan(&mut text, &config, &plan, args.apply, &file);
        super::print_coloured(env, out, &text)
    };
    written.map_err(super::stdout_error)?;
    Ok(if plan.balanced() {
        Outcome::Clean
    } else {
        Outcome::Findings
    })
}

fn to_json(plan: &Plan, applied: bool, added: &[String]) -> String {
    let r = &plan.report;
    let proposals: Vec<_> = plan
        .proposals
        .iter()
        .map(|p| {
            json!({
                "date": p.date.format("%Y-%m-%d").to_string(),
                "time": p.time.format("%H:%M").to_string(),
                "category": p.category,
                "reason": p.reason,
            })
        })
        .collect();
    let change = plan
        .change
        .as_ref()
        .map(|c| json!({ "move": c.moves, "text": c.text }));
    json!({
        "week": plan.week.to_string(),
        "start": plan.week.start().format("%Y-%m-%d").to_string(),
        "balanced": plan.balanced(),
        "proposals": proposals,
        "counts": r.counts,
        "total": r.total,
        "minutes": r.minutes,
        "findings": r.findings,
        "unfixable": plan.unfixable,
        "change": change,
        "applied": applied && !added.is_empty(),
        "added": added,
    })
    .to_string()
}

fn write_plan(
    out: &mut Vec<u8>,
    config: &Config,
    plan: &Plan,
    apply: bool,
    file: &str,
) -> std::io::Result<()> {
    let bold = Style::new().bold();
    let good = AnsiColor::Green.on_default().bold();
    let warn = AnsiColor::Yellow.on_default().bold();
    let dim = Style::new().dimmed();
    let r = &plan.report;
    let open = plan.proposals.len();
    writeln!(
        out,
        "{bold}{}{bold:#}  {} – {}  {dim}{open} open {}{dim:#}",
        plan.week,
        plan.week.start().format("%a %-d %b"),
        plan.week.end().format("%a %-d %b %Y"),
        if open == 1 { "slot" } else { "slots" },
    )?;
    let width = config
        .categories
        .iter()
        .map(|c| c.name.chars().count())
        .max()
        .unwrap_or(0);
    for p in &plan.proposals {
        let (letter, name, color) = match config.category(&p.category) {
            Some(c) => (c.letter, c.name.to_lowercase(), ansi(c.color)),
            None => ('?', p.category.clone(), AnsiColor::White),
        };
        let style = Style::new().fg_color(Some(color.into()));
        writeln!(
            out,
            "  {} {}  {style}{letter} {name:<width$}{style:#}  {dim}{}{dim:#}",
            p.date.format("%a %-d %b"),
            p.time.format("%H:%M"),
            p.reason
        )?;
    }
    if open == 0 {
        writeln!(
            out,
            "  No open slots this week: every posting slot in the config ([slots]) has a post."
        )?;
    }
    let counts: Vec<String> = config
        .categories
        .iter()
        .map(|c| {
            let n = r.counts.get(&c.key).copied().unwrap_or(0);
            format!("{n} {}", c.name.to_lowercase())
        })
        .collect();
    let with = if open == 0 { "The week" } else { "With these" };
    writeln!(
        out,
        "  {dim}{with}: {} · {} min{dim:#}",
        counts.join(", "),
        r.minutes
    )?;
    if plan.balanced() {
        writeln!(out, "  {good}✓ balanced: every rule holds{good:#}")?;
    } else {
        writeln!(
            out,
            "  {warn}! no filling of the open slots meets every rule; this plan leaves the fewest findings{warn:#}"
        )?;
        for f in &r.findings {
            writeln!(out, "  {warn}! {}{warn:#}: {}", f.rule, f.message)?;
            if plan.unfixable.contains(f) {
                writeln!(out, "    no filling of the open slots can fix this")?;
            } else {
                writeln!(out, "    → {}", f.fix)?;
            }
        }
        if let Some(advice) = plan.advice() {
            let again = if plan.change.is_some() {
                ", then suggest again"
            } else {
                ""
            };
            writeln!(out, "  → {advice}{again}")?;
        }
    }
    if open > 0 {
        if apply {
            let ideas = if open == 1 { "idea" } else { "ideas" };
            writeln!(out, "Added {open} {ideas} to {file}.")?;
        } else {
            writeln!(
                out,
                "{dim}Run again with --apply to add these as ideas.{dim:#}"
            )?;
        }
    }
    Ok(())
}

//! `mixcal suggest`: the categories that balance a week's open posting slots,
//! each filled from the backlog where it has an idea of that category, and
//! with `--apply` the same proposals added to the schedule (the backlog's
//! ideas move into the week).

use std::io::Write;

use anstyle::{AnsiColor, Style};
use serde_json::{Value, json};

use super::check::{ansi, blocked_json, findings_json, write_findings};
use super::{Outcome, Result, load_mix, open_schedule, parse_week, schedule_path};
use crate::cli::SuggestArgs;
use crate::domain::{Week, supported_range};
use crate::env::Env;
use crate::mix::library::OUTLOOK_WEEKS;
use crate::mix::wording::count;
use crate::mix::{
    Blocked, Change, Fill, Mix, Outlook, Plan, Reason, Repair, Review, Verdict, Words,
};
use crate::shown::Shown;

pub(crate) fn run(env: &Env, args: &SuggestArgs, out: &mut dyn Write) -> Result<Outcome> {
    let (config, rules) = load_mix(env)?;
    let week = match &args.week {
        Some(w) => parse_week(w, &config)?,
        None => Week::containing(env.today(), config.week_start),
    };
    // The first and last weeks reach past the dates a schedule can hold.
    if !week.is_whole() {
        return Err(super::CommandError::Usage(format!(
            "--week: {week} reaches past the dates mixcal supports, so it cannot be planned\n  help: {}",
            supported_range()
        )));
    }
    let path = schedule_path(env)?;
    let (mut schedule, mut store) = open_schedule(&path, &config)?;
    let mix = Mix::new(&config, &rules, env.clock().now_for(&config));
    let plan = mix.plan(&schedule, week);
    let outlook = mix.outlook(&schedule, week, OUTLOOK_WEEKS);
    let mut added = Vec::new();
    if args.apply && !plan.proposals.is_empty() {
        for post in plan.posts(&config) {
            added.push(schedule.insert(post));
        }
        store.save(&schedule)?;
        super::tell_notes(&mut store);
    }
    let words = Words::new(&config);
    let written = if args.json {
        writeln!(
            out,
            "{}",
            to_json(&words, &plan, &outlook, args.apply, &added)
        )
    } else {
        let mut text = Vec::new();
        let file = path.display().to_string();
        let how = How {
            apply: args.apply,
            file: &file,
            over: week.end() < env.today(),
        };
        let _ = write_plan(&mut text, &words, &plan, &outlook, &how);
        super::print_coloured(env, out, &text)
    };
    written.map_err(super::stdout_error)?;
    Ok(if plan.balanced() {
        Outcome::Clean
    } else {
        Outcome::Findings
    })
}

/// The plan's report as a review: what is left to do once the proposals are
/// in is the plan's changes, or what blocks the week.
fn as_review(plan: &Plan) -> Review {
    let verdict = if plan.report.total == 0 {
        Verdict::NothingPlanned
    } else if plan.balanced() {
        Verdict::Balanced
    } else if let Some(b) = &plan.blocked {
        Verdict::Blocked(b.clone())
    } else {
        Verdict::Repair(Repair {
            changes: plan.changes.clone(),
            complete: plan.complete,
            rest: Vec::new(),
        })
    };
    Review {
        report: plan.report.clone(),
        verdict,
    }
}

/// Where a proposal's post comes from, as the JSON names it.
fn from_json(fill: &Fill) -> (Value, Value) {
    match fill {
        Fill::Placeholder => (Value::Null, Value::Null),
        Fill::Idea(_) => ("backlog".into(), fill.backlog_id().into()),
        Fill::Evergreen(_) => ("evergreen".into(), fill.backlog_id().into()),
    }
}

fn to_json(
    words: &Words,
    plan: &Plan,
    outlook: &Outlook,
    applied: bool,
    added: &[String],
) -> String {
    let r = &plan.report;
    let proposals: Vec<Value> = plan
        .proposals
        .iter()
        .map(|p| {
            let needed_for: Vec<&str> = match &p.reason {
                Reason::Needed(rules) => rules.iter().map(|(id, _)| id.as_str()).collect(),
                _ => Vec::new(),
            };
            let (from, idea) = from_json(&p.fill);
            json!({
                "date": p.date.format("%Y-%m-%d").to_string(),
                "time": p.time.format("%H:%M").to_string(),
                "channel": p.channel,
                "category": p.category,
                "title": p.to_post(words.config()).title,
                "from": from,
                "idea": idea,
                "reason": words.reason(&p.reason),
                "needed_for": needed_for,
            })
        })
        .collect();
    let blocked_rules: Vec<&str> = match &plan.blocked {
        Some(Blocked::Locked { rules }) => rules
            .iter()
            .map(super::super::mix::finding::RuleId::as_str)
            .collect(),
        _ => Vec::new(),
    };
    let unfixable: Vec<_> = r
        .findings
        .iter()
        .filter(|f| blocked_rules.contains(&f.rule.as_str()))
        .cloned()
        .collect();
    let moves: Vec<&str> = plan
        .changes
        .iter()
        .filter_map(|c| match c {
            Change::Move { post, .. } => post.id.as_deref(),
            _ => None,
        })
        .collect();
    let advice = words.plan_advice(plan);
    let change = (!plan.changes.is_empty())
        .then(|| json!({ "move": moves, "text": words.changes(&plan.changes) }));
    let unfilled: Vec<Value> = plan
        .unfilled
        .iter()
        .map(|s| {
            json!({
                "date": s.date.format("%Y-%m-%d").to_string(),
                "time": s.time.format("%H:%M").to_string(),
                "channel": s.channel,
            })
        })
        .collect();
    crate::shown::json(&json!({
        "week": plan.week.to_string(),
        "start": plan.week.start().format("%Y-%m-%d").to_string(),
        "balanced": plan.balanced(),
        "proposals": proposals,
        "unfilled": unfilled,
        "unfilled_because": plan.unfilled_because,
        "unfilled_text": words.unfilled(plan),
        "counts": r.counts,
        "total": r.total,
        "minutes": r.minutes,
        "findings": findings_json(words, &r.findings),
        "changes": plan.changes,
        "advice": advice,
        "blocked": plan.blocked.as_ref().map(|b| blocked_json(words, b)),
        "complete": plan.complete,
        "unfixable": findings_json(words, &unfixable),
        "change": change,
        "applied": applied && !added.is_empty(),
        "added": added,
        "backlog": {
            "from": outlook.from.to_string(),
            "weeks": outlook.weeks,
            "proposed": outlook.proposed,
            "lacking": outlook.lacking,
            "text": words.outlook(outlook),
        },
    }))
}

/// What the backlog lacks for the weeks ahead, in one line.
fn write_outlook(out: &mut Vec<u8>, words: &Words, outlook: &Outlook) -> std::io::Result<()> {
    let dim = Style::new().dimmed();
    let warn = AnsiColor::Yellow.on_default();
    if outlook.total() == 0 {
        writeln!(out, "  {dim}{}{dim:#}", words.outlook(outlook))
    } else {
        writeln!(out, "  {warn}{}{warn:#}", words.outlook(outlook))
    }
}

/// What the plan's text says besides the plan.
struct How<'a> {
    /// Whether the proposals were added, and to which file.
    apply: bool,
    file: &'a str,
    /// Whether the week has passed.
    over: bool,
}

/// The plan for people.
fn write_plan(
    out: &mut Vec<u8>,
    words: &Words,
    plan: &Plan,
    outlook: &Outlook,
    how: &How,
) -> std::io::Result<()> {
    let config = words.config();
    let How { apply, file, over } = *how;
    let bold = Style::new().bold();
    let good = AnsiColor::Green.on_default().bold();
    let warn = AnsiColor::Yellow.on_default().bold();
    let dim = Style::new().dimmed();
    let r = &plan.report;
    let proposed = plan.proposals.len();
    let open = proposed + plan.unfilled.len();
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
            Some(c) => (c.letter, words.category(&c.key), ansi(c.color)),
            None => ('?', words.category(&p.category), AnsiColor::White),
        };
        let (letter, name) = (
            Shown(&letter.to_string()).to_string(),
            Shown(&name).to_string(),
        );
        let style = Style::new().fg_color(Some(color.into()));
        let channel = p
            .channel
            .as_deref()
            .map(|c| format!(" {}", Shown(c)))
            .unwrap_or_default();
        let what = match &p.fill {
            Fill::Placeholder => format!("{dim}placeholder{dim:#}"),
            Fill::Idea(post) => format!("≡ \u{201c}{}\u{201d}", Shown(&post.title)),
            Fill::Evergreen(post) => format!("∞ \u{201c}{}\u{201d}", Shown(&post.title)),
        };
        writeln!(
            out,
            "  {} {}{channel}  {style}{letter} {name:<width$}{style:#}  {what}  {dim}{}{dim:#}",
            p.date.format("%a %-d %b"),
            p.time.format("%H:%M"),
            words.reason(&p.reason)
        )?;
    }
    if let Some(text) = words.unfilled(plan) {
        writeln!(out, "  {dim}{text}{dim:#}")?;
    }
    if open == 0 && over {
        writeln!(
            out,
            "  This week is over: none of its posting slots is still to come."
        )?;
    } else if open == 0 {
        writeln!(
            out,
            "  No open slots this week: every posting slot still to come ([slots] in the config) has a post."
        )?;
    }
    let counts: Vec<String> = config
        .categories
        .iter()
        .map(|c| {
            let n = r.counts.get(&c.key).copied().unwrap_or(0);
            format!("{n} {}", words.category(&c.key))
        })
        .collect();
    let with = if proposed == 0 {
        "The week"
    } else {
        "With these"
    };
    writeln!(
        out,
        "  {dim}{with}: {} · {} min{dim:#}",
        counts.join(", "),
        r.minutes
    )?;
    if !plan.balanced() && plan.blocked.is_none() && !plan.changes.is_empty() {
        // What the slots alone would leave, in short: the change below mends it.
        let failing: Vec<String> = r.failing().map(|f| f.rule.to_string()).collect();
        writeln!(
            out,
            "  {warn}! the open slots alone leave {}: {}{warn:#}",
            count(failing.len(), "finding", "findings"),
            failing.join(", ")
        )?;
    } else {
        write_findings(out, words, &as_review(plan))?;
    }
    if plan.balanced() {
        writeln!(out, "  {good}✓ balanced: every rule holds{good:#}")?;
    } else if r.total == 0 {
        let why = if open == 0 {
            ""
        } else {
            ": no post in its open slots keeps every rule holding"
        };
        writeln!(out, "  {dim}· nothing planned{why}{dim:#}")?;
    } else if let Some(advice) = words.plan_advice(plan) {
        let mark = if plan.blocked.is_some() { "✗" } else { "→" };
        writeln!(out, "  {warn}{mark} {advice}{warn:#}")?;
    }
    if !plan.complete {
        writeln!(
            out,
            "  {dim}The search stopped at its bound ({} steps): this is the best plan it found.{dim:#}",
            plan.nodes
        )?;
    }
    write_outlook(out, words, outlook)?;
    if proposed > 0 {
        let sources = words.fills(plan.proposals.iter().map(|p| &p.fill));
        if apply {
            writeln!(
                out,
                "Added {} to {}: {sources}.",
                count(proposed, "post", "posts"),
                Shown(file)
            )?;
        } else {
            let ideas = plan
                .proposals
                .iter()
                .any(|p| matches!(p.fill, Fill::Idea(_)));
            let moving = if ideas {
                "; the backlog's ideas move into the week"
            } else {
                ""
            };
            writeln!(
                out,
                "{dim}Run again with --apply to add these ({sources}){moving}.{dim:#}"
            )?;
        }
    }
    Ok(())
}

//! The mix panel. Its first line is the word on the week: the one repair that
//! balances it (`r` applies it), balanced, nothing planned, or what blocks a
//! repair. Then counts and shares per category, each ratio rule as a gauge
//! against its target band, planned minutes against the budget, and the week's
//! findings. It draws the same review `mixcal check` prints, in the same words.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Widget};

use super::text::{truncate, width, wrap};
use crate::mix::wording::{count, number, percent, ratio};
use crate::mix::{Severity, Standing, Target, Verdict, Words};
use crate::tui::action::{Action, SuggestionAction};
use crate::tui::app::App;

/// Rows the panel would like: borders, the verdict, counts, one per ratio
/// rule, minutes, and the findings.
pub(super) fn height(app: &App, width: u16) -> u16 {
    let gauges = ratio_targets(app).len();
    let cells = (width as usize).saturating_sub(4);
    let words = Words::new(&app.config);
    let findings: usize = app
        .report()
        .findings
        .iter()
        .map(|f| wrap(&finding_text(app, &words, f), cells).len())
        .sum();
    let verdict = wrap(&verdict(app).1, cells).len();
    let placeholders = words
        .placeholders(app.placeholders())
        .map_or(0, |t| wrap(&t, cells).len());
    (2 + verdict + 1 + gauges + 1 + findings + placeholders).min(u16::MAX as usize) as u16
}

/// A finding as the panel words it. The repair on the first line mends the
/// rules it reasons about; a finding of any other rule (on some channels, or
/// across weeks) carries its own change.
fn finding_text(app: &App, words: &Words, f: &crate::mix::Finding) -> String {
    let own = f.fails()
        && !app
            .rules
            .get(&f.rule)
            .is_some_and(crate::mix::Rule::searched);
    if !own {
        return words.message(f);
    }
    match words.breaking_fix(f) {
        None => format!("{} → {}", words.message(f), words.fix(f)),
        Some(text) => format!("{} ({text})", words.message(f)),
    }
}

/// The first line: its mark and style, and its words.
fn verdict(app: &App) -> (Style, String) {
    let theme = &app.theme;
    let words = Words::new(&app.config);
    if let Some(s) = app.suggestion() {
        let n = s.posts().len();
        let empty = words
            .unfilled(s.plan())
            .map(|t| format!("; {t}"))
            .unwrap_or_default();
        let failing = s.report().failing().count();
        return match s.advice(&app.config) {
            // Skipped suggestions can leave the week drifting.
            None if failing > 0 => (
                theme.warning(),
                format!(
                    "! with {} the week still has {}: see below",
                    count(n, "suggestion", "suggestions"),
                    count(failing, "finding", "findings")
                ),
            ),
            None => (
                theme.ok(),
                format!(
                    "✓ with {} every rule holds ({} adds {}){empty}",
                    count(n, "suggestion", "suggestions"),
                    app.keymap.key(SuggestionAction::AcceptAll),
                    if n == 1 { "it" } else { "them all" }
                ),
            ),
            Some(advice) => {
                let mark = if s.plan().blocked.is_some() {
                    "✗"
                } else {
                    "→"
                };
                (theme.warning(), format!("{mark} {advice}"))
            }
        };
    }
    let review = app.review();
    match &review.verdict {
        Verdict::NothingPlanned => (
            theme.dim(),
            format!(
                "· nothing planned yet: {} suggests posts for the open slots",
                app.keymap.describe(Action::Suggest)
            ),
        ),
        Verdict::Balanced => (theme.ok(), format!("✓ {}", words.verdict(&review.verdict))),
        Verdict::Repair(r) => (
            theme.warning(),
            format!(
                "→ {} ({} applies it)",
                words.repair(r),
                app.keymap.describe(Action::Repair)
            ),
        ),
        Verdict::Blocked(_) => (
            theme.warning(),
            format!("✗ {}", words.verdict(&review.verdict)),
        ),
    }
}

/// A ratio rule's target: of, per, min and max.
type RatioTarget = (Vec<String>, Vec<String>, f64, Option<f64>);

/// The ratio targets the panel draws as gauges, each once: the whole week's
/// rules; under the channel filter the rules that read that channel (per
/// channel, or limited to it), else the week's on the channel's posts.
fn ratio_targets(app: &App) -> Vec<RatioTarget> {
    let ratio = |r: &crate::mix::Rule| match r.kind.target() {
        Target::Ratio { of, per, min, max } => Some((of, per, min, max)),
        _ => None,
    };
    let week: Vec<_> = app
        .rules
        .iter()
        .filter(|r| r.scope.is_week())
        .filter_map(ratio)
        .collect();
    let mut out = match app.channel() {
        None => week,
        Some(c) => {
            let own: Vec<_> = app
                .rules
                .iter()
                .filter(|r| r.scope.covers(c))
                .filter_map(ratio)
                .collect();
            if own.is_empty() { week } else { own }
        }
    };
    let mut seen = Vec::new();
    out.retain(|t| {
        let new = !seen.contains(t);
        if new {
            seen.push(t.clone());
        }
        new
    });
    out
}

fn budget(app: &App) -> Option<u32> {
    app.rules.iter().find_map(|r| match r.kind.target() {
        Target::Budget { max } => Some(max),
        _ => None,
    })
}

/// A one-row gauge: `█` up to the value, `░` over the target band, `·` elsewhere;
/// runs of one kind are one span.
fn gauge(
    value: f64,
    band: (f64, f64),
    scale: f64,
    cells: usize,
    fill: Style,
    target: Style,
    rest: Style,
) -> Vec<Span<'static>> {
    let mut spans: Vec<Span<'static>> = Vec::with_capacity(4);
    let mut run = String::new();
    let mut run_style = None;
    for i in 0..cells {
        let at = (i as f64 + 0.5) / cells as f64 * scale;
        let (symbol, style) = if at <= value {
            ('█', fill)
        } else if at >= band.0 && at <= band.1 {
            ('░', target)
        } else {
            ('·', rest)
        };
        if run_style.is_some_and(|s| s != style) {
            spans.push(Span::styled(
                std::mem::take(&mut run),
                run_style.unwrap_or(style),
            ));
        }
        run_style = Some(style);
        run.push(symbol);
    }
    if let Some(style) = run_style {
        spans.push(Span::styled(run, style));
    }
    spans
}

fn count_in(app: &App, keys: &[String]) -> u32 {
    keys.iter()
        .map(|k| app.report().counts.get(k).copied().unwrap_or(0))
        .sum()
}

pub(super) fn render_mix(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let words = Words::new(&app.config);
    let report = app.report();
    let failing = report.failing().count();
    let badge = match report.standing() {
        Standing::NothingPlanned => Span::styled(" nothing planned ", theme.dim()),
        Standing::Balanced if app.feed_unjudged().is_some() => {
            Span::styled(" · not judged ", theme.dim())
        }
        Standing::Balanced => Span::styled(" ✓ balanced ", theme.ok()),
        Standing::Drifts => Span::styled(
            format!(" ⚠ {} ", count(failing, "finding", "findings")),
            theme.warning(),
        ),
    };
    let title = match app.suggestion().filter(|s| !s.posts().is_empty()) {
        Some(s) => format!(
            " Mix {} · {} posts with {} suggested ",
            report.week,
            report.total,
            s.posts().len()
        ),
        None => format!(
            " Mix {}{} · {} post{} ",
            report.week,
            app.channel()
                .map(|c| format!(" · {} only", super::text::user(c)))
                .unwrap_or_default(),
            report.total,
            if report.total == 1 { "" } else { "s" }
        ),
    };
    let block = Block::bordered()
        .border_style(theme.border())
        .title(Line::from(vec![Span::styled(title, theme.title())]))
        .title(Line::from(badge).right_aligned());
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.height == 0 || inner.width == 0 {
        return;
    }
    let cells = inner.width as usize;
    let mut lines: Vec<Line> = Vec::new();

    // The word on the week first.
    let (style, text) = verdict(app);
    for text in wrap(&text, cells) {
        lines.push(Line::styled(text, style));
    }

    // Counts and shares, with names when they fit and letters otherwise; the
    // shares are rounded as `mixcal check` rounds them.
    let counts = |long: bool| -> Vec<Span<'static>> {
        let mut spans = Vec::new();
        for c in &app.config.categories {
            let n = report.counts.get(&c.key).copied().unwrap_or(0);
            let share = percent(n, report.total);
            spans.push(Span::styled(c.letter.to_string(), theme.category(&c.key)));
            let text = if long {
                format!(" {} {n} ({share}%)   ", crate::shown::shown(&c.name))
            } else {
                format!(" {n} ({share}%)  ")
            };
            spans.push(Span::raw(text));
        }
        spans
    };
    let long = counts(true);
    let long_width: usize = long.iter().map(|s| width(&s.content)).sum();
    lines.push(Line::from(if long_width <= cells {
        long
    } else {
        counts(false)
    }));

    // One gauge per ratio rule.
    for (of, per, min, max) in ratio_targets(app) {
        let a = count_in(app, &of);
        let b = count_in(app, &per);
        let label = format!(
            "{} per {}",
            words.categories(&of).replace(" or ", "+"),
            words.categories(&per).replace(" or ", "+")
        );
        let (value_text, value, holds) = if b == 0 {
            if a == 0 {
                ("–".to_string(), 0.0, true)
            } else {
                ("∞".to_string(), f64::INFINITY, false)
            }
        } else {
            let r = f64::from(a) / f64::from(b);
            (
                ratio(a, b),
                r,
                r >= min - 1e-9 && max.is_none_or(|hi| r <= hi + 1e-9),
            )
        };
        let target = match max {
            Some(hi) => format!("target {}–{}", number(min), number(hi)),
            None => format!("target ≥ {}", number(min)),
        };
        let head = format!("{} {value_text} ", truncate(&label, 24));
        let tail = format!(" {target}");
        let bar = cells.saturating_sub(width(&head) + width(&tail)).min(40);
        let top = max.unwrap_or(min);
        let scale = (top * 1.5)
            .max(if value.is_finite() { value * 1.1 } else { 0.0 })
            .max(1.0);
        let fill = if holds { theme.ok() } else { theme.warning() };
        let mut spans = vec![Span::raw(head)];
        if bar >= 5 {
            spans.extend(gauge(
                value.min(scale),
                (min, max.unwrap_or(scale).min(scale)),
                scale,
                bar,
                fill,
                theme.target(),
                theme.dim(),
            ));
        }
        spans.push(Span::styled(tail, theme.dim()));
        lines.push(Line::from(spans));
    }

    // Minutes against the budget; a channel's alone under the filter.
    let minutes = report.minutes;
    match budget(app).filter(|_| app.channel().is_none()) {
        Some(max) => {
            let head = format!("time {minutes}/{max} min ");
            let over = minutes > max;
            let tail = if over {
                format!(" {} over", minutes - max)
            } else {
                format!(" {} left", max - minutes)
            };
            let bar = cells.saturating_sub(width(&head) + width(&tail)).min(40);
            let scale = f64::from(max.max(minutes).max(1));
            let fill = if over { theme.warning() } else { theme.ok() };
            let mut spans = vec![Span::raw(head)];
            if bar >= 5 {
                spans.extend(gauge(
                    f64::from(minutes),
                    (0.0, f64::from(max)),
                    scale,
                    bar,
                    fill,
                    theme.dim(),
                    theme.warning(),
                ));
            }
            spans.push(Span::styled(
                tail,
                if over { theme.warning() } else { theme.dim() },
            ));
            lines.push(Line::from(spans));
        }
        None => lines.push(Line::raw(match app.channel() {
            Some(c) => format!("time {minutes} min on {}", super::text::user(c)),
            None => format!("time {minutes} min"),
        })),
    }

    // The findings: each wraps onto as many lines as it needs while there is
    // room; the last line says how many did not fit.
    let room = (inner.height as usize).saturating_sub(lines.len());
    let n = report.findings.len();
    let text_cells = cells.saturating_sub(2);
    let mut left = room;
    for (i, f) in report.findings.iter().enumerate() {
        let wrapped = wrap(&finding_text(app, &words, f), text_cells);
        let last = i + 1 == n;
        let keep_for_more = usize::from(!last);
        if left <= keep_for_more {
            lines.push(Line::styled(
                format!("… {} more: mixcal check --week {}", n - i, report.week),
                theme.dim(),
            ));
            break;
        }
        let (mark, style) = match f.severity {
            Severity::Error => ("✗ ", theme.error()),
            Severity::Warning => ("⚠ ", theme.warning()),
            Severity::Info => ("i ", theme.dim()),
        };
        let usable = left - keep_for_more;
        let shown = wrapped.len().min(usable);
        for (j, text) in wrapped.iter().take(shown).enumerate() {
            let text = if j + 1 == shown && shown < wrapped.len() {
                truncate(&format!("{text} …"), text_cells)
            } else {
                text.clone()
            };
            lines.push(Line::from(vec![
                Span::styled(if j == 0 { mark } else { "  " }, style),
                Span::raw(text),
            ]));
        }
        left -= shown;
    }

    // The placeholders still to write, as `mixcal check` names them, where
    // there is room.
    if let Some(text) = words.placeholders(app.placeholders()) {
        let room = (inner.height as usize).saturating_sub(lines.len());
        for (j, text) in wrap(&text, text_cells).into_iter().take(room).enumerate() {
            lines.push(Line::from(vec![
                Span::styled(if j == 0 { "i " } else { "  " }, theme.dim()),
                Span::styled(text, theme.dim()),
            ]));
        }
    }

    for (i, line) in lines.iter().take(inner.height as usize).enumerate() {
        line.render(Rect::new(inner.x, inner.y + i as u16, inner.width, 1), buf);
    }
}

//! The mix panel: counts and shares per category, each ratio rule as a gauge
//! against its target band, planned minutes against the budget, and the week's
//! findings with their fixes. It draws the same `WeekReport` that `mixcal check`
//! prints.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Widget};

use super::text::{truncate, width, wrap};
use crate::mix::{Finding, RuleKind, Severity};
use crate::tui::app::App;

/// Rows the panel would like: borders, counts, one per ratio rule, minutes, and
/// the findings (at least one line for "balanced").
pub fn height(app: &App, width: u16) -> u16 {
    let gauges = ratio_rules(app).count();
    let cells = (width as usize).saturating_sub(4);
    let findings: usize = app
        .report()
        .findings
        .iter()
        .map(|f| wrap(&finding_text(f), cells).len())
        .sum();
    let advice = advice(app).map_or(0, |a| wrap(&a, cells).len());
    (2 + 1 + gauges + 1 + findings.max(1) + advice).min(u16::MAX as usize) as u16
}

/// While suggestions are shown that cannot balance the week: what to change,
/// in the planner's words.
fn advice(app: &App) -> Option<String> {
    app.suggestion()?.advice()
}

/// A finding as the panel words it: what is wrong, then the fix.
fn finding_text(f: &Finding) -> String {
    format!("{} → {}", f.message, f.fix)
}

fn ratio_rules(app: &App) -> impl Iterator<Item = (&str, &[String], &[String], f64, f64)> {
    app.config.rules.iter().filter_map(|r| match &r.kind {
        RuleKind::Ratio { of, per, min, max } => {
            Some((r.name.as_str(), of.as_slice(), per.as_slice(), *min, *max))
        }
        _ => None,
    })
}

fn budget(app: &App) -> Option<u32> {
    app.config.rules.iter().find_map(|r| match r.kind {
        RuleKind::Budget { max_minutes } => Some(max_minutes),
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

fn names(app: &App, keys: &[String]) -> String {
    keys.iter()
        .map(|k| {
            app.config
                .category(k)
                .map_or_else(|| k.clone(), |c| c.name.to_lowercase())
        })
        .collect::<Vec<_>>()
        .join("+")
}

fn count_in(app: &App, keys: &[String]) -> u32 {
    keys.iter()
        .map(|k| app.report().counts.get(k).copied().unwrap_or(0))
        .sum()
}

fn num(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    }
}

pub fn render_mix(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let report = app.report();
    let verdict = if report.ok() {
        Span::styled(" ✓ balanced ", theme.ok())
    } else {
        let n = report.findings.len();
        Span::styled(
            format!(" ⚠ {n} finding{} ", if n == 1 { "" } else { "s" }),
            theme.warning(),
        )
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
        .title(Line::from(verdict).right_aligned());
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.height == 0 || inner.width == 0 {
        return;
    }
    let cells = inner.width as usize;
    let mut lines: Vec<Line> = Vec::new();

    // Counts and shares, with names when they fit and letters otherwise.
    let total = report.total.max(1);
    let counts = |long: bool| -> Vec<Span<'static>> {
        let mut spans = Vec::new();
        for c in &app.config.categories {
            let n = report.counts.get(&c.key).copied().unwrap_or(0);
            let share = n * 100 / total;
            spans.push(Span::styled(c.letter.to_string(), theme.category(&c.key)));
            let text = if long {
                format!(" {} {n} ({share}%)   ", c.name)
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
    for (_, of, per, min, max) in ratio_rules(app) {
        let a = count_in(app, of);
        let b = count_in(app, per);
        let label = format!("{} per {}", names(app, of), names(app, per));
        let (value_text, value, holds) = if b == 0 {
            if a == 0 {
                ("–".to_string(), 0.0, true)
            } else {
                ("∞".to_string(), f64::INFINITY, false)
            }
        } else {
            let r = f64::from(a) / f64::from(b);
            (num(r), r, r >= min - 1e-9 && r <= max + 1e-9)
        };
        let target = if max.is_finite() {
            format!("target {}–{}", num(min), num(max))
        } else {
            format!("target ≥ {}", num(min))
        };
        let head = format!("{} {value_text} ", truncate(&label, 24));
        let tail = format!(" {target}");
        let bar = cells.saturating_sub(width(&head) + width(&tail)).min(40);
        let top = if max.is_finite() { max } else { min };
        let scale = (top * 1.5)
            .max(if value.is_finite() { value * 1.1 } else { 0.0 })
            .max(1.0);
        let fill = if holds { theme.ok() } else { theme.warning() };
        let mut spans = vec![Span::raw(head)];
        if bar >= 5 {
            spans.extend(gauge(
                value.min(scale),
                (min, max.min(scale)),
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

    // Minutes against the budget.
    let minutes = report.minutes;
    match budget(app) {
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
        None => lines.push(Line::raw(format!("time {minutes} min"))),
    }

    // What to change when suggestions cannot balance the week.
    if let Some(advice) = advice(app) {
        let text_cells = cells.saturating_sub(2);
        for (j, text) in wrap(&advice, text_cells).into_iter().enumerate() {
            let mark = if j == 0 { "→ " } else { "  " };
            lines.push(Line::from(vec![
                Span::styled(mark, theme.warning()),
                Span::styled(text, theme.warning()),
            ]));
        }
    }

    // Findings, or a clear "balanced".
    let room = (inner.height as usize).saturating_sub(lines.len());
    if report.findings.is_empty() {
        let text = if report.total == 0 {
            "✓ nothing planned yet: every rule holds"
        } else {
            "✓ balanced: every rule holds"
        };
        lines.push(Line::styled(text, theme.ok()));
    } else {
        // Each finding wraps onto as many lines as it needs while there is room;
        // the last line says how many did not fit.
        let n = report.findings.len();
        let text_cells = cells.saturating_sub(2);
        let mut left = room;
        for (i, f) in report.findings.iter().enumerate() {
            let wrapped = wrap(&finding_text(f), text_cells);
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
    }

    for (i, line) in lines.iter().take(inner.height as usize).enumerate() {
        line.render(Rect::new(inner.x, inner.y + i as u16, inner.width, 1), buf);
    }
}

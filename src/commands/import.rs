//! `mixcal import`: adds and updates posts from a spreadsheet or a calendar,
//! every row or none.
//!
//! A schedule file that does not exist yet is a new, empty schedule, as in the
//! calendar: importing a first spreadsheet is a natural way to start. The report
//! says so, so a mistyped path does not pass unnoticed.

use std::collections::{HashMap, HashSet, VecDeque};
use std::io::Write;

use super::{CommandError, Outcome, Result, load_config, schedule_path};
use crate::cli::ImportArgs;
use crate::diag::{Diagnostic, Diagnostics};
use chrono::NaiveDate;

use crate::domain::{Dated, Post, Schedule};
use crate::env::Env;
use crate::export::csv::{self, looks_evaluated};
use crate::export::incoming::{Field, Named, Problems, Row, Sheet};
use crate::export::{Format, ics};
use crate::shown::Shown;
use crate::store::{Store, StoreError};

pub(crate) fn run(env: &Env, args: &ImportArgs, out: &mut dyn Write) -> Result<Outcome> {
    let config = load_config(env)?;
    let path = schedule_path(env)?;
    let name = args.input.display().to_string();
    let bytes = std::fs::read(&args.input).map_err(|source| match source.kind() {
        std::io::ErrorKind::NotFound => CommandError::Usage(format!(
            "{name}: no such file\n  help: check the path of the file to import"
        )),
        _ => CommandError::Io {
            path: name.clone(),
            source,
        },
    })?;
    // Another program may save between this load and this save (the save
    // checks under the lock): then the schedule is loaded again and the sheet
    // merged into what is there now, a few times before giving up.
    let mut attempt = 1;
    let (schedule, store, existed, changes, places, dates) = loop {
        let existed = path.exists();
        let (mut schedule, mut store) = Store::open_or_new(&path, &config)?;
        let (sheet, places) = read_sheet(args, &bytes, &name, &config, &schedule)?;
        if attempt == 1 {
            for warning in &sheet.warnings {
                super::warn(warning);
            }
        }
        // The date each row gives its post, by row: the report looks for the
        // post there first.
        let dates: Vec<(usize, Option<NaiveDate>)> =
            sheet.rows.iter().map(|r| (r.number, r.date())).collect();
        let changes =
            merge(&mut schedule, sheet, &name, places.clone()).map_err(CommandError::Input)?;
        if !args.dry_run && changes.changed() {
            match store.save(&schedule) {
                Err(StoreError::ChangedOnDisk { .. }) if attempt < SAVE_ATTEMPTS => {
                    attempt += 1;
                    continue;
                }
                saved => saved?,
            }
            super::tell_notes(&mut store);
        }
        break (schedule, store, existed, changes, places, dates);
    };
    // Rows come mostly in the schedule's order, and a post is looked for on
    // the date its row gives it first.
    let mut posts = schedule.cursor();
    let mut find = |row: usize, id: &str| {
        let near = dates
            .binary_search_by_key(&row, |&(row, _)| row)
            .ok()
            .and_then(|i| dates[i].1);
        posts.get_near(id, near)
    };
    report(
        out,
        &changes,
        &mut find,
        &places,
        args.dry_run,
        &Saved {
            existed,
            path: path.display().to_string(),
            backup: store.backup().display().to_string(),
        },
    )
    .map_err(super::stdout_error)?;
    // The process ends right after an import, as after a check: handing a big
    // schedule's memory back post by post takes longer than the OS does.
    std::mem::forget(schedule);
    Ok(Outcome::Clean)
}

/// How many times an import loads, merges and saves before a schedule that
/// keeps changing on disk stops it.
const SAVE_ATTEMPTS: usize = 3;

/// The file to import, read (a sheet against `schedule`, to tell unchanged
/// rows as it reads), with how messages name its parts.
fn read_sheet(
    args: &ImportArgs,
    bytes: &[u8],
    name: &str,
    config: &crate::config::Config,
    schedule: &Schedule,
) -> Result<(Sheet, Places)> {
    Ok(match args.format {
        Format::Ics => {
            let zone = config
                .zone()
                .map_err(|e| CommandError::Usage(e.to_string()))?;
            let text = String::from_utf8_lossy(bytes);
            let options = ics::read::ReadOptions {
                zone: &zone,
                identifier: Some(schedule.identifier()),
                category: args.category.as_deref(),
            };
            let sheet =
                ics::read::read(&text, name, config, options).map_err(CommandError::Input)?;
            (sheet, Places::Events(ics::read::event_lines(&text)))
        }
        Format::Csv => {
            if args.category.is_some() {
                return Err(CommandError::Usage(
                    "--category is for --format ics; a sheet names each row's category\n  help: leave it out".into(),
                ));
            }
            let options = csv::ReadOptions {
                date_order: args.date_order,
            };
            let sheet = csv::read_against(bytes, name, config, options, schedule)
                .map_err(CommandError::Input)?;
            (sheet, Places::Rows)
        }
        other => {
            return Err(CommandError::Usage(format!(
                "mixcal does not import {other}\n  help: use --format csv or --format ics"
            )));
        }
    })
}

/// How messages name what an import reads: a sheet's rows by their number; a
/// calendar's events by their place among its events and the line each begins
/// on, which an editor goes to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Places {
    Rows,
    /// The line of each event's `BEGIN:VEVENT`, in order.
    Events(Vec<usize>),
}

/// `"row"` or `"event"`: rows, or events without their lines.
impl From<&str> for Places {
    fn from(unit: &str) -> Places {
        match unit {
            "event" => Places::Events(Vec::new()),
            _ => Places::Rows,
        }
    }
}

impl Places {
    /// What the source is made of: `row` or `event`.
    pub(crate) fn unit(&self) -> &'static str {
        match self {
            Places::Rows => "row",
            Places::Events(_) => "event",
        }
    }

    /// The row or event numbered `number`: `row 9`, `event 9 at line 97`.
    pub fn name(&self, number: usize) -> String {
        match self {
            Places::Rows => format!("row {number}"),
            Places::Events(lines) => match number.checked_sub(1).and_then(|i| lines.get(i)) {
                Some(line) => format!("event {number} at line {line}"),
                None => format!("event {number}"),
            },
        }
    }
}

/// What an import did to the schedule, row by row.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Changes {
    /// The row and the id of each post added.
    pub added: Vec<(usize, String)>,
    /// The row and the id of each post changed.
    pub updated: Vec<(usize, String)>,
    /// Rows that matched their post already.
    pub unchanged: usize,
}

impl Changes {
    pub(crate) fn changed(&self) -> bool {
        !self.added.is_empty() || !self.updated.is_empty()
    }
}

/// What a row changes: a post, or one date of a repeating post.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Target {
    Post(String),
    /// The date `date` of the repeating post `series`: a row that changes it
    /// makes it a post of its own, and the series skips that date.
    Date {
        series: String,
        date: NaiveDate,
    },
}

/// What merging does with a row.
#[derive(Debug)]
enum Plan {
    /// Nothing: the row matches its post already.
    Unchanged,
    Change(Target),
    /// A new post.
    Add,
}

/// Applies checked rows, all or none. A row with an id updates that post, and
/// an id that matches no post is an error (a spreadsheet turns `733e34` into
/// `7.33E+36`). A row without an id is the post with the same date, time,
/// category and title when there is one, else a new post. What matches is
/// decided against the schedule as it was, so a row never matches a post
/// another row added. A row for one date of a repeating post that changes it
/// makes that date a post of its own (the series skips it); a row naming a
/// repeating post with a date and no rule of its own is one of its dates.
pub fn merge(
    schedule: &mut Schedule,
    sheet: Sheet,
    name: &str,
    places: impl Into<Places>,
) -> std::result::Result<Changes, Diagnostics> {
    let Sheet {
        rows,
        unchanged,
        named: also_named,
        ..
    } = sheet;
    let places = &places.into();
    let mut problems = Problems::of(places.unit());
    let mut plans: Vec<Plan> = rows.iter().map(|_| Plan::Add).collect();
    let mut posts = schedule.cursor();
    for (row, plan) in rows.iter().zip(&mut plans) {
        if row.post.id.is_empty() {
            continue;
        }
        let (old, target) = match row.named(&mut posts) {
            Named::Nothing => {
                problems.push(
                    "ids",
                    "unknown id",
                    row.number,
                    Diagnostic::whole_file(
                        name,
                        format!(
                            "{}: id `{}` matches no post in the schedule",
                            places.name(row.number),
                            row.post.id
                        ),
                    )
                    .with_help(
                        "the spreadsheet may have changed the id (spreadsheets turn ids like 733e34 into 7.33E+36 and 012345 into 12345): export again and keep the id column as text; to add the row as a new post, clear its id",
                    ),
                );
                continue;
            }
            Named::NotADate(old, date) => {
                problems.push(
                    "ids",
                    "not a date of the series",
                    row.number,
                    Diagnostic::whole_file(
                        name,
                        format!(
                            "{}: `{}` is a repeating post, and {} is not one of its dates",
                            places.name(row.number),
                            old.id,
                            date.format("%Y-%m-%d")
                        ),
                    )
                    .with_help("to add the row as a post of its own, clear its id"),
                );
                continue;
            }
            // Its cells are its post's, so none is an evaluated formula.
            Named::Unchanged(_) => {
                *plan = Plan::Unchanged;
                continue;
            }
            Named::Post(old) => (old, Target::Post(old.id.clone())),
            Named::Date(old, date) => (
                old,
                Target::Date {
                    series: old.id.clone(),
                    date,
                },
            ),
        };
        evaluated_formulas(old, row, name, places, &mut problems);
        *plan = Plan::Change(target);
    }
    problems.result(name, ())?;

    // Posts without an id in the sheet find theirs by what they are, among the
    // posts no row names by id.
    if rows.iter().any(|r| r.post.id.is_empty()) {
        let named: HashSet<&str, foldhash::fast::RandomState> = rows
            .iter()
            .zip(&plans)
            .filter(|(_, plan)| matches!(plan, Plan::Unchanged | Plan::Change(Target::Post(_))))
            .map(|(row, _)| row.post.id.as_str())
            .chain(also_named.iter().map(String::as_str))
            .collect();
        type Key<'r> = (
            Option<NaiveDate>,
            Option<chrono::NaiveTime>,
            &'r str,
            &'r str,
        );
        let mut by_key: HashMap<Key, VecDeque<Target>> = HashMap::new();
        for (row, plan) in rows.iter().zip(&mut plans) {
            if !row.post.id.is_empty() {
                continue;
            }
            let key = Row::key(&row.post);
            let found = by_key.entry(key).or_insert_with(|| {
                let Some(date) = row.post.date else {
                    return VecDeque::new();
                };
                let own_rule = row.fields.contains(&Field::Repeat);
                schedule
                    .day(date)
                    .iter()
                    .filter(|p| {
                        let k = Row::key(p.post);
                        (Some(p.date), k.1, k.2, k.3) == key && !named.contains(p.id.as_str())
                    })
                    .map(|p| match p.is_occurrence() && !own_rule {
                        true => Target::Date {
                            series: p.id.clone(),
                            date: p.date,
                        },
                        false => Target::Post(p.id.clone()),
                    })
                    .collect()
            });
            if let Some(target) = found.pop_front() {
                *plan = Plan::Change(target);
            }
        }
    }

    let mut changes = Changes {
        unchanged,
        ..Changes::default()
    };
    let mut additions = Vec::new();
    let mut targets = Vec::new();
    for (row, plan) in rows.into_iter().zip(plans) {
        match plan {
            Plan::Unchanged => changes.unchanged += 1,
            Plan::Change(target) => targets.push((row, target)),
            Plan::Add => additions.push(row),
        }
    }
    for (row, target) in targets {
        match target {
            Target::Post(id) => {
                // Changed where it is kept: most updates change a title or
                // notes, and the post stays where it is.
                let mut same = false;
                let found = schedule.update(&id, row.date(), |post| {
                    same = row.leaves(post);
                    if !same {
                        row.apply_to(post);
                    }
                });
                match (found, same) {
                    (false, _) => {}
                    (true, true) => changes.unchanged += 1,
                    (true, false) => changes.updated.push((row.number, id)),
                }
            }
            Target::Date { series, date } => {
                let Some(old) = schedule.get(&series) else {
                    continue;
                };
                let Some(rule) = &old.repeat else { continue };
                let on_date = Dated { post: old, date }.to_post();
                let mut post = on_date.clone();
                row.apply_to(&mut post);
                post.repeat = None;
                if post == on_date {
                    changes.unchanged += 1;
                    continue;
                }
                let mut rest = old.clone();
                rest.repeat = Some(Box::new(rule.skipping(date)));
                schedule.insert(rest);
                post.id = String::new();
                let id = schedule.insert(post);
                changes.updated.push((row.number, series));
                changes.added.push((row.number, id));
            }
        }
    }
    for row in additions {
        let post = Post {
            id: String::new(),
            ..row.post
        };
        let id = schedule.insert(post);
        changes.added.push((row.number, id));
    }
    changes.added.sort();
    changes.updated.sort();
    Ok(changes)
}

/// A text the post had that began like a formula (`=SUM(1,2)`) and comes back as
/// what a spreadsheet makes of one (`3`): an error rather than a silent change.
fn evaluated_formulas(old: &Post, row: &Row, name: &str, places: &Places, problems: &mut Problems) {
    for field in row.fields.iter() {
        let (before, after) = match field {
            Field::Title => (Some(&old.title), Some(&row.post.title)),
            Field::Notes => (old.notes.as_ref(), row.post.notes.as_ref()),
            Field::Channel => (old.channel.as_ref(), row.post.channel.as_ref()),
            Field::Partner => (old.partner.as_ref(), row.post.partner.as_ref()),
            Field::Link => (old.link.as_ref(), row.post.link.as_ref()),
            _ => continue,
        };
        let empty = String::new();
        let (Some(before), after) = (before, after.unwrap_or(&empty)) else {
            continue;
        };
        if looks_evaluated(before, after) {
            problems.push(
                format!("{field}s"),
                "evaluated formula",
                row.number,
                Diagnostic::whole_file(
                    name,
                    format!(
                        "{}: the {field} of post {} is `{before}` and the sheet says `{after}`: a spreadsheet ran it as a formula",
                        places.name(row.number),
                        old.id
                    ),
                )
                .with_help(
                    "export the schedule again (mixcal now marks such cells as text) and redo the edit there; or change the post in the calendar",
                ),
            );
        }
    }
}

/// The schedule an import writes: whether it was there before, and where a
/// save keeps the previous version.
struct Saved {
    existed: bool,
    path: String,
    backup: String,
}

/// What the import did, a line for each post added or updated (`find` finds
/// the post a row names), then the counts.
fn report<'s>(
    out: &mut dyn Write,
    changes: &Changes,
    find: &mut dyn FnMut(usize, &str) -> Option<&'s Post>,
    places: &Places,
    dry_run: bool,
    saved: &Saved,
) -> std::io::Result<()> {
    let existed = saved.existed;
    let path = &Shown(&saved.path).to_string();
    let backup = &Shown(&saved.backup).to_string();
    let (add, update) = if dry_run {
        ("would add", "would update")
    } else {
        ("added", "updated")
    };
    let (added, updated) = if dry_run {
        ("to add", "to update")
    } else {
        ("added", "updated")
    };
    let width = add.len().max(update.len());
    let mut lines: Vec<(usize, &str, &str)> = changes
        .added
        .iter()
        .map(|(row, id)| (*row, add, id.as_str()))
        .chain(
            changes
                .updated
                .iter()
                .map(|(row, id)| (*row, update, id.as_str())),
        )
        .collect();
    lines.sort_unstable();
    for (row, verb, id) in lines {
        if let Some(p) = find(row, id) {
            // A dry run's new ids are not the ones a real import will make.
            let shown = if dry_run && verb == add { "new" } else { id };
            let time = p
                .time
                .map_or_else(|| "     ".to_string(), |t| t.format("%H:%M").to_string());
            writeln!(
                out,
                "{verb:<width$}  {:<6}  {} {time}  {:<8}  {}  ({})",
                Shown(shown).to_string(),
                p.date.map_or_else(
                    || "idea      ".to_string(),
                    |d| d.format("%Y-%m-%d").to_string()
                ),
                Shown(&p.category).to_string(),
                Shown(&p.title),
                places.name(row),
            )?;
        }
    }
    let counts = format!(
        "{} {added}, {} {updated}, {} unchanged",
        changes.added.len(),
        changes.updated.len(),
        changes.unchanged
    );
    if dry_run && !existed {
        writeln!(
            out,
            "{counts}; dry run, nothing written ({path} does not exist yet and would be started)"
        )
    } else if dry_run {
        writeln!(out, "{counts}; dry run, nothing written")
    } else if !changes.changed() {
        writeln!(out, "{counts}; {path} left as it was")
    } else if existed {
        writeln!(
            out,
            "{counts}; saved {path} (the previous version is {backup})"
        )
    } else {
        writeln!(out, "{counts}; started a new schedule in {path}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    fn rows(sheet: &str) -> Sheet {
        csv::read(
            sheet.as_bytes(),
            "plan.csv",
            &Config::builtin().unwrap(),
            csv::ReadOptions::default(),
        )
        .unwrap()
    }

    fn schedule_with(id: &str, title: &str) -> Schedule {
        let mut s = Schedule::new();
        let mut p = Post::new(
            chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
            "everyday",
            title,
        );
        p.id = id.to_string();
        s.insert(p);
        s
    }

    fn merged(s: &mut Schedule, sheet: &str) -> std::result::Result<Changes, Vec<String>> {
        merge(s, rows(sheet), "plan.csv", "row")
            .map_err(|e| e.0.iter().map(std::string::ToString::to_string).collect())
    }

    #[test]
    fn a_known_id_updates_and_rows_without_one_are_added_with_fresh_ids() {
        let mut s = schedule_with("a1", "old");
        let changes = merged(
            &mut s,
            "id,date,category,title\na1,2026-11-23,everyday,new\n,2026-11-24,business,other\n,2026-11-25,partner,third\n",
        )
        .unwrap();
        assert_eq!(changes.updated, [(2, "a1".to_string())]);
        assert_eq!(changes.added.len(), 2);
        assert_eq!(s.len(), 3);
        assert_eq!(s.get("a1").unwrap().title, "new");
        for (_, id) in &changes.added {
            assert!(crate::domain::fields::is_sheet_safe_id(id), "{id}");
        }
    }

    #[test]
    fn an_id_that_matches_no_post_is_an_error_naming_the_row() {
        let mut s = schedule_with("a1", "old");
        let before = s.clone();
        let e = merged(&mut s, "id,title\na1,new\n7.33E+036,x\n12345,y\n").unwrap_err();
        assert_eq!(e.len(), 2, "{e:?}");
        assert!(
            e[0].starts_with("plan.csv: row 3: id `7.33E+036` matches no post in the schedule\n  help: the spreadsheet may have changed the id"),
            "{e:?}"
        );
        assert!(e[1].starts_with("plan.csv: row 4: id `12345`"), "{e:?}");
        assert_eq!(s, before, "nothing changes");
    }

    #[test]
    fn a_row_like_an_existing_post_is_that_post() {
        let mut s = schedule_with("a1", "same");
        let sheet =
            "date,category,title,notes\n2026-11-23,everyday,same,\n2026-11-23,everyday,other,\n";
        let changes = merged(&mut s, sheet).unwrap();
        assert_eq!(changes.unchanged, 1);
        assert_eq!(changes.added.len(), 1);
        let after_first = s.clone();
        let again = merged(&mut s, sheet).unwrap();
        assert_eq!(again.unchanged, 2);
        assert!(!again.changed());
        assert_eq!(s, after_first);
    }

    #[test]
    fn two_alike_rows_are_two_posts_and_stay_two() {
        let mut s = Schedule::new();
        let sheet = "date,category,title\n2026-11-23,everyday,twin\n2026-11-23,everyday,twin\n";
        assert_eq!(merged(&mut s, sheet).unwrap().added.len(), 2);
        let again = merged(&mut s, sheet).unwrap();
        assert_eq!((again.added.len(), again.unchanged), (0, 2));
        assert_eq!(s.len(), 2);
    }

    #[test]
    fn an_update_sheet_needs_only_the_id_and_the_changed_column() {
        let mut s = schedule_with("a1", "old");
        let changes = merged(&mut s, "id,title\na1,new\n").unwrap();
        assert_eq!(changes.updated.len(), 1);
        let p = s.get("a1").unwrap();
        assert_eq!((p.title.as_str(), p.category.as_str()), ("new", "everyday"));
    }

    #[test]
    fn a_formula_evaluated_by_a_spreadsheet_is_refused() {
        let mut s = schedule_with("a1", "=SUM(1,2)");
        let e = merged(&mut s, "id,title\na1,3\n").unwrap_err();
        assert!(
            e[0].contains("the title of post a1 is `=SUM(1,2)` and the sheet says `3`"),
            "{e:?}"
        );
        // The protected cell comes back as it was.
        assert!(
            !merged(&mut s, "id,title\na1,\"'=SUM(1,2)\"\n")
                .unwrap()
                .changed()
        );
    }
}

//! `mixcal import`: adds and updates posts from a spreadsheet, every row or none.
//!
//! A schedule file that does not exist yet is a new, empty schedule, as in the
//! calendar: importing a first spreadsheet is a natural way to start. The report
//! says so, so a mistyped path does not pass unnoticed.

use std::io::Write;

use super::{CommandError, Outcome, Result, load_config, schedule_path};
use crate::cli::{ImportArgs, ImportFormat};
use crate::domain::{Post, Schedule};
use crate::env::Env;
use crate::export::csv::{self, Row};
use crate::store::Store;

pub fn run(env: &Env, args: &ImportArgs, out: &mut dyn Write) -> Result<Outcome> {
    let config = load_config(env)?;
    let path = schedule_path(env)?;
    let name = args.input.display().to_string();
    let bytes = std::fs::read(&args.input).map_err(|source| match source.kind() {
        std::io::ErrorKind::NotFound => CommandError::Usage(format!(
            "{name}: no such file\n  help: check the path of the spreadsheet to import"
        )),
        _ => CommandError::Io {
            path: name.clone(),
            source,
        },
    })?;
    let rows = match args.format {
        ImportFormat::Csv => csv::read(&bytes, &name, &config).map_err(CommandError::Input)?,
    };
    let existed = path.exists();
    let (mut schedule, mut store) = Store::open_or_new(&path, &config)?;
    let changes = merge(&mut schedule, rows);
    for (row, id) in &changes.lookalikes {
        eprintln!(
            "mixcal: warning: row {row} is a new post, but post {id} has the same date, time and title\n  help: a row without a known id is always added; to change posts, export the schedule to CSV, edit that, and import it"
        );
    }
    if !args.dry_run && changes.changed() {
        store.save(&schedule)?;
    }
    report(
        out,
        &changes,
        &schedule,
        args.dry_run,
        existed,
        &path.display().to_string(),
    )
    .map_err(super::stdout_error)?;
    Ok(Outcome::Clean)
}

/// What an import did to the schedule, row by row.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Changes {
    /// The row and the id of each post added.
    pub added: Vec<(usize, String)>,
    /// The row and the id of each post changed.
    pub updated: Vec<(usize, String)>,
    /// Rows that named a post and matched it already.
    pub unchanged: usize,
    /// Added rows that look like a post already there (same date, time and
    /// title), with that post's id: most likely a sheet imported twice.
    pub lookalikes: Vec<(usize, String)>,
}

impl Changes {
    pub fn changed(&self) -> bool {
        !self.added.is_empty() || !self.updated.is_empty()
    }
}

/// Applies checked rows: a row whose id is in the schedule updates that post,
/// every other row becomes a new post with a fresh id. Which rows update is decided
/// against the schedule as it was, so a fresh id can never capture a later row.
pub fn merge(schedule: &mut Schedule, rows: Vec<Row>) -> Changes {
    let mut changes = Changes::default();
    let (updates, additions): (Vec<Row>, Vec<Row>) = rows
        .into_iter()
        .partition(|r| !r.post.id.is_empty() && schedule.contains_id(&r.post.id));
    for row in updates {
        let Some(old) = schedule.get(&row.post.id) else {
            continue;
        };
        let mut post = old.clone();
        row.apply_to(&mut post);
        if &post == old {
            changes.unchanged += 1;
        } else {
            let id = schedule.insert(post);
            changes.updated.push((row.number, id));
        }
    }
    for row in additions {
        if let Some(twin) = schedule
            .day(row.post.date)
            .iter()
            .find(|p| p.time == row.post.time && p.title == row.post.title)
        {
            changes.lookalikes.push((row.number, twin.id.clone()));
        }
        let post = Post {
            id: String::new(),
            ..row.post
        };
        let id = schedule.insert(post);
        changes.added.push((row.number, id));
    }
    changes.added.sort();
    changes.updated.sort();
    changes
}

fn report(
    out: &mut dyn Write,
    changes: &Changes,
    schedule: &Schedule,
    dry_run: bool,
    existed: bool,
    path: &str,
) -> std::io::Result<()> {
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
    lines.sort();
    for (row, verb, id) in lines {
        if let Some(p) = schedule.get(id) {
            // A dry run's new ids are not the ones a real import will make.
            let shown = if dry_run && verb == add { "new" } else { id };
            let time = p
                .time
                .map_or_else(|| "     ".to_string(), |t| t.format("%H:%M").to_string());
            writeln!(
                out,
                "{verb:<width$}  {shown:<6}  {} {time}  {:<8}  {}  (row {row})",
                p.date.format("%Y-%m-%d"),
                p.category,
                p.title.replace(['\n', '\r'], " "),
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
            "{counts}; saved {path} (the previous version is {path}.bak)"
        )
    } else {
        writeln!(out, "{counts}; started a new schedule in {path}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    fn rows(sheet: &str) -> Vec<Row> {
        csv::read(sheet.as_bytes(), "plan.csv", &Config::builtin().unwrap()).unwrap()
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

    #[test]
    fn a_known_id_updates_and_other_rows_are_added_with_fresh_ids() {
        let mut s = schedule_with("a1", "old");
        let changes = merge(
            &mut s,
            rows(
                "id,date,category,title\na1,2026-11-23,everyday,new\nzz9,2026-11-24,business,other\n,2026-11-25,partner,third\n",
            ),
        );
        assert_eq!(changes.updated, [(2, "a1".to_string())]);
        assert_eq!(changes.added.len(), 2);
        assert_eq!(s.len(), 3);
        assert_eq!(s.get("a1").unwrap().title, "new");
        assert!(!s.contains_id("zz9"), "an unknown id is not kept");
        let added: Vec<&str> = changes.added.iter().map(|(_, id)| id.as_str()).collect();
        assert!(added.iter().all(|id| s.get(id).is_some()));
    }

    #[test]
    fn a_new_row_like_an_existing_post_is_noted() {
        let mut s = schedule_with("a1", "same");
        let changes = merge(
            &mut s,
            rows("date,category,title\n2026-11-23,everyday,same\n2026-11-23,everyday,other\n"),
        );
        assert_eq!(changes.added.len(), 2);
        assert_eq!(changes.lookalikes, [(2, "a1".to_string())]);
    }

    #[test]
    fn a_row_that_matches_its_post_changes_nothing() {
        let mut s = schedule_with("a1", "same");
        let before = s.clone();
        let changes = merge(
            &mut s,
            rows("id,date,category,title\na1,2026-11-23,everyday,same\n"),
        );
        assert_eq!(changes.unchanged, 1);
        assert!(!changes.changed());
        assert_eq!(s, before);
    }
}

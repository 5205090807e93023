//! CSV, the spreadsheet layout: one post a row under the header
//! `date,time,category,channel,title,notes,link,minutes,status,id`.
//!
//! `export` writes it and `import` reads it back, so both sides live here and
//! share one list of columns. Quoting (commas, quotes, line breaks) is the `csv`
//! crate's, which follows RFC 4180 and reads what spreadsheets write.

use chrono::{NaiveDate, NaiveTime, Timelike};

use crate::config::Config;
use crate::diag::{Diagnostic, Diagnostics, near_miss};
use crate::domain::fields::{date_shape, impossible_date_help, parse_date, parse_time};
use crate::domain::{Post, Status};

/// A column of the spreadsheet, in the order export writes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Date,
    Time,
    Category,
    Channel,
    Title,
    Notes,
    Link,
    Minutes,
    Status,
    Id,
}

impl Column {
    pub const ALL: [Column; 10] = [
        Column::Date,
        Column::Time,
        Column::Category,
        Column::Channel,
        Column::Title,
        Column::Notes,
        Column::Link,
        Column::Minutes,
        Column::Status,
        Column::Id,
    ];

    /// The columns a sheet must have for `import`.
    pub const REQUIRED: [Column; 3] = [Column::Date, Column::Category, Column::Title];

    /// The header text.
    pub fn name(self) -> &'static str {
        match self {
            Column::Date => "date",
            Column::Time => "time",
            Column::Category => "category",
            Column::Channel => "channel",
            Column::Title => "title",
            Column::Notes => "notes",
            Column::Link => "link",
            Column::Minutes => "minutes",
            Column::Status => "status",
            Column::Id => "id",
        }
    }
}

/// The posts as a spreadsheet with a header row. Every field is written as the
/// schedule holds it, so `import` brings it back unchanged: the category by key,
/// minutes only when the post has its own.
pub fn render(posts: &[&Post]) -> Vec<u8> {
    let mut out = csv::Writer::from_writer(Vec::new());
    let header = Column::ALL.map(Column::name);
    // Writing to memory cannot fail, and every record has the header's length.
    out.write_record(header)
        .expect("writing CSV to memory cannot fail");
    for post in posts {
        out.write_record(Column::ALL.map(|c| cell(post, c)))
            .expect("writing CSV to memory cannot fail");
    }
    out.into_inner().expect("writing CSV to memory cannot fail")
}

fn cell(post: &Post, column: Column) -> String {
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    match column {
        Column::Date => post.date.format("%Y-%m-%d").to_string(),
        Column::Time => post.time.map(time_text).unwrap_or_default(),
        Column::Category => post.category.clone(),
        Column::Channel => text(&post.channel),
        Column::Title => post.title.clone(),
        Column::Notes => text(&post.notes),
        Column::Link => text(&post.link),
        Column::Minutes => post.minutes.map(|m| m.to_string()).unwrap_or_default(),
        Column::Status => post.status.as_str().to_string(),
        Column::Id => post.id.clone(),
    }
}

/// `09:30`, or `09:30:15` when the time has seconds.
fn time_text(t: NaiveTime) -> String {
    if t.second() == 0 {
        t.format("%H:%M").to_string()
    } else {
        t.format("%H:%M:%S").to_string()
    }
}

/// One row of a sheet, read and checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The row number a spreadsheet shows; the header is row 1.
    pub number: usize,
    /// The post as the row describes it; `id` is empty when the row has none.
    pub post: Post,
    /// The columns the sheet has: an update changes only these.
    columns: Vec<Column>,
}

impl Row {
    /// Copies the fields the sheet has columns for onto `post`, leaving the rest
    /// (and the id) as they are. An empty cell clears an optional field.
    pub fn apply_to(&self, post: &mut Post) {
        let new = &self.post;
        for column in &self.columns {
            match column {
                Column::Date => post.date = new.date,
                Column::Time => post.time = new.time,
                Column::Category => post.category.clone_from(&new.category),
                Column::Channel => post.channel.clone_from(&new.channel),
                Column::Title => post.title.clone_from(&new.title),
                Column::Notes => post.notes.clone_from(&new.notes),
                Column::Link => post.link.clone_from(&new.link),
                Column::Minutes => post.minutes = new.minutes,
                Column::Status => post.status = new.status,
                Column::Id => {}
            }
        }
    }
}

/// Reads a sheet: a header row naming its columns in any order (`date`,
/// `category` and `title` required), then one post a row. Every problem in every
/// row is reported at once; `name` is the file's name in messages.
pub fn read(bytes: &[u8], name: &str, config: &Config) -> Result<Vec<Row>, Diagnostics> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter(bytes))
        .from_reader(bytes);
    let mut sheet = Sheet {
        name,
        config,
        errors: Vec::new(),
        columns: None,
        ids: Vec::new(),
    };
    // Rows are numbered as a spreadsheet shows them: the CSV reader skips blank
    // lines, which a spreadsheet shows as empty rows, so they are counted here.
    let mut row = 0;
    let mut rows = Vec::new();
    for record in reader.byte_records() {
        let start = match &record {
            Ok(r) => r.position().map(|p| p.byte()),
            Err(e) => e.position().map(|p| p.byte()),
        };
        let skipped = start
            .and_then(|b| usize::try_from(b).ok())
            .map_or(0, |at| blank_lines(bytes, at));
        row += 1 + skipped;
        match record {
            Err(e) => sheet.unreadable(row, &e),
            Ok(record) if sheet.columns.is_none() => sheet.header(row, &record),
            Ok(record) => rows.extend(sheet.row(row, &record)),
        }
    }
    if sheet.columns.is_none() {
        return Err(Diagnostics(vec![
            Diagnostic::whole_file(name, "the file is empty: it has no header row")
                .with_help(header_help()),
        ]));
    }
    if sheet.errors.is_empty() {
        Ok(rows)
    } else {
        Err(Diagnostics(sheet.errors))
    }
}

/// The cell separator, from the header row: a comma, unless the header has none
/// and semicolons or tabs instead (spreadsheets set to a language that writes
/// decimal commas save "CSV" with semicolons).
fn delimiter(bytes: &[u8]) -> u8 {
    let header = bytes.split(|&b| b == b'\n').next().unwrap_or_default();
    if header.contains(&b',') {
        b','
    } else if header.contains(&b';') {
        b';'
    } else if header.contains(&b'\t') {
        b'\t'
    } else {
        b','
    }
}

/// How many blank lines there are from `at`, where the reader says a record
/// starts. After a CRLF it points between the CR and the LF; that LF ends the
/// previous line, not a blank one.
fn blank_lines(bytes: &[u8], at: usize) -> usize {
    let mut at = at.min(bytes.len());
    if at > 0 && bytes[at - 1] == b'\r' && bytes.get(at) == Some(&b'\n') {
        at += 1;
    }
    let rest = &bytes[at..];
    let run = &rest[..rest
        .iter()
        .take_while(|b| matches!(b, b'\r' | b'\n'))
        .count()];
    run.iter()
        .enumerate()
        .filter(|&(i, &b)| b == b'\n' || run.get(i + 1) != Some(&b'\n'))
        .count()
}

fn header_help() -> String {
    let names = Column::ALL.map(Column::name);
    format!(
        "the first row names the columns, in any order: {}; `date`, `category` and `title` are required",
        names.join(", ")
    )
}

/// The spreadsheet name of a column: A, B, ... Z, AA, AB, ...
fn letter(index: usize) -> String {
    let mut n = index + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    out.iter().rev().collect()
}

/// What the header says a position in a row holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    Column(Column),
    /// A header that names no column (already reported).
    Unknown,
    /// An empty header cell: the column must be empty too.
    Unheaded,
}

struct Sheet<'a> {
    name: &'a str,
    config: &'a Config,
    errors: Vec<Diagnostic>,
    /// What each cell of a row is, from the header; `None` before it is read.
    columns: Option<Vec<Slot>>,
    /// Ids seen so far, with their row.
    ids: Vec<(String, usize)>,
}

impl Sheet<'_> {
    fn error(&mut self, row: usize, cell: Option<usize>, message: String, help: Option<String>) {
        let slot = |i: usize| self.columns.as_ref().and_then(|c| c.get(i).copied());
        let place = match cell.map(|i| (letter(i), slot(i))) {
            Some((letter, Some(Slot::Column(column)))) => {
                format!("row {row}, column {letter} ({})", column.name())
            }
            Some((letter, _)) => format!("row {row}, column {letter}"),
            None => format!("row {row}"),
        };
        let mut d = Diagnostic::whole_file(self.name, format!("{place}: {message}"));
        d.help = help;
        self.errors.push(d);
    }

    fn unreadable(&mut self, row: usize, e: &csv::Error) {
        self.error(
            row,
            None,
            format!("cannot read this row: {e}"),
            Some("save the spreadsheet as CSV (comma-separated, UTF-8)".into()),
        );
    }

    fn header(&mut self, row: usize, header: &csv::ByteRecord) {
        let known = Column::ALL.map(Column::name);
        let mut slots = Vec::new();
        for raw in header.iter() {
            let text = String::from_utf8_lossy(raw);
            let wanted = text.trim().to_lowercase();
            slots.push(if wanted.is_empty() {
                Slot::Unheaded
            } else {
                Column::ALL
                    .into_iter()
                    .find(|c| c.name() == wanted)
                    .map_or(Slot::Unknown, Slot::Column)
            });
        }
        self.columns = Some(slots.clone());
        for (i, (slot, raw)) in slots.iter().zip(header.iter()).enumerate() {
            let text = String::from_utf8_lossy(raw);
            match *slot {
                Slot::Column(c) if slots[..i].contains(slot) => {
                    let first = slots.iter().position(|x| x == slot).unwrap_or(0);
                    self.error(
                        row,
                        Some(i),
                        format!(
                            "a second `{}` column; column {} has it already",
                            c.name(),
                            letter(first)
                        ),
                        Some("keep one of the two columns".into()),
                    );
                }
                Slot::Column(_) | Slot::Unheaded => {}
                Slot::Unknown => {
                    let help = match near_miss(text.trim(), known) {
                        Some(n) => format!("did you mean `{n}`? Columns: {}", known.join(", ")),
                        None => format!(
                            "rename it to one of {}, or remove the column",
                            known.join(", ")
                        ),
                    };
                    self.error(
                        row,
                        Some(i),
                        format!("unknown column `{}`", text.trim()),
                        Some(help),
                    );
                }
            }
        }
        for required in Column::REQUIRED {
            if !slots.contains(&Slot::Column(required)) {
                // A misspelt header was reported already; do not report it twice.
                let misspelt = header.iter().any(|raw| {
                    let text = String::from_utf8_lossy(raw).trim().to_lowercase();
                    near_miss(&text, Column::ALL.map(Column::name)) == Some(required.name())
                });
                if !misspelt {
                    self.error(
                        row,
                        None,
                        format!("no `{}` column", required.name()),
                        Some(header_help()),
                    );
                }
            }
        }
    }

    fn row(&mut self, number: usize, record: &csv::ByteRecord) -> Option<Row> {
        if record
            .iter()
            .all(|cell| cell.iter().all(u8::is_ascii_whitespace))
        {
            return None;
        }
        let before = self.errors.len();
        let slots = self.columns.clone().unwrap_or_default();
        let mut post = Post::new(NaiveDate::MIN, "", "");
        for (i, raw) in record.iter().enumerate() {
            let Ok(text) = std::str::from_utf8(raw) else {
                self.error(
                    number,
                    Some(i),
                    "the text is not valid UTF-8".into(),
                    Some("save the spreadsheet as CSV UTF-8".into()),
                );
                continue;
            };
            match slots.get(i).copied() {
                Some(Slot::Column(column)) => self.cell(number, i, column, text, &mut post),
                Some(Slot::Unknown) => {}
                _ if text.trim().is_empty() => {}
                Some(Slot::Unheaded) => self.error(
                    number,
                    Some(i),
                    format!("`{text}` is in a column without a header"),
                    Some("give the column a header, or clear the cell".into()),
                ),
                None => self.error(
                    number,
                    Some(i),
                    format!(
                        "`{text}` is past the last column: the row has {} cells, the header {}",
                        record.len(),
                        slots.len()
                    ),
                    Some(
                        "a cell holding a comma or a line break needs double quotes around it"
                            .into(),
                    ),
                ),
            }
        }
        // Cells missing at the end of a short row are empty.
        for (i, slot) in slots.iter().enumerate().skip(record.len()) {
            if let Slot::Column(column) = *slot {
                self.cell(number, i, column, "", &mut post);
            }
        }
        if self.errors.len() != before {
            return None;
        }
        Some(Row {
            number,
            post,
            columns: slots
                .iter()
                .filter_map(|s| match s {
                    Slot::Column(c) => Some(*c),
                    _ => None,
                })
                .collect(),
        })
    }

    fn cell(&mut self, row: usize, i: usize, column: Column, text: &str, post: &mut Post) {
        let trimmed = text.trim();
        let optional = |s: &str| (!s.is_empty()).then(|| s.to_string());
        match column {
            Column::Date => match parse_date(trimmed) {
                Some(d) => post.date = d,
                None if trimmed.is_empty() => self.error(
                    row,
                    Some(i),
                    "the date is empty".into(),
                    Some("write a date like 2026-11-23".into()),
                ),
                None => {
                    let help = match date_shape(trimmed) {
                        Some((y, m)) => impossible_date_help(y, m),
                        None => Some(
                            "write dates as year-month-day, like 2026-11-23 (format the column as text if the spreadsheet changes them)"
                                .into(),
                        ),
                    };
                    let what = if date_shape(trimmed).is_some() {
                        "is not a real date"
                    } else {
                        "is not a date"
                    };
                    self.error(row, Some(i), format!("`{trimmed}` {what}"), help);
                }
            },
            Column::Time if trimmed.is_empty() => post.time = None,
            Column::Time => match parse_time(trimmed) {
                Some(t) => post.time = Some(t),
                None => self.error(
                    row,
                    Some(i),
                    format!("`{trimmed}` is not a time of day"),
                    Some("write a 24-hour time like 09:30, or leave the cell empty".into()),
                ),
            },
            Column::Category => {
                let found = self.config.categories.iter().find(|c| {
                    c.key.eq_ignore_ascii_case(trimmed) || c.name.to_lowercase() == trimmed.to_lowercase()
                });
                match found {
                    Some(c) => post.category.clone_from(&c.key),
                    None => {
                        let keys: Vec<&str> = self.config.category_keys().collect();
                        let help = match near_miss(trimmed, keys.iter().copied()) {
                            Some(n) => format!("did you mean `{n}`? Categories: {}", keys.join(", ")),
                            None => format!("categories: {}", keys.join(", ")),
                        };
                        let message = if trimmed.is_empty() {
                            "the category is empty".to_string()
                        } else {
                            format!("unknown category `{trimmed}`")
                        };
                        self.error(row, Some(i), message, Some(help));
                    }
                }
            }
            Column::Title if trimmed.is_empty() => self.error(
                row,
                Some(i),
                "the title is empty".into(),
                Some("write what the post is about".into()),
            ),
            Column::Title => post.title = text.to_string(),
            Column::Channel => post.channel = optional(text),
            Column::Notes => post.notes = optional(text),
            Column::Link => post.link = optional(text),
            Column::Minutes if trimmed.is_empty() => post.minutes = None,
            Column::Minutes => match trimmed.parse::<u32>() {
                Ok(m) if m <= 24 * 60 => post.minutes = Some(m),
                _ => self.error(
                    row,
                    Some(i),
                    format!("`{trimmed}` is not a number of minutes"),
                    Some(
                        "write a whole number from 0 to 1440, or leave the cell empty for the category's default"
                            .into(),
                    ),
                ),
            },
            Column::Status if trimmed.is_empty() => post.status = Status::default(),
            Column::Status => match Status::parse(&trimmed.to_lowercase()) {
                Some(s) => post.status = s,
                None => {
                    let names = Status::ALL.map(Status::as_str);
                    let help = match near_miss(trimmed, names) {
                        Some(n) => format!("did you mean `{n}`?"),
                        None => format!("write one of {}", names.join(", ")),
                    };
                    self.error(row, Some(i), format!("unknown status `{trimmed}`"), Some(help));
                }
            },
            Column::Id if trimmed.is_empty() => {}
            Column::Id => {
                if let Some((_, first)) = self.ids.iter().find(|(id, _)| id == trimmed) {
                    let first = *first;
                    self.error(
                        row,
                        Some(i),
                        format!("id `{trimmed}` is on row {first} too"),
                        Some("a post appears once: remove one of the rows, or clear its id to add it as a new post".into()),
                    );
                } else {
                    self.ids.push((trimmed.to_string(), row));
                    post.id = trimmed.to_string();
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> Config {
        Config::builtin().unwrap()
    }

    fn post(id: &str, date: &str, category: &str, title: &str) -> Post {
        let mut p = Post::new(
            NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap(),
            category,
            title,
        );
        p.id = id.to_string();
        p
    }

    fn text(posts: &[Post]) -> String {
        let refs: Vec<&Post> = posts.iter().collect();
        String::from_utf8(render(&refs)).unwrap()
    }

    fn errors(sheet: &str) -> Vec<String> {
        read(sheet.as_bytes(), "plan.csv", &config())
            .unwrap_err()
            .0
            .iter()
            .map(|d| d.to_string())
            .collect()
    }

    fn rows(sheet: &str) -> Vec<Row> {
        read(sheet.as_bytes(), "plan.csv", &config()).unwrap()
    }

    #[test]
    fn the_header_names_every_field_in_order() {
        assert_eq!(
            text(&[]),
            "date,time,category,channel,title,notes,link,minutes,status,id\n"
        );
    }

    #[test]
    fn a_post_is_one_row_with_every_field() {
        let mut p = post("a1", "2026-11-23", "everyday", "Packing orders");
        p.time = NaiveTime::from_hms_opt(9, 30, 0);
        p.channel = Some("instagram".into());
        p.notes = Some("photo".into());
        p.link = Some("https://example.com/x".into());
        p.minutes = Some(20);
        p.status = Status::Idea;
        let untimed = post("b2", "2026-11-24", "business", "Offer");
        assert_eq!(
            text(&[p, untimed]),
            "date,time,category,channel,title,notes,link,minutes,status,id\n\
             2026-11-23,09:30,everyday,instagram,Packing orders,photo,https://example.com/x,20,idea,a1\n\
             2026-11-24,,business,,Offer,,,,planned,b2\n"
        );
    }

    #[test]
    fn commas_quotes_line_breaks_and_unicode_are_quoted() {
        let mut p = post("a", "2026-11-23", "everyday", "Tea, cake and \"fun\"");
        p.notes = Some("line one\nline two 漢字 🎉".into());
        let out = text(&[p]);
        assert_eq!(
            out.lines().nth(1).unwrap(),
            "2026-11-23,,everyday,,\"Tea, cake and \"\"fun\"\"\",\"line one"
        );
        assert!(out.ends_with("line two 漢字 🎉\",,,planned,a\n"), "{out}");
    }

    #[test]
    fn seconds_are_written_only_when_a_time_has_them() {
        let mut p = post("a", "2026-11-23", "everyday", "t");
        p.time = NaiveTime::from_hms_opt(9, 30, 15);
        assert!(text(&[p]).contains(",09:30:15,"));
    }

    #[test]
    fn what_export_writes_import_reads_back_unchanged() {
        let mut a = post("a1", "2026-11-23", "partner", "Tea, cake and \"fun\" 🎉");
        a.time = NaiveTime::from_hms_opt(18, 45, 30);
        a.channel = Some("insta gram".into());
        a.notes = Some("  leading spaces\r\nand a CRLF, kept  ".into());
        a.link = Some("https://example.com/?a=1,2".into());
        a.minutes = Some(0);
        a.status = Status::Published;
        let b = post("b2", "2028-02-29", "contest", " padded title ");
        let sheet = text(&[a.clone(), b.clone()]);
        let back: Vec<Post> = rows(&sheet).into_iter().map(|r| r.post).collect();
        assert_eq!(back, [a, b]);
    }

    #[test]
    fn columns_may_come_in_any_order_and_any_case() {
        let r = rows("Title , CATEGORY,date\nHello,business,2026-11-23\n");
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].post.title, "Hello");
        assert_eq!(r[0].post.category, "business");
        assert_eq!(
            r[0].post.date,
            NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
        );
    }

    #[test]
    fn a_category_may_be_written_by_its_name() {
        let r = rows("date,category,title\n2026-11-23,Everyday,a\n2026-11-23,CONTEST,b\n");
        assert_eq!(r[0].post.category, "everyday");
        assert_eq!(r[1].post.category, "contest");
    }

    #[test]
    fn semicolons_or_tabs_separate_cells_when_the_header_has_no_comma() {
        for sheet in [
            "date;category;title\n2026-11-23;everyday;\"Tea; cake, and more\"\n",
            "date\tcategory\ttitle\n2026-11-23\teveryday\t\"Tea; cake, and more\"\n",
        ] {
            let r = rows(sheet);
            assert_eq!(r.len(), 1, "{sheet:?}");
            assert_eq!(r[0].post.title, "Tea; cake, and more");
        }
    }

    #[test]
    fn a_byte_order_mark_is_not_part_of_the_first_header() {
        let r = rows("\u{feff}date,category,title\n2026-11-23,everyday,a\n");
        assert_eq!(r.len(), 1);
    }

    #[test]
    fn rows_without_any_value_are_skipped() {
        let r = rows("date,category,title\n,,\n2026-11-23,everyday,a\n  ,,\n");
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].number, 3);
    }

    #[test]
    fn every_bad_row_is_reported_with_its_column_and_value() {
        let e = errors(
            "date,time,category,title,minutes,status\n\
             2026-02-30,09:00,everyday,a,,\n\
             2026-11-23,25:00,busines,b,ten,planed\n\
             23/11/2026,,everyday,,,\n",
        );
        assert_eq!(
            e,
            [
                "plan.csv: row 2, column A (date): `2026-02-30` is not a real date\n  help: February 2026 has 28 days",
                "plan.csv: row 3, column B (time): `25:00` is not a time of day\n  help: write a 24-hour time like 09:30, or leave the cell empty",
                "plan.csv: row 3, column C (category): unknown category `busines`\n  help: did you mean `business`? Categories: everyday, business, partner, contest",
                "plan.csv: row 3, column E (minutes): `ten` is not a number of minutes\n  help: write a whole number from 0 to 1440, or leave the cell empty for the category's default",
                "plan.csv: row 3, column F (status): unknown status `planed`\n  help: did you mean `planned`?",
                "plan.csv: row 4, column A (date): `23/11/2026` is not a date\n  help: write dates as year-month-day, like 2026-11-23 (format the column as text if the spreadsheet changes them)",
                "plan.csv: row 4, column D (title): the title is empty\n  help: write what the post is about",
            ]
        );
    }

    #[test]
    fn row_numbers_count_rows_as_a_spreadsheet_does() {
        // Row 2 spans three lines; a blank line is row 3.
        let e =
            errors("date,category,title\n2026-11-23,everyday,\"a\nb\nc\"\n\n2026-11-23,nope,d\n");
        assert_eq!(e.len(), 1, "{e:?}");
        assert!(
            e[0].starts_with("plan.csv: row 4, column B (category)"),
            "{e:?}"
        );
    }

    #[test]
    fn row_numbers_are_the_same_with_crlf_line_ends() {
        let e = errors(
            "date,category,title\r\n2026-11-23,everyday,\"a\r\nb\"\r\n\r\n2026-11-23,nope,d\r\n",
        );
        assert_eq!(e.len(), 1, "{e:?}");
        assert!(
            e[0].starts_with("plan.csv: row 4, column B (category)"),
            "{e:?}"
        );
        let r = rows("date,category,title\r\n2026-11-23,everyday,a\r\n2026-11-23,everyday,b\r\n");
        assert_eq!(r.iter().map(|r| r.number).collect::<Vec<_>>(), [2, 3]);
    }

    #[test]
    fn a_missing_required_column_is_named() {
        let e = errors("date,title\n2026-11-23,a\n");
        assert_eq!(e.len(), 1, "{e:?}");
        assert!(
            e[0].starts_with("plan.csv: row 1: no `category` column"),
            "{e:?}"
        );
    }

    #[test]
    fn a_misspelt_column_suggests_the_right_one_once() {
        let e = errors("date,categroy,title\n2026-11-23,everyday,a\n");
        assert_eq!(
            e,
            [
                "plan.csv: row 1, column B: unknown column `categroy`\n  help: did you mean `category`? Columns: date, time, category, channel, title, notes, link, minutes, status, id"
            ]
        );
    }

    #[test]
    fn a_column_may_appear_once() {
        let e = errors("date,title,category,title\n2026-11-23,a,everyday,b\n");
        assert!(
            e[0].contains(
                "row 1, column D (title): a second `title` column; column B has it already"
            ),
            "{e:?}"
        );
    }

    #[test]
    fn an_id_may_appear_on_one_row_only() {
        let e =
            errors("date,category,title,id\n2026-11-23,everyday,a,x1\n2026-11-24,everyday,b,x1\n");
        assert_eq!(e.len(), 1, "{e:?}");
        assert!(
            e[0].contains("row 3, column D (id): id `x1` is on row 2 too"),
            "{e:?}"
        );
    }

    #[test]
    fn cells_past_the_header_are_refused_unless_empty() {
        let r = rows("date,category,title\n2026-11-23,everyday,a,,\n");
        assert_eq!(r.len(), 1);
        let e = errors("date,category,title\n2026-11-23,everyday,Tea, cake\n");
        assert!(
            e[0].contains("row 2, column D: ` cake` is past the last column"),
            "{e:?}"
        );
        assert!(e[0].contains("needs double quotes"), "{e:?}");
    }

    #[test]
    fn short_rows_have_empty_cells_at_the_end() {
        let e = errors("date,category,title\n2026-11-23,everyday\n");
        assert!(
            e[0].contains("row 2, column C (title): the title is empty"),
            "{e:?}"
        );
    }

    #[test]
    fn text_that_is_not_utf8_is_reported_at_its_cell() {
        let sheet = b"date,category,title\n2026-11-23,everyday,caf\xe9\n";
        let e = read(sheet, "plan.csv", &config()).unwrap_err().0;
        assert!(
            e[0].to_string()
                .starts_with("plan.csv: row 2, column C (title): the text is not valid UTF-8"),
            "{e:?}"
        );
    }

    #[test]
    fn an_empty_file_has_no_header() {
        let e = errors("");
        assert!(e[0].contains("the file is empty"), "{e:?}");
    }

    #[test]
    fn an_update_changes_only_the_columns_the_sheet_has() {
        let mut existing = post("a1", "2026-11-23", "everyday", "old");
        existing.notes = Some("keep me".into());
        existing.channel = Some("clear me".into());
        let r = rows("id,date,category,title,channel\na1,2026-11-24,business,new,\n");
        r[0].apply_to(&mut existing);
        assert_eq!(existing.title, "new");
        assert_eq!(existing.category, "business");
        assert_eq!(
            existing.date,
            NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
        );
        assert_eq!(existing.notes.as_deref(), Some("keep me"));
        assert_eq!(existing.channel, None);
        assert_eq!(existing.id, "a1");
    }

    #[test]
    fn columns_are_lettered_like_a_spreadsheet() {
        assert_eq!(letter(0), "A");
        assert_eq!(letter(25), "Z");
        assert_eq!(letter(26), "AA");
        assert_eq!(letter(27), "AB");
    }
}

//! Reading a spreadsheet saved as CSV into rows of post fields.
//!
//! The first row names the columns, in any order and any case. A sheet that
//! updates posts by id needs only `id` and the columns it changes; a row without
//! an id is a new post and needs `date`, `category` and `title`. Columns mixcal
//! does not know are left alone, with one warning naming them. Every problem in
//! every row is reported at once, grouped as [`Problems`] does.
//!
//! Read for an import into a schedule ([`read_against`]), a row that names its
//! post by id and leaves it as it is, most rows of a sheet exported and imported
//! again, is only counted: its cells are read into one post kept for the next
//! row instead of a new one each.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::Arc;

use chrono::NaiveDate;

use super::{COLUMNS, unprotect};
use crate::config::Config;
use crate::diag::{Diagnostic, Diagnostics, near_miss};
use crate::domain::fields::{self, DateOrder, FieldError};
use crate::domain::{Cursor, Post, Schedule, Spot};
use crate::export::incoming::{Field, Named, Problems, Row, Sheet};

/// Choices for reading a sheet.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReadOptions {
    /// How to read `05/06/2026`: without it, only dates whose order is certain.
    pub date_order: Option<DateOrder>,
}

/// Reads a sheet; `name` is the file's name in messages.
pub fn read(
    bytes: &[u8],
    name: &str,
    config: &Config,
    options: ReadOptions,
) -> Result<Sheet, Diagnostics> {
    read_with(bytes, name, config, options, None)
}

/// Reads a sheet to import into `schedule`: a row that leaves the post it names
/// as it is ([`Named::Unchanged`]) is in [`Sheet::unchanged`] instead of
/// [`Sheet::rows`]. Merging the sheet does what merging [`read`]'s does.
pub fn read_against(
    bytes: &[u8],
    name: &str,
    config: &Config,
    options: ReadOptions,
    schedule: &Schedule,
) -> Result<Sheet, Diagnostics> {
    read_with(bytes, name, config, options, Some(schedule))
}

fn read_with(
    bytes: &[u8],
    name: &str,
    config: &Config,
    options: ReadOptions,
    schedule: Option<&Schedule>,
) -> Result<Sheet, Diagnostics> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let delimiter = delimiter(bytes);
    if let Some((row, column)) = unclosed_quote(bytes, delimiter) {
        return Err(Diagnostics(vec![
            Diagnostic::whole_file(
                name,
                format!(
                    "row {row}, column {}: a quoted cell opens here and never closes",
                    letter(column)
                ),
            )
            .with_help(
                "everything after it would be read as one cell; add the closing double quote (\"), or save the sheet again from the spreadsheet",
            ),
        ]));
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(bytes);
    // A row is at most a line: the lists are sized once instead of growing (and
    // copying every row) as they fill; one record is read into again and again.
    let lines = memchr::memchr_iter(b'\n', bytes).count();
    let mut sheet = Reader {
        name,
        config,
        options,
        posts: schedule.map(Schedule::cursor),
        problems: Problems::new(),
        slots: None,
        fields: Arc::new([]),
        seen: Seen::default(),
        scratch: None,
        unchanged: Vec::new(),
        warnings: Vec::new(),
    };
    // Rows are numbered as a spreadsheet shows them: the CSV reader skips blank
    // lines, which a spreadsheet shows as empty rows, so they are counted here.
    let mut row = 0;
    let mut rows = Vec::with_capacity(if schedule.is_some() { 0 } else { lines });
    let mut record = csv::ByteRecord::new();
    loop {
        let read = reader.read_byte_record(&mut record);
        let start = match &read {
            Ok(false) => break,
            Ok(true) => record.position().map(csv::Position::byte),
            Err(e) => e.position().map(csv::Position::byte),
        };
        let skipped = start
            .and_then(|b| usize::try_from(b).ok())
            .map_or(0, |at| blank_lines(bytes, at));
        row += 1 + skipped;
        match read {
            Err(e) => sheet.unreadable(row, &e),
            Ok(_) if sheet.slots.is_none() => sheet.header(row, &record),
            Ok(_) => rows.extend(sheet.row(row, &record)),
        }
    }
    if sheet.slots.is_none() {
        return Err(Diagnostics(vec![
            Diagnostic::whole_file(name, "the file is empty: it has no header row")
                .with_help(header_help()),
        ]));
    }
    // Rows without an id are never matched to a post another row names: the
    // merge needs the ids of the rows left out then, and only then.
    let named = if rows.iter().any(|r| r.post.id.is_empty()) {
        sheet.unchanged.iter().map(ToString::to_string).collect()
    } else {
        Vec::new()
    };
    sheet.problems.result(
        name,
        Sheet {
            rows,
            unchanged: sheet.unchanged.len(),
            named,
            warnings: sheet.warnings,
        },
    )
}

/// What a row's post is before its cells are read: the fields a sheet has no
/// column for keep these values, which an update leaves alone.
fn blank_post() -> Post {
    Post::new(NaiveDate::MIN, "", "")
}

/// `text` into `slot`, in the room a row before left there.
fn set(slot: &mut String, text: &str) {
    slot.clear();
    slot.push_str(text);
}

/// `text` into an optional field: empty is none.
fn set_optional(slot: &mut Option<String>, text: &str) {
    match slot {
        _ if text.is_empty() => *slot = None,
        Some(s) => set(s, text),
        None => *slot = Some(text.to_string()),
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

/// Where a quoted cell opens and never closes, as a spreadsheet row number and a
/// column index; `None` when every quote is closed. (The CSV reader reads such a
/// cell to the end of the file without complaint.)
fn unclosed_quote(bytes: &[u8], delimiter: u8) -> Option<(usize, usize)> {
    if quotes_close(bytes, delimiter) {
        None
    } else {
        open_quote(bytes, delimiter)
    }
}

/// [`unclosed_quote`], byte by byte, counting rows and columns as it goes.
fn open_quote(bytes: &[u8], delimiter: u8) -> Option<(usize, usize)> {
    let (mut row, mut column) = (1, 0);
    let mut field_start = true;
    let mut open: Option<(usize, usize)> = None;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if open.is_some() {
            if b == b'"' {
                if bytes.get(i + 1) == Some(&b'"') {
                    i += 1;
                } else {
                    open = None;
                }
            }
        } else if b == b'"' && field_start {
            open = Some((row, column));
            field_start = false;
        } else if b == delimiter {
            column += 1;
            field_start = true;
        } else if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
            row += 1;
            column = 0;
            field_start = true;
        } else if b != b'\r' {
            field_start = false;
        }
        i += 1;
    }
    open
}

/// Whether every quoted cell closes, as [`unclosed_quote`] reads cells, found by
/// jumping from quote to quote: a sheet of 100k rows is read byte by byte only
/// to say where the one that does not close opens.
fn quotes_close(bytes: &[u8], delimiter: u8) -> bool {
    let mut from = 0;
    while let Some(at) = memchr::memchr(b'"', &bytes[from..]).map(|i| from + i) {
        from = at + 1;
        // A quote opens a cell only where a cell starts; a line ends at LF,
        // CR LF or a lone CR, and a quote never follows the CR of a CR LF.
        let opens = at == 0 || matches!(bytes[at - 1], b'\n' | b'\r') || bytes[at - 1] == delimiter;
        if !opens {
            continue;
        }
        // Inside the cell, a doubled quote is a quote; a single one closes it.
        loop {
            let Some(close) = memchr::memchr(b'"', &bytes[from..]).map(|i| from + i) else {
                return false;
            };
            if bytes.get(close + 1) == Some(&b'"') {
                from = close + 2;
            } else {
                from = close + 1;
                break;
            }
        }
    }
    true
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
    let names = COLUMNS.map(Field::name);
    format!(
        "the first row names the columns, in any order: {}; new posts need `date`, `category` and `title`, updates need `id` and the columns they change",
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
    Field(Field),
    /// A column mixcal does not know (or a second copy of one): left alone.
    Ignored,
}

/// An id as the rows read so far are told apart by: a post of the schedule
/// that is on a day by its spot, any other by its text.
enum Known<'a> {
    Spot(Spot),
    Id(Cow<'a, str>),
}

/// The ids of the rows read so far, with their row. A sheet of the schedule
/// lists its posts in the schedule's order, whose spots only grow: such a spot
/// is new when it is past the last one, which needs no lookup. (A map of 100k
/// ids took a fifth of the time of reading the sheet.) Spots out of that order
/// and other ids are kept in maps.
#[derive(Default)]
struct Seen<'a> {
    /// Spots in growing order, with their rows.
    in_order: Vec<(Spot, usize)>,
    /// Spots that came out of that order.
    spots: HashMap<Spot, usize, foldhash::fast::RandomState>,
    ids: HashMap<Cow<'a, str>, usize, foldhash::fast::RandomState>,
}

impl<'a> Seen<'a> {
    /// Whether `spot` is past every spot in order; then it is new, as every
    /// spot out of order came before the last one in order.
    fn past(&self, spot: Spot) -> bool {
        self.in_order.last().is_none_or(|&(last, _)| last < spot)
    }

    /// The row that had `key` first.
    fn row(&self, key: &Known<'_>) -> Option<usize> {
        match key {
            Known::Spot(spot) if self.past(*spot) => None,
            Known::Spot(spot) => match self.in_order.binary_search_by(|(s, _)| s.cmp(spot)) {
                Ok(i) => Some(self.in_order[i].1),
                Err(_) => self.spots.get(spot).copied(),
            },
            Known::Id(id) => self.ids.get(id.as_ref()).copied(),
        }
    }

    fn insert(&mut self, key: Known<'a>, row: usize) {
        match key {
            Known::Spot(spot) if self.past(spot) => self.in_order.push((spot, row)),
            Known::Spot(spot) => {
                self.spots.insert(spot, row);
            }
            Known::Id(id) => {
                self.ids.insert(id, row);
            }
        }
    }
}

struct Reader<'a> {
    name: &'a str,
    config: &'a Config,
    options: ReadOptions,
    /// The posts of the schedule the sheet is read to be imported into, if
    /// known.
    posts: Option<Cursor<'a>>,
    problems: Problems,
    /// What each cell of a row is, from the header; `None` before it is read.
    slots: Option<Arc<[Slot]>>,
    /// The fields the header names, in its order: every row's.
    fields: Arc<[Field]>,
    /// Ids seen so far, with their row.
    seen: Seen<'a>,
    /// The row the next row's cells are read into: a row that is not kept
    /// leaves it, and its text's room, for the next. Boxed, so that taking it
    /// and giving it back moves a pointer, not a post.
    scratch: Option<Box<Row>>,
    /// The ids of the rows that leave their post as it is, in order.
    unchanged: Vec<&'a str>,
    warnings: Vec<String>,
}

impl Reader<'_> {
    /// A row with nothing read into it yet.
    fn blank_row(&self) -> Row {
        Row {
            number: 0,
            post: blank_post(),
            fields: Arc::clone(&self.fields),
        }
    }

    /// Where a cell is: `column B (time)`.
    fn place(&self, cell: usize) -> String {
        let slot = self.slots.as_ref().and_then(|c| c.get(cell).copied());
        match slot {
            Some(Slot::Field(f)) => format!("column {} ({f})", letter(cell)),
            _ => format!("column {}", letter(cell)),
        }
    }

    fn problem(
        &mut self,
        row: usize,
        cell: Option<usize>,
        kind: &'static str,
        message: &str,
        help: Option<String>,
    ) {
        let place = cell.map_or_else(|| "rows".to_string(), |i| self.place(i));
        let text = match cell {
            Some(_) => format!("row {row}, {place}: {message}"),
            None => format!("row {row}: {message}"),
        };
        let mut d = Diagnostic::whole_file(self.name, text);
        d.help = help;
        self.problems.push(place, kind, row, d);
    }

    fn field_problem(&mut self, row: usize, cell: usize, e: &FieldError) {
        self.problem(row, Some(cell), e.kind(), &e.to_string(), Some(e.help()));
    }

    fn unreadable(&mut self, row: usize, e: &csv::Error) {
        self.problem(
            row,
            None,
            "unreadable",
            &format!("cannot read this row: {e}"),
            Some("save the spreadsheet as CSV (comma-separated, UTF-8)".into()),
        );
    }

    fn header(&mut self, row: usize, header: &csv::ByteRecord) {
        let names: Vec<String> = header
            .iter()
            .map(|raw| String::from_utf8_lossy(raw).trim().to_string())
            .collect();
        let mut slots: Vec<Slot> = Vec::with_capacity(names.len());
        let mut ignored = Vec::new();
        for (i, name) in names.iter().enumerate() {
            let field = name
                .to_lowercase()
                .parse::<Field>()
                .ok()
                .filter(|f| COLUMNS.contains(f));
            let slot = match field {
                Some(f) if slots.contains(&Slot::Field(f)) => {
                    let first = slots.iter().position(|s| *s == Slot::Field(f)).unwrap_or(0);
                    self.problem(
                        row,
                        Some(i),
                        "second column",
                        &format!(
                            "a second `{f}` column; column {} has it already",
                            letter(first)
                        ),
                        Some("keep one of the two columns".into()),
                    );
                    Slot::Ignored
                }
                Some(f) => Slot::Field(f),
                None => {
                    ignored.push(i);
                    Slot::Ignored
                }
            };
            slots.push(slot);
        }
        self.fields = slots
            .iter()
            .filter_map(|s| match s {
                Slot::Field(f) => Some(*f),
                Slot::Ignored => None,
            })
            .collect();
        self.slots = Some(slots.clone().into());
        let known = COLUMNS.map(Field::name);
        let has = |f: Field| slots.contains(&Slot::Field(f));
        // A sheet of updates by id may leave out any column; one that adds posts
        // needs the fields of a new post.
        if !has(Field::Id) {
            for required in Field::REQUIRED.into_iter().filter(|f| !has(*f)) {
                let misspelt = ignored
                    .iter()
                    .find(|&&i| near_miss(&names[i], known) == Some(required.name()));
                let help = match misspelt {
                    Some(&i) => format!(
                        "column {} is `{}`: did you mean `{required}`?",
                        letter(i),
                        names[i]
                    ),
                    None => header_help(),
                };
                self.problem(
                    row,
                    None,
                    "no column",
                    &format!("no `{required}` column"),
                    Some(help),
                );
            }
        }
        let named: Vec<String> = ignored
            .iter()
            .filter(|&&i| !names[i].is_empty())
            .map(|&i| {
                let near = near_miss(&names[i], known)
                    .map(|n| format!(", did you mean `{n}`?"))
                    .unwrap_or_default();
                format!("`{}` (column {}{near})", names[i], letter(i))
            })
            .collect();
        if !named.is_empty() {
            let columns = if named.len() == 1 {
                "column"
            } else {
                "columns"
            };
            // A few are named; a sheet of thousands of columns is counted.
            let shown = crate::diag::LISTED.min(named.len());
            let more = match named.len() - shown {
                0 => String::new(),
                n => format!(" and {n} more"),
            };
            self.warnings.push(format!(
                "{}: left out {} {columns} mixcal does not know: {}{more}",
                self.name,
                named.len(),
                named[..shown].join(", ")
            ));
        }
    }

    fn row(&mut self, number: usize, record: &csv::ByteRecord) -> Option<Row> {
        if record
            .iter()
            .all(|cell| cell.iter().all(u8::is_ascii_whitespace))
        {
            return None;
        }
        let before = self.problems_len();
        let slots = self.slots.clone().unwrap_or_default();
        let mut row = match self.scratch.take() {
            Some(row) => row,
            None => Box::new(self.blank_row()),
        };
        row.number = number;
        let post = &mut row.post;
        // The whole row is checked at once; a cell is then UTF-8 when it
        // starts and ends on a character, and checked alone when not.
        let whole = std::str::from_utf8(record.as_slice()).ok();
        for (i, raw) in record.iter().enumerate() {
            let text = whole.zip(record.range(i)).and_then(|(w, r)| w.get(r));
            let Some(text) = text.or_else(|| std::str::from_utf8(raw).ok()) else {
                self.problem(
                    number,
                    Some(i),
                    "not UTF-8",
                    "the text is not valid UTF-8",
                    Some("save the spreadsheet as CSV UTF-8".into()),
                );
                continue;
            };
            match slots.get(i).copied() {
                Some(Slot::Field(field)) => self.cell(number, i, field, unprotect(text), post),
                Some(Slot::Ignored) => {}
                None if text.trim().is_empty() => {}
                None => self.problem(
                    number,
                    Some(i),
                    "past the last column",
                    &format!(
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
            if let Slot::Field(field) = *slot {
                self.cell(number, i, field, "", post);
            }
        }
        if row.post.id.is_empty() && !row.is_complete() {
            let missing: Vec<String> = Field::REQUIRED
                .iter()
                .filter(|f| !row.fields.contains(f))
                .map(|f| format!("`{f}`"))
                .collect();
            self.problem(
                number,
                None,
                "new post without columns",
                &format!(
                    "this row has no id, so it is a new post, and the sheet has no {} column for it",
                    missing.join(" or ")
                ),
                Some("give the row the id of the post it changes, or add the missing columns".into()),
);
        }
        let sound = self.problems_len() == before;
        let unchanged = match &mut self.posts {
            Some(posts) if sound && !row.post.id.is_empty() => match row.named(posts) {
                Named::Unchanged(post) => Some(post.id.as_str()),
                _ => None,
            },
            _ => None,
        };
        let kept =
            (sound && unchanged.is_none()).then(|| std::mem::replace(&mut *row, self.blank_row()));
        self.unchanged.extend(unchanged);
        // The next row is read into this one, or into a blank one if it is kept.
        self.scratch = Some(row);
        kept
    }

    /// Problems only ever grow; their count tells whether a row added any.
    fn problems_len(&self) -> usize {
        self.problems.len()
    }

    fn cell(&mut self, row: usize, i: usize, field: Field, text: &str, post: &mut Post) {
        let trimmed = text.trim();
        let categories = &self.config.categories;
        let result = match field {
            Field::Date => {
                fields::sheet_date(trimmed, self.options.date_order).map(|d| post.date = Some(d))
            }
            Field::Time if trimmed.is_empty() => {
                post.time = None;
                Ok(())
            }
            Field::Time => fields::sheet_time(trimmed).map(|t| post.time = Some(t)),
            Field::Category => {
                fields::loose_category(trimmed, categories).map(|c| set(&mut post.category, &c.key))
            }
            Field::Title => fields::title(text).map(|t| set(&mut post.title, t)),
            Field::Channel => {
                set_optional(&mut post.channel, text);
                Ok(())
            }
            Field::Notes => {
                set_optional(&mut post.notes, text);
                Ok(())
            }
            Field::Link => {
                set_optional(&mut post.link, text);
                Ok(())
            }
            Field::Media => {
                let mut n = 0;
                let all = trimmed.split_whitespace().try_for_each(|url| {
                    let url = fields::media(url)?;
                    match post.media.get_mut(n) {
                        Some(room) => set(room, url),
                        None => post.media.push(url.to_string()),
                    }
                    n += 1;
                    Ok(())
                });
                post.media.truncate(n);
                all
            }
            Field::Minutes if trimmed.is_empty() => {
                post.minutes = None;
                Ok(())
            }
            Field::Minutes => fields::sheet_minutes(trimmed).map(|m| post.minutes = Some(m)),
            Field::Partner => {
                set_optional(&mut post.partner, fields::partner(text).unwrap_or_default());
                Ok(())
            }
            Field::Spent if trimmed.is_empty() => {
                post.spent = None;
                Ok(())
            }
            Field::Spent => fields::sheet_minutes(trimmed).map(|m| post.spent = Some(m)),
            Field::Responses if trimmed.is_empty() => {
                post.responses = None;
                Ok(())
            }
            Field::Responses => fields::sheet_responses(trimmed).map(|n| post.responses = Some(n)),
            Field::Status => fields::loose_status(trimmed).map(|s| post.status = s),
            Field::Repeat => Ok(()),
            Field::Id => {
                // A row whose id is empty or taken has none, as a new post.
                post.id.clear();
                // A post of the schedule is known by its spot, else by its id.
                let known = match &mut self.posts {
                    Some(posts) if !trimmed.is_empty() => {
                        posts.get(trimmed).map(|post| match posts.spot() {
                            Some(spot) => Known::Spot(spot),
                            None => Known::Id(Cow::Borrowed(post.id.as_str())),
                        })
                    }
                    _ => None,
                };
                let first = match &known {
                    Some(key) => self.seen.row(key),
                    None => self.seen.row(&Known::Id(Cow::Borrowed(trimmed))),
                };
                match first {
                    _ if trimmed.is_empty() => {}
                    Some(first) => self.problem(
                        row,
                        Some(i),
                        "id twice",
                        &format!("id `{trimmed}` is on row {first} too"),
                        Some("a post appears once: remove one of the rows, or clear its id to add it as a new post".into()),
                    ),
                    None => {
                        let key =
                            known.unwrap_or_else(|| Known::Id(Cow::Owned(trimmed.to_string())));
                        self.seen.insert(key, row);
                        post.id.push_str(trimmed);
                    }
                }
                Ok(())
            }
        };
        if let Err(e) = result {
            self.field_problem(row, i, &e);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn an_unclosed_quote_is_found_where_it_opens() {
        assert_eq!(unclosed_quote(b"a,b\nc,\"d", b','), Some((2, 1)));
        assert_eq!(unclosed_quote(b"a,\"b\"\"\n,", b','), Some((1, 1)));
        assert_eq!(unclosed_quote(b"a;\"b\nc\";\"", b';'), Some((1, 2)));
        assert_eq!(unclosed_quote(b"a,b\"c\n", b','), None);
        assert_eq!(unclosed_quote(b"\"a\"\"\",b\r\"c\"", b','), None);
    }

    /// Ids twice are found as well by spots as by text, however the rows
    /// jump about the schedule's order.
    #[test]
    fn ids_twice_are_found_in_any_order() {
        let config = Config::builtin().unwrap();
        let mut schedule = Schedule::new();
        for i in 0..30 {
            let date = NaiveDate::from_ymd_opt(2026, 11, 20 + i / 7).unwrap();
            let mut post = Post::new(date, "everyday", "post");
            post.time = chrono::NaiveTime::from_hms_opt(8 + i % 7, 0, 0);
            schedule.insert(post);
        }
        schedule.insert(Post::idea("business", "idea"));
        let ids: Vec<String> = schedule.iter().map(|p| p.id.clone()).collect();
        let mut rng = fastrand::Rng::with_seed(9);
        let mut twice = 0;
        for _ in 0..400 {
            let mut order = ids.clone();
            let from = rng.usize(..order.len());
            order.drain(..from);
            for _ in 0..rng.usize(..4) {
                let (a, b) = (rng.usize(..order.len()), rng.usize(..order.len()));
                order.swap(a, b);
            }
            for _ in 0..rng.usize(..3) {
                let again = match rng.u8(..3) {
                    0 => "unknown".to_string(),
                    _ => order[rng.usize(..order.len())].clone(),
                };
                order.insert(rng.usize(..=order.len()), again);
            }
            let sheet: String = std::iter::once("id,title".to_string())
                .chain(order.iter().map(|id| format!("{id},post")))
                .collect::<Vec<_>>()
                .join("\n");
            let fast = read_against(
                sheet.as_bytes(),
                "s.csv",
                &config,
                ReadOptions::default(),
                &schedule,
            );
            let plain = read(sheet.as_bytes(), "s.csv", &config, ReadOptions::default());
            let errors = |r: Result<Sheet, Diagnostics>| r.err().map(|e| e.to_string());
            let (fast, plain) = (errors(fast), errors(plain));
            twice += usize::from(plain.as_deref().is_some_and(|e| e.contains("is on row")));
            assert_eq!(fast, plain, "{sheet}");
        }
        assert!(twice > 100, "{twice}");
    }

    proptest! {
        /// Jumping from quote to quote and reading byte by byte agree on
        /// whether a sheet has a quoted cell that never closes.
        #[test]
        fn quotes_close_as_read_byte_by_byte(
            text in prop::collection::vec(prop::sample::select(b"\",;\t\r\na ".to_vec()), 0..40),
            delimiter in prop::sample::select(b",;\t".to_vec()),
        ) {
            prop_assert_eq!(
                quotes_close(&text, delimiter),
                open_quote(&text, delimiter).is_none(),
                "{:?}",
                String::from_utf8_lossy(&text)
            );
        }
    }
}

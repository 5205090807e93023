//! Errors that point at a place in a file a person wrote: path, line, column,
//! what is wrong and what to do about it.

use std::collections::HashMap;
use std::fmt;
use std::ops::Range;

/// One problem at one place in a text file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub(crate) path: String,
    /// 1-based line; 0 when the problem is with the file as a whole.
    pub line: usize,
    /// 1-based column in characters.
    pub(crate) column: usize,
    pub(crate) message: String,
    pub(crate) help: Option<String>,
}

impl Diagnostic {
    pub(crate) fn whole_file(path: &str, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            path: path.to_string(),
            line: 0,
            column: 0,
            message: message.into(),
            help: None,
        }
    }

    pub(crate) fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.path, self.message)?;
        } else {
            write!(
                f,
                "{}:{}:{}: {}",
                self.path, self.line, self.column, self.message
            )?;
        }
        if let Some(help) = &self.help {
            write!(f, "\n  help: {help}")?;
        }
        Ok(())
    }
}

/// Several diagnostics reported together, so a person fixes a file in one pass.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

/// How many problems of one kind are listed before the rest are only counted, so
/// a whole bad column or a 10,000-column header stays readable.
pub(crate) const LISTED: usize = 10;

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kinds: Vec<String> = self.0.iter().map(Diagnostic::kind).collect();
        let mut totals: HashMap<&str, usize> = HashMap::new();
        for k in &kinds {
            *totals.entry(k).or_default() += 1;
        }
        let mut shown: HashMap<&str, usize> = HashMap::new();
        let mut first = true;
        for (d, kind) in self.0.iter().zip(&kinds) {
            let n = shown.entry(kind).or_default();
            *n += 1;
            if *n > LISTED {
                continue;
            }
            if !first {
                writeln!(f)?;
            }
            first = false;
            write!(f, "{d}")?;
            let total = totals[kind.as_str()];
            if *n == LISTED && total > LISTED {
                write!(f, "\n  … and {} more like this", grouped(total - LISTED))?;
            }
        }
        let n = self.0.len();
        if n > 1 {
            write!(f, "\n{} problems found", grouped(n))?;
        }
        Ok(())
    }
}

impl Diagnostic {
    /// The kind of problem: the file and the message with its particulars (the
    /// values in quotes, numbers, column letters) taken out.
    fn kind(&self) -> String {
        let mut out = String::with_capacity(self.path.len() + self.message.len());
        out.push_str(&self.path);
        out.push('\0');
        let mut quote = None;
        let mut last = '\0';
        for c in self.message.chars() {
            match quote {
                Some(q) if c == q => quote = None,
                Some(_) => continue,
                None if matches!(c, '`' | '"' | '“') => {
                    quote = Some(if c == '“' { '”' } else { c });
                }
                None if c.is_ascii_digit() => {
                    if !last.is_ascii_digit() {
                        out.push('#');
                    }
                }
                // A spreadsheet column's letters: `column AB` reads as `column #`.
                None if c.is_ascii_uppercase() && out.ends_with("column ") => out.push('#'),
                None if c.is_ascii_uppercase()
                    && out.ends_with('#')
                    && last.is_ascii_uppercase() => {}
                None => out.push(c),
            }
            last = c;
        }
        out
    }
}

/// Sorts problems the way a person reads the files: by file, in the order the
/// files first come up, then by line and column.
pub(crate) fn in_file_order(list: &mut [Diagnostic]) {
    let mut files: Vec<String> = Vec::new();
    for d in list.iter() {
        if !files.contains(&d.path) {
            files.push(d.path.clone());
        }
    }
    list.sort_by_key(|d| (files.iter().position(|f| *f == d.path), d.line, d.column));
}

/// 9990 as "9,990".
fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

impl std::error::Error for Diagnostics {}

/// Turns byte offsets into 1-based line and column numbers.
pub(crate) struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub(crate) fn new(text: &'a str) -> LineIndex<'a> {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { text, starts }
    }

    /// Line and column (in characters) of a byte offset.
    pub(crate) fn position(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let column = self
            .text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count());
        (line + 1, column + 1)
    }

    pub(crate) fn diagnostic(
        &self,
        path: &str,
        span: Range<usize>,
        message: impl Into<String>,
    ) -> Diagnostic {
        let (line, column) = self.position(span.start);
        Diagnostic {
            path: path.to_string(),
            line,
            column,
            message: message.into(),
            help: None,
        }
    }
}

/// `bytes` as text, or where its first byte that is not UTF-8 is: the line and
/// column a person looks at (in a file where everything before it reads fine).
pub(crate) fn utf8<'b>(bytes: &'b [u8], path: &str) -> Result<&'b str, Diagnostic> {
    std::str::from_utf8(bytes).map_err(|e| {
        let good = String::from_utf8_lossy(&bytes[..e.valid_up_to()]);
        let (line, column) = LineIndex::new(&good).position(good.len());
        let bad = bytes.get(e.valid_up_to()).copied().unwrap_or_default();
        Diagnostic {
            path: path.to_string(),
            line,
            column,
            message: format!("the file is not valid UTF-8 (byte 0x{bad:02x})"),
            help: Some("save the file as UTF-8 text".into()),
        }
    })
}

/// The closest of `candidates` to a misspelt `word`, if any is close enough to be
/// the likely intent.
pub(crate) fn near_miss<'c>(
    word: &str,
    candidates: impl IntoIterator<Item = &'c str>,
) -> Option<&'c str> {
    // No name is this long: a huge value is no misspelling, and comparing it
    // would take time and memory in proportion to its length.
    if word.len() > 100 {
        return None;
    }
    let word_lower = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| {
            (
                strsim::damerau_levenshtein(&word_lower, &c.to_lowercase()),
                c,
            )
        })
        .filter(|&(distance, c)| distance > 0 && distance <= 2.max(c.chars().count() / 3))
        .min_by_key(|&(distance, _)| distance)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_lines_and_characters_from_one() {
        let idx = LineIndex::new("ab\nçd\nx");
        assert_eq!(idx.position(0), (1, 1));
        assert_eq!(idx.position(3), (2, 1));
        assert_eq!(idx.position(5), (2, 2));
        assert_eq!(idx.position(7), (3, 1));
    }

    #[test]
    fn near_miss_finds_the_likely_key() {
        assert_eq!(
            near_miss("categroy", ["category", "title", "date"]),
            Some("category")
        );
        assert_eq!(
            near_miss("busines", ["everyday", "business"]),
            Some("business")
        );
        assert_eq!(near_miss("zzzzzz", ["everyday", "business"]), None);
    }

    #[test]
    fn one_kind_of_problem_is_listed_a_few_times_then_counted() {
        let mut all = Vec::new();
        for row in 2..10_002 {
            all.push(Diagnostic::whole_file(
                "plan.csv",
                format!("row {row}, column B (time): `x{row}` is not a time of day"),
            ));
            if row < 5 {
                all.push(Diagnostic::whole_file(
                    "plan.csv",
                    format!("row {row}, column C (category): unknown category `c{row}`"),
                ));
            }
        }
        for i in 0..10_000 {
            let column = if i < 26 {
                "Z".to_string()
            } else {
                format!("A{}", ["B", "QX", "ZZ"][i % 3])
            };
            all.push(Diagnostic::whole_file(
                "plan.csv",
                format!("row 1, column {column}: unknown column `h{i}`"),
            ));
        }
        let text = Diagnostics(all).to_string();
        assert!(text.len() < 4_000, "{} bytes", text.len());
        assert_eq!(text.matches("is not a time of day").count(), LISTED);
        assert_eq!(text.matches("unknown category").count(), 3);
        assert_eq!(text.matches("unknown column").count(), LISTED);
        assert!(
            text.contains(
                "row 11, column B (time): `x11` is not a time of day\n  … and 9,990 more like this"
            ),
            "{text}"
        );
        assert!(text.contains("… and 9,990 more like this"), "{text}");
        assert!(text.ends_with("20,003 problems found"), "{text}");
    }

    #[test]
    fn several_diagnostics_are_counted() {
        let d = Diagnostic::whole_file("a.toml", "bad");
        let all = Diagnostics(vec![d.clone(), d.with_help("fix it")]);
        let text = all.to_string();
        assert!(text.ends_with("2 problems found"), "{text}");
        assert!(text.contains("help: fix it"));
    }
}

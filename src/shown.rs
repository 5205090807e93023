//! The one way text from a file, a spreadsheet or an argument reaches a terminal.
//!
//! A title can hold anything a file can: an escape sequence that clears the
//! screen or writes the clipboard (OSC 52), a bell, a carriage return that hides
//! what came before it, or a BiDi override that makes text read backwards. Shown
//! raw, such text acts on the terminal instead of being read. Every piece of
//! user text printed to a terminal, by the commands and by the calendar, goes
//! through [`shown`] (one line) or [`shown_lines`] (keeps line breaks), which
//! write such characters as visible escapes (`\x1b`, `\u{202e}`). Files and
//! pipes get the exact text; only terminals get the escaped form.

use std::borrow::Cow;
use std::fmt::{self, Write as _};
use std::io;

/// Whether `c` must not reach a terminal as it is: C0 and C1 controls, DEL, the
/// BiDi embeddings, overrides and isolates, and the Unicode line and paragraph
/// separators.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}'
        )
}

/// `s` on one line, with every unsafe character (line breaks and tabs included)
/// written as a visible escape. Borrows when there is nothing to escape.
pub(crate) fn shown(s: &str) -> Cow<'_, str> {
    escape(s, false)
}

/// Like [`shown`], but keeps line breaks (`\n`), for text shown over several
/// lines such as a post's notes. A `\r\n` pair reads as one line break.
pub(crate) fn shown_lines(s: &str) -> Cow<'_, str> {
    escape(s, true)
}

/// [`shown`], cut after `max` characters with an ellipsis and the length of the
/// whole, so one value cannot flood a message: `"aaaa… (5,200,000 characters)"`.
pub(crate) fn shown_clipped(s: &str, max: usize) -> Cow<'_, str> {
    let mut chars = s.char_indices();
    let Some((cut, _)) = chars.nth(max) else {
        return shown(s);
    };
    let total = max + 1 + chars.count();
    Cow::Owned(format!(
        "{}… ({} characters)",
        shown(&s[..cut]),
        grouped(total)
    ))
}

/// A [`Display`](fmt::Display) wrapper for `format!` and `write!`: `Shown(title)`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Shown<'a>(pub &'a str);

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&shown(self.0))
    }
}

/// A writer for stdout on a terminal: the text passes through [`shown_lines`], so
/// whatever a file holds is shown, never acted on. Bytes that are not UTF-8 are
/// written as `\xNN`. With `keep_colour`, mixcal's own colour codes (SGR:
/// `ESC [ digits ; digits m`) pass, for reports whose user text was escaped
/// already; data such as an export is written with `keep_colour` off.
#[derive(Debug)]
pub(crate) struct Escaping<W: io::Write> {
    inner: W,
    keep_colour: bool,
    /// The end of the last write that may continue in the next one: an
    /// incomplete UTF-8 character, a `\r` before a possible `\n`, or an
    /// unfinished colour code.
    pending: Vec<u8>,
}

impl<W: io::Write> Escaping<W> {
    pub(crate) fn new(inner: W, keep_colour: bool) -> Escaping<W> {
        Escaping {
            inner,
            keep_colour,
            pending: Vec::new(),
        }
    }

    /// Escapes and writes everything pending up to `end`.
    fn emit(&mut self, end: usize) -> io::Result<()> {
        let bytes = std::mem::take(&mut self.pending);
        let (now, later) = bytes.split_at(end);
        let mut out = String::with_capacity(now.len());
        for chunk in now.utf8_chunks() {
            let text = chunk.valid();
            if self.keep_colour {
                let mut rest = text;
                while let Some(at) = rest.find('\x1b') {
                    out.push_str(&shown_lines(&rest[..at]));
                    let code = sgr_len(&rest[at..]);
                    if code > 0 {
                        out.push_str(&rest[at..at + code]);
                        rest = &rest[at + code..];
                    } else {
                        out.push_str("\\x1b");
                        rest = &rest[at + 1..];
                    }
                }
                out.push_str(&shown_lines(rest));
            } else {
                out.push_str(&shown_lines(text));
            }
            for b in chunk.invalid() {
                let _ = write!(out, "\\x{b:02x}");
            }
        }
        self.pending = later.to_vec();
        self.inner.write_all(out.as_bytes())
    }

    /// Where the text that may still continue starts.
    fn safe_end(&self) -> usize {
        let p = &self.pending;
        let mut end = p.len();
        // An incomplete UTF-8 character at the end.
        if let Some(start) = (end.saturating_sub(3)..end).find(|&i| p[i] >= 0xc0) {
            let need = match p[start] {
                b if b >= 0xf0 => 4,
                b if b >= 0xe0 => 3,
                _ => 2,
            };
            if end - start < need {
                end = start;
            }
        }
        if end > 0 && p[end - 1] == b'\r' {
            end -= 1;
        }
        if self.keep_colour
            && let Some(esc) = p[..end].iter().rposition(|&b| b == 0x1b)
            && p[esc..end].len() < 32
            && !p[esc..end].contains(&b'm')
        {
            end = esc;
        }
        end
    }
}

/// The length of a colour code (`ESC [ 1;33 m`) at the start of `s`, or 0.
fn sgr_len(s: &str) -> usize {
    let Some(rest) = s.strip_prefix("\x1b[") else {
        return 0;
    };
    let params = rest
        .bytes()
        .take_while(|b| b.is_ascii_digit() || *b == b';')
        .count();
    if rest.as_bytes().get(params) == Some(&b'm') {
        2 + params + 1
    } else {
        0
    }
}

impl<W: io::Write> io::Write for Escaping<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.pending.extend_from_slice(buf);
        let end = self.safe_end();
        self.emit(end)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        let end = self.pending.len();
        self.emit(end)?;
        self.inner.flush()
    }
}

fn escape(s: &str, keep_newlines: bool) -> Cow<'_, str> {
    let needs = |c: char| is_unsafe(c) && !(keep_newlines && c == '\n');
    if !s.chars().any(needs) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if keep_newlines && c == '\r' && chars.peek() == Some(&'\n') {
            continue;
        }
        if !needs(c) {
            out.push(c);
            continue;
        }
        let _ = match c {
            '\n' => out.write_str("\\n"),
            '\r' => out.write_str("\\r"),
            '\t' => out.write_str("\\t"),
            c if (c as u32) < 0x100 => write!(out, "\\x{:02x}", c as u32),
            c => write!(out, "\\u{{{:x}}}", c as u32),
        };
    }
    Cow::Owned(out)
}

/// `value` as compact JSON in which every unsafe character inside a string is
/// a JSON escape (`\u202e`, `\u001b`): the same data for any JSON reader, and
/// nothing a terminal would act on, so `--json` output stays valid JSON whether
/// it reaches a pipe or a terminal.
pub(crate) fn json(value: &serde_json::Value) -> String {
    let mut out = Vec::with_capacity(256);
    let mut ser = serde_json::Serializer::with_formatter(&mut out, SafeJson);
    // Writing to a Vec cannot fail, and a Value always serialises.
    let _ = serde::Serialize::serialize(value, &mut ser);
    String::from_utf8(out).unwrap_or_default()
}

/// serde_json's compact formatter, with unsafe characters escaped as well.
struct SafeJson;

impl serde_json::ser::Formatter for SafeJson {
    fn write_string_fragment<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            if is_unsafe(c) {
                writer.write_all(&fragment.as_bytes()[start..i])?;
                // Every unsafe character lies in the Basic Multilingual Plane.
                write!(writer, "\\u{:04x}", c as u32)?;
                start = i + c.len_utf8();
            }
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }
}

/// 5200000 as "5,200,000".
pub(crate) fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_borrowed_as_it_is() {
        let title = "Café Müller: 日本語 🥐 croissants";
        assert!(matches!(shown(title), Cow::Borrowed(t) if t == title));
    }

    #[test]
    fn escape_sequences_are_written_out() {
        assert_eq!(
            shown("\x1b[2J\x1b]52;c;aGk=\x07"),
            "\\x1b[2J\\x1b]52;c;aGk=\\x07"
        );
        assert_eq!(shown("a\rb\tc\nd"), "a\\rb\\tc\\nd");
        assert_eq!(shown("\u{9b}31m\u{7f}"), "\\x9b31m\\x7f");
    }

    #[test]
    fn bidi_overrides_and_isolates_are_written_out() {
        assert_eq!(shown("abc\u{202e}fed"), "abc\\u{202e}fed");
        assert_eq!(shown("\u{2066}x\u{2069}"), "\\u{2066}x\\u{2069}");
        assert_eq!(shown("a\u{2028}b"), "a\\u{2028}b");
    }

    #[test]
    fn notes_keep_their_line_breaks_but_nothing_else() {
        assert_eq!(
            shown_lines("500 g €12\r\n1 kg €22\n\x1b[H"),
            "500 g €12\n1 kg €22\n\\x1b[H"
        );
        assert_eq!(shown_lines("a\rb"), "a\\rb");
    }

    #[test]
    fn no_unsafe_character_survives_escaping() {
        let every: String = (0u32..0x3000).filter_map(char::from_u32).collect();
        assert!(!shown(&every).chars().any(is_unsafe));
        assert!(
            !shown_lines(&every)
                .chars()
                .any(|c| is_unsafe(c) && c != '\n')
        );
    }

    #[test]
    fn long_values_are_clipped_with_their_length() {
        let long = "a".repeat(5_200_000);
        assert_eq!(shown_clipped(&long, 4), "aaaa… (5,200,000 characters)");
        assert_eq!(shown_clipped("abcd", 4), "abcd");
        assert_eq!(shown_clipped("ab\x1bcd!", 4), "ab\\x1bc… (6 characters)");
    }

    fn through(keep_colour: bool, writes: &[&[u8]]) -> String {
        use std::io::Write;
        let mut w = Escaping::new(Vec::new(), keep_colour);
        for bytes in writes {
            w.write_all(bytes).unwrap();
        }
        w.flush().unwrap();
        String::from_utf8(w.inner).unwrap()
    }

    #[test]
    fn a_terminal_writer_escapes_across_writes() {
        let title = "caf\u{e9} \x1b]52;c;aGk=\x07 \u{202e}x\r\nnext";
        let bytes = title.as_bytes();
        let whole = through(false, &[bytes]);
        assert_eq!(whole, "caf\u{e9} \\x1b]52;c;aGk=\\x07 \\u{202e}x\nnext");
        for cut in 0..bytes.len() {
            assert_eq!(
                through(false, &[&bytes[..cut], &bytes[cut..]]),
                whole,
                "cut at {cut}"
            );
        }
        assert_eq!(through(false, &[b"a\xffb"]), "a\\xffb");
    }

    #[test]
    fn a_terminal_writer_may_keep_colour_codes_and_nothing_else() {
        let report = "\x1b[1;33m! streak\x1b[0m: \x1b[2J\x1b]0;t\x07";
        assert_eq!(
            through(true, &[report.as_bytes()]),
            "\x1b[1;33m! streak\x1b[0m: \\x1b[2J\\x1b]0;t\\x07"
        );
        let bytes = report.as_bytes();
        for cut in 0..bytes.len() {
            assert_eq!(
                through(true, &[&bytes[..cut], &bytes[cut..]]),
                through(true, &[bytes]),
                "cut at {cut}"
            );
        }
        assert_eq!(
            through(false, &[report.as_bytes()]).matches('\x1b').count(),
            0
        );
    }

    #[test]
    fn json_escapes_what_a_terminal_would_act_on_and_stays_json() {
        let title = "a\u{1b}[31mb\u{202e}c\u{7f}d\u{85}e\"f\\g\nh é 🎉 中";
        let text = json(&serde_json::json!({ "title": title }));
        assert!(!text.chars().any(is_unsafe), "{text}");
        assert!(
            text.contains("\\u202e") && text.contains("\\u007f"),
            "{text}"
        );
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back["title"], title);
    }

    #[test]
    fn the_wrapper_formats_like_shown() {
        assert_eq!(format!("[{}]", Shown("x\x1by")), "[x\\x1by]");
    }
}

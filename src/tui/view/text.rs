//! Text measured and cut by display width, so emoji, CJK and combining marks
//! line up.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Display width in terminal cells.
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Cuts `s` to at most `max` cells, ending with `…` when anything was cut.
pub fn truncate(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > max - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    // Combining marks that follow the last kept character belong to it; a space
    // before the ellipsis only wastes a cell.
    out.truncate(out.trim_end().len());
    out.push('…');
    out
}

/// `s` cut or padded with spaces to exactly `cells` wide.
pub fn fit(s: &str, cells: usize) -> String {
    let mut out = truncate(s, cells);
    let w = width(&out);
    out.extend(std::iter::repeat_n(' ', cells.saturating_sub(w)));
    out
}

/// Splits `s` into lines at most `cells` wide, breaking at spaces where it can
/// and inside a word only when the word alone is too wide.
pub fn wrap(s: &str, cells: usize) -> Vec<String> {
    let cells = cells.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    for word in s.split(' ') {
        let w = width(word);
        let sep = usize::from(!line.is_empty());
        if used + sep + w <= cells {
            if sep == 1 {
                line.push(' ');
            }
            line.push_str(word);
            used += sep + w;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        let mut rest = word;
        let mut rest_w = w;
        while rest_w > cells {
            let mut taken = 0;
            let mut cut = rest.len();
            for (i, c) in rest.char_indices() {
                let cw = c.width().unwrap_or(0);
                if taken + cw > cells {
                    cut = i;
                    break;
                }
                taken += cw;
            }
            if cut == 0 {
                // A character wider than the line: give it a line of its own.
                cut = rest.chars().next().map_or(rest.len(), char::len_utf8);
                taken = width(&rest[..cut]);
            }
            lines.push(rest[..cut].to_string());
            rest = &rest[cut..];
            rest_w -= taken.min(rest_w);
        }
        line.push_str(rest);
        used = rest_w;
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_text_is_kept() {
        assert_eq!(truncate("abc", 3), "abc");
    }

    #[test]
    fn long_text_ends_with_an_ellipsis_within_the_width() {
        assert_eq!(truncate("abcdef", 4), "abc…");
        assert_eq!(truncate("abcdef", 1), "…");
        assert_eq!(truncate("abcdef", 0), "");
    }

    #[test]
    fn the_ellipsis_follows_the_last_word_without_a_space() {
        assert_eq!(truncate("Monday coffee", 8), "Monday…");
    }

    #[test]
    fn wide_characters_are_counted_as_two_cells() {
        let cut = truncate("日本語のタイトル", 7);
        assert_eq!(cut, "日本語…");
        assert!(width(&cut) <= 7);
        let cut = truncate("🎉🎉🎉🎉", 4);
        assert_eq!(cut, "🎉…");
    }

    #[test]
    fn combining_marks_take_no_cell() {
        assert_eq!(width("e\u{301}te\u{301}"), 3);
        assert_eq!(truncate("e\u{301}te\u{301}", 3), "e\u{301}te\u{301}");
    }

    #[test]
    fn wrap_breaks_at_spaces_within_the_width() {
        assert_eq!(
            wrap("add three everyday posts", 10),
            ["add three", "everyday", "posts"]
        );
        assert_eq!(wrap("", 10), [""]);
    }

    #[test]
    fn wrap_cuts_a_word_longer_than_the_line() {
        assert_eq!(wrap("abcdefgh", 3), ["abc", "def", "gh"]);
        assert_eq!(wrap("日本語", 3), ["日", "本", "語"]);
        for line in wrap("🎉🎉 x", 1) {
            assert!(!line.is_empty());
        }
    }

    #[test]
    fn fit_pads_to_the_width() {
        assert_eq!(fit("ab", 4), "ab  ");
        assert_eq!(width(&fit("日本語", 5)), 5);
    }
}

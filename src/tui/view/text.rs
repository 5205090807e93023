//! Text measured and cut by display width, so emoji, CJK and combining marks
//! line up; and user text (titles, channels, notes, links, file names) made safe
//! to draw through [`crate::shown`], the one way such text reaches a terminal.

use std::borrow::Cow;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// User text on one line, control characters and BiDi overrides escaped.
pub(crate) fn user(s: &str) -> Cow<'_, str> {
    crate::shown::shown(s)
}

/// User text that keeps its line breaks (notes), everything else escaped.
pub(crate) fn user_lines(s: &str) -> Cow<'_, str> {
    crate::shown::shown_lines(s)
}

/// Display width in terminal cells.
pub(crate) fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// The characters a reader sees (grapheme clusters: an emoji with its
/// variation selector or joiners, a letter with its combining marks), each with
/// its width, measured the way the terminal buffer measures them.
fn clusters(s: &str) -> impl Iterator<Item = (usize, &str, usize)> {
    s.grapheme_indices(true).map(|(i, g)| (i, g, width(g)))
}

/// Cuts `s` to at most `max` cells, ending with `…` when anything was cut.
pub(crate) fn truncate(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for (_, g, w) in clusters(s) {
        if used + w > max - 1 {
            break;
        }
        out.push_str(g);
        used += w;
    }
    // A space before the ellipsis only wastes a cell.
    out.truncate(out.trim_end().len());
    out.push('…');
    out
}

/// `s` cut or padded with spaces to exactly `cells` wide.
pub(crate) fn fit(s: &str, cells: usize) -> String {
    let mut out = truncate(s, cells);
    let w = width(&out);
    out.extend(std::iter::repeat_n(' ', cells.saturating_sub(w)));
    out
}

/// Splits `s` into lines at most `cells` wide, breaking at spaces where it can
/// and inside a word only when the word alone is too wide.
pub(crate) fn wrap(s: &str, cells: usize) -> Vec<String> {
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
        // A string's width is not always the sum of its characters' (an emoji
        // with a variation selector), so the rest is measured again after a cut.
        while !rest.is_empty() && rest_w > cells {
            let mut taken = 0;
            let mut cut = rest.len();
            for (i, _, w) in clusters(rest) {
                if taken + w > cells {
                    cut = i;
                    break;
                }
                taken += w;
            }
            if cut == 0 {
                // A character wider than the line: give it a line of its own.
                cut = clusters(rest).nth(1).map_or(rest.len(), |(i, _, _)| i);
            }
            lines.push(rest[..cut].to_string());
            rest = &rest[cut..];
            rest_w = width(rest);
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
    fn truncation_keeps_whole_emoji_with_their_selectors() {
        let heart = "\u{2764}\u{fe0f}";
        let cut = truncate(&heart.repeat(5), 5);
        assert_eq!(cut, format!("{heart}{heart}…"));
        assert_eq!(width(&cut), 5);
    }

    #[test]
    fn a_long_word_of_emoji_with_variation_selectors_wraps_and_ends() {
        let heart = "\u{2764}\u{fe0f}";
        let lines = wrap(&heart.repeat(30), 10);
        assert!(lines.len() >= 3 && lines.len() <= 30, "{lines:?}");
        assert_eq!(lines.concat(), heart.repeat(30));
        assert!(lines.iter().all(|l| width(l) <= 10), "{lines:?}");
    }

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

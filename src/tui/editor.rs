//! Editing one field in the user's own editor (`$VISUAL`, else `$EDITOR`, else
//! `vi`), as git does: the text goes to a temporary file, the editor runs on it
//! through the shell (so `EDITOR="code --wait"` works), and the file's text
//! comes back. The calendar suspends the terminal around it.

use std::io::Write;
use std::process::Command;

/// The editor command the user chose.
pub(crate) fn editor_command() -> String {
    ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(|name| std::env::var(name).ok())
        .find(|v| !v.trim().is_empty())
        .unwrap_or_else(|| "vi".to_string())
}

/// Runs `editor` on `text` and returns what was saved, without the final line
/// break editors add. An editor that cannot start or fails leaves the text as
/// it was, with a message saying why.
pub fn edit(editor: &str, text: &str) -> Result<String, String> {
    let mut file = tempfile::Builder::new()
        .prefix("mixcal-field-")
        .suffix(".txt")
        .tempfile()
        .map_err(|e| format!("cannot make a file for the editor: {e}"))?;
    file.write_all(text.as_bytes())
        .and_then(|()| file.write_all(b"\n"))
        .and_then(|()| file.flush())
        .map_err(|e| format!("cannot make a file for the editor: {e}"))?;
    let shown = crate::shown::shown_clipped(editor, 60);
    let status = Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("mixcal-editor")
        .arg(file.path())
        .status()
        .map_err(|e| format!("cannot start the editor `{shown}`: {e}; the field is unchanged"))?;
    if !status.success() {
        return Err(format!(
            "the editor `{shown}` stopped with an error; the field is unchanged (set $VISUAL or $EDITOR to choose another)"
        ));
    }
    let edited = std::fs::read_to_string(file.path())
        .map_err(|e| format!("cannot read back what the editor saved: {e}"))?;
    let edited = edited.strip_suffix('\n').unwrap_or(&edited);
    Ok(edited.strip_suffix('\r').unwrap_or(edited).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_editor_gets_the_text_and_gives_back_what_it_saved() {
        // An "editor" that appends a line to the file it is given.
        let out = edit("printf 'second line\\n' >>", "first line").unwrap();
        assert_eq!(out, "first line\nsecond line");
    }

    #[test]
    fn a_failing_editor_changes_nothing_and_says_so() {
        let e = edit("false", "keep").unwrap_err();
        assert!(e.contains("stopped with an error"), "{e}");
    }
}

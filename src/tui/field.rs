//! One text field as the forms and prompts edit it: `tui-input` for the
//! grapheme-aware cursor and line editing, plus what a form needs on top — a
//! pre-filled value that is selected when the field is focused, so typing
//! replaces it, and line breaks for fields that keep them (notes).

use ratatui::crossterm::event::{Event, KeyEvent};
use tui_input::backend::crossterm::to_input_request;
use tui_input::{Input, InputRequest};

#[derive(Debug, Clone, Default)]
pub(crate) struct TextField {
    input: Input,
    /// The whole value is selected: the next character replaces it, and a
    /// deleting key clears it.
    selected: bool,
    /// Whether the value may hold line breaks.
    multiline: bool,
}

impl TextField {
    pub(crate) fn new(value: impl Into<String>) -> TextField {
        TextField {
            input: Input::new(value.into()),
            selected: false,
            multiline: false,
        }
    }

    /// A field that keeps line breaks.
    pub(crate) fn multiline(value: impl Into<String>) -> TextField {
        TextField {
            multiline: true,
            ..TextField::new(value)
        }
    }

    pub(crate) fn value(&self) -> &str {
        self.input.value()
    }

    pub(crate) fn is_multiline(&self) -> bool {
        self.multiline
    }

    /// Whether the whole value is selected.
    pub(crate) fn is_selected(&self) -> bool {
        self.selected
    }

    /// Selects the whole value, as when the field gets the focus; an empty
    /// value has nothing to select.
    pub(crate) fn select_all(&mut self) {
        self.selected = !self.value().is_empty();
        self.input.handle(InputRequest::GoToEnd);
    }

    pub(crate) fn deselect(&mut self) {
        self.selected = false;
    }

    pub(crate) fn clear(&mut self) {
        self.input = Input::default();
        self.selected = false;
    }

    /// Replaces the value, with the cursor at its end. A field without line
    /// breaks gets them as spaces.
    pub(crate) fn set(&mut self, value: &str) {
        let value = if self.multiline {
            value.to_string()
        } else {
            value
                .split(['\n', '\r'])
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        };
        self.input = Input::new(value);
        self.selected = false;
    }

    /// Inserts a line break at the cursor; `false` for a field that keeps none.
    pub(crate) fn new_line(&mut self) -> bool {
        if !self.multiline {
            return false;
        }
        if self.selected {
            self.input = Input::default();
            self.selected = false;
        }
        self.input.handle(InputRequest::InsertChar('\n'));
        true
    }

    /// A key that edits the text: a character, Backspace, ←, Home, Ctrl-w….
    /// Returns whether the value changed; `None` when the key is not an editing
    /// key at all.
    pub(crate) fn edit(&mut self, key: KeyEvent) -> Option<bool> {
        let request = to_input_request(&Event::Key(key))?;
        if std::mem::take(&mut self.selected) {
            use InputRequest::*;
            match request {
                InsertChar(_) | Yank => self.input = Input::default(),
                DeletePrevChar | DeleteNextChar | DeletePrevWord | DeleteNextWord | DeleteLine
                | DeleteTillEnd | DeleteFromStart => {
                    let had = !self.value().is_empty();
                    self.input = Input::default();
                    return Some(had);
                }
                // Moving the cursor keeps the text and ends the selection.
                _ => {}
            }
        }
        let changed = self.input.handle(request);
        Some(changed.is_some_and(|c| c.value))
    }

    /// The text before the cursor.
    pub(crate) fn before_cursor(&self) -> &str {
        let value = self.value();
        let at = value
            .char_indices()
            .nth(self.input.cursor())
            .map_or(value.len(), |(i, _)| i);
        &value[..at]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn typed(field: &mut TextField, text: &str) {
        for c in text.chars() {
            field.edit(key(KeyCode::Char(c)));
        }
    }

    #[test]
    fn typing_over_a_selected_value_replaces_it() {
        let mut f = TextField::new("09:00");
        f.select_all();
        typed(&mut f, "07:30");
        assert_eq!(f.value(), "07:30");
    }

    #[test]
    fn backspace_on_a_selected_value_clears_it() {
        let mut f = TextField::new("09:00");
        f.select_all();
        assert_eq!(f.edit(key(KeyCode::Backspace)), Some(true));
        assert_eq!(f.value(), "");
    }

    #[test]
    fn moving_the_cursor_keeps_the_value_and_ends_the_selection() {
        let mut f = TextField::new("old");
        f.select_all();
        f.edit(key(KeyCode::End));
        typed(&mut f, "er");
        assert_eq!(f.value(), "older");
        f.edit(key(KeyCode::Home));
        assert_eq!(f.before_cursor(), "");
    }

    #[test]
    fn an_empty_field_has_nothing_selected() {
        let mut f = TextField::new("");
        f.select_all();
        assert!(!f.is_selected());
    }

    #[test]
    fn only_a_multiline_field_takes_line_breaks() {
        let mut notes = TextField::multiline("500 g €12");
        assert!(notes.new_line());
        typed(&mut notes, "1 kg €22");
        assert_eq!(notes.value(), "500 g €12\n1 kg €22");
        let mut title = TextField::new("x");
        assert!(!title.new_line());
        title.set("one\ntwo\n");
        assert_eq!(title.value(), "one two");
    }
}

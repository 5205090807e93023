//! The post form: a post's fields, edited in place; its media and what is
//! logged after publishing (`p` asks for that) are kept as they are. Text fields are
//! [`TextField`]s (grapheme-aware editing; a focused pre-filled value is
//! selected so typing replaces it; notes keep line breaks); category, status
//! and evergreen are choices changed with ← →. The keys come from the keymap's
//! form mode. Nothing leaves the form until every field is valid.
//!
//! A dated post has a date, time and repeat (`weekly on monday until
//! 2027-03-01`); emptying its date sends it to the backlog. An idea of the
//! backlog has instead a priority, and may be evergreen, with the rest it takes
//! between uses.

use chrono::NaiveDate;
use ratatui::crossterm::event::KeyEvent;

use super::action::FormAction;
use super::field::TextField;
use super::keymap::KeyMap;
use crate::config::Config;
use crate::domain::fields;
use crate::domain::{Gap, Post, Repeat, Status};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Title,
    Date,
    Time,
    Repeat,
    Category,
    Channel,
    Partner,
    Minutes,
    Notes,
    Link,
    Status,
    Priority,
    Evergreen,
    ReuseAfter,
}

impl Field {
    /// The fields of a post with a date, in form order.
    pub(crate) const DATED: [Field; 11] = [
        Field::Title,
        Field::Date,
        Field::Time,
        Field::Category,
        Field::Channel,
        Field::Partner,
        Field::Minutes,
        Field::Notes,
        Field::Link,
        Field::Status,
        Field::Repeat,
    ];

    /// The fields of an idea of the backlog, in form order.
    pub(crate) const IDEA: [Field; 11] = [
        Field::Title,
        Field::Category,
        Field::Channel,
        Field::Partner,
        Field::Minutes,
        Field::Notes,
        Field::Link,
        Field::Status,
        Field::Priority,
        Field::Evergreen,
        Field::ReuseAfter,
    ];

    pub(crate) fn label(self) -> &'static str {
        match self {
            Field::Title => "Title",
            Field::Date => "Date",
            Field::Time => "Time",
            Field::Repeat => "Repeat",
            Field::Category => "Category",
            Field::Channel => "Channel",
            Field::Partner => "Partner",
            Field::Minutes => "Minutes",
            Field::Notes => "Notes",
            Field::Link => "Link",
            Field::Status => "Status",
            Field::Priority => "Priority",
            Field::Evergreen => "Evergreen",
            Field::ReuseAfter => "Reuse gap",
        }
    }

    /// A short hint shown beside an empty field.
    pub(crate) fn hint(self) -> &'static str {
        match self {
            Field::Title => "what the post is about",
            Field::Date => "YYYY-MM-DD, or empty for the backlog",
            Field::Time => "HH:MM, or empty",
            Field::Repeat => "e.g. weekly on monday, thursday; or empty",
            Field::Channel => "e.g. instagram, or empty",
            Field::Partner => "the business it promotes, or empty",
            Field::Minutes => "empty: the category's default",
            Field::Notes | Field::Link => "optional",
            Field::Priority => "1 is used first; or empty",
            Field::ReuseAfter => "empty: 8 weeks between uses",
            Field::Category | Field::Status | Field::Evergreen => "",
        }
    }

    pub(crate) fn is_choice(self) -> bool {
        matches!(self, Field::Category | Field::Status | Field::Evergreen)
    }

    /// The text input behind a text field.
    fn slot(self) -> Option<usize> {
        match self {
            Field::Title => Some(0),
            Field::Date => Some(1),
            Field::Time => Some(2),
            Field::Channel => Some(3),
            Field::Minutes => Some(4),
            Field::Notes => Some(5),
            Field::Link => Some(6),
            Field::Partner => Some(7),
            Field::Repeat => Some(8),
            Field::Priority => Some(9),
            Field::ReuseAfter => Some(10),
            Field::Category | Field::Status | Field::Evergreen => None,
        }
    }
}

/// What a key did to the form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormOutcome {
    /// Still editing.
    Editing,
    /// Esc: leave without a change.
    Cancelled,
    /// Enter with every field valid: the post to add or store.
    Done(Box<Post>),
    /// The focused text field is to be edited in `$VISUAL` / `$EDITOR`.
    Editor,
}

#[derive(Debug, Clone)]
pub struct PostForm {
    /// The post being edited; `None` for a new post. For one date of a
    /// repeating post, that date as a post of its own (with the series' id).
    pub(crate) original: Option<Post>,
    /// When one date of a repeating post is edited: the series, which skips
    /// the date once the form is saved.
    pub(crate) series: Option<Post>,
    /// Whether the form edits an idea of the backlog (no date, time or repeat;
    /// a priority, and whether it is evergreen) rather than a dated post.
    pub(crate) idea: bool,
    /// Whether the backlog window opens again when the form closes.
    pub(crate) backlog: bool,
    pub focus: Field,
    inputs: [TextField; 11],
    pub category: usize,
    pub(crate) status: Status,
    pub(crate) evergreen: bool,
    /// Problems found on the last Enter, per field.
    pub(crate) errors: Vec<(Field, String)>,
}

impl PostForm {
    /// A form for a new post on `date`, with a suggested time and category.
    pub fn new_post(date: NaiveDate, time: Option<chrono::NaiveTime>, category: usize) -> PostForm {
        let mut post = Post::new(date, "", "");
        post.time = time;
        let mut form = PostForm::from_post(&post, category);
        form.original = None;
        form
    }

    /// A form for a new idea of the backlog.
    pub(crate) fn new_idea(category: usize) -> PostForm {
        let mut form = PostForm::from_post(&Post::idea("", ""), category);
        form.original = None;
        form
    }

    /// A form holding an existing post or idea.
    pub(crate) fn edit(post: &Post, config: &Config) -> PostForm {
        let category = config.category_index(&post.category).unwrap_or(0);
        PostForm::from_post(post, category)
    }

    fn from_post(post: &Post, category: usize) -> PostForm {
        let text = |s: &Option<String>| TextField::new(s.clone().unwrap_or_default());
        let mut form = PostForm {
            original: Some(post.clone()),
            series: None,
            idea: post.is_idea(),
            backlog: false,
            focus: Field::Title,
            inputs: [
                TextField::new(post.title.clone()),
                TextField::new(
                    post.date
                        .map(|d| d.format("%Y-%m-%d").to_string())
                        .unwrap_or_default(),
                ),
                TextField::new(
                    post.time
                        .map(|t| t.format("%H:%M").to_string())
                        .unwrap_or_default(),
                ),
                text(&post.channel),
                TextField::new(post.minutes.map(|m| m.to_string()).unwrap_or_default()),
                TextField::multiline(post.notes.clone().unwrap_or_default()),
                text(&post.link),
                text(&post.partner),
                TextField::new(post.repeat.as_ref().map(|r| r.phrase()).unwrap_or_default()),
                TextField::new(post.priority.map(|p| p.to_string()).unwrap_or_default()),
                TextField::new(post.reuse_after.map(|g| g.to_string()).unwrap_or_default()),
            ],
            category,
            status: post.status,
            evergreen: post.evergreen,
            errors: Vec::new(),
        };
        form.focus_field(Field::Title);
        form
    }

    pub(crate) fn is_new(&self) -> bool {
        self.original.is_none()
    }

    /// The form's fields, in order.
    pub(crate) fn fields(&self) -> &'static [Field] {
        if self.idea {
            &Field::IDEA
        } else {
            &Field::DATED
        }
    }

    /// The text input behind a text field.
    pub(crate) fn input(&self, field: Field) -> Option<&TextField> {
        field.slot().map(|i| &self.inputs[i])
    }

    /// The focused text field, if the focus is on one.
    pub(crate) fn focused_input(&mut self) -> Option<&mut TextField> {
        self.focus.slot().map(|i| &mut self.inputs[i])
    }

    pub fn value(&self, field: Field) -> &str {
        self.input(field).map_or("", TextField::value)
    }

    /// Gives a field the focus; its value is selected so typing replaces it.
    pub(crate) fn focus_field(&mut self, field: Field) {
        if let Some(old) = self.focus.slot() {
            self.inputs[old].deselect();
        }
        self.focus = field;
        if let Some(input) = self.focused_input() {
            input.select_all();
        }
    }

    /// The text an external editor returned, for the focused field.
    pub(crate) fn set_focused(&mut self, text: &str) {
        let focus = self.focus;
        if let Some(input) = self.focused_input() {
            input.set(text);
            self.errors.retain(|(f, _)| *f != focus);
        }
    }

    pub(crate) fn error(&self, field: Field) -> Option<&str> {
        self.errors
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, e)| e.as_str())
    }

    fn move_focus(&mut self, forward: bool) {
        let fields = self.fields();
        let n = fields.len();
        let i = fields.iter().position(|f| *f == self.focus).unwrap_or(0);
        let next = if forward {
            (i + 1) % n
        } else {
            (i + n - 1) % n
        };
        self.focus_field(fields[next]);
    }

    /// Changes a choice field one step; `false` when the focus is on text.
    pub(crate) fn cycle(&mut self, forward: bool, config: &Config) -> bool {
        match self.focus {
            Field::Category => {
                let n = config.categories.len().max(1);
                self.category = if forward {
                    (self.category + 1) % n
                } else {
                    (self.category + n - 1) % n
                };
            }
            Field::Evergreen => self.evergreen = !self.evergreen,
            Field::Status => {
                let all = Status::ALL;
                let i = all.iter().position(|s| *s == self.status).unwrap_or(0);
                let n = all.len();
                self.status = all[if forward {
                    (i + 1) % n
                } else {
                    (i + n - 1) % n
                }];
            }
            _ => return false,
        }
        true
    }

    /// Handles one key press: the form mode's keys first, then text editing.
    pub fn handle_key(&mut self, key: KeyEvent, keymap: &KeyMap, config: &Config) -> FormOutcome {
        let focus = self.focus;
        match keymap.get::<FormAction>(&key) {
            Some(FormAction::Cancel) => return FormOutcome::Cancelled,
            Some(FormAction::Submit) => return self.finish(config),
            Some(FormAction::NextField) => self.move_focus(true),
            Some(FormAction::PrevField) => self.move_focus(false),
            Some(FormAction::Editor) if !focus.is_choice() => return FormOutcome::Editor,
            Some(FormAction::Clear) if !focus.is_choice() => {
                if let Some(input) = self.focused_input() {
                    input.clear();
                }
                self.errors.retain(|(f, _)| *f != focus);
            }
            Some(FormAction::NewLine) if focus == Field::Notes => {
                if let Some(input) = self.focused_input() {
                    input.new_line();
                }
            }
            Some(a @ (FormAction::NextChoice | FormAction::PrevChoice))
                if self.cycle(a == FormAction::NextChoice, config) => {}
            _ => {
                // Anything else is text for a text field: ←, Backspace, a letter.
                if let Some(input) = self.focused_input()
                    && input.edit(key) == Some(true)
                {
                    self.errors.retain(|(f, _)| *f != focus);
                }
            }
        }
        FormOutcome::Editing
    }

    /// Enter: the post, or every problem with it shown at its field.
    fn finish(&mut self, config: &Config) -> FormOutcome {
        match self.submit(config) {
            Ok(post) => FormOutcome::Done(Box::new(post)),
            Err(errors) => {
                if let Some((field, _)) = errors.first() {
                    self.focus_field(*field);
                }
                self.errors = errors;
                FormOutcome::Editing
            }
        }
    }

    /// An optional field read by `parse`: `None` when empty or not one of the
    /// form's fields; a problem goes to `check`.
    fn optional<T>(
        &self,
        field: Field,
        parse: impl FnOnce(&str) -> Result<T, fields::FieldError>,
        check: &mut impl FnMut(Field, fields::FieldError),
    ) -> Option<T> {
        let text = self.value(field).trim();
        if text.is_empty() || !self.fields().contains(&field) {
            return None;
        }
        parse(text).map_err(|e| check(field, e)).ok()
    }

    /// The post the form describes, or every problem with it.
    pub fn submit(&self, config: &Config) -> Result<Post, Vec<(Field, String)>> {
        let mut errors = Vec::new();
        let mut check = |field: Field, e: fields::FieldError| errors.push((field, e.one_line()));
        let title = fields::title(self.value(Field::Title))
            .map(|t| t.trim().to_string())
            .map_err(|e| check(Field::Title, e))
            .ok();
        let date = self.optional(Field::Date, fields::date, &mut check);
        let time = self.optional(Field::Time, fields::time, &mut check);
        let minutes = self.optional(Field::Minutes, fields::minutes, &mut check);
        let priority = self.optional(Field::Priority, fields::priority, &mut check);
        let reuse_after = self.optional(Field::ReuseAfter, Gap::parse, &mut check);
        let date_text = self.value(Field::Date).trim();
        let time_text = self.value(Field::Time).trim();
        let gap_text = self.value(Field::ReuseAfter).trim();
        let Some(category) = config.categories.get(self.category) else {
            errors.push((Field::Category, "no category is configured".to_string()));
            return Err(errors);
        };
        // What needs a date: a time, a repeat, being published.
        let undated = !self.idea && date_text.is_empty();
        if undated && !time_text.is_empty() {
            errors.push((
                Field::Time,
                "an idea in the backlog has no time: give it a date, or clear the time".into(),
            ));
        }
        let repeat_text = self.value(Field::Repeat).trim();
        let old = self.original.as_ref();
        let repeat = match (repeat_text.is_empty() || self.idea, date) {
            (true, _) => None,
            (false, Some(first)) => {
                let skip = old
                    .and_then(|p| p.repeat.as_ref())
                    .map_or(&[][..], |r| r.skip());
                match Repeat::from_phrase(repeat_text, first, skip) {
                    Ok(r) => Some(r),
                    Err(e) => {
                        errors.push((Field::Repeat, e.one_line()));
                        None
                    }
                }
            }
            (false, None) => {
                if undated {
                    errors.push((
                        Field::Repeat,
                        "a repeating post needs a date: its first time".into(),
                    ));
                }
                None
            }
        };
        if (self.idea || undated) && self.status == Status::Published {
            errors.push((
                Field::Status,
                "a published post has a date: give it the day it went out".into(),
            ));
        }
        if self.idea && !self.evergreen && !gap_text.is_empty() {
            errors.push((
                Field::ReuseAfter,
                "the gap is for evergreen posts: make it evergreen, or clear the gap".into(),
            ));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let optional = |field: Field| {
            let v = self.value(field).trim();
            (!v.is_empty()).then(|| v.to_string())
        };
        let mut post = old.cloned().unwrap_or_else(|| Post::idea("", ""));
        post.title = title.unwrap_or_default();
        if date.is_none() && post.date.is_some() {
            // Back to the backlog: where it came from no longer applies.
            post.source = None;
        }
        post.date = date;
        post.time = time;
        post.repeat = repeat.map(Box::new);
        post.category.clone_from(&category.key);
        post.channel = optional(Field::Channel);
        post.minutes = minutes;
        post.notes = {
            let v = self.value(Field::Notes).trim_matches(['\n', ' ']);
            (!v.is_empty()).then(|| v.to_string())
        };
        post.link = optional(Field::Link);
        post.partner = fields::partner(self.value(Field::Partner)).map(str::to_string);
        post.status = self.status;
        if self.idea {
            post.priority = priority;
            post.evergreen = self.evergreen;
            post.reuse_after = if self.evergreen { reuse_after } else { None };
        }
        Ok(post)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> Config {
        Config::builtin().unwrap()
    }

    use ratatui::crossterm::event::{KeyCode, KeyModifiers};

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn keymap() -> KeyMap {
        KeyMap::from_config(&config())
    }

    fn press(form: &mut PostForm, k: KeyEvent) -> FormOutcome {
        form.handle_key(k, &keymap(), &config())
    }

    fn type_text(form: &mut PostForm, text: &str) {
        for c in text.chars() {
            press(form, key(KeyCode::Char(c)));
        }
    }

    fn new_form() -> PostForm {
        PostForm::new_post(NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(), None, 1)
    }

    #[test]
    fn a_typed_title_becomes_the_post() {
        let mut f = new_form();
        type_text(&mut f, "Grand opening 🎉");
        let FormOutcome::Done(post) = press(&mut f, key(KeyCode::Enter)) else {
            panic!("form did not finish");
        };
        assert_eq!(post.title, "Grand opening 🎉");
        assert_eq!(post.category, "business");
        assert_eq!(post.id, "");
    }

    #[test]
    fn an_empty_title_is_refused_and_shown() {
        let mut f = new_form();
        assert_eq!(press(&mut f, key(KeyCode::Enter)), FormOutcome::Editing);
        assert_eq!(
            f.error(Field::Title),
            Some("the title is empty: write what the post is about")
        );
    }

    #[test]
    fn an_impossible_time_is_refused() {
        let mut f = new_form();
        type_text(&mut f, "x");
        press(&mut f, key(KeyCode::Tab));
        press(&mut f, key(KeyCode::Tab));
        assert_eq!(f.focus, Field::Time);
        type_text(&mut f, "25:00");
        assert_eq!(press(&mut f, key(KeyCode::Enter)), FormOutcome::Editing);
        assert!(
            f.error(Field::Time)
                .unwrap()
                .contains("`25:00` is not a time")
        );
    }

    #[test]
    fn backspace_removes_a_whole_grapheme() {
        let mut f = new_form();
        type_text(&mut f, "ok e\u{301}");
        press(&mut f, key(KeyCode::Backspace));
        assert_eq!(f.value(Field::Title), "ok ");
    }

    #[test]
    fn arrows_change_the_category_field() {
        let mut f = new_form();
        f.focus = Field::Category;
        press(&mut f, key(KeyCode::Right));
        assert_eq!(f.category, 2);
        press(&mut f, key(KeyCode::Left));
        press(&mut f, key(KeyCode::Left));
        press(&mut f, key(KeyCode::Left));
        assert_eq!(f.category, 3);
    }

    #[test]
    fn editing_keeps_the_id() {
        let mut p = Post::new(
            NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
            "partner",
            "old",
        );
        p.id = "abc123".into();
        let mut f = PostForm::edit(&p, &config());
        press(&mut f, key(KeyCode::End));
        type_text(&mut f, "er");
        let FormOutcome::Done(post) = press(&mut f, key(KeyCode::Enter)) else {
            panic!("form did not finish");
        };
        assert_eq!((post.id.as_str(), post.title.as_str()), ("abc123", "older"));
        assert_eq!(post.category, "partner");
    }

    #[test]
    fn esc_cancels() {
        let mut f = new_form();
        type_text(&mut f, "x");
        assert_eq!(press(&mut f, key(KeyCode::Esc)), FormOutcome::Cancelled);
    }

    #[test]
    fn typing_into_a_pre_filled_field_replaces_it() {
        let mut f = PostForm::new_post(
            NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
            chrono::NaiveTime::from_hms_opt(9, 0, 0),
            0,
        );
        type_text(&mut f, "Croissants");
        press(&mut f, key(KeyCode::Tab));
        press(&mut f, key(KeyCode::Tab));
        assert_eq!(f.focus, Field::Time);
        assert!(f.input(Field::Time).unwrap().is_selected());
        type_text(&mut f, "07:30");
        assert_eq!(f.value(Field::Time), "07:30");
    }

    #[test]
    fn ctrl_u_clears_and_ctrl_e_asks_for_the_editor() {
        let mut f = new_form();
        type_text(&mut f, "abc");
        press(
            &mut f,
            KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL),
        );
        assert_eq!(f.value(Field::Title), "");
        assert_eq!(
            press(
                &mut f,
                KeyEvent::new(KeyCode::Char('e'), KeyModifiers::CONTROL)
            ),
            FormOutcome::Editor
        );
        f.set_focused("from the editor\n");
        assert_eq!(f.value(Field::Title), "from the editor");
    }

    #[test]
    fn notes_keep_their_line_breaks() {
        let mut f = new_form();
        type_text(&mut f, "Price list");
        f.focus_field(Field::Notes);
        type_text(&mut f, "500 g €12");
        press(
            &mut f,
            KeyEvent::new(KeyCode::Char('j'), KeyModifiers::CONTROL),
        );
        type_text(&mut f, "1 kg €22");
        press(&mut f, KeyEvent::new(KeyCode::Enter, KeyModifiers::ALT));
        let FormOutcome::Done(post) = press(&mut f, key(KeyCode::Enter)) else {
            panic!("form did not finish");
        };
        assert_eq!(post.notes.as_deref(), Some("500 g €12\n1 kg €22"));
    }

    #[test]
    fn a_line_break_in_another_field_is_not_text() {
        let mut f = new_form();
        type_text(&mut f, "a");
        press(
            &mut f,
            KeyEvent::new(KeyCode::Char('j'), KeyModifiers::CONTROL),
        );
        assert_eq!(f.value(Field::Title), "a");
    }
}

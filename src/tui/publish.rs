//! The publish prompt (`p`): marks the selected post published and asks, in one
//! small window, what came back and what it took — the responses from people
//! (replies, comments, messages, shares) and the minutes really spent. Asked
//! again on a published post, it updates the numbers, since responses keep
//! coming for days. The keys are the form mode's: Tab moves between the two
//! fields, Enter saves, Esc cancels.

use ratatui::crossterm::event::KeyEvent;

use super::action::FormAction;
use super::field::TextField;
use super::keymap::KeyMap;
use crate::config::Config;
use crate::domain::fields;
use crate::domain::{Post, Status};

/// One of the prompt's two fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Field {
    Responses,
    Spent,
}

impl Field {
    pub(crate) const ALL: [Field; 2] = [Field::Responses, Field::Spent];

    pub(crate) fn label(self) -> &'static str {
        match self {
            Field::Responses => "Responses",
            Field::Spent => "Minutes spent",
        }
    }
}

/// What a key did to the prompt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum PublishOutcome {
    Editing,
    Cancelled,
    /// Enter with both fields valid: the post as published, with its numbers.
    Done(Box<Post>),
}

#[derive(Debug, Clone)]
pub struct PublishPrompt {
    /// The post as it was when the prompt opened.
    pub(crate) original: Post,
    /// The minutes planned for the post, shown beside the spent field.
    pub(crate) planned: u32,
    pub(crate) focus: Field,
    responses: TextField,
    spent: TextField,
    /// Why the last Enter did not save, at its field.
    pub(crate) error: Option<(Field, String)>,
}

impl PublishPrompt {
    /// A prompt for `post`: the responses logged so far (empty when none), and
    /// the minutes spent so far, else the planned minutes to confirm or change.
    pub(crate) fn new(post: &Post, config: &Config) -> PublishPrompt {
        let planned = config.minutes(post);
        let responses = post.responses.map(|n| n.to_string()).unwrap_or_default();
        let spent = post.spent.unwrap_or(planned).to_string();
        let mut prompt = PublishPrompt {
            original: post.clone(),
            planned,
            focus: Field::Responses,
            responses: TextField::new(responses),
            spent: TextField::new(spent),
            error: None,
        };
        prompt.focus_field(Field::Responses);
        prompt
    }

    /// Whether the post was published already: the prompt then only updates
    /// its numbers.
    pub(crate) fn was_published(&self) -> bool {
        self.original.status == Status::Published
    }

    pub(crate) fn input(&self, field: Field) -> &TextField {
        match field {
            Field::Responses => &self.responses,
            Field::Spent => &self.spent,
        }
    }

    fn input_mut(&mut self, field: Field) -> &mut TextField {
        match field {
            Field::Responses => &mut self.responses,
            Field::Spent => &mut self.spent,
        }
    }

    /// Gives a field the focus, its value selected so typing replaces it.
    pub(crate) fn focus_field(&mut self, field: Field) {
        let old = self.focus;
        self.input_mut(old).deselect();
        self.focus = field;
        self.input_mut(field).select_all();
    }

    pub(crate) fn handle_key(&mut self, key: KeyEvent, keymap: &KeyMap) -> PublishOutcome {
        let focus = self.focus;
        match keymap.get::<FormAction>(&key) {
            Some(FormAction::Cancel) => return PublishOutcome::Cancelled,
            Some(FormAction::Submit) => match self.submit() {
                Ok(post) => return PublishOutcome::Done(Box::new(post)),
                Err((field, message)) => {
                    self.focus_field(field);
                    self.error = Some((field, message));
                }
            },
            Some(FormAction::NextField | FormAction::PrevField) => {
                self.focus_field(match focus {
                    Field::Responses => Field::Spent,
                    Field::Spent => Field::Responses,
                });
            }
            Some(FormAction::Clear) => {
                self.input_mut(focus).clear();
                self.error = None;
            }
            _ => {
                if self.input_mut(focus).edit(key) == Some(true) {
                    self.error = None;
                }
            }
        }
        PublishOutcome::Editing
    }

    /// The post published with the numbers typed, or the first problem. An
    /// empty field leaves its number unlogged.
    pub(crate) fn submit(&self) -> Result<Post, (Field, String)> {
        let number = |field: Field, read: fn(&str) -> Result<u32, fields::FieldError>| {
            let text = self.input(field).value().trim();
            if text.is_empty() {
                return Ok(None);
            }
            read(text).map(Some).map_err(|e| (field, e.one_line()))
        };
        let responses = number(Field::Responses, fields::responses)?;
        let spent = number(Field::Spent, fields::minutes)?;
        let mut post = self.original.clone();
        post.status = Status::Published;
        post.responses = responses;
        post.spent = spent;
        Ok(post)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};

    fn config() -> Config {
        Config::builtin().unwrap()
    }

    fn press(prompt: &mut PublishPrompt, code: KeyCode) -> PublishOutcome {
        prompt.handle_key(
            KeyEvent::new(code, KeyModifiers::NONE),
            &KeyMap::from_config(&config()),
        )
    }

    fn typed(prompt: &mut PublishPrompt, text: &str) {
        for c in text.chars() {
            press(prompt, KeyCode::Char(c));
        }
    }

    fn planned() -> Post {
        let mut p = Post::new(
            NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
            "business",
            "Gift guide",
        );
        p.id = "b1".into();
        p
    }

    #[test]
    fn responses_and_minutes_are_asked_together_and_the_post_is_published() {
        let mut prompt = PublishPrompt::new(&planned(), &config());
        assert_eq!(prompt.input(Field::Spent).value(), "30");
        typed(&mut prompt, "7");
        press(&mut prompt, KeyCode::Tab);
        typed(&mut prompt, "45");
        let PublishOutcome::Done(post) = press(&mut prompt, KeyCode::Enter) else {
            panic!("the prompt did not finish");
        };
        assert_eq!(post.status, Status::Published);
        assert_eq!((post.responses, post.spent), (Some(7), Some(45)));
        assert_eq!(post.id, "b1");
    }

    #[test]
    fn a_bad_number_is_shown_at_its_field_and_nothing_is_saved() {
        let mut prompt = PublishPrompt::new(&planned(), &config());
        typed(&mut prompt, "lots");
        assert_eq!(press(&mut prompt, KeyCode::Enter), PublishOutcome::Editing);
        let (field, message) = prompt.error.clone().unwrap();
        assert_eq!(field, Field::Responses);
        assert!(
            message.starts_with("`lots` is not a number of responses"),
            "{message}"
        );
        press(&mut prompt, KeyCode::Tab);
        typed(&mut prompt, "1441");
        press(&mut prompt, KeyCode::Tab);
        typed(&mut prompt, "3");
        assert_eq!(press(&mut prompt, KeyCode::Enter), PublishOutcome::Editing);
        assert_eq!(prompt.error.as_ref().map(|e| e.0), Some(Field::Spent));
        assert_eq!(prompt.focus, Field::Spent);
    }

    #[test]
    fn a_published_post_shows_what_was_logged_and_empty_leaves_it_unlogged() {
        let mut p = planned();
        p.status = Status::Published;
        p.responses = Some(4);
        p.spent = Some(50);
        let mut prompt = PublishPrompt::new(&p, &config());
        assert!(prompt.was_published());
        assert_eq!(prompt.input(Field::Responses).value(), "4");
        assert_eq!(prompt.input(Field::Spent).value(), "50");
        press(&mut prompt, KeyCode::Backspace);
        let PublishOutcome::Done(post) = press(&mut prompt, KeyCode::Enter) else {
            panic!("the prompt did not finish");
        };
        assert_eq!((post.responses, post.spent), (None, Some(50)));
        assert_eq!(press(&mut prompt, KeyCode::Esc), PublishOutcome::Cancelled);
    }
}

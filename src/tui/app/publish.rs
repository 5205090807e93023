//! `p`: the selected post published, with what it brought and what it took.

use super::{App, Level, Popup};
use crate::domain::Post;
use crate::tui::history::Change;
use crate::tui::publish::PublishPrompt;
use chrono::Timelike;

impl App {
    /// A date of a repeating post is published on its own: the prompt holds
    /// it as a post of that date, which saving makes a post of its own.
    pub(super) fn open_publish(&mut self) {
        match self.selected_post() {
            Some(p) => {
                self.popup = Some(Popup::Publish(Box::new(PublishPrompt::new(
                    &p.to_post(),
                    &self.config,
                ))));
            }
            None => self.no_post(),
        }
    }

    /// Stores the published post as one undo step and says what was logged.
    pub(super) fn finish_publish(&mut self, prompt: &PublishPrompt, mut post: Post) {
        let before = prompt.original.clone();
        // A post that went out before its day went out today: it moves there,
        // so its week's mix and the review count it where it happened.
        let now = self.clock.now_for(&self.config);
        let early = post
            .date
            .filter(|d| !prompt.was_published() && *d > now.date());
        if early.is_some() {
            post.date = Some(now.date());
            if post.time.is_some() {
                post.time = chrono::NaiveTime::from_hms_opt(now.hour(), now.minute(), 0);
            }
        }
        if before == post {
            self.message = Some((Level::Info, "no change".into()));
            return;
        }
        let mut logged = Vec::new();
        if let Some(n) = post.responses {
            logged.push(format!("{n} response{}", if n == 1 { "" } else { "s" }));
        }
        if let Some(m) = post.spent {
            logged.push(format!("{m} min spent"));
        }
        let what = if prompt.was_published() {
            "logged"
        } else {
            "published"
        };
        // The numbers first: a long title is what the status line cuts.
        let text = if logged.is_empty() {
            format!("{what}: “{}”", crate::shown::shown(&post.title))
        } else {
            format!(
                "{what}: {} · “{}”",
                logged.join(", "),
                crate::shown::shown(&post.title)
            )
        };
        let text = match early {
            Some(d) => format!(
                "{text} (went out early: moved from {} to today)",
                d.format("%a %-d %b")
            ),
            None => text,
        };
        // Publishing a date of a repeating post makes it a post of its own.
        if let Some(series) = self
            .schedule
            .get(&before.id)
            .filter(|p| p.repeat.is_some())
            .cloned()
        {
            self.detach(series, &before, post, what);
            self.say_undoable(&text);
            return;
        }
        let id = post.id.clone();
        self.change(Change::replace(before, post), what);
        self.select_id(&id);
        self.say_undoable(&text);
    }
}

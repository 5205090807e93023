//! Drawing the calendar. Everything here only reads the `App`; the layout is a
//! pure function of the app and the screen size, so mouse clicks are matched
//! against exactly what was drawn ([`target`]).

mod agenda;
mod backlog;
mod detail;
mod export;
mod header;
mod help;
mod mix;
mod popup;
mod review;
mod status;
pub(crate) mod text;
pub(crate) mod week;

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::text::Line;
use ratatui::widgets::Widget;

use super::action::DialogAction;
use super::app::{App, Popup};
use super::{export as export_form, form};

pub(crate) use help::scroll_limit as help_scroll_limit;
pub(crate) use popup::answers;

/// Below this size the calendar shows only a line asking for more room.
pub(crate) const MIN_WIDTH: u16 = 40;
pub(crate) const MIN_HEIGHT: u16 = 12;

/// From this width the detail panel sits beside the mix panel instead of above it.
const SIDE_BY_SIDE: u16 = 110;

/// Where each panel goes on a screen of a given size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Areas {
    pub(crate) header: Rect,
    /// The week grid or the agenda.
    pub(crate) main: Rect,
    /// The seven day columns inside `main` (for the grid): first row the
    /// day's name, then the cards.
    pub(crate) days: [Rect; 7],
    /// The selected post in full.
    pub(crate) detail: Rect,
    /// Whether the detail has a border (beside the mix panel) or not (above it).
    pub(crate) detail_boxed: bool,
    pub(crate) mix: Rect,
    pub(crate) status: Rect,
}

/// Lays the screen out, or `None` when it is below the minimum size.
pub(crate) fn layout(app: &App, area: Rect) -> Option<Areas> {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return None;
    }
    let header = Rect::new(area.x, area.y, area.width, 1);
    let status = Rect::new(area.x, area.bottom() - 1, area.width, 1);
    let body = area.height - 2;
    let (main_height, detail, mix, boxed);
    if area.width >= SIDE_BY_SIDE {
        // Mix panel on the left, the post on the right, as tall as the taller
        // wants, within two fifths of the body.
        let mix_width = area.width * 3 / 5;
        let detail_width = area.width - mix_width;
        let wants = (mix::height(app, mix_width))
            .max(detail::wanted(app, detail_width.saturating_sub(2) as usize) as u16 + 2);
        let bottom = wants.clamp(4, body * 2 / 5);
        main_height = body - bottom;
        let y = area.y + 1 + main_height;
        mix = Rect::new(area.x, y, mix_width, bottom);
        detail = Rect::new(area.x + mix_width, y, detail_width, bottom);
        boxed = true;
    } else {
        let detail_height = (body / 7).clamp(2, 5);
        let mix_height = mix::height(app, area.width).min(body * 2 / 5).max(3);
        main_height = body - mix_height - detail_height;
        detail = Rect::new(area.x, area.y + 1 + main_height, area.width, detail_height);
        mix = Rect::new(area.x, detail.bottom(), area.width, mix_height);
        boxed = false;
    }
    let main = Rect::new(area.x, area.y + 1, area.width, main_height);
    Some(Areas {
        header,
        main,
        days: week::columns(main),
        detail,
        detail_boxed: boxed,
        mix,
        status,
    })
}

/// What is under a screen position, as it is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Target {
    /// A day (0..7 from the week's start), not one of its posts.
    Day(usize),
    /// A post of a day, by its index in the day.
    Post {
        day: usize,
        index: usize,
    },
    /// A suggestion of a day, by its index among the day's suggestions.
    Ghost {
        day: usize,
        index: usize,
    },
    FormField(form::Field),
    /// A choice's ◂ (backward) or ▸ (forward).
    FormChoice(form::Field, bool),
    ExportField(export_form::Field),
    ExportChoice(export_form::Field, bool),
    /// An answer to the question shown.
    Answer(DialogAction),
    OverviewRow(usize),
    /// A field of the publish prompt.
    PublishField(crate::tui::publish::Field),
    /// An idea of the backlog window, by its place among the ideas.
    BacklogIdea(usize),
    /// Inside a window, on nothing that acts.
    Popup,
}

/// What a click at `at` would hit.
pub(crate) fn target(app: &App, area: Rect, at: Position) -> Option<Target> {
    let areas = layout(app, area)?;
    if let Some(popup) = app.popup() {
        return popup::target(app, popup, area, at);
    }
    if app.agenda() {
        agenda::hit(app, areas.main, at)
    } else {
        week::hit(app, &areas, at)
    }
}

/// Whether day `day` (0..7) has more cards than its column shows.
pub(crate) fn day_overflows(app: &App, day: usize) -> bool {
    let area = Rect::new(0, 0, app.size().0, app.size().1);
    layout(app, area).is_some_and(|areas| week::overflows(app, &areas, day))
}

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let Some(areas) = layout(self, area) else {
            render_too_small(area, buf);
            return;
        };
        header::render_header(self, areas.header, buf);
        if self.agenda() {
            agenda::render_agenda(self, areas.main, buf);
        } else {
            week::render_week(self, &areas, buf);
        }
        detail::render_detail(self, areas.detail, areas.detail_boxed, buf);
        mix::render_mix(self, areas.mix, buf);
        status::render_status(self, areas.status, buf);
        match self.popup() {
            None => {}
            Some(Popup::Form(form)) => popup::render_form(self, form, area, buf),
            Some(Popup::Help { scroll }) => help::render_help(self, *scroll, area, buf),
            Some(
                dialog @ (Popup::QuitPrompt
                | Popup::Conflict { .. }
                | Popup::ReadOnly { .. }
                | Popup::OutsideChange
                | Popup::Which(_)),
            ) => popup::render_dialog(self, dialog, area, buf),
            Some(Popup::Backlog(panel)) => backlog::render_backlog(self, panel, area, buf),
            Some(Popup::Overview(o)) => popup::render_overview(self, o, area, buf),
            Some(Popup::Export(form)) => export::render_export(self, form, area, buf),
            Some(Popup::Prompt(prompt)) => popup::render_prompt(self, prompt, area, buf),
            Some(Popup::Publish(prompt)) => popup::render_publish(self, prompt, area, buf),
            Some(Popup::Review(screen)) => review::render_review(self, screen, area, buf),
        }
    }
}

/// The frame shown while a large schedule loads.
pub(crate) fn render_loading(path: &std::path::Path, area: Rect, buf: &mut Buffer) {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let message = text::truncate(
        &format!("Opening {}…", text::user(&name)),
        area.width as usize,
    );
    let y = area.y + area.height / 2;
    Line::from(message)
        .centered()
        .render(Rect::new(area.x, y, area.width, area.height.min(1)), buf);
}

/// What to do, wrapped over the lines there are: even 10 columns read it.
fn render_too_small(area: Rect, buf: &mut Buffer) {
    let message = format!(
        "enlarge the terminal to {MIN_WIDTH}×{MIN_HEIGHT} (now {}×{})",
        area.width, area.height
    );
    let cells = (area.width as usize).max(1);
    for (i, line) in text::wrap(&message, cells)
        .into_iter()
        .take(area.height as usize)
        .enumerate()
    {
        Line::from(text::truncate(&line, cells))
            .render(Rect::new(area.x, area.y + i as u16, area.width, 1), buf);
    }
}

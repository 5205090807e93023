//! The calendar's side of the channels work: `p` logs what a published post
//! took and brought, and `R` shows which channels earn their time, with the
//! numbers `mixcal review` prints. "Today" is Wednesday 2026-11-25.

use mixcal::testing::config::{BUILTIN_NAME, Config, DEFAULT_TOML};
use mixcal::testing::domain::{Span, Status};
use mixcal::testing::mix::Rules;
use mixcal::testing::review::{self, words};
use mixcal::testing::tui::{Action, App, Metric, Popup};

use crate::common;
use crate::tui::{balanced, keys, message, open, open_with, screen, sized};

fn post<'a>(app: &'a App, id: &str) -> &'a mixcal::testing::domain::Post {
    app.schedule().get(id).unwrap()
}

/// Whether a line of the screen has `value` right after `label` and spaces.
fn shows(screen: &str, label: &str, value: &str) -> bool {
    screen.lines().any(|line| {
        line.match_indices(label)
            .any(|(i, _)| line[i + label.len()..].trim_start().starts_with(value))
    })
}

fn review_screen(app: &App) -> &mixcal::testing::tui::ReviewScreen {
    match app.popup() {
        Some(Popup::Review(screen)) => screen,
        other => panic!("no review screen: {other:?}"),
    }
}

// ----- p: published, with what it took and brought -----

#[test]
fn p_marks_the_selected_post_published_with_its_responses_and_minutes() {
    let mut f = open(Some(&balanced()));
    // Wednesday's post is selected: the business post b1, 30 planned minutes.
    keys(&mut f.app, "p");
    assert!(matches!(f.app.popup(), Some(Popup::Publish(_))));
    keys(&mut f.app, "7<Tab>25<Enter>");
    assert!(f.app.popup().is_none());
    let p = post(&f.app, "b1");
    assert_eq!(p.status, Status::Published);
    assert_eq!((p.responses, p.spent), (Some(7), Some(25)));
    assert_eq!(
        message(&f.app),
        "published: 7 responses, 25 min spent · “New notebooks in the shop” (u undoes)"
    );
    // One undo step brings the planned post back.
    keys(&mut f.app, "u");
    let p = post(&f.app, "b1");
    assert_eq!(
        (p.status, p.responses, p.spent),
        (Status::Planned, None, None)
    );
    keys(&mut f.app, "<C-r>s");
    let saved = std::fs::read_to_string(&f.path).unwrap();
    assert!(
        saved.contains("title = \"New notebooks in the shop\"\nstatus = \"published\"\nspent = 25\nresponses = 7\n"),
        "{saved}"
    );
}

#[test]
fn a_post_published_before_its_day_moves_to_today_as_one_undo_step() {
    let mut f = open(Some(&balanced()));
    // Friday's post, two days ahead of today (Wednesday), went out early.
    keys(&mut f.app, "llp4<Enter>");
    let p = f.app.selected_post().unwrap().to_post();
    assert_eq!(p.status, Status::Published);
    assert_eq!(p.date, Some(crate::tui::date("2026-11-25")));
    assert!(
        message(&f.app).contains("(went out early: moved from Fri 27 Nov to today)"),
        "{}",
        message(&f.app)
    );
    keys(&mut f.app, "u");
    let back = f.app.schedule().get(&p.id).unwrap();
    assert_eq!(
        (back.status, back.date),
        (Status::Planned, Some(crate::tui::date("2026-11-27")))
    );
}

#[test]
fn p_on_a_published_post_updates_its_numbers() {
    let mut f = open(Some(&balanced()));
    keys(&mut f.app, "p3<Enter>");
    assert_eq!(
        post(&f.app, "b1").spent,
        Some(30),
        "the planned minutes, confirmed"
    );
    // Responses keep coming: the prompt shows what was logged and takes more.
    keys(&mut f.app, "p12<Tab><C-u><Enter>");
    let p = post(&f.app, "b1");
    assert_eq!((p.responses, p.spent), (Some(12), None));
    assert!(
        message(&f.app).contains("logged: 12 responses"),
        "{}",
        message(&f.app)
    );
    // Esc leaves the post as it is.
    keys(&mut f.app, "p99<Esc>");
    assert_eq!(post(&f.app, "b1").responses, Some(12));
}

#[test]
fn a_bad_number_in_the_publish_prompt_is_shown_at_its_field() {
    let mut f = open(Some(&balanced()));
    keys(&mut f.app, "plots<Enter>");
    assert!(matches!(f.app.popup(), Some(Popup::Publish(_))));
    assert_eq!(post(&f.app, "b1").status, Status::Planned);
    let s = sized(&mut f.app, 60, 20);
    assert!(s.contains("⚠ `lots` is not a number of responses"), "{s}");
    insta::assert_snapshot!(s);
}

#[test]
fn a_copy_to_post_again_leaves_what_the_original_brought() {
    let mut f = open(Some(&balanced()));
    keys(&mut f.app, "p9<Tab>35<Enter>");
    // y duplicates the post: planned again, nothing logged.
    keys(&mut f.app, "y");
    let copy = f.app.selected_post().unwrap().to_post();
    assert_ne!(copy.id, "b1");
    assert_eq!(
        (copy.status, copy.spent, copy.responses),
        (Status::Planned, None, None)
    );
    // Y copies the week: the published original comes back planned and unlogged.
    keys(&mut f.app, "uY");
    let next: Vec<_> = f
        .app
        .schedule()
        .week(f.app.week())
        .filter(|p| p.title == "New notebooks in the shop")
        .collect();
    assert_eq!(next.len(), 1);
    assert_eq!(
        (next[0].status, next[0].spent, next[0].responses),
        (Status::Planned, None, None)
    );
    assert_eq!(post(&f.app, "b1").responses, Some(9));
}

#[test]
fn p_without_a_post_says_how_to_add_one() {
    let mut f = open(Some(&balanced()));
    keys(&mut f.app, "lllllp");
    assert!(f.app.popup().is_none());
    assert!(
        message(&f.app).starts_with("no post selected"),
        "{}",
        message(&f.app)
    );
}

#[test]
fn the_form_sets_a_partner_and_keeps_what_was_logged() {
    let mut f = open(Some(&balanced()));
    keys(&mut f.app, "p5<Enter>");
    // Friday's partner post: Title, Date, Time, Category, Channel, Partner.
    keys(
        &mut f.app,
        "ll<Enter><Tab><Tab><Tab><Tab><Tab>Café Müller<Enter>",
    );
    assert_eq!(post(&f.app, "p1").partner.as_deref(), Some("Café Müller"));
    // Editing a logged post in the form keeps its numbers.
    keys(&mut f.app, "hh<Enter>Renamed<Enter>");
    assert_eq!(post(&f.app, "b1").title, "Renamed");
    assert_eq!(post(&f.app, "b1").responses, Some(5));
    assert_eq!(post(&f.app, "b1").status, Status::Published);
}

// ----- R: the review screen -----

fn two_months() -> crate::tui::Fixture {
    open(Some(&common::fixture("two-months.toml")))
}

#[test]
fn the_review_screen_shows_the_commands_numbers() {
    let mut f = two_months();
    keys(&mut f.app, "R");
    let s = sized(&mut f.app, 120, 40);
    let config = Config::builtin().unwrap();
    let rules = Rules::compile(&config).unwrap();
    let span = review::last_weeks(f.app.today, 8, config.week_start);
    let r = review::review(&config, &rules, f.app.schedule(), span);
    assert_eq!(review_screen(&f.app).review, r);
    assert!(s.contains(&format!("Review {}", words::period(&r))), "{s}");
    for c in &r.channels {
        let name = words::channel_name(c);
        assert!(
            shows(&s, name, &words::duration(c.total.minutes)),
            "{name}: {s}"
        );
        assert!(
            shows(&s, name, &c.total.responses.to_string()),
            "{name}: {s}"
        );
    }
    // The first channel is chosen: LinkedIn, with the command's advice.
    assert!(
        s.contains("linkedin: 11 h over 8 weeks, 1 response, none in the last 6 weeks → consider dropping it"),
        "{s}"
    );
    assert!(
        s.contains("Time: 3.2 h a week on average over 8 weeks"),
        "{s}"
    );
}

#[test]
fn the_review_screen_at_120_by_40() {
    let mut f = two_months();
    keys(&mut f.app, "R");
    insta::assert_snapshot!(sized(&mut f.app, 120, 40));
}

#[test]
fn the_review_screen_at_80_by_24() {
    let mut f = two_months();
    keys(&mut f.app, "Rj");
    insta::assert_snapshot!(sized(&mut f.app, 80, 24));
}

#[test]
fn the_review_screen_at_60_by_20() {
    let mut f = two_months();
    keys(&mut f.app, "Rjjm");
    insta::assert_snapshot!(sized(&mut f.app, 60, 20));
}

#[test]
fn the_review_screen_is_keyboard_navigable() {
    let mut f = two_months();
    keys(&mut f.app, "R");
    let first = review_screen(&f.app).review.span;
    keys(&mut f.app, "jj");
    assert_eq!(review_screen(&f.app).cursor, 2);
    keys(&mut f.app, "k");
    assert_eq!(review_screen(&f.app).cursor, 1);
    keys(&mut f.app, "m");
    assert_eq!(review_screen(&f.app).metric, Metric::Hours);
    // A week earlier, then back: never past today.
    keys(&mut f.app, "h");
    let earlier = review_screen(&f.app).review.span;
    assert_eq!(earlier.to.to_string(), "2026-11-22");
    assert_eq!(earlier.from.to_string(), "2026-09-28");
    keys(&mut f.app, "ll");
    assert_eq!(review_screen(&f.app).review.span, first);
    keys(&mut f.app, "+");
    assert_eq!(review_screen(&f.app).review.weeks.len(), 9);
    keys(&mut f.app, "--");
    assert_eq!(review_screen(&f.app).review.weeks.len(), 7);
    // Esc, q and R itself close it; the calendar stays open.
    keys(&mut f.app, "<Esc>");
    assert!(f.app.popup().is_none());
    keys(&mut f.app, "Rq");
    assert!(f.app.popup().is_none() && !f.app.should_quit());
    keys(&mut f.app, "RR");
    assert!(f.app.popup().is_none());
}

#[test]
fn the_review_screens_keys_come_from_its_own_table() {
    let config = Config::from_layers(&[
        (BUILTIN_NAME, DEFAULT_TOML),
        (
            "user.toml",
            "[keys]\nchannel_review = \"W\"\n[keys.review]\nclose = \"x\"\nmetric = \"s\"\n",
        ),
    ])
    .unwrap();
    let mut f = open_with(config, Some(&common::fixture("two-months.toml")));
    keys(&mut f.app, "R");
    assert!(f.app.popup().is_none(), "R is free now");
    keys(&mut f.app, "Ws");
    assert_eq!(review_screen(&f.app).metric, Metric::Hours);
    keys(&mut f.app, "<Esc>");
    assert!(f.app.popup().is_some(), "Esc is not close any more");
    let s = screen(&f.app, 100, 30);
    assert!(s.contains("x close"), "{s}");
    keys(&mut f.app, "x");
    assert!(f.app.popup().is_none());
}

#[test]
fn a_period_with_nothing_published_says_how_to_log_it() {
    let mut f = open(Some(&balanced()));
    keys(&mut f.app, "R");
    let s = sized(&mut f.app, 80, 24);
    assert!(
        s.contains("No published posts from 5 Oct – 25 Nov 2026"),
        "{s}"
    );
    f.app.update(Action::Resize {
        width: 40,
        height: 12,
    });
    let tiny = screen(&f.app, 40, 12);
    assert!(tiny.contains("Review"), "{tiny}");
}

#[test]
fn the_review_scrolls_its_channels_on_a_short_screen() {
    // Twelve channels of one logged post each cannot all show at 60×20.
    let mut text = String::from("version = 1\n");
    for i in 0..12 {
        text += &format!(
            "\n[[post]]\nid = \"c{i}\"\ndate = 2026-11-2{}\ncategory = \"everyday\"\ntitle = \"t\"\nchannel = \"channel {i:02}\"\nstatus = \"published\"\nresponses = {i}\n",
            i % 5
        );
    }
    let mut f = open(Some(&text));
    keys(&mut f.app, "R");
    let n = review_screen(&f.app).review.channels.len();
    assert_eq!(n, 12);
    for _ in 0..11 {
        keys(&mut f.app, "j");
    }
    let last = review_screen(&f.app).review.channels[11]
        .name
        .clone()
        .unwrap();
    let s = sized(&mut f.app, 60, 20);
    assert!(s.contains(&format!("▸{last}")), "{s}");
    let span = review_screen(&f.app).review.span;
    assert_eq!(
        span,
        Span {
            from: "2026-10-05".parse().unwrap(),
            to: "2026-11-25".parse().unwrap()
        }
    );
}

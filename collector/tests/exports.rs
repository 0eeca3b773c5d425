//! Exports campaigners can use, on real databases: filtered by consent, anonymised, and streamed
//! a batch at a time, never giving a story twice or skipping one while others arrive or leave.

mod support;

use axum::http::StatusCode;
use collector::export::BATCH;
use collector::store::{Status, Store};
use http_body_util::BodyExt;
use std::collections::BTreeMap;
use support::console::{add_story, signed_in, story};
use support::databases;

fn json_lines(text: &str) -> Vec<serde_json::Value> {
    text.lines().map(|line| serde_json::from_str(line).unwrap()).collect()
}

#[tokio::test]
async fn exports_filter_by_consent_and_an_anonymised_one_says_nothing_of_who_or_where() {
    for db in databases().await {
        let on_wall = add_story(&db.store, story("socialcarefuture", "On the wall", "Tea with friends")).await;
        db.store.set_status(&on_wall, Status::Approved, "sam").await.unwrap();
        let mut private = story("socialcarefuture", "Kept private", "My garden");
        (private.sent.publish, private.sent.contact, private.sent.email) = (false, false, None);
        let private = add_story(&db.store, private).await;
        let waiting = add_story(&db.store, story("socialcarefuture", "Waiting", "Work at the café")).await;
        let mut browser = signed_in(&db.store).await;
        let ids = |text: &str| {
            let mut ids: Vec<String> = json_lines(text).iter().map(|l| l["id"].as_str().unwrap().to_owned()).collect();
            ids.sort();
            ids
        };
        let sorted = |mut ids: Vec<String>| {
            ids.sort();
            ids
        };

        let published = browser.get("/admin/export.jsonl?status=all&consent=published").await;
        assert_eq!(ids(&published.text), vec![on_wall.clone()], "{}", db.label);
        let contact = browser.get("/admin/export.jsonl?status=all&consent=contact").await;
        assert_eq!(ids(&contact.text), sorted(vec![on_wall.clone(), waiting.clone()]), "{}", db.label);
        let queue = browser.get("/admin?status=all&consent=contact").await;
        assert!(queue.text.contains("2 stories match") && !queue.text.contains("Kept private"), "{}", db.label);

        // The queue's download form: every filter goes along, the format and anonymising are chosen.
        let form = browser.get("/admin?status=all&consent=published").await;
        assert!(form.text.contains(r#"<form class="export" method="get" action="/admin/export">"#), "{}", form.text);
        assert!(form.text.contains(r#"<input type="hidden" name="consent" value="published">"#), "{}", form.text);
        let anonymised = browser.get("/admin/export?status=all&format=jsonl&anonymised=yes").await;
        assert_eq!(anonymised.status, StatusCode::OK);
        let disposition = anonymised.headers["content-disposition"].to_str().unwrap();
        assert!(disposition.starts_with("attachment; filename=\"anonymised-stories-"), "{disposition}");
        assert!(disposition.ends_with(".jsonl\""), "{disposition}");
        let lines = json_lines(&anonymised.text);
        assert_eq!(lines.len(), 3, "{}", db.label);
        for line in &lines {
            for column in ["name", "email", "area", "published_name", "published_area"] {
                assert!(line.get(column).is_none(), "{column} in {line}");
            }
            assert!(line["story"].is_string() && line["answers"].is_object(), "{line}");
        }
        for text in [&anonymised.text, &browser.get("/admin/export?status=all&anonymised=yes").await.text] {
            for who in ["Sam", "sam@example.org", "Leeds"] {
                assert!(!text.contains(who), "{}: {who} in {text}", db.label);
            }
        }
        let csv = browser.get("/admin/export?status=all&anonymised=yes").await;
        let header = csv.text.trim_start_matches('\u{feff}').lines().next().unwrap().to_owned();
        assert!(header.starts_with("id,campaign,received_at") && !header.contains(",name,"), "{header}");
        let private_row = csv.text.lines().find(|l| l.starts_with(private.as_str())).expect("the private story");
        assert!(private_row.contains("Kept private"), "{private_row}");
    }
}

#[tokio::test]
async fn an_export_that_cannot_be_understood_says_why_instead_of_downloading_something_else() {
    for db in databases().await {
        add_story(&db.store, story("socialcarefuture", "A story", "Words")).await;
        let mut browser = signed_in(&db.store).await;
        for (path, message) in [
            ("/admin/export.csv?status=all&from=31%2F11%2F2026", "Received from must be a real date, like 2026-11-26"),
            ("/admin/export?consent=everyone", "Consent must be one of the choices in the list"),
        ] {
            let page = browser.get(path).await;
            assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{}: {path}", db.label);
            assert!(page.headers["content-type"].to_str().unwrap().starts_with("text/html"), "{path}");
            assert!(page.text.contains("There is a problem") && page.text.contains(message), "{path}: {}", page.text);
        }
    }
}

/// Stories received one millisecond apart, oldest first: their ids.
async fn stories_in_order(store: &Store, count: usize, first_at: i64) -> Vec<String> {
    let stored = (0..count).map(|i| {
        let mut new = story("socialcarefuture", &format!("Story {i}"), "Words");
        new.created_at = first_at + i as i64;
        add_story(store, new)
    });
    futures_util::future::join_all(stored).await
}

#[tokio::test]
async fn a_streamed_export_gives_every_story_once_while_others_arrive_and_are_withdrawn() {
    for db in databases().await {
        let start = collector::clock::now_ms() - 60_000;
        let before = stories_in_order(&db.store, BATCH as usize * 2 + 100, start).await;
        let mut browser = signed_in(&db.store).await;
        let response = browser.open("/admin/export.jsonl?status=all").await;
        assert_eq!(response.status(), StatusCode::OK);
        let mut body = response.into_body();
        let mut text = String::new();
        while text.lines().count() < BATCH as usize {
            let frame = body.frame().await.expect("more of the export").unwrap();
            text.push_str(std::str::from_utf8(&frame.into_data().unwrap()).unwrap());
        }
        assert_eq!(text.lines().count(), BATCH as usize, "{}: one batch is read at a time", db.label);

        // While the download is part-way: a story already given is withdrawn (an offset would now
        // skip one), one not yet given is withdrawn, one arrives stamped before the point reached (a
        // slow commit), and new ones arrive.
        for id in [&before[10], &before[BATCH as usize + 5]] {
            sqlx::query("DELETE FROM stories WHERE id = $1").bind(id).execute(db.store.pool()).await.unwrap();
        }
        let late = stories_in_order(&db.store, 1, start + 20).await;
        let after = stories_in_order(&db.store, 50, collector::clock::now_ms() + 1000).await;
        while let Some(frame) = body.frame().await {
            text.push_str(std::str::from_utf8(&frame.unwrap().into_data().unwrap()).unwrap());
        }

        let mut seen: BTreeMap<String, usize> = BTreeMap::new();
        for line in json_lines(&text) {
            *seen.entry(line["id"].as_str().unwrap().to_owned()).or_default() += 1;
        }
        assert!(seen.values().all(|n| *n == 1), "{}: a story given twice", db.label);
        let expected: Vec<&String> = before.iter().filter(|id| **id != before[BATCH as usize + 5]).collect();
        let given: Vec<&String> = seen.keys().filter(|id| !late.contains(id)).collect();
        assert_eq!(given.len(), expected.len(), "{}: no story skipped", db.label);
        assert!(expected.iter().all(|id| seen.contains_key(*id)), "{}: no story skipped", db.label);
        assert!(after.iter().all(|id| !seen.contains_key(id)), "{}: only what was there when it began", db.label);
    }
}

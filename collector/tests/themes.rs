//! Themes, on real databases: a moderator tags a story with the campaign's themes on its page, and
//! the queue, the exports (with the reframing engine's findings counted) and the wall filter by them.

mod support;

use axum::http::StatusCode;
use collector::store::{Status, Store};
use support::api::{Harness, unlimited};
use support::console::{Browser, add_story, signed_in, story};

async fn harnesses() -> Vec<Harness> {
    let mut all = vec![Harness::sqlite(unlimited()).await];
    all.extend(Harness::postgres(unlimited()).await);
    all
}

async fn tag(browser: &mut Browser, id: &str, themes: &[&str]) -> support::console::Page {
    let page = browser.get(&format!("/admin/stories/{id}")).await;
    let mut form = vec![("csrf", page.csrf())];
    form.extend(themes.iter().map(|t| ("theme", (*t).to_owned())));
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    browser.post(&format!("/admin/stories/{id}/themes"), &form).await
}

async fn approved(store: &Store, title: &str, body: &str) -> String {
    let id = add_story(store, story("socialcarefuture", title, body)).await;
    store.set_status(&id, Status::Approved, "sam").await.unwrap();
    id
}

#[tokio::test]
async fn a_moderator_tags_a_story_and_the_queue_exports_and_wall_filter_by_theme() {
    for harness in harnesses().await {
        let label = format!("{:?}", harness.store.backend());
        let store = &harness.store;
        let home = approved(
            store,
            "My own front door",
            "My mum suffers from dementia; her care package let her keep her flat.",
        )
        .await;
        let mut care = story("socialcarefuture", "Jo comes at eight", "Home care that fits my mornings.");
        care.sent.answers = [("home-and-people".to_owned(), care.sent.body.clone())].into();
        let care = add_story(store, care).await;
        store.set_status(&care, Status::Approved, "sam").await.unwrap();
        let untagged = approved(store, "The allotment", "Beans again.").await;
        let mut browser = signed_in(store).await;

        let page = browser.get(&format!("/admin/stories/{home}")).await;
        assert!(page.text.contains("<legend class=\"legend\">What is this story about?</legend>"), "{}", page.text);
        assert!(page.text.contains(r#"<label for="theme-1">Direct payments</label>"#), "{}", page.text);
        // Ticked in any order, kept in the campaign's order.
        let saved = tag(&mut browser, &home, &["Direct payments", "Home"]).await;
        assert_eq!(saved.status, StatusCode::SEE_OTHER, "{label}: {}", saved.text);
        assert_eq!(saved.location(), format!("/admin/stories/{home}?done=themes"));
        let page = browser.get(saved.location()).await;
        assert!(page.text.contains("Themes saved."), "{label}");
        assert!(page.text.contains(r#"name="theme" value="Home" checked>"#), "{}", page.text);
        assert!(page.text.contains(r#"name="theme" value="Home care">"#), "{}", page.text);
        assert_eq!(tag(&mut browser, &care, &["Home care"]).await.status, StatusCode::SEE_OTHER);

        // "Home" is not "Home care": the queue, both exports and the wall find exactly the one story.
        let queue = browser.get("/admin?status=all&theme=home").await;
        assert!(queue.text.contains("1 story match") && queue.text.contains("My own front door"), "{label}");
        assert!(queue.text.contains("Themes: Home, Direct payments"), "{label}");
        assert!(queue.text.contains(r#"<option value="Home" selected>Home</option>"#), "{}", queue.text);
        let jsonl = browser.get("/admin/export.jsonl?status=all&theme=Home").await;
        let lines: Vec<serde_json::Value> = jsonl.text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
        assert_eq!(lines.len(), 1, "{label}: {}", jsonl.text);
        assert_eq!(lines[0]["themes"], serde_json::json!(["Home", "Direct payments"]));
        assert!(
            lines[0]["reframing_findings"].as_u64().unwrap() >= 1,
            "“suffers from” and “care package” are findings: {}",
            lines[0]
        );
        let csv = browser.get("/admin/export.csv?status=all").await.text;
        let mut reader = csv::Reader::from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
        let header = reader.headers().unwrap().clone();
        let column = |name: &str| header.iter().position(|c| c == name).unwrap();
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        let row = |id: &str| rows.iter().find(|r| &r[0] == id).unwrap().clone();
        assert_eq!(&row(&home)[column("themes")], "Home; Direct payments");
        assert_eq!((&row(&untagged)[column("themes")], &row(&untagged)[column("reframing_findings")]), ("", "0"));

        let wall = harness.get("/api/v1/campaigns/socialcarefuture/stories?theme=home").await;
        assert_eq!(wall.status, StatusCode::OK, "{label}: {}", wall.text);
        assert_eq!(wall.body["theme"], "Home");
        let ids: Vec<&str> =
            wall.body["stories"].as_array().unwrap().iter().map(|s| s["id"].as_str().unwrap()).collect();
        assert_eq!(ids, [home.as_str()], "{label}");
        let care_wall =
            harness.get("/api/v1/campaigns/socialcarefuture/stories?theme=Home+care&prompt=home-and-people").await;
        assert_eq!(care_wall.body["stories"][0]["id"], care, "{label}: {}", care_wall.text);
        let refused = harness.get("/api/v1/campaigns/socialcarefuture/stories?theme=Garden").await;
        assert_eq!(refused.status, StatusCode::BAD_REQUEST);
        assert!(refused.text.contains("Home, Direct payments, Home care"), "{}", refused.text);

        // Untagging: no box ticked clears them.
        assert_eq!(tag(&mut browser, &home, &[]).await.status, StatusCode::SEE_OTHER);
        let none = harness.get("/api/v1/campaigns/socialcarefuture/stories?theme=Home").await;
        assert_eq!(none.body["stories"], serde_json::json!([]), "{label}");
    }
}

#[tokio::test]
async fn a_theme_the_campaign_does_not_have_is_refused_with_a_reason_and_nothing_changes() {
    for harness in harnesses().await {
        let id = add_story(&harness.store, story("socialcarefuture", "A story", "Words")).await;
        let mut browser = signed_in(&harness.store).await;
        assert_eq!(tag(&mut browser, &id, &["Home"]).await.status, StatusCode::SEE_OTHER);
        let refused = tag(&mut browser, &id, &["Home care", "Gardening"]).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(refused.text.contains("“Gardening” is not one of this campaign's themes"), "{}", refused.text);
        let story = harness.store.get_story(&id).await.unwrap().unwrap();
        assert_eq!(story.themes, ["Home"], "the themes before are kept");
        let no_csrf = browser.post(&format!("/admin/stories/{id}/themes"), &[("theme", "Home care")]).await;
        assert_eq!(no_csrf.status, StatusCode::FORBIDDEN);
        let queue = browser.get("/admin?theme=Gardening").await;
        assert_eq!(queue.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            queue.text.contains("Theme must be one of the campaigns&#39; themes in the list")
                || queue.text.contains("Theme must be one of the campaigns' themes in the list"),
            "{}",
            queue.text
        );
    }
}

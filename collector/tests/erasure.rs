//! An erasure request in the console: find a person's stories by email or name, confirm, and they
//! are gone for good, with an audit record that holds none of their words. SQLite and PostgreSQL.

mod support;

use axum::http::StatusCode;
use support::console::{add_story, signed_in, story};
use support::databases;

#[tokio::test]
async fn a_persons_stories_can_be_found_confirmed_and_deleted_for_good() {
    for db in databases().await {
        let store = &db.store;
        let first =
            add_story(store, story("socialcarefuture", "Allotment Saturdays", "Tea with Jo at 4 Elm Road")).await;
        let second = add_story(store, story("other", "My choir", "We sing on Thursdays")).await;
        let mut alex = story("socialcarefuture", "Alex's own story", "Not Sam's");
        alex.sent.name = Some("Alex Smith".into());
        alex.sent.email = Some("alex@example.org".into());
        let kept = add_story(store, alex).await;
        let mut browser = signed_in(store).await;

        let queue = browser.get("/admin").await;
        assert!(queue.text.contains(r#"href="/admin/erase""#), "the queue links to erasure");

        let empty = browser.get("/admin/erase?who=").await;
        assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", db.label);
        assert!(
            empty.text.contains("There is a problem")
                && empty.text.contains("Enter the person's email address or name")
        );

        let found = browser.get("/admin/erase?who=SAM%40example.org").await;
        assert_eq!(found.status, StatusCode::OK);
        assert!(found.text.contains("2 stories found"), "{}", found.text);
        assert!(found.text.contains("Allotment Saturdays") && found.text.contains("My choir"));
        assert!(!found.text.contains("Alex"), "another person's story is not listed");
        let by_name = browser.get("/admin/erase?who=sam+jon").await;
        assert!(by_name.text.contains("2 stories found"), "a part of the name finds them too");
        let nobody = browser.get("/admin/erase?who=nobody%40example.org").await;
        assert!(nobody.text.contains("No stories found"), "{}", nobody.text);

        let confirm = browser.get("/admin/erase/confirm?who=sam%40example.org").await;
        assert!(confirm.text.contains("Are you sure you want to delete 2 stories for good?"), "{}", confirm.text);
        let csrf = confirm.csrf();
        let ids = format!("{first},{second}");
        let refused =
            browser.post("/admin/erase", &[("csrf", "forged"), ("who", "sam@example.org"), ("ids", &ids)]).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
        assert!(store.get_story(&first).await.unwrap().is_some(), "{}: nothing deleted without the token", db.label);

        // A story that arrives after the confirmation page was shown is not deleted unseen.
        let later = add_story(store, story("socialcarefuture", "Sent later", "After the page")).await;
        let done = browser.post("/admin/erase", &[("csrf", &csrf), ("who", "sam@example.org"), ("ids", &ids)]).await;
        assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.text);
        assert_eq!(done.location(), "/admin/erase?deleted=2");
        assert!(browser.get(done.location()).await.text.contains("2 stories deleted for good."));
        for (id, there) in [(&first, false), (&second, false), (&kept, true), (&later, true)] {
            assert_eq!(store.get_story(id).await.unwrap().is_some(), there, "{}: {id}", db.label);
        }

        let audit: Vec<(String, String, i64, String)> =
            sqlx::query_as("SELECT moderator, action, stories, story_ids FROM audit_log")
                .fetch_all(store.pool())
                .await
                .unwrap();
        assert_eq!(audit.len(), 1, "{}", db.label);
        let (moderator, action, count, story_ids) = &audit[0];
        assert_eq!((moderator.as_str(), action.as_str(), *count), ("sam", "erasure", 2));
        assert!(story_ids.contains(&first) && story_ids.contains(&second));
        let row = format!("{audit:?}");
        for secret in ["Elm Road", "Allotment", "sam@example.org", "Sam Jones"] {
            assert!(!row.contains(secret), "{}: the audit log holds no words of theirs: {row}", db.label);
        }
    }
}

//! Moderators see only the campaigns they are given: another campaign's stories are "not found"
//! everywhere (the story, its buttons, the queue, search, exports, erasure). Admins see the other
//! moderators and can remove one, who is signed out at once. SQLite and PostgreSQL.

mod support;

use axum::http::StatusCode;
use collector::admin::session::Scope;
use collector::admin::{AdminConfig, moderators};
use collector::store::Status;
use support::console::{Browser, PASSWORD, add_story, campaigns, signed_in, story};
use support::databases;

#[tokio::test]
async fn a_moderator_of_one_campaign_gets_not_found_for_anothers_stories() {
    for db in databases().await {
        let store = &db.store;
        let ours = add_story(store, story("socialcarefuture", "Our allotment", "Tea at the allotment")).await;
        let theirs = add_story(store, story("other", "Their secret title", "Words from elsewhere")).await;
        let mut sam = signed_in(store).await;
        moderators::set_access(store, "sam", &Scope::Only(vec!["socialcarefuture".into()]), false).await.unwrap();

        assert_eq!(sam.get(&format!("/admin/stories/{ours}")).await.status, StatusCode::OK, "{}", db.label);
        let page = sam.get(&format!("/admin/stories/{theirs}")).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{}", db.label);
        assert!(!page.text.contains("Their secret title"));
        let csrf = sam.get("/admin").await.csrf();
        for action in ["approve", "reject"] {
            let done = sam.post(&format!("/admin/stories/{theirs}/{action}"), &[("csrf", &csrf)]).await;
            assert_eq!(done.status, StatusCode::NOT_FOUND, "{}: {action}", db.label);
        }
        let redact = [("csrf", csrf.as_str()), ("published_title", "Changed"), ("published_body", "Changed words")];
        assert_eq!(sam.post(&format!("/admin/stories/{theirs}/redact"), &redact).await.status, StatusCode::NOT_FOUND);
        let untouched = store.get_story(&theirs).await.unwrap().unwrap();
        assert_eq!((untouched.status, untouched.published_title), (Status::New, None), "{}", db.label);

        for path in ["/admin?status=all", "/admin?status=all&campaign=other", "/admin?status=all&q=secret"] {
            let queue = sam.get(path).await;
            assert!(!queue.text.contains("Their secret title"), "{}: {path}", db.label);
        }
        let queue = sam.get("/admin?status=all").await;
        assert!(queue.text.contains("Our allotment") && !queue.text.contains("Other campaign"), "{}", db.label);
        for path in ["/admin/export.csv?status=all", "/admin/export.jsonl?status=all&campaign=other"] {
            let export = sam.get(path).await;
            assert_eq!(export.status, StatusCode::OK);
            assert!(!export.text.contains("Words from elsewhere"), "{}: {path}", db.label);
        }
        assert!(sam.get("/admin/export.csv?status=all").await.text.contains("Tea at the allotment"));
        let erasure = sam.get("/admin/erase?who=sam%40example.org").await;
        assert!(erasure.text.contains("1 story found") && !erasure.text.contains("Their secret title"), "{}", db.label);
        assert_eq!(sam.get("/admin/moderators").await.status, StatusCode::NOT_FOUND, "only admins see moderators");
    }
}

#[tokio::test]
async fn an_admin_removes_a_moderator_who_is_signed_out_at_once() {
    for db in databases().await {
        let store = &db.store;
        let mut sam = signed_in(store).await;
        moderators::add_or_reset(store, "ana", PASSWORD).await.unwrap();
        moderators::set_access(store, "ana", &Scope::All, true).await.unwrap();
        let mut ana = Browser::console(store, campaigns(None), AdminConfig::default());
        assert_eq!(ana.log_in("ana", PASSWORD).await.status, StatusCode::SEE_OTHER);

        let list = ana.get("/admin/moderators").await;
        assert_eq!(list.status, StatusCode::OK, "{}", db.label);
        assert!(list.text.contains("<td>sam</td>") && list.text.contains("Every campaign"), "{}", list.text);
        assert!(ana.get("/admin").await.text.contains(r#"href="/admin/moderators""#));
        let csrf = list.csrf();
        let forged = ana.post("/admin/moderators/remove", &[("csrf", "forged"), ("username", "sam")]).await;
        assert_eq!(forged.status, StatusCode::FORBIDDEN);
        let myself = ana.post("/admin/moderators/remove", &[("csrf", &csrf), ("username", "ana")]).await;
        assert_eq!(myself.status, StatusCode::UNPROCESSABLE_ENTITY);

        let removed = ana.post("/admin/moderators/remove", &[("csrf", &csrf), ("username", "sam")]).await;
        assert_eq!(removed.status, StatusCode::SEE_OTHER, "{}", removed.text);
        assert!(ana.get(removed.location()).await.text.contains("removed and signed out"));
        let after = sam.get("/admin").await;
        assert_eq!((after.status, after.location()), (StatusCode::SEE_OTHER, "/admin/login"), "{}", db.label);
        sam.forget_cookies();
        assert_eq!(sam.log_in("sam", PASSWORD).await.status, StatusCode::UNAUTHORIZED, "{}", db.label);
    }
}

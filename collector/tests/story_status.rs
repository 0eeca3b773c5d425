//! The storyteller hears what happened: with the receipt they hold, the API and a page they can
//! keep say whether their story is waiting, published, not published or withdrawn, and nothing
//! else. On SQLite and PostgreSQL.

mod support;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use collector::store::Status;
use support::api::{Harness, Reply, key, story, unlimited};

async fn harnesses() -> Vec<Harness> {
    let mut all = vec![Harness::sqlite(unlimited()).await];
    all.extend(Harness::postgres(unlimited()).await);
    all
}

async fn state(h: &Harness, id: &str, token: Option<&str>) -> Reply {
    let mut request = Request::get(format!("/api/v1/stories/{id}"));
    if let Some(token) = token {
        request = request.header("authorization", format!("Bearer {token}"));
    }
    h.send(request.body(Body::empty()).unwrap()).await
}

/// Sends a story (agreeing to publication or not): its id and withdraw token.
async fn send(h: &Harness, publish: bool) -> (String, String) {
    let mut sent = story();
    sent["consent"]["publish"] = publish.into();
    let reply = h.post_story(&sent, Some(&key())).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text);
    (reply.body["id"].as_str().unwrap().to_owned(), reply.body["delete_token"].as_str().unwrap().to_owned())
}

#[tokio::test]
async fn the_receipt_says_what_became_of_the_story_and_nothing_more() {
    for h in harnesses().await {
        let label = format!("{:?}", h.store.backend());
        let (id, token) = send(&h, true).await;
        let waiting = state(&h, &id, Some(&token)).await;
        assert_eq!(waiting.status, StatusCode::OK, "{label}: {}", waiting.text);
        assert_eq!(waiting.body, serde_json::json!({ "id": id, "state": "waiting" }), "only the state");
        assert_eq!(waiting.headers["cache-control"], "no-store");

        h.store.set_status(&id, Status::Approved, "sam").await.unwrap();
        assert_eq!(state(&h, &id, Some(&token)).await.body["state"], "published", "{label}");
        h.store.set_status(&id, Status::Rejected, "sam").await.unwrap();
        assert_eq!(state(&h, &id, Some(&token)).await.body["state"], "not_published", "{label}");
        let (private, private_token) = send(&h, false).await;
        h.store.set_status(&private, Status::Approved, "sam").await.unwrap();
        assert_eq!(
            state(&h, &private, Some(&private_token)).await.body["state"],
            "not_published",
            "kept, not on the wall"
        );

        // The page they keep, without JavaScript, in English or Welsh.
        let page = h.get(&format!("/my-story?id={id}&token={token}")).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.text.contains("<h1>What has happened to your story</h1>"), "{}", page.text);
        assert!(page.text.contains("it has not been published on the story wall"), "{}", page.text);
        assert!(!page.text.contains("sam"), "never who moderated it: {}", page.text);
        assert_eq!(page.headers["cache-control"], "no-store");
        let welsh = h.get(&format!("/my-story?id={private}&token={private_token}&lang=cy")).await;
        assert!(welsh.text.contains(r#"<html lang="cy">"#) && welsh.text.contains("nid yw"), "{}", welsh.text);

        let withdrawn =
            Request::delete(format!("/api/v1/stories/{id}")).header("authorization", format!("Bearer {token}"));
        assert_eq!(h.send(withdrawn.body(Body::empty()).unwrap()).await.status, StatusCode::NO_CONTENT);
        assert_eq!(state(&h, &id, Some(&token)).await.body["state"], "withdrawn", "{label}");
        let page = h.get(&format!("/my-story?id={id}&token={token}")).await;
        assert!(page.text.contains("You withdrew your story, and it has been deleted."), "{}", page.text);
        let kept: Vec<String> =
            sqlx::query_scalar("SELECT token_hash FROM withdrawn_receipts").fetch_all(h.store.pool()).await.unwrap();
        assert_eq!(kept, [collector::tokens::sha256_hex(token.as_bytes())], "only the token's hash is kept");
    }
}

#[tokio::test]
async fn a_wrong_or_missing_receipt_learns_nothing() {
    for h in harnesses().await {
        let (id, token) = send(&h, true).await;
        let (other, _) = send(&h, true).await;
        let missing = state(&h, &id, None).await;
        assert_eq!(missing.status, StatusCode::UNAUTHORIZED);
        assert!(missing.text.contains("use the link you were given"), "{}", missing.text);
        let wrong = state(&h, &id, Some("not-the-token")).await;
        let unknown = state(&h, "st_nothing", Some(&token)).await;
        let crossed = state(&h, &other, Some(&token)).await;
        for reply in [&wrong, &unknown, &crossed] {
            assert_eq!(reply.status, StatusCode::NOT_FOUND, "{}", reply.text);
            assert_eq!(reply.body["detail"], wrong.body["detail"], "the same answer, whatever was wrong");
        }
        let incomplete = h.get(&format!("/my-story?id={id}")).await;
        assert_eq!(incomplete.status, StatusCode::BAD_REQUEST);
        assert!(incomplete.text.contains("This link is not complete"), "{}", incomplete.text);
        let wrong_page = h.get(&format!("/my-story?id={id}&token=nope")).await;
        assert_eq!(wrong_page.status, StatusCode::NOT_FOUND);
        assert!(wrong_page.text.contains("We could not find your story"), "{}", wrong_page.text);
    }
}

//! The one email to a storyteller: sent through the campaign's SMTP server when their story is
//! published, only if they agreed to be contacted, and only once. On SQLite and PostgreSQL.

mod support;

use axum::http::StatusCode;
use collector::admin::AdminConfig;
use collector::campaigns::Campaigns;
use std::sync::Arc;
use support::console::{Browser, PASSWORD, add_story, story};
use support::databases;
use support::smtp::SmtpServer;

fn campaigns(smtp_port: u16) -> Arc<Campaigns> {
    let text = format!(
        "[[campaign]]\nid = \"socialcarefuture\"\nname = \"#socialcarefuture\"\n\
         link = \"https://socialcarefuture.org.uk\"\n\
         [campaign.email]\nsmtp_url = \"smtp://127.0.0.1:{smtp_port}\"\nfrom = \"#socialcarefuture <stories@example.org>\"\n"
    );
    Arc::new(Campaigns::parse(&text, "test campaigns").unwrap())
}

async fn decide(browser: &mut Browser, id: &str, decision: &str) {
    let page = browser.get(&format!("/admin/stories/{id}")).await;
    let done = browser.post(&format!("/admin/stories/{id}/{decision}"), &[("csrf", &page.csrf())]).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.text);
}

#[tokio::test]
async fn a_published_story_tells_its_storyteller_once_and_only_if_they_agreed() {
    for db in databases().await {
        let smtp = SmtpServer::start().await;
        collector::admin::moderators::add_or_reset(&db.store, "sam", PASSWORD).await.unwrap();
        let mut browser = Browser::console(&db.store, campaigns(smtp.port), AdminConfig::default());
        browser.log_in("sam", PASSWORD).await;
        let agreed = add_story(&db.store, story("socialcarefuture", "Tea at the allotment", "Words")).await;
        let mut no_contact = story("socialcarefuture", "Kept to myself", "Words");
        no_contact.sent.contact = false;
        let no_contact = add_story(&db.store, no_contact).await;
        let mut private = story("socialcarefuture", "Not for the wall", "Words");
        private.sent.publish = false;
        let private = add_story(&db.store, private).await;

        decide(&mut browser, &agreed, "approve").await;
        let sent = smtp.wait_for(1).await;
        assert_eq!(sent.len(), 1, "{}", db.label);
        assert_eq!(
            (sent[0].from.as_str(), sent[0].to.as_slice()),
            ("<stories@example.org>", &["<sam@example.org>".to_owned()][..])
        );
        assert!(sent[0].data.contains("Subject: Your story is published"), "{}", sent[0].data);
        // The body is quoted-printable: its soft line breaks joined up.
        let body = sent[0].data.replace("=\n", "");
        assert!(
            body.contains(
                "It is now published on the campaign's story wall. You can see it at https://socialcarefuture.org.uk."
            ),
            "{body}"
        );
        assert!(body.contains("Tea at the allotment"), "{body}");

        // Approved again after a change of mind, and the others: no more email.
        decide(&mut browser, &agreed, "reject").await;
        decide(&mut browser, &agreed, "approve").await;
        decide(&mut browser, &no_contact, "approve").await;
        decide(&mut browser, &private, "approve").await;
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        assert_eq!(smtp.received.lock().unwrap().len(), 1, "{}: one email, once", db.label);
        let marked: Option<i64> = sqlx::query_scalar("SELECT published_email_at FROM stories WHERE id = $1")
            .bind(&agreed)
            .fetch_one(db.store.pool())
            .await
            .unwrap();
        assert!(marked.is_some(), "{}", db.label);
        let page = browser.get(&format!("/admin/stories/{agreed}")).await;
        assert!(page.text.contains("<dt>Told it is published</dt><dd>By email, "), "{}", page.text);
        let page = browser.get(&format!("/admin/stories/{no_contact}")).await;
        assert!(!page.text.contains("Told it is published"), "{}", db.label);
    }
}

#[tokio::test]
async fn an_email_the_server_did_not_take_is_tried_again_at_the_next_approval() {
    for db in databases().await {
        // Nothing listens on this port at first.
        let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        collector::admin::moderators::add_or_reset(&db.store, "sam", PASSWORD).await.unwrap();
        let mut browser = Browser::console(&db.store, campaigns(closed), AdminConfig::default());
        browser.log_in("sam", PASSWORD).await;
        let id = add_story(&db.store, story("socialcarefuture", "Tea", "Words")).await;
        decide(&mut browser, &id, "approve").await;
        let unmarked = async {
            for _ in 0..100 {
                let at: Option<i64> = sqlx::query_scalar("SELECT published_email_at FROM stories WHERE id = $1")
                    .bind(&id)
                    .fetch_one(db.store.pool())
                    .await
                    .unwrap();
                if at.is_none() {
                    return true;
                }
                tokio::time::sleep(std::time::Duration::from_millis(50)).await;
            }
            false
        };
        assert!(unmarked.await, "{}: a failed email is not marked as sent", db.label);
        let smtp = SmtpServer::start().await;
        let mut browser = Browser::console(&db.store, campaigns(smtp.port), AdminConfig::default());
        browser.log_in("sam", PASSWORD).await;
        decide(&mut browser, &id, "approve").await;
        assert_eq!(smtp.wait_for(1).await.len(), 1, "{}", db.label);
    }
}

#[test]
fn the_email_settings_are_checked_at_start_up() {
    let parse = |email: &str| {
        Campaigns::parse(&format!("[[campaign]]\nid = \"x\"\nname = \"X\"\n[campaign.email]\n{email}\n"), "t")
    };
    assert!(parse("smtp_url = \"smtps://u:p@mail.example:465\"\nfrom = \"X <x@example.org>\"").is_ok());
    assert!(parse("smtp_url = \"mail.example\"\nfrom = \"x@example.org\"").unwrap_err().contains("email.smtp_url"));
    assert!(parse("smtp_url = \"smtp://mail.example\"\nfrom = \"not an address\"").unwrap_err().contains("email.from"));
}

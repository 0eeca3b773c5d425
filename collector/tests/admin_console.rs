//! The moderation console end to end on real databases: signing in, lockout, CSRF, cookies,
//! decisions and redactions with their history, escaping, filters, search and exports.

mod support;

use axum::http::StatusCode;
use collector::admin::session::SESSION_COOKIE;
use collector::admin::{AdminConfig, moderators};
use collector::store::Status;
use collector::tokens::sha256_hex;
use support::console::{Browser, PASSWORD, add_story, campaigns, signed_in, story};
use support::databases;

#[tokio::test]
async fn signing_in_opens_a_session_kept_only_as_a_hash() {
    for db in databases().await {
        let mut browser = signed_in(&db.store).await;
        let token = browser.cookie(SESSION_COOKIE).expect("a session cookie").to_owned();
        let stored: Vec<String> =
            sqlx::query_scalar("SELECT token_hash FROM admin_sessions").fetch_all(db.store.pool()).await.unwrap();
        assert_eq!(stored, [sha256_hex(token.as_bytes())], "{}", db.label);
        let queue = browser.get("/admin").await;
        assert_eq!(queue.status, StatusCode::OK, "{}", db.label);
        assert!(queue.text.contains("New stories to moderate"), "{}", db.label);
        assert!(queue.text.contains("Signed in as <strong>sam</strong>"));
        assert_eq!(queue.headers["cache-control"], "no-store");
    }
}

#[tokio::test]
async fn cookies_are_http_only_strict_and_secure_over_https() {
    for db in databases().await {
        moderators::add_or_reset(&db.store, "sam", PASSWORD).await.unwrap();
        let plain = Browser::console(&db.store, campaigns(None), AdminConfig::default()).log_in("sam", PASSWORD).await;
        let cookie = plain.set_cookies().into_iter().find(|c| c.starts_with(SESSION_COOKIE)).unwrap();
        assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && cookie.contains("Path=/admin"));
        assert!(!cookie.contains("Secure"), "plain HTTP cannot keep a Secure cookie: {cookie}");

        let proxied = AdminConfig { trust_proxy: true, ..AdminConfig::default() };
        let mut browser = Browser::console(&db.store, campaigns(None), proxied);
        browser.extra_headers.push(("x-forwarded-proto", "https".into()));
        let page = browser.log_in("sam", PASSWORD).await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.text);
        assert!(page.set_cookies().iter().all(|c| c.ends_with("; Secure")), "{:?}", page.set_cookies());
        // Secure cookies carry the __Host- prefix (so Path=/), and only that name is read over HTTPS.
        let session = page.set_cookies().into_iter().find(|c| c.contains(SESSION_COOKIE)).unwrap();
        assert!(
            session.starts_with(&format!("__Host-{SESSION_COOKIE}=")) && session.contains("; Path=/;"),
            "{session}"
        );
        assert_eq!(browser.get("/admin").await.status, StatusCode::OK, "the __Host- session signs in");
        let token = browser.cookie(&format!("__Host-{SESSION_COOKIE}")).unwrap().to_owned();
        browser.forget_cookies();
        browser.extra_headers.push(("cookie", format!("{SESSION_COOKIE}={token}")));
        assert_eq!(browser.get("/admin").await.status, StatusCode::SEE_OTHER, "a plain-named cookie is not read");

        let forced = AdminConfig { secure_cookies: true, ..AdminConfig::default() };
        let page = Browser::console(&db.store, campaigns(None), forced).log_in("sam", PASSWORD).await;
        assert!(page.set_cookies().iter().all(|c| c.ends_with("; Secure")));

        // An untrusted X-Forwarded-Proto is ignored.
        let mut browser = Browser::console(&db.store, campaigns(None), AdminConfig::default());
        browser.extra_headers.push(("x-forwarded-proto", "https".into()));
        let page = browser.log_in("sam", PASSWORD).await;
        assert!(page.set_cookies().iter().all(|c| !c.contains("Secure")));
    }
}

#[tokio::test]
async fn a_wrong_password_says_so_and_five_lock_the_account() {
    for db in databases().await {
        moderators::add_or_reset(&db.store, "sam", PASSWORD).await.unwrap();
        let mut browser = Browser::console(&db.store, campaigns(None), AdminConfig::default());
        let page = browser.log_in("sam", "not the password").await;
        assert_eq!(page.status, StatusCode::UNAUTHORIZED);
        assert!(page.text.contains("There is a problem") && page.text.contains("not right"), "{}", page.text);
        assert!(page.text.contains(r#"value="sam""#), "the username is kept");
        assert!(browser.cookie(SESSION_COOKIE).is_none());

        let unknown = browser.log_in("nobody", "whatever").await;
        assert_eq!(unknown.status, StatusCode::UNAUTHORIZED, "an unknown name reads the same as a wrong password");

        for _ in 0..3 {
            browser.log_in("sam", "not the password").await;
        }
        let locked = browser.log_in("sam", "not the password").await;
        assert_eq!(locked.status, StatusCode::TOO_MANY_REQUESTS, "{}", db.label);
        assert!(locked.text.contains("locked") && locked.text.contains("15 minutes"), "{}", locked.text);
        let still = browser.log_in("sam", PASSWORD).await;
        assert_eq!(still.status, StatusCode::TOO_MANY_REQUESTS, "even the right password waits out the lock");
        assert!(browser.cookie(SESSION_COOKIE).is_none());
    }
}

#[tokio::test]
async fn forms_without_the_csrf_token_change_nothing() {
    for db in databases().await {
        let id = add_story(&db.store, story("socialcarefuture", "A title", "A story")).await;
        let mut browser = signed_in(&db.store).await;
        for token in ["", "0123456789abcdef"] {
            let page = browser.post(&format!("/admin/stories/{id}/approve"), &[("csrf", token)]).await;
            assert_eq!(page.status, StatusCode::FORBIDDEN, "{}", db.label);
            assert!(page.text.contains("This form has expired"));
        }
        assert_eq!(db.store.get_story(&id).await.unwrap().unwrap().status, Status::New);
        let page = browser.post("/admin/logout", &[("csrf", "wrong")]).await;
        assert_eq!(page.status, StatusCode::FORBIDDEN);

        // The login form has a token of its own, tied to a cookie.
        let mut stranger = Browser::console(&db.store, campaigns(None), AdminConfig::default());
        let page =
            stranger.post("/admin/login", &[("csrf", "forged"), ("username", "sam"), ("password", PASSWORD)]).await;
        assert_eq!(page.status, StatusCode::FORBIDDEN);
    }
}

#[tokio::test]
async fn without_a_session_everything_leads_to_sign_in() {
    for db in databases().await {
        let id = add_story(&db.store, story("socialcarefuture", "A title", "A story")).await;
        let mut browser = Browser::console(&db.store, campaigns(None), AdminConfig::default());
        for path in ["/admin".to_owned(), format!("/admin/stories/{id}"), "/admin/export.csv".into()] {
            let page = browser.get(&path).await;
            assert_eq!((page.status, page.location()), (StatusCode::SEE_OTHER, "/admin/login"), "{path}");
        }
        let page = browser.post(&format!("/admin/stories/{id}/approve"), &[("csrf", "x")]).await;
        assert_eq!(page.status, StatusCode::SEE_OTHER);
        assert_eq!(db.store.get_story(&id).await.unwrap().unwrap().status, Status::New);
    }
}

#[tokio::test]
async fn signing_out_ends_the_session() {
    for db in databases().await {
        let mut browser = signed_in(&db.store).await;
        let csrf = browser.get("/admin").await.csrf();
        let page = browser.post("/admin/logout", &[("csrf", &csrf)]).await;
        assert_eq!((page.status, page.location()), (StatusCode::SEE_OTHER, "/admin/login"));
        let sessions: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM admin_sessions").fetch_one(db.store.pool()).await.unwrap();
        assert_eq!(sessions, 0);
        assert_eq!(browser.get("/admin").await.status, StatusCode::SEE_OTHER);
    }
}

#[tokio::test]
async fn approve_reject_and_redact_keep_the_original_and_the_history() {
    for db in databases().await {
        let id = add_story(&db.store, story("socialcarefuture", "My home", "I live with Sam at 4 Elm Road.")).await;
        let mut browser = signed_in(&db.store).await;
        let page = browser.get(&format!("/admin/stories/{id}")).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(
            page.text.contains(r#"id="published_name" name="published_name" type="text" value="Sam""#),
            "{}",
            page.text
        );
        assert!(page.text.contains(r#"id="published_area" name="published_area" type="text" value="Leeds""#));
        let csrf = page.csrf();

        let redact = [("csrf", csrf.as_str()), ("published_title", "My home"), ("published_body", "I live with Sam.")];
        let page = browser.post(&format!("/admin/stories/{id}/redact"), &redact).await;
        assert_eq!(
            (page.status, page.location()),
            (StatusCode::SEE_OTHER, &*format!("/admin/stories/{id}?done=redacted"))
        );
        let again = [
            ("csrf", csrf.as_str()),
            ("published_title", "Home"),
            ("published_body", "I live with a friend."),
            ("published_name", " "),
            ("published_area", "West Yorkshire"),
        ];
        browser.post(&format!("/admin/stories/{id}/redact"), &again).await;
        let page = browser.post(&format!("/admin/stories/{id}/approve"), &[("csrf", &csrf)]).await;
        assert_eq!(page.status, StatusCode::SEE_OTHER);

        let stored = db.store.get_story(&id).await.unwrap().unwrap();
        assert_eq!(stored.status, Status::Approved, "{}", db.label);
        assert_eq!(stored.sent.body, "I live with Sam at 4 Elm Road.", "the person's words are kept");
        assert_eq!(stored.published_body.as_deref(), Some("I live with a friend."));
        assert_eq!((stored.shown_name(), stored.shown_area().as_deref()), (None, Some("West Yorkshire")));
        assert_eq!(
            (stored.sent.name.as_deref(), stored.sent.area.as_deref()),
            (Some("Sam Jones"), Some("Leeds")),
            "kept"
        );
        assert_eq!((stored.moderated_by.as_deref(), stored.redacted_by.as_deref()), (Some("sam"), Some("sam")));
        let history = collector::admin::moderation::history(&db.store, &id).await.unwrap();
        assert_eq!(history.len(), 2);
        assert_eq!((history[0].old.as_ref(), history[0].new.body.as_str()), (None, "I live with Sam."));
        assert_eq!(history[1].old.as_ref().map(|old| old.body.as_str()), Some("I live with Sam."));
        assert_eq!(
            (history[1].new.name.as_deref(), history[1].new.area.as_deref()),
            (Some(""), Some("West Yorkshire"))
        );

        let page = browser.get(&format!("/admin/stories/{id}?done=approved")).await;
        assert!(page.text.contains("Story approved.") && page.text.contains("Changes to what is published"));
        assert!(page.text.contains("Name: none. Area: West Yorkshire."), "{}", page.text);

        let empty = [("csrf", csrf.as_str()), ("published_title", " "), ("published_body", "text")];
        let page = browser.post(&format!("/admin/stories/{id}/redact"), &empty).await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(page.text.contains("There is a problem") && page.text.contains(r##"href="#published_title""##));
        let long_area = "North ".repeat(20);
        let long = [
            ("csrf", csrf.as_str()),
            ("published_title", "Home"),
            ("published_body", "text"),
            ("published_area", &long_area),
        ];
        let page = browser.post(&format!("/admin/stories/{id}/redact"), &long).await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(page.text.contains(r##"href="#published_area""##) && page.text.contains("100 characters or fewer"));
        assert!(page.text.contains(long_area.trim()), "what they typed stays");

        let page = browser.post(&format!("/admin/stories/{id}/reject"), &[("csrf", &csrf)]).await;
        assert_eq!(page.status, StatusCode::SEE_OTHER);
        assert_eq!(db.store.get_story(&id).await.unwrap().unwrap().status, Status::Rejected);
        let missing = browser.post("/admin/stories/no-such-story/approve", &[("csrf", &csrf)]).await;
        assert_eq!(missing.status, StatusCode::NOT_FOUND);
    }
}

const SCRIPT: &str = "<script>alert(1)</script>";
const ATTRIBUTE: &str = "\"><img src=x onerror=alert(1)>";

#[tokio::test]
async fn story_text_is_escaped_everywhere_in_the_console() {
    for db in databases().await {
        let mut hostile = story("socialcarefuture", SCRIPT, &format!("{ATTRIBUTE} and a service user {SCRIPT}"));
        hostile.sent.name = Some(ATTRIBUTE.into());
        hostile.sent.area = Some(SCRIPT.into());
        let id = add_story(&db.store, hostile).await;
        let mut browser = signed_in(&db.store).await;
        let queue = browser.get("/admin?q=onerror").await;
        let page = browser.get(&format!("/admin/stories/{id}")).await;
        let csrf = page.csrf();
        let redact = [("csrf", csrf.as_str()), ("published_title", SCRIPT), ("published_body", ATTRIBUTE)];
        browser.post(&format!("/admin/stories/{id}/redact"), &redact).await;
        let after = browser.get(&format!("/admin/stories/{id}")).await;
        for html in [&queue.text, &page.text, &after.text] {
            assert!(!html.contains("<script>alert") && !html.contains("<img src=x"), "unescaped: {html}");
            assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "{html}");
        }
        assert!(page.text.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"));
        assert!(page.text.contains("<mark>"), "the reframing engine's findings are marked");
        assert!(queue.headers["content-security-policy"].to_str().unwrap().contains("default-src 'none'"));
    }
}

#[tokio::test]
async fn a_story_that_may_tell_of_harm_is_first_in_the_queue_until_a_person_decides() {
    for db in databases().await {
        let mut harm = story("socialcarefuture", "Evenings", "When he drinks he hit me.");
        harm.safeguarding = vec!["hit me".into()];
        harm.created_at -= 60_000;
        let flagged = add_story(&db.store, harm).await;
        add_story(&db.store, story("socialcarefuture", "Mornings", "Tea and the radio.")).await;
        let mut browser = signed_in(&db.store).await;

        let queue = browser.get("/admin").await.text;
        let (first, second) = (queue.find("Evenings").unwrap(), queue.find("Mornings").unwrap());
        assert!(first < second, "the older story that may tell of harm comes first, {}", db.label);
        assert_eq!(queue.matches("Needs a person to look first").count(), 1, "and only it is marked");
        let page = browser.get(&format!("/admin/stories/{flagged}")).await.text;
        assert!(page.contains("Needs a person to look first") && page.contains("It mentions “hit me”"), "{page}");
        assert!(page.contains("Jo Patel, safeguarding lead, 0113 496 0000"), "the campaign's contact is named");

        db.store.set_status(&flagged, Status::Rejected, "sam").await.unwrap();
        let all = browser.get("/admin?status=all").await.text;
        assert!(all.find("Mornings").unwrap() < all.find("Evenings").unwrap(), "decided: back in date order");
    }
}

#[tokio::test]
async fn the_queue_filters_by_campaign_status_date_and_words() {
    for db in databases().await {
        add_story(&db.store, story("socialcarefuture", "Gardening", "Growing BEANS with my neighbour")).await;
        add_story(&db.store, story("other", "Cooking", "Soup on Sundays")).await;
        let approved = add_story(&db.store, story("socialcarefuture", "Walking", "The canal path")).await;
        db.store.set_status(&approved, Status::Approved, "sam").await.unwrap();
        let mut browser = signed_in(&db.store).await;

        let new = browser.get("/admin").await.text;
        assert!(new.contains("Gardening") && new.contains("Cooking") && !new.contains("Walking"), "{}", db.label);
        let other = browser.get("/admin?campaign=other").await.text;
        assert!(other.contains("Cooking") && !other.contains("Gardening"));
        let found = browser.get("/admin?q=beans&status=all").await.text;
        assert!(found.contains("Gardening") && !found.contains("Cooking"), "search ignores case");
        let wildcard = browser.get("/admin?q=%25&status=all").await.text;
        assert!(wildcard.contains("0 stories match"), "a % is searched for literally");
        let approved_page = browser.get("/admin?status=approved").await.text;
        assert!(approved_page.contains("Walking") && !approved_page.contains("Gardening"));
        let future = browser.get("/admin?status=all&from=2999-01-01").await.text;
        assert!(future.contains("0 stories match"));
        let today = collector::clock::iso(collector::clock::now_ms())[..10].to_owned();
        let dated = browser.get(&format!("/admin?status=all&from={today}&to={today}")).await.text;
        assert!(dated.contains("3 stories match"), "{dated}");
        let bad = browser.get("/admin?from=31%2F12%2F2026").await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(bad.text.contains("must be a real date"));
    }
}

#[tokio::test]
async fn exports_are_excel_safe_csv_and_json_lines_filtered_like_the_queue() {
    for db in databases().await {
        let mut formula = story("socialcarefuture", "=HYPERLINK(\"http://evil.example\",\"x\")", "+1 and more");
        formula.sent.area = Some("@SUM(A1)".into());
        let id = add_story(&db.store, formula).await;
        add_story(&db.store, story("other", "Elsewhere", "-5 degrees")).await;
        add_story(&db.store, story("socialcarefuture", SCRIPT, "Line one\nline two, with a comma")).await;
        let mut browser = signed_in(&db.store).await;

        let csv = browser.get("/admin/export.csv?campaign=socialcarefuture").await;
        assert_eq!(csv.status, StatusCode::OK);
        assert_eq!(csv.headers["content-type"], "text/csv; charset=utf-8");
        assert!(csv.headers["content-disposition"].to_str().unwrap().starts_with("attachment; filename=\"stories-"));
        assert!(csv.text.starts_with('\u{feff}'), "UTF-8 BOM for Excel");
        let mut reader = csv::Reader::from_reader(csv.text.trim_start_matches('\u{feff}').as_bytes());
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 2, "{}: only the filtered campaign", db.label);
        let column = |name: &str| collector::export::COLUMNS.iter().position(|c| *c == name).unwrap();
        let (title, body, area) = (column("title"), column("story"), column("area"));
        let row = rows.iter().find(|r| &r[0] == id.as_str()).unwrap();
        assert_eq!(&row[title], "'=HYPERLINK(\"http://evil.example\",\"x\")");
        assert_eq!(&row[body], "'+1 and more");
        assert_eq!(&row[area], "'@SUM(A1)");
        assert!(rows.iter().any(|r| &r[body] == "Line one\nline two, with a comma" && &r[title] == SCRIPT));

        let jsonl = browser.get("/admin/export.jsonl?status=all").await;
        assert_eq!(jsonl.status, StatusCode::OK);
        let lines: Vec<serde_json::Value> = jsonl.text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
        assert_eq!(lines.len(), 3);
        assert!(lines.iter().any(|l| l["title"] == SCRIPT), "JSON keeps the exact text, escaped by JSON");
        assert!(lines.iter().all(|l| l["answers"].is_object()));
    }
}

#[tokio::test]
async fn moderator_accounts_need_a_real_password_and_a_reset_ends_sessions() {
    for db in databases().await {
        assert!(moderators::add_or_reset(&db.store, "sam", "short").await.is_err());
        assert!(moderators::add_or_reset(&db.store, "two words", PASSWORD).await.is_err());
        let mut browser = signed_in(&db.store).await;
        assert_eq!(browser.get("/admin").await.status, StatusCode::OK);
        let created = moderators::add_or_reset(&db.store, "sam", "another long password").await.unwrap();
        assert!(!created);
        assert_eq!(browser.get("/admin").await.status, StatusCode::SEE_OTHER, "the old session is gone");
        let hash: String = sqlx::query_scalar("SELECT password_hash FROM moderators WHERE username = 'sam'")
            .fetch_one(db.store.pool())
            .await
            .unwrap();
        assert!(hash.starts_with("$argon2id$"));
    }
}

#[tokio::test]
async fn the_console_is_served_by_the_collector_with_its_own_policy() {
    use axum::body::Body;
    use collector::app::{self, AppState, Settings};
    use tower::ServiceExt;
    for db in databases().await {
        let state = AppState::new(db.store.clone(), (*campaigns(None)).clone(), Settings::default());
        let request = axum::http::Request::get("/admin/login").body(Body::empty()).unwrap();
        let response = app::router(state).oneshot(request).await.unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{}", db.label);
        let policy = response.headers()["content-security-policy"].to_str().unwrap();
        assert!(policy.starts_with("default-src 'none'"), "the console keeps its stricter policy: {policy}");
        assert_eq!(response.headers()["x-content-type-options"], "nosniff");
    }
}

#[tokio::test]
async fn a_lockout_at_one_instance_holds_at_the_others() {
    for db in databases().await {
        moderators::add_or_reset(&db.store, "sam", PASSWORD).await.unwrap();
        // Two consoles, each with its own memory, on one database: two instances.
        let mut first = Browser::console(&db.store, campaigns(None), AdminConfig::default());
        let mut second = Browser::console(&db.store, campaigns(None), AdminConfig::default());
        for n in 0..5 {
            let browser = if n % 2 == 0 { &mut first } else { &mut second };
            browser.log_in("sam", "not the password").await;
        }
        let page = second.log_in("sam", PASSWORD).await;
        assert_eq!(page.status, StatusCode::TOO_MANY_REQUESTS, "{}: five failures across two instances lock", db.label);
        let page = first.log_in("sam", PASSWORD).await;
        assert_eq!(page.status, StatusCode::TOO_MANY_REQUESTS, "{}", db.label);
    }
}

#[tokio::test]
async fn tidying_forgets_expired_sessions_and_old_failures_but_keeps_live_ones() {
    for db in databases().await {
        let mut browser = signed_in(&db.store).await;
        browser.log_in("nobody", "whatever").await;
        let count = |table: &'static str| {
            let pool = db.store.pool().clone();
            async move {
                sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM {table}")))
                    .fetch_one(&pool)
                    .await
                    .unwrap()
            }
        };
        let now = collector::clock::now_ms();
        collector::admin::tidy(&db.store, now).await.unwrap();
        assert_eq!(count("admin_sessions").await, 1, "{}: a live session stays", db.label);
        assert!(count("login_attempts").await > 0, "{}: a recent failure stays", db.label);
        assert_eq!(browser.get("/admin").await.status, StatusCode::OK, "{}", db.label);

        // A day on, the 8-hour session has expired and the 15-minute window has passed.
        collector::admin::tidy(&db.store, now + collector::clock::DAY_MS).await.unwrap();
        assert_eq!(count("admin_sessions").await, 0, "{}", db.label);
        assert_eq!(count("login_attempts").await, 0, "{}", db.label);
    }
}

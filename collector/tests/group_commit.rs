//! One story the database refuses never fails the others committed with it. PostgreSQL cannot
//! store a NUL in text; SQLite can, so there every story is stored.

mod support;

use support::console::story;
use support::databases;

#[tokio::test]
async fn a_story_the_database_refuses_fails_alone_not_its_whole_batch() {
    for db in databases().await {
        let store = &db.store;
        let mut stories: Vec<_> = (0..64).map(|n| story("socialcarefuture", "Fine", &format!("story {n}"))).collect();
        stories[17].sent.body = "a NUL \0 in the words".into();
        let bad_id = stories[17].id.clone();
        // All at once, so the writer takes them in one group commit.
        let mut sending = tokio::task::JoinSet::new();
        for s in stories {
            let store = store.clone();
            sending.spawn(async move { store.insert_story(s).await });
        }
        let results = sending.join_all().await;
        let (stored, refused): (Vec<_>, Vec<_>) = results.into_iter().partition(Result::is_ok);
        let stored: Vec<String> = stored.into_iter().map(|r| r.unwrap().id().unwrap().to_owned()).collect();
        match db.label {
            "postgres" => {
                assert_eq!((stored.len(), refused.len()), (63, 1), "postgres: only the NUL fails");
                assert!(!stored.contains(&bad_id));
            }
            label => assert_eq!(stored.len(), 64, "{label}"),
        }
    }
}

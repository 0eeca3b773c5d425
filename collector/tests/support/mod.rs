//! What the collector's integration tests share: a real store on SQLite (a temporary file) and, when
//! `TEST_DATABASE_URL` names a server, on PostgreSQL (a fresh schema, dropped afterwards); the API
//! harness (`api`) and the console's helpers (`console`) build on it.

// Each test file is its own crate and uses only part of this module.
#![allow(dead_code)]

pub mod api;
pub mod bulk;
pub mod console;
pub mod process;
pub mod smtp;

use collector::store::Store;

pub struct TestDb {
    pub label: &'static str,
    pub store: Store,
    /// For a collector process of its own on the same database.
    pub url: String,
    _dir: Option<tempfile::TempDir>,
    /// PostgreSQL: the server and the schema made for this test, dropped with it.
    schema: Option<(String, String)>,
}

impl TestDb {
    pub async fn sqlite() -> TestDb {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}?mode=rwc", dir.path().join("stories.sqlite").display());
        let store = Store::connect(&url).await.expect("the SQLite store opens");
        TestDb { label: "sqlite", store, url, _dir: Some(dir), schema: None }
    }

    /// None (after saying how to run it) when no PostgreSQL server is configured.
    pub async fn postgres() -> Option<TestDb> {
        let Ok(base) = std::env::var("TEST_DATABASE_URL") else {
            eprintln!("skipped PostgreSQL: set TEST_DATABASE_URL=postgres://... to run this test there too");
            return None;
        };
        let schema = format!("test_{}", collector::tokens::random_hex(8));
        sqlx::any::install_default_drivers();
        let server = sqlx::AnyPool::connect(&base).await.expect("TEST_DATABASE_URL answers");
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE SCHEMA {schema}"))).execute(&server).await.unwrap();
        server.close().await;
        let separator = if base.contains('?') { '&' } else { '?' };
        let url = format!("{base}{separator}options=-c%20search_path%3D{schema}");
        let store = Store::connect(&url).await.expect("the PostgreSQL store opens");
        Some(TestDb { label: "postgres", store, url, _dir: None, schema: Some((base, schema)) })
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let Some((base, schema)) = self.schema.take() else { return };
        // Drop runs outside any async context we can await in: a small runtime of its own.
        let _ = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
            runtime.block_on(async {
                if let Ok(server) = sqlx::AnyPool::connect(&base).await {
                    let sql = format!("DROP SCHEMA IF EXISTS {schema} CASCADE");
                    let _ = sqlx::query(sqlx::AssertSqlSafe(sql)).execute(&server).await;
                    server.close().await;
                }
            });
        })
        .join();
    }
}

/// SQLite always; PostgreSQL too when configured.
pub async fn databases() -> Vec<TestDb> {
    let mut databases = vec![TestDb::sqlite().await];
    databases.extend(TestDb::postgres().await);
    databases
}

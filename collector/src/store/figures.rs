//! What the campaign dashboard counts: stories received per day, the questions they answer and their
//! languages (from the stories), and the funnel's events (from `funnel_counts`). Each is one
//! aggregate query, so the page costs the same few round trips however many stories there are.

use super::{Backend, Store};
use crate::clock::DAY_MS;
use sqlx::{AssertSqlSafe, Row};

/// A campaign's stories received in `[from_ms, to_ms)`, counted.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StoryFigures {
    /// Each day that had stories (its first millisecond, UTC) and how many, oldest first.
    pub per_day: Vec<(i64, i64)>,
    pub total: i64,
    /// For each prompt id asked for, how many of the stories answer it (not blank).
    pub answering: Vec<(String, i64)>,
    /// Language code and how many stories were written in it, most first.
    pub languages: Vec<(String, i64)>,
}

impl Store {
    /// Counts `campaign`'s stories received from `from_ms` (inclusive) to `to_ms` (exclusive).
    pub async fn story_figures(
        &self,
        campaign: &str,
        from_ms: i64,
        to_ms: i64,
        prompt_ids: &[&str],
    ) -> Result<StoryFigures, sqlx::Error> {
        let range = "campaign = $1 AND created_at >= $2 AND created_at < $3";
        let per_day = sqlx::query(AssertSqlSafe(format!(
            "SELECT created_at / {DAY_MS} AS day, COUNT(*) AS n FROM stories WHERE {range} GROUP BY 1 ORDER BY 1"
        )))
        .bind(campaign)
        .bind(from_ms)
        .bind(to_ms)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|row| Ok((row.try_get::<i64, _>("day")? * DAY_MS, row.try_get("n")?)))
        .collect::<Result<Vec<_>, sqlx::Error>>()?;
        let total = per_day.iter().map(|(_, n)| n).sum();

        // One pass over the answers for every prompt: the JSON is parsed once per story.
        let answered = |index: usize| {
            let p = format!("${}", index + 4);
            match self.backend {
                Backend::Sqlite => format!(
                    "COALESCE(SUM(CASE WHEN trim(coalesce(json_extract(a, '$.\"' || {p} || '\"'), '')) <> '' \
                     THEN 1 ELSE 0 END), 0)"
                ),
                Backend::Postgres => {
                    format!("COALESCE(SUM(CASE WHEN trim(coalesce(a ->> {p}, '')) <> '' THEN 1 ELSE 0 END), 0)")
                }
            }
        };
        let sums: Vec<String> = (0..prompt_ids.len()).map(answered).collect();
        let answering = if prompt_ids.is_empty() {
            Vec::new()
        } else {
            let parsed = match self.backend {
                Backend::Sqlite => "answers",
                Backend::Postgres => "answers::jsonb",
            };
            let sql = format!("SELECT {} FROM (SELECT {parsed} AS a FROM stories WHERE {range}) s", sums.join(", "));
            let mut query = sqlx::query(AssertSqlSafe(sql)).bind(campaign).bind(from_ms).bind(to_ms);
            for id in prompt_ids {
                query = query.bind(*id);
            }
            let row = query.fetch_one(&self.pool).await?;
            prompt_ids
                .iter()
                .enumerate()
                .map(|(index, id)| Ok(((*id).to_owned(), row.try_get::<i64, _>(index)?)))
                .collect::<Result<Vec<_>, sqlx::Error>>()?
        };

        let languages = sqlx::query(AssertSqlSafe(format!(
            "SELECT lang, COUNT(*) AS n FROM stories WHERE {range} GROUP BY lang ORDER BY n DESC, lang"
        )))
        .bind(campaign)
        .bind(from_ms)
        .bind(to_ms)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|row| Ok((row.try_get("lang")?, row.try_get("n")?)))
        .collect::<Result<Vec<_>, sqlx::Error>>()?;
        Ok(StoryFigures { per_day, total, answering, languages })
    }

    /// The campaign's funnel events from `from_day` to `to_day` (inclusive, YYYY-MM-DD), each with
    /// its count over those days, most first.
    pub async fn event_totals(
        &self,
        campaign: &str,
        from_day: &str,
        to_day: &str,
    ) -> Result<Vec<(String, i64)>, sqlx::Error> {
        let rows = sqlx::query(
            "SELECT step, CAST(SUM(count) AS BIGINT) AS n FROM funnel_counts \
             WHERE campaign = $1 AND day >= $2 AND day <= $3 GROUP BY step ORDER BY n DESC, step",
        )
        .bind(campaign)
        .bind(from_day)
        .bind(to_day)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(|row| Ok((row.try_get("step")?, row.try_get("n")?))).collect()
    }
}

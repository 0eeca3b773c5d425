//! What the campaign dashboard counts: stories received per day, the questions they answer and their
//! languages (from the stories' `answered` and `lang`, never their text), and the funnel's events
//! (from `funnel_counts`). Each is one aggregate query.

use super::Store;
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
        // One scan of the `stories_figures` index: a count for each day, language and set of
        // questions answered (a few thousand groups at most), added up here.
        let groups = sqlx::query(AssertSqlSafe(format!(
            "SELECT created_at / {DAY_MS} AS day, lang, answered, COUNT(*) AS n FROM stories \
             WHERE campaign = $1 AND created_at >= $2 AND created_at < $3 GROUP BY 1, 2, 3 ORDER BY 1"
        )))
        .bind(campaign)
        .bind(from_ms)
        .bind(to_ms)
        .fetch_all(&self.pool)
        .await?;
        let mut figures = StoryFigures {
            answering: prompt_ids.iter().map(|id| ((*id).to_owned(), 0)).collect(),
            ..StoryFigures::default()
        };
        for group in &groups {
            let (day, lang, n): (i64, String, i64) =
                (group.try_get("day")?, group.try_get("lang")?, group.try_get("n")?);
            let answered: Option<String> = group.try_get("answered")?;
            figures.total += n;
            match figures.per_day.last_mut() {
                Some((last, count)) if *last == day * DAY_MS => *count += n,
                _ => figures.per_day.push((day * DAY_MS, n)),
            }
            match figures.languages.iter_mut().find(|(code, _)| *code == lang) {
                Some((_, count)) => *count += n,
                None => figures.languages.push((lang, n)),
            }
            for id in answered.iter().flat_map(|ids| ids.split(',')) {
                if let Some((_, count)) = figures.answering.iter_mut().find(|(prompt, _)| prompt == id) {
                    *count += n;
                }
            }
        }
        figures.languages.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        Ok(figures)
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

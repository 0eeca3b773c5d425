//! The queue: stories filtered by campaign, status, date and words, a page at a time, with
//! the reframing engine's findings marked; and the same filter as CSV or JSON Lines downloads.

use super::AdminState;
use super::highlight::{findings, marked};
use super::pages::{self, date_field, error_summary, layout};
use super::session::Moderator;
use crate::campaigns::{Campaigns, same_theme};
use crate::clock::{DAY_MS, date_only, show as show_time};
use crate::export::{self, Encoder, Format};
use crate::store::{Agreed, Status, StoredStory, StoryFilter};
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use maud::{Markup, html};

pub const PAGE_SIZE: u32 = 25;

/// The filter as the form sends it: every field text, so a bad value becomes a message, not a 400.
#[derive(Clone, Debug, Default, serde::Deserialize, serde::Serialize)]
pub struct QueueQuery {
    #[serde(default)]
    pub campaign: String,
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub from: String,
    #[serde(default)]
    pub to: String,
    #[serde(default)]
    pub q: String,
    /// "published" (on the wall) or "contact" (agreed to be contacted); empty is any.
    #[serde(default)]
    pub consent: String,
    /// One of the campaigns' themes; empty is any.
    #[serde(default)]
    pub theme: String,
    #[serde(default, skip_serializing)]
    pub page: String,
}

/// The consent filter's choices: value, label.
const CONSENTS: [(&str, &str); 3] = [
    ("", "Any"),
    ("published", "Published on the wall (approved, and they agreed to publication)"),
    ("contact", "They agreed to be contacted"),
];

impl QueueQuery {
    /// The filter, and a message for each field that could not be understood (that part is ignored).
    /// A theme is looked for among the `campaigns`' themes.
    pub fn filter(&self, campaigns: &Campaigns) -> (StoryFilter, Vec<(&'static str, String)>) {
        let mut errors = Vec::new();
        let from_ms = date_field(&mut errors, "from", &self.from, "Received from");
        let before_ms = date_field(&mut errors, "to", &self.to, "Received to").map(|day| day + DAY_MS);
        let status = match self.status.trim() {
            "all" => None,
            status => Some(Status::parse(status).filter(|s| *s != Status::Withdrawn).unwrap_or(Status::New)),
        };
        let campaign = Some(self.campaign.trim()).filter(|c| !c.is_empty() && *c != "all").map(str::to_owned);
        let text = Some(self.q.trim()).filter(|q| !q.is_empty()).map(str::to_owned);
        let agreed = match self.consent.trim() {
            "" | "any" => None,
            "published" => Some(Agreed::Published),
            "contact" => Some(Agreed::Contact),
            _ => {
                errors.push(("consent", "Consent must be one of the choices in the list".to_owned()));
                None
            }
        };
        let theme = match self.theme.trim() {
            "" => None,
            wanted => {
                let found = campaigns.iter().find_map(|c| c.theme_named(wanted)).map(str::to_owned);
                if found.is_none() {
                    errors.push(("theme", "Theme must be one of the campaigns' themes in the list".to_owned()));
                }
                found
            }
        };
        let page = self.page.trim().parse::<u32>().unwrap_or(1).max(1);
        let filter = StoryFilter {
            campaign,
            within: None,
            status,
            from_ms,
            to_ms: before_ms,
            text,
            agreed,
            theme,
            page,
            per_page: PAGE_SIZE,
        };
        (filter, errors)
    }

    /// The filter's fields that are set, as name and value.
    fn pairs(&self) -> Vec<(&'static str, String)> {
        [
            ("campaign", &self.campaign),
            ("status", &self.status),
            ("from", &self.from),
            ("to", &self.to),
            ("q", &self.q),
            ("consent", &self.consent),
            ("theme", &self.theme),
        ]
        .into_iter()
        .filter(|(_, value)| !value.is_empty())
        .map(|(key, value)| (key, value.clone()))
        .collect()
    }

    fn query_string(&self, page: Option<u32>) -> String {
        let mut pairs = self.pairs();
        if let Some(page) = page {
            pairs.push(("page", page.to_string()));
        }
        serde_urlencoded::to_string(pairs).unwrap_or_default()
    }
}

pub async fn show(State(state): State<AdminState>, moderator: Moderator, Query(query): Query<QueueQuery>) -> Response {
    let (filter, errors) = scoped(&query, &state, &moderator);
    queue_page(&state, &moderator, &query, filter, errors).await
}

async fn queue_page(
    state: &AdminState,
    moderator: &Moderator,
    query: &QueueQuery,
    filter: StoryFilter,
    errors: Vec<(&'static str, String)>,
) -> Response {
    let page = filter.page;
    let found = match state.store().list_stories(&filter).await {
        Ok(found) => found,
        Err(error) => return pages::server_error(&error),
    };
    let (stories, total) = (found.items, found.total);
    let content = html! {
        (error_summary(&errors))
        h1 { (heading(&filter)) }
        (filter_form(query, state.campaigns(), moderator))
        p { (total) " " (if total == 1 { "story" } else { "stories" }) " match." }
        (export_form(query))
        p.button-row {
            @for campaign in state.campaigns().iter().filter(|c| moderator.scope.sees(&c.id)) {
                a href={ "/admin/campaigns/" (campaign.id) } { (campaign.name) ": dashboard" }
            }
            a href="/admin/erase" { "Delete a person's stories (an erasure request)" }
            @if moderator.admin { a href="/admin/moderators" { "Moderators" } }
        }
        ol.story-list {
            @for story in &stories { li { (story_item(story)) } }
        }
        nav aria-label="Pages" {
            p.button-row {
                @if page > 1 {
                    a href={ "/admin?" (query.query_string(Some(page - 1))) } { "Previous page" }
                }
                @if i64::from(page) * i64::from(PAGE_SIZE) < total {
                    a href={ "/admin?" (query.query_string(Some(page + 1))) } { "Next page" }
                }
            }
        }
    };
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    (status, layout("Stories", Some((&moderator.username, &moderator.csrf)), content)).into_response()
}

/// Downloads of the stories the filter shows, as a form: the format, and whether to leave out who
/// the people are. The filter goes along as hidden fields.
fn export_form(query: &QueueQuery) -> Markup {
    let filter = query.pairs();
    html! {
        form.export method="get" action="/admin/export" {
            @for (name, value) in &filter { input type="hidden" name=(name) value=(value); }
            fieldset.fieldset {
                legend.legend { "Download these stories" }
                div.form-group {
                    @for (value, text) in [("csv", "CSV (opens in a spreadsheet)"), ("jsonl", "JSON Lines (for other software)")] {
                        div.radio {
                            input id={ "format-" (value) } type="radio" name="format" value=(value) checked[value == "csv"];
                            label for={ "format-" (value) } { (text) }
                        }
                    }
                }
                div.checkbox {
                    input id="anonymised" type="checkbox" name="anonymised" value="yes" aria-describedby="anonymised-hint";
                    label for="anonymised" { "Anonymised: leave out names, email addresses and areas" }
                }
                p.hint id="anonymised-hint" {
                    "The words of a story are not changed: to take out a name written in a story, redact the story first."
                }
                button.button type="submit" { "Download" }
            }
        }
    }
}

fn heading(filter: &StoryFilter) -> &'static str {
    match filter.status {
        Some(Status::New) => "New stories to moderate",
        Some(Status::Approved) => "Approved stories",
        Some(Status::Rejected) => "Rejected stories",
        _ => "All stories",
    }
}

/// The query's filter, kept within the campaigns the moderator may see.
fn scoped(query: &QueueQuery, state: &AdminState, moderator: &Moderator) -> (StoryFilter, Vec<(&'static str, String)>) {
    let (mut filter, errors) = query.filter(state.campaigns());
    filter.within = moderator.scope.campaigns().map(<[String]>::to_vec);
    (filter, errors)
}

fn filter_form(query: &QueueQuery, campaigns: &Campaigns, moderator: &Moderator) -> Markup {
    let status = if query.status.is_empty() { "new" } else { query.status.as_str() };
    // Every theme of the campaigns they see, each once, in the campaigns' order.
    let mut themes: Vec<&str> = Vec::new();
    for campaign in campaigns.iter().filter(|c| moderator.scope.sees(&c.id)) {
        for theme in &campaign.themes {
            if !themes.iter().any(|t| same_theme(t, theme)) {
                themes.push(theme);
            }
        }
    }
    html! {
        form.filters method="get" action="/admin" {
            div.form-group {
                label.label for="campaign" { "Campaign" }
                select id="campaign" name="campaign" {
                    option value="all" { "All campaigns" }
                    @for campaign in campaigns.iter().filter(|c| moderator.scope.sees(&c.id)) {
                        option value=(campaign.id) selected[campaign.id == query.campaign] { (campaign.name) }
                    }
                }
            }
            div.form-group {
                label.label for="status" { "Status" }
                select id="status" name="status" {
                    @for (value, text) in [("new", "New"), ("approved", "Approved"), ("rejected", "Rejected"), ("all", "All")] {
                        option value=(value) selected[value == status] { (text) }
                    }
                }
            }
            div.form-group {
                label.label for="from" { "Received from" }
                input.input id="from" name="from" type="date" value=(query.from);
            }
            div.form-group {
                label.label for="to" { "Received to" }
                input.input id="to" name="to" type="date" value=(query.to);
            }
            div.form-group {
                label.label for="consent" { "Consent" }
                select id="consent" name="consent" {
                    @for (value, text) in CONSENTS {
                        option value=(value) selected[value == query.consent] { (text) }
                    }
                }
            }
            @if !themes.is_empty() {
                div.form-group {
                    label.label for="theme" { "Theme" }
                    select id="theme" name="theme" {
                        option value="" { "Any" }
                        @for theme in &themes {
                            option value=(theme) selected[same_theme(theme, &query.theme)] { (theme) }
                        }
                    }
                }
            }
            div.form-group {
                label.label for="q" { "Search titles and text" }
                input.input id="q" name="q" type="search" value=(query.q);
            }
            button.button type="submit" { "Apply filters" }
            a href="/admin" { "Clear filters" }
        }
    }
}

fn story_item(story: &StoredStory) -> Markup {
    let highlights = findings(&story.sent.body);
    html! {
        h2 { a href={ "/admin/stories/" (story.id) } { (story.shown_title()) } }
        @if !story.safeguarding.is_empty() { p { strong.tag-safeguarding { "Needs a person to look first" } } }
        @if !story.themes.is_empty() { p.meta { "Themes: " (story.themes.join(", ")) } }
        p.meta {
            (story.sent.campaign) " · received " (show_time(story.created_at)) " · " (story.status.as_str())
            @if !highlights.is_empty() { " · " (highlights.len()) " wording suggestion" @if highlights.len() > 1 { "s" } }
        }
        div.story-text { (marked(&story.sent.body, &highlights)) }
    }
}

/// What the download form sends: the queue's filter, the format, and whether to anonymise.
#[derive(Clone, Debug, Default, serde::Deserialize)]
pub struct ExportQuery {
    #[serde(flatten)]
    pub filter: QueueQuery,
    #[serde(default)]
    pub format: String,
    #[serde(default)]
    pub anonymised: String,
}

/// The download form's target: the format is a field of the form, not the address.
pub async fn export(state: State<AdminState>, moderator: Moderator, Query(query): Query<ExportQuery>) -> Response {
    let format = match query.format.as_str() {
        "jsonl" => Format::JsonLines,
        _ => Format::Csv,
    };
    download(state, moderator, query, format).await
}

pub async fn export_csv(state: State<AdminState>, moderator: Moderator, Query(query): Query<ExportQuery>) -> Response {
    download(state, moderator, query, Format::Csv).await
}

pub async fn export_jsonl(
    state: State<AdminState>,
    moderator: Moderator,
    Query(query): Query<ExportQuery>,
) -> Response {
    download(state, moderator, query, Format::JsonLines).await
}

/// Every story the filter matches, streamed. A filter that cannot be understood shows the queue
/// with its message instead of a download of something else.
async fn download(
    State(state): State<AdminState>,
    moderator: Moderator,
    query: ExportQuery,
    format: Format,
) -> Response {
    let (filter, errors) = scoped(&query.filter, &state, &moderator);
    if !errors.is_empty() {
        return queue_page(&state, &moderator, &query.filter, filter, errors).await;
    }
    let anonymised = matches!(query.anonymised.as_str(), "yes" | "true" | "on");
    let encoder = Encoder { format, anonymised };
    let (content_type, extension) = match format {
        Format::Csv => ("text/csv; charset=utf-8", "csv"),
        Format::JsonLines => ("application/jsonl; charset=utf-8", "jsonl"),
    };
    let kind = if anonymised { "anonymised-stories" } else { "stories" };
    let filename = format!("{kind}-{}.{extension}", date_only(crate::clock::now_ms()));
    let disposition = format!("attachment; filename=\"{filename}\"");
    let body = axum::body::Body::from_stream(export::stream(state.store().clone(), filter, encoder));
    ([(CONTENT_TYPE, content_type.to_owned()), (CONTENT_DISPOSITION, disposition)], body).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn campaigns() -> Campaigns {
        Campaigns::parse("[[campaign]]\nid = \"c\"\nname = \"C\"\nthemes = [\"Home\"]\n", "t").unwrap()
    }

    #[test]
    fn a_theme_is_one_of_the_campaigns_themes() {
        let query = |theme: &str| QueueQuery { theme: theme.into(), ..Default::default() }.filter(&campaigns());
        assert_eq!(query("home").0.theme.as_deref(), Some("Home"));
        let (filter, errors) = query("Garden");
        assert_eq!((filter.theme, errors[0].0), (None, "theme"));
    }

    #[test]
    fn the_theme_list_folds_case_as_the_filter_does_beyond_ascii() {
        let campaigns = Campaigns::parse(
            "[[campaign]]\nid = \"a\"\nname = \"A\"\nthemes = [\"Été\"]\n\
             [[campaign]]\nid = \"b\"\nname = \"B\"\nthemes = [\"ÉTÉ\"]\n",
            "t",
        )
        .unwrap();
        let moderator = Moderator {
            username: "sam".into(),
            csrf: "t".into(),
            token_hash: "h".into(),
            scope: super::super::session::Scope::parse("*"),
            admin: false,
        };
        let query = QueueQuery { theme: "été".into(), ..Default::default() };
        assert_eq!(query.filter(&campaigns).0.theme.as_deref(), Some("Été"));
        let form = filter_form(&query, &campaigns, &moderator).into_string();
        assert_eq!(
            form.matches("<option value=\"Été\"").count() + form.matches("<option value=\"ÉTÉ\"").count(),
            1,
            "{form}"
        );
        assert!(form.contains("<option value=\"Été\" selected>"), "the theme asked for stays chosen: {form}");
    }

    #[test]
    fn the_queue_defaults_to_new_stories_and_reads_dates_inclusively() {
        let query = QueueQuery { from: "2026-11-01".into(), to: "2026-11-01".into(), ..Default::default() };
        let (filter, errors) = query.filter(&campaigns());
        assert!(errors.is_empty());
        assert_eq!(filter.status, Some(Status::New));
        assert_eq!(filter.to_ms.unwrap() - filter.from_ms.unwrap(), DAY_MS);
    }

    #[test]
    fn a_bad_date_is_a_message_not_a_failure() {
        let query = QueueQuery { from: "31/11/2026".into(), status: "all".into(), ..Default::default() };
        let (filter, errors) = query.filter(&campaigns());
        assert_eq!(errors.len(), 1);
        assert_eq!(filter.from_ms, None);
        assert_eq!(filter.status, None);
    }

    #[test]
    fn links_keep_the_filter() {
        let query = QueueQuery { q: "a&b".into(), campaign: "c".into(), ..Default::default() };
        assert_eq!(query.query_string(Some(2)), "campaign=c&q=a%26b&page=2");
    }
}

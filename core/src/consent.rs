//! What the person agrees to before anything is sent, and how they want to be named.
//! Every choice starts unmade: nothing is ticked for them.

use crate::locale::{Lang, fill};
use crate::story::char_count;

pub const NAME_MAX_CHARS: usize = 100;
pub const EMAIL_MAX_CHARS: usize = 254;
pub const AREA_MAX_CHARS: usize = 100;

#[derive(Clone, Copy, Debug, PartialEq, Eq, miniserde::Serialize, miniserde::Deserialize)]
pub enum NameDisplay {
    #[serde(rename = "full")]
    Full,
    #[serde(rename = "first")]
    First,
    #[serde(rename = "anonymous")]
    Anonymous,
}

impl NameDisplay {
    pub const ALL: [NameDisplay; 3] = [NameDisplay::Full, NameDisplay::First, NameDisplay::Anonymous];

    pub fn code(self) -> &'static str {
        match self {
            NameDisplay::Full => "full",
            NameDisplay::First => "first",
            NameDisplay::Anonymous => "anonymous",
        }
    }

    pub fn from_code(code: &str) -> Option<NameDisplay> {
        NameDisplay::ALL.into_iter().find(|d| d.code() == code)
    }

    /// `name` as this choice shows it: the whole name, its first word, or none.
    pub fn shown(self, name: &str) -> Option<String> {
        let name = name.trim();
        match self {
            NameDisplay::Anonymous => None,
            _ if name.is_empty() => None,
            NameDisplay::Full => Some(name.to_owned()),
            NameDisplay::First => name.split_whitespace().next().map(str::to_owned),
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, miniserde::Serialize, miniserde::Deserialize)]
pub struct Consent {
    pub share_with_campaign: bool,
    pub publish: bool,
    pub contact: bool,
    pub name_display: Option<NameDisplay>,
    pub name: String,
    pub email: String,
    pub area: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConsentField {
    ShareWithCampaign,
    NameDisplay,
    Name,
    Email,
    Area,
}

impl ConsentField {
    /// The id of the control the error summary links to.
    pub fn id(self) -> &'static str {
        match self {
            ConsentField::ShareWithCampaign => "consent-share",
            ConsentField::NameDisplay => "name-display-full",
            ConsentField::Name => "consent-name",
            ConsentField::Email => "consent-email",
            ConsentField::Area => "consent-area",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConsentProblem {
    ShareNotChosen,
    NameDisplayNotChosen,
    NameMissing,
    NameTooLong,
    EmailMissing,
    EmailInvalid,
    EmailTooLong,
    AreaTooLong,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ConsentError {
    pub field: ConsentField,
    pub problem: ConsentProblem,
}

impl Consent {
    /// The name as it will be shown: the whole name, its first word, or none.
    pub fn shown_name(&self) -> Option<String> {
        self.name_display?.shown(&self.name)
    }

    pub fn check(&self) -> Vec<ConsentError> {
        use ConsentField as F;
        use ConsentProblem as P;
        let mut errors = Vec::new();
        let mut push = |field, problem| errors.push(ConsentError { field, problem });
        if !self.share_with_campaign {
            push(F::ShareWithCampaign, P::ShareNotChosen);
        }
        match self.name_display {
            None => push(F::NameDisplay, P::NameDisplayNotChosen),
            Some(NameDisplay::Full | NameDisplay::First) if self.name.trim().is_empty() => {
                push(F::Name, P::NameMissing)
            }
            _ => {}
        }
        if char_count(self.name.trim()) > NAME_MAX_CHARS {
            push(F::Name, P::NameTooLong);
        }
        let email = self.email.trim();
        if self.contact && email.is_empty() {
            push(F::Email, P::EmailMissing);
        } else if !email.is_empty() && char_count(email) > EMAIL_MAX_CHARS {
            push(F::Email, P::EmailTooLong);
        } else if !email.is_empty() && !looks_like_email(email) {
            push(F::Email, P::EmailInvalid);
        }
        if char_count(self.area.trim()) > AREA_MAX_CHARS {
            push(F::Area, P::AreaTooLong);
        }
        errors
    }
}

/// Catches typing slips (no @, no dot in the domain, spaces), not every address the standard
/// allows: the campaign's first email is the real check.
pub fn looks_like_email(email: &str) -> bool {
    let Some((local, domain)) = email.rsplit_once('@') else { return false };
    !local.is_empty()
        && !email.chars().any(char::is_whitespace)
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
}

impl ConsentError {
    pub fn message(&self, lang: Lang) -> String {
        let ui = &lang.locale().ui;
        let max = |max: usize| max.to_string();
        match self.problem {
            ConsentProblem::ShareNotChosen => ui.consent_error_share.to_owned(),
            ConsentProblem::NameDisplayNotChosen => ui.consent_error_name_display.to_owned(),
            ConsentProblem::NameMissing => ui.consent_error_name_missing.to_owned(),
            ConsentProblem::NameTooLong => fill(ui.consent_error_name_too_long, &[("max", &max(NAME_MAX_CHARS))]),
            ConsentProblem::EmailMissing => ui.consent_error_email_missing.to_owned(),
            ConsentProblem::EmailInvalid => ui.consent_error_email_invalid.to_owned(),
            ConsentProblem::EmailTooLong => fill(ui.consent_error_email_too_long, &[("max", &max(EMAIL_MAX_CHARS))]),
            ConsentProblem::AreaTooLong => fill(ui.consent_error_area_too_long, &[("max", &max(AREA_MAX_CHARS))]),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(consent: &Consent) -> Vec<ConsentProblem> {
        consent.check().into_iter().map(|e| e.problem).collect()
    }

    #[test]
    fn nothing_is_chosen_for_the_person() {
        let consent = Consent::default();
        assert!(!consent.share_with_campaign && !consent.publish && !consent.contact);
        assert_eq!(problems(&consent), [ConsentProblem::ShareNotChosen, ConsentProblem::NameDisplayNotChosen]);
    }

    #[test]
    fn an_email_is_needed_only_to_be_contacted() {
        let mut consent =
            Consent { share_with_campaign: true, name_display: Some(NameDisplay::Anonymous), ..Consent::default() };
        assert_eq!(problems(&consent), []);
        consent.contact = true;
        assert_eq!(problems(&consent), [ConsentProblem::EmailMissing]);
        consent.email = "sam at example.org".into();
        assert_eq!(problems(&consent), [ConsentProblem::EmailInvalid]);
        consent.email = " sam@example.org ".into();
        assert_eq!(problems(&consent), []);
    }

    #[test]
    fn a_shown_name_needs_a_name_and_the_first_name_is_the_first_word() {
        let mut consent =
            Consent { share_with_campaign: true, name_display: Some(NameDisplay::First), ..Consent::default() };
        assert_eq!(problems(&consent), [ConsentProblem::NameMissing]);
        consent.name = "  Siân Jones ".into();
        assert_eq!(consent.shown_name().as_deref(), Some("Siân"));
        consent.name_display = Some(NameDisplay::Full);
        assert_eq!(consent.shown_name().as_deref(), Some("Siân Jones"));
        consent.name_display = Some(NameDisplay::Anonymous);
        assert_eq!(consent.shown_name(), None);
        assert_eq!(problems(&consent), []);
    }

    #[test]
    fn email_shapes() {
        for good in ["a@b.co", "first.last+tag@sub.example.org", "siân@enghraifft.cymru"] {
            assert!(looks_like_email(good), "{good}");
        }
        for bad in ["", "a@b", "@b.co", "a@.co", "a@b.co.", "a b@c.co", "a@b..co", "ab.co"] {
            assert!(!looks_like_email(bad), "{bad}");
        }
    }

    #[test]
    fn every_problem_has_a_sentence_in_every_language() {
        use ConsentProblem::*;
        for lang in Lang::ALL {
            for problem in [ShareNotChosen, NameDisplayNotChosen, NameMissing, NameTooLong, EmailMissing, EmailInvalid]
            {
                let message = ConsentError { field: ConsentField::Name, problem }.message(lang);
                assert!(!message.is_empty() && !message.contains('{'), "{lang:?} {problem:?}: {message}");
            }
        }
    }
}

use super::*;

fn rules_in(text: &str) -> Vec<&'static str> {
    analyse(text).into_iter().map(|f| f.rule).collect()
}

#[test]
fn finds_a_service_user() {
    assert_eq!(rules_in("She is a service user."), ["service-user"]);
}

//! `collector add-moderator --username NAME [--campaign ID]... [--admin]`: creates a moderator, or
//! sets a new password for one; `collector remove-moderator --username NAME` removes one. The
//! password is read from the terminal without echo, or from the first line of standard input when
//! that is not a terminal; never from the command line, where other users and shell histories
//! could read it.

use super::moderators;
use super::session::Scope;
use crate::store::{DEFAULT_DATABASE_URL, Store};
use std::io::{BufRead, IsTerminal};

pub const USAGE: &str = "\
usage: collector add-moderator --username NAME [--campaign ID]... [--all-campaigns] [--admin]
                               [--database-url URL]
  Creates a moderator for the console at /admin, or sets a new password for an existing one
  (which signs them out everywhere). The password is asked for, or read from standard input:
      printf '%s\\n' \"$PASSWORD\" | collector add-moderator --username sam --campaign socialcarefuture
  --campaign ID     a campaign whose stories they may see (repeat for more); without it or
                    --all-campaigns, a new moderator sees every campaign and an existing one keeps theirs
  --admin           they may also see and remove the other moderators (at /admin/moderators)
usage: collector remove-moderator --username NAME [--database-url URL]
  Removes a moderator and signs them out at once.";

pub async fn add_moderator(args: &[String]) -> Result<(), String> {
    let mut username = None;
    let mut campaigns: Vec<String> = Vec::new();
    let (mut all, mut admin) = (false, false);
    let mut database_url = std::env::var("DATABASE_URL").unwrap_or_else(|_| DEFAULT_DATABASE_URL.into());
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut value = || args.next().cloned().ok_or_else(|| format!("{arg} needs a value\n{USAGE}"));
        match arg.as_str() {
            "--username" => username = Some(value()?),
            "--campaign" => campaigns.push(value()?),
            "--all-campaigns" => all = true,
            "--admin" => admin = true,
            "--database-url" => database_url = value()?,
            "--password" => return Err(format!("passwords are not taken on the command line\n{USAGE}")),
            "--help" | "-h" => return Err(USAGE.into()),
            other => return Err(format!("unknown option `{other}`\n{USAGE}")),
        }
    }
    let username = username.ok_or_else(|| format!("--username is required\n{USAGE}"))?;
    if !moderators::valid_username(&username) {
        return Err(moderators::AccountError::BadUsername.to_string());
    }
    if all && !campaigns.is_empty() {
        return Err("give --campaign or --all-campaigns, not both".into());
    }
    if let Some(bad) = campaigns.iter().find(|c| !crate::campaigns::valid_id(c)) {
        return Err(format!("--campaign `{bad}` is not a campaign id (letters, digits and hyphens)"));
    }
    let password = read_password()?;
    let store = open(&database_url).await?;
    let created = moderators::add_or_reset(&store, &username, &password).await.map_err(|e| e.to_string())?;
    let scope = match (all, campaigns.is_empty()) {
        (true, _) => Some(Scope::All),
        (false, false) => Some(Scope::Only(campaigns)),
        // A new moderator sees every campaign; an existing one keeps what they had.
        (false, true) => created.then_some(Scope::All),
    };
    if let Some(scope) = &scope {
        moderators::set_access(&store, &username, scope, admin).await.map_err(|e| e.to_string())?;
    }
    let sees = match &scope {
        Some(Scope::All) => "every campaign".to_owned(),
        Some(Scope::Only(list)) => list.join(", "),
        None => "the campaigns they had".to_owned(),
    };
    if created {
        println!("Moderator `{username}` created, seeing {sees}. They sign in at /admin/login.");
    } else {
        println!("New password set for `{username}`, seeing {sees}; their open sessions were ended.");
    }
    Ok(())
}

pub async fn remove_moderator(args: &[String]) -> Result<(), String> {
    let mut username = None;
    let mut database_url = std::env::var("DATABASE_URL").unwrap_or_else(|_| DEFAULT_DATABASE_URL.into());
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut value = || args.next().cloned().ok_or_else(|| format!("{arg} needs a value\n{USAGE}"));
        match arg.as_str() {
            "--username" => username = Some(value()?),
            "--database-url" => database_url = value()?,
            "--help" | "-h" => return Err(USAGE.into()),
            other => return Err(format!("unknown option `{other}`\n{USAGE}")),
        }
    }
    let username = username.ok_or_else(|| format!("--username is required\n{USAGE}"))?;
    let store = open(&database_url).await?;
    if moderators::remove(&store, &username).await.map_err(|e| e.to_string())? {
        println!("Moderator `{username}` removed and signed out.");
        Ok(())
    } else {
        Err(format!("there is no moderator called `{username}`; nothing was changed"))
    }
}

async fn open(database_url: &str) -> Result<Store, String> {
    Store::connect(database_url).await.map_err(|e| format!("cannot open the database: {e}"))
}

fn read_password() -> Result<String, String> {
    if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password("Password (at least 12 characters): ").map_err(|e| e.to_string())?;
        let again = rpassword::prompt_password("The same password again: ").map_err(|e| e.to_string())?;
        if first != again {
            return Err("the two passwords differ; nothing was changed".into());
        }
        Ok(first)
    } else {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line).map_err(|e| format!("cannot read the password: {e}"))?;
        Ok(line.trim_end_matches(['\n', '\r']).to_owned())
    }
}

//! `collector add-moderator --username NAME [--database-url URL]`: creates a moderator, or sets a
//! new password for one. The password is read from the terminal without echo, or from the first
//! line of standard input when that is not a terminal; never from the command line, where
//! other users and shell histories could read it.

use super::moderators;
use crate::store::{DEFAULT_DATABASE_URL, Store};
use std::io::{BufRead, IsTerminal};

pub const USAGE: &str = "\
usage: collector add-moderator --username NAME [--database-url URL]
  Creates a moderator for the console at /admin, or sets a new password for an existing one
  (which signs them out everywhere). The password is asked for, or read from standard input:
      printf '%s\\n' \"$PASSWORD\" | collector add-moderator --username sam";

pub async fn add_moderator(args: &[String]) -> Result<(), String> {
    let mut username = None;
    let mut database_url = std::env::var("DATABASE_URL").unwrap_or_else(|_| DEFAULT_DATABASE_URL.into());
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut value = || args.next().cloned().ok_or_else(|| format!("{arg} needs a value\n{USAGE}"));
        match arg.as_str() {
            "--username" => username = Some(value()?),
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
    let password = read_password()?;
    let store = Store::connect(&database_url).await.map_err(|e| format!("cannot open the database: {e}"))?;
    let created = moderators::add_or_reset(&store, &username, &password).await.map_err(|e| e.to_string())?;
    if created {
        println!("Moderator `{username}` created. They sign in at /admin/login.");
    } else {
        println!("New password set for `{username}`; their open sessions were ended.");
    }
    Ok(())
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

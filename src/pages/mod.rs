//! One file per page the person sees: views of the app's state that send it actions.

mod check;
mod finish;
mod question;
mod welcome;

pub use check::check;
pub use finish::finish;
pub use question::question;
pub use welcome::welcome;

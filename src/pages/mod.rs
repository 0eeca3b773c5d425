//! One file per page the person sees.

mod check;
mod finish;
mod question;
mod welcome;

pub use check::Check;
pub use finish::Finish;
pub use question::Question;
pub use welcome::Welcome;

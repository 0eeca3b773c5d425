//! One file per page the person sees: views of the app's state that send it actions.

mod check;
mod consent;
mod finish;
mod question;
mod sent;
mod wall;
mod welcome;

pub use check::check;
pub use consent::consent;
pub use finish::finish;
pub use question::question;
pub use sent::sent;
pub use wall::Wall;
pub use welcome::welcome;

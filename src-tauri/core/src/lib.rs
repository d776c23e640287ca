//! shoki-core: the council's world without a window. Model, rules (quorum, era dates), the SQLite
//! store, search and the sample meeting. No Tauri and no UI below this line: the app shell, the CLI and the
//! benchmarks all call in here.

pub mod era;
pub mod error;
pub mod export;
pub mod format;
pub mod model;
pub mod rules;
mod sample;
pub mod search;
pub mod speakers;
pub mod store;
pub mod validate;

pub use error::{Error, Result};
pub use store::Store;
/// More search-index changes waiting than this is a build, run a step at a time (store/index.rs).
pub use store::INDEX_BUILD;

//! carnet-core: Carnet's domain, storage and services, without any UI toolkit.
//!
//! One folder per capability; dependencies point one way (a module never imports one above it,
//! `tests/module_graph.rs` checks it):
//! kernel ← org ← leads ← notify ← routing ← followup, intake ← dev ← api (the command table).

pub mod api;
pub mod campaigns;
pub mod dev;
pub mod dms;
pub mod documents;
pub mod followup;
pub mod intake;
pub mod kernel;
pub mod leads;
pub mod notify;
pub mod org;
pub mod privacy;
pub mod reports;
pub mod routing;

pub use kernel::app::App;
pub use kernel::error::{ApiError, CoreError, Result};

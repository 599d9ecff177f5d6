//! carnet-core: Carnet's domain, storage and services, without any UI toolkit.

pub mod api;
pub mod app;
pub mod assign;
pub mod bench;
pub mod business_hours;
pub mod clock;
pub mod contact;
pub mod db;
pub mod deadline;
pub mod demo;
pub mod digest;
pub mod error;
pub mod escalation;
pub mod event;
pub mod followup;
pub mod inbox;
pub mod intake;
pub mod lead;
pub mod lead_csv;
pub mod lead_list;
pub mod mailbox;
pub mod notify;
pub mod outbox;
pub mod quarantine;
pub mod rules;
pub mod secrets;
pub mod settings;
pub mod site;
pub mod task;
pub mod user;
pub mod validate;
pub mod vehicle;
pub mod webhook;

pub use app::App;
pub use error::{ApiError, CoreError, Result};

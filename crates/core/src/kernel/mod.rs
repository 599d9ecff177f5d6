//! The kernel: the application handle, the acting user and the clock of a command, errors,
//! settings, secrets, validation of user input and storage. It knows no business concept.

pub mod app;
pub mod backup;
pub mod blobs;
pub mod clock;
pub mod db;
pub mod error;
pub mod format;
pub mod phone;
pub mod postal;
pub(crate) mod redact;
pub mod secrets;
pub mod session;
pub mod settings;
mod text_enum;
pub(crate) use text_enum::text_enum;
pub mod validate;

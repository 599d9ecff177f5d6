//! Intake: everything that brings leads in. Parsers (`parse`, pure), the raw store and its
//! pipeline (`store`), the quarantine, and the channels: IMAP mailbox, webhook, CSV import.

pub mod csv_import;
pub mod imap;
mod merge;
pub mod parse;
pub mod quarantine;
mod reading;
pub mod store;
pub mod webhook;

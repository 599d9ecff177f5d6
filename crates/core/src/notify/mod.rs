//! Notifications: in-app (and desktop) notifications, and the outbox of e-mails sent over SMTP.

pub mod inapp;
pub mod outbox;
pub mod prospect;

//! Follow-up: calls and the attempts rule, tasks and the agenda, escalation of missed
//! deadlines, the daily digest, and the settings a manager tunes for them.

pub mod calls;
pub mod digest;
pub mod escalation;
pub mod settings;
pub mod tasks;

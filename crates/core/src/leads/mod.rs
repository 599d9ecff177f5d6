//! Leads: the model and its store, contacts, vehicles, the timeline, the list and search,
//! the closing rules and the commands that edit a lead.

pub mod closing;
pub mod commands;
pub mod consent;
pub mod contact;
pub mod lead;
pub mod list;
pub mod referential;
pub mod timeline;
pub mod trash;
pub mod vehicle;

//! The garage's organisation: its legal identity, sites and their opening hours, users, roles
//! and sign-in, absences, the audit journal, French public holidays and working time.

pub mod absences;
pub mod audit;
pub mod auth;
pub mod business_hours;
pub mod garage;
pub mod setup;
pub mod site_admin;
pub mod sites;
pub mod team;
pub mod users;

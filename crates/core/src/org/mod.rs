//! The garage's organisation: sites and their opening hours, users and roles, absences,
//! French public holidays and working time.

pub mod absences;
pub mod business_hours;
pub mod sites;
pub mod users;

//! What the garage's dealer management system (DMS) knows: the VN/VO stock, the customer file
//! with purchase and workshop history, their import from CSV/XLSX exports, and the VO alerts
//! that watch the stock for prospects. Carnet works without it, and gets better with it.
//!
//! It sits below routing and intake: the assignment rule "to the vehicle's manager" and
//! intake's link from a lead to the stock vehicle it names both read the stock.

pub mod alerts;
pub mod customers;
pub mod import;
pub mod stock;

/// What an import or a form did to one record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Upsert {
    Inserted(i64),
    Updated(i64),
    Unchanged(i64),
}

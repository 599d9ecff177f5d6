//! Importing DMS exports (stock, customers, history): reading any CSV or workbook, recognising
//! its columns, checking every row, and storing the file in one transaction — all valid rows,
//! or nothing when the import fails or is cancelled.

pub mod cells;
pub mod mapping;
mod rows;
pub mod run;
pub mod source;
pub mod upload;

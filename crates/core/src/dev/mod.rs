//! For development, demos and support: the demo dataset and the benchmarks.

pub mod bench;
pub mod bench_dms;
pub mod bench_privacy;
pub mod demo;
mod demo_customers;
mod demo_data;
mod demo_deals;

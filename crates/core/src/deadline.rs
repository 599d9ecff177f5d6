//! The first-contact deadline given to a new lead. Until the SLA rules (per source, kind and site,
//! in business hours) land, a default per source: manufacturer leads 48 h, everything else 24 h.

use chrono::{DateTime, Duration, Utc};

pub fn default_for(source: &str, created_at: DateTime<Utc>) -> DateTime<Utc> {
    let hours = if source.eq_ignore_ascii_case("Constructeur") {
        48
    } else {
        24
    };
    created_at + Duration::hours(hours)
}

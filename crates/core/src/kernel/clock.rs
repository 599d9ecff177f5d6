//! Time: stored as UTC RFC 3339 text with second precision ('2026-11-24T10:05:00Z', sortable),
//! shown in Europe/Paris. The clock is injectable so that deadlines and escalations are testable.

use chrono::{DateTime, SecondsFormat, Utc};
use std::sync::Mutex;

pub trait Clock: Send + Sync {
    fn now(&self) -> DateTime<Utc>;
}

pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A clock for tests: stands still until moved.
pub struct FixedClock(Mutex<DateTime<Utc>>);

impl FixedClock {
    pub fn new(at: DateTime<Utc>) -> Self {
        FixedClock(Mutex::new(at))
    }
    pub fn advance(&self, by: chrono::Duration) {
        if let Ok(mut t) = self.0.lock() {
            *t += by;
        }
    }
}

impl FixedClock {
    /// The fixed instant (tests compute dates from it).
    pub fn now_for_tests(&self) -> DateTime<Utc> {
        Clock::now(self)
    }
}

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        self.0.lock().map(|t| *t).unwrap_or_else(|_| Utc::now())
    }
}

/// The storage format of an instant.
pub fn to_text(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// Parses any RFC 3339 instant (with offset) into UTC.
pub fn parse(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text.trim())
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// A Paris wall-clock time as an instant (the earlier one when the clock goes back; the first
/// valid minute after a spring-forward gap).
pub fn local_to_utc(local: chrono::NaiveDateTime) -> DateTime<Utc> {
    use chrono::TimeZone;
    let paris = chrono_tz::Europe::Paris;
    let mut t = local;
    for _ in 0..=120 {
        if let Some(d) = paris.from_local_datetime(&t).earliest() {
            return d.with_timezone(&Utc);
        }
        t += chrono::Duration::minutes(1);
    }
    Utc.from_utc_datetime(&local)
}

/// Midnight in Paris of the day containing `t`, in UTC.
pub fn start_of_local_day(t: DateTime<Utc>) -> DateTime<Utc> {
    use chrono::TimeZone;
    let local = t.with_timezone(&chrono_tz::Europe::Paris).date_naive();
    local
        .and_hms_opt(0, 0, 0)
        .and_then(|midnight| {
            chrono_tz::Europe::Paris
                .from_local_datetime(&midnight)
                .earliest()
        })
        .map(|d| d.with_timezone(&Utc))
        .unwrap_or(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn storage_format_is_utc_seconds_and_round_trips_offsets() {
        let t = parse("2026-03-29T03:30:00+02:00").unwrap();
        assert_eq!(to_text(t), "2026-03-29T01:30:00Z");
        assert_eq!(parse(&to_text(t)), Some(t));
        assert_eq!(parse("29/03/2026"), None);
    }

    #[test]
    fn local_day_starts_at_paris_midnight_across_dst() {
        let summer = parse("2026-07-14T21:59:00Z").unwrap();
        assert_eq!(to_text(start_of_local_day(summer)), "2026-07-13T22:00:00Z");
        let winter = parse("2026-11-24T23:30:00Z").unwrap();
        assert_eq!(to_text(start_of_local_day(winter)), "2026-11-24T23:00:00Z");
    }
}

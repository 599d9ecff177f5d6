//! Working time: a site's opening hours (local time, Europe/Paris) minus French public holidays
//! (and Alsace-Moselle's two more) and the site's closing days. A deadline stated in hours counts
//! calendar hours on the days the site is open (`add_hours_on_open_days`); the escalation delay
//! counts opening hours (`add_working`). DST changes are handled by converting each local
//! opening span to UTC on its own day.

use crate::org::sites::OpeningSpan;
use chrono::{
    DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc, Weekday,
};
use chrono_tz::Europe::Paris;
use std::collections::BTreeSet;

/// French public holidays of a year: fixed dates, Easter Monday, Ascension, Whit Monday.
pub fn holidays(year: i32) -> Vec<NaiveDate> {
    let fixed = [
        (1, 1),
        (5, 1),
        (5, 8),
        (7, 14),
        (8, 15),
        (11, 1),
        (11, 11),
        (12, 25),
    ];
    let mut days: Vec<NaiveDate> = fixed
        .iter()
        .filter_map(|(m, d)| NaiveDate::from_ymd_opt(year, *m, *d))
        .collect();
    if let Ok(easter) = computus::gregorian_naive(year) {
        days.extend([
            easter + Duration::days(1),
            easter + Duration::days(39),
            easter + Duration::days(50),
        ]);
    }
    days.sort();
    days
}

pub fn is_holiday(date: NaiveDate) -> bool {
    holidays(date.year()).contains(&date)
}

/// The two extra public holidays of Alsace-Moselle: Good Friday and 26 December.
pub fn alsace_moselle_holidays(year: i32) -> Vec<NaiveDate> {
    let mut days: Vec<NaiveDate> = NaiveDate::from_ymd_opt(year, 12, 26).into_iter().collect();
    if let Ok(easter) = computus::gregorian_naive(year) {
        days.insert(0, easter - Duration::days(2));
    }
    days
}

/// Départements of Alsace-Moselle (local law: two more public holidays).
pub fn is_alsace_moselle(departement: &str) -> bool {
    matches!(departement.trim(), "57" | "67" | "68")
}

/// Opening hours of one site, its public holidays and its exceptional closing days.
#[derive(Debug, Clone)]
pub struct Schedule {
    spans: Vec<OpeningSpan>,
    /// Alsace-Moselle: Good Friday and 26 December are holidays too.
    alsace_moselle: bool,
    closed_days: BTreeSet<NaiveDate>,
}

/// Local wall time to UTC; a time skipped by the spring DST change moves forward an hour.
fn to_utc(local: NaiveDateTime) -> DateTime<Utc> {
    Paris
        .from_local_datetime(&local)
        .earliest()
        .or_else(|| {
            Paris
                .from_local_datetime(&(local + Duration::hours(1)))
                .earliest()
        })
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_else(|| Utc.from_utc_datetime(&local))
}

fn at_minutes(date: NaiveDate, minutes: u16) -> NaiveDateTime {
    let time = NaiveTime::from_num_seconds_from_midnight_opt(u32::from(minutes.min(1439)) * 60, 0)
        .unwrap_or(NaiveTime::MIN);
    // 24:00 closes at midnight, i.e. the start of the next day.
    if minutes >= 1440 {
        (date + Duration::days(1)).and_time(NaiveTime::MIN)
    } else {
        date.and_time(time)
    }
}

impl Schedule {
    /// A schedule with no span at all would never open: such a site counts as always open.
    pub fn new(mut spans: Vec<OpeningSpan>) -> Schedule {
        if spans.is_empty() {
            spans = (1..=7)
                .map(|weekday| OpeningSpan {
                    weekday,
                    opens_min: 0,
                    closes_min: 1440,
                })
                .collect();
        }
        spans.sort_by_key(|s| (s.weekday, s.opens_min));
        Schedule {
            spans,
            alsace_moselle: false,
            closed_days: BTreeSet::new(),
        }
    }

    /// The same hours in Alsace-Moselle (or not), with exceptional closing days.
    pub fn with_local_days(
        mut self,
        alsace_moselle: bool,
        closed_days: impl IntoIterator<Item = NaiveDate>,
    ) -> Schedule {
        self.alsace_moselle = alsace_moselle;
        self.closed_days = closed_days.into_iter().collect();
        self
    }

    /// A public holiday of the site, or one of its closing days.
    pub fn is_closed_day(&self, date: NaiveDate) -> bool {
        is_holiday(date)
            || self.closed_days.contains(&date)
            || (self.alsace_moselle && alsace_moselle_holidays(date.year()).contains(&date))
    }

    /// The site opens on this local date.
    pub fn is_open_day(&self, date: NaiveDate) -> bool {
        self.periods(date).next().is_some()
    }

    /// The open periods of a local date, in UTC, in order (none on closed days).
    fn periods(
        &self,
        date: NaiveDate,
    ) -> impl Iterator<Item = (DateTime<Utc>, DateTime<Utc>)> + '_ {
        let weekday = date.weekday().number_from_monday() as u8;
        let closed = self.is_closed_day(date);
        self.spans
            .iter()
            .filter(move |s| !closed && s.weekday == weekday)
            .map(move |s| {
                (
                    to_utc(at_minutes(date, s.opens_min)),
                    to_utc(at_minutes(date, s.closes_min)),
                )
            })
    }

    /// Inside an opening period, its closing instant included (a deadline may fall at closing time).
    pub fn contains(&self, t: DateTime<Utc>) -> bool {
        let date = t.with_timezone(&Paris).date_naive();
        self.periods(date).any(|(a, b)| a <= t && t <= b)
    }

    pub fn is_open(&self, t: DateTime<Utc>) -> bool {
        let date = t.with_timezone(&Paris).date_naive();
        self.periods(date).any(|(a, b)| a <= t && t < b)
    }

    /// `start` plus `work` of working time. Searches at most two years ahead.
    pub fn add_working(&self, start: DateTime<Utc>, work: Duration) -> DateTime<Utc> {
        let mut left = work;
        let mut date = start.with_timezone(&Paris).date_naive();
        for _ in 0..730 {
            for (open, close) in self.periods(date) {
                let from = open.max(start);
                if from >= close {
                    continue;
                }
                let available = close - from;
                if available >= left {
                    return from + left;
                }
                left -= available;
            }
            date += Duration::days(1);
        }
        start + work
    }

    /// Working time between two instants.
    pub fn working_between(&self, a: DateTime<Utc>, b: DateTime<Utc>) -> Duration {
        let mut total = Duration::zero();
        let mut date = a.with_timezone(&Paris).date_naive();
        let last = b.with_timezone(&Paris).date_naive();
        while date <= last {
            for (open, close) in self.periods(date) {
                let (from, to) = (open.max(a), close.min(b));
                if from < to {
                    total += to - from;
                }
            }
            date += Duration::days(1);
        }
        total
    }

    /// The closing time of the next working day after `start`'s day ("recontact by tomorrow evening").
    pub fn end_of_next_working_day(&self, start: DateTime<Utc>) -> DateTime<Utc> {
        let mut date = start.with_timezone(&Paris).date_naive() + Duration::days(1);
        for _ in 0..730 {
            if let Some((_, close)) = self.periods(date).last() {
                return close;
            }
            date += Duration::days(1);
        }
        start + Duration::days(1)
    }

    /// The next opening at or after `t` (t itself when open).
    pub fn next_open(&self, t: DateTime<Utc>) -> DateTime<Utc> {
        self.add_working(t, Duration::zero())
    }

    /// `start` plus `hours` of calendar time counted on the days the site is open: a closed
    /// day (no opening hours, public holiday, closing day) does not count at all; an end
    /// outside opening hours moves to the next opening. "48 h" received on Friday at 18:00 with
    /// Saturday open and Sunday closed ends on Monday at 18:00; a lead received on a closed
    /// day starts counting at midnight of the next open day. Elapsed hours are real hours
    /// (a DST night has 23 or 25).
    pub fn add_hours_on_open_days(&self, start: DateTime<Utc>, hours: Duration) -> DateTime<Utc> {
        let mut t = start;
        let mut left = hours;
        for _ in 0..730 {
            let date = t.with_timezone(&Paris).date_naive();
            let day_end = to_utc(at_minutes(date + Duration::days(1), 0));
            if self.is_open_day(date) {
                let available = day_end - t;
                if available >= left {
                    let end = t + left;
                    return if self.contains(end) {
                        end
                    } else {
                        self.next_open(end)
                    };
                }
                left -= available;
            }
            t = day_end;
        }
        start + hours
    }

    /// Calendar time between two instants, without the days the site is closed.
    pub fn hours_on_open_days_between(&self, a: DateTime<Utc>, b: DateTime<Utc>) -> Duration {
        let mut total = Duration::zero();
        let mut t = a;
        for _ in 0..730 {
            if t >= b {
                break;
            }
            let date = t.with_timezone(&Paris).date_naive();
            let day_end = to_utc(at_minutes(date + Duration::days(1), 0)).min(b);
            if self.is_open_day(date) {
                total += day_end - t;
            }
            t = day_end;
        }
        total
    }
}

/// Monday = 1, as stored in `site_hours`.
pub fn weekday_number(w: Weekday) -> u8 {
    w.number_from_monday() as u8
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::org::sites::typical_hours;

    fn utc(s: &str) -> DateTime<Utc> {
        crate::kernel::clock::parse(s).unwrap()
    }
    fn paris(s: &str) -> String {
        crate::kernel::clock::parse(s)
            .unwrap()
            .with_timezone(&Paris)
            .format("%a %d/%m/%Y %H:%M")
            .to_string()
    }
    fn show(t: DateTime<Utc>) -> String {
        paris(&crate::kernel::clock::to_text(t))
    }

    fn due(schedule: &Schedule, received: &str, hours: i64) -> String {
        show(schedule.add_hours_on_open_days(utc(received), Duration::hours(hours)))
    }

    #[test]
    fn hours_count_on_open_days_and_end_at_an_opening() {
        let s = Schedule::new(typical_hours());
        // Friday 18:00: the evening and Saturday count, Sunday does not.
        assert_eq!(due(&s, "2026-11-27T17:00:00Z", 48), "Mon 30/11/2026 18:00");
        // 24 h lands on Saturday's closing time: still inside.
        assert_eq!(due(&s, "2026-11-27T17:00:00Z", 24), "Sat 28/11/2026 18:00");
        // A Sunday lead counts from Monday midnight; Tuesday midnight moves to the opening.
        assert_eq!(due(&s, "2026-11-29T09:00:00Z", 24), "Tue 01/12/2026 09:00");
        assert_eq!(due(&s, "2026-11-29T09:00:00Z", 48), "Wed 02/12/2026 09:00");
        // The day before a holiday (11 November): the holiday does not count.
        assert_eq!(due(&s, "2026-11-10T15:00:00Z", 48), "Fri 13/11/2026 16:00");
        // An end during the lunch break moves to 14:00.
        assert_eq!(due(&s, "2026-11-24T11:30:00Z", 24), "Wed 25/11/2026 14:00");
    }

    #[test]
    fn a_site_closed_on_monday_skips_it() {
        let tuesday_to_saturday: Vec<OpeningSpan> = typical_hours()
            .into_iter()
            .filter(|s| s.weekday != 1)
            .collect();
        let s = Schedule::new(tuesday_to_saturday);
        assert_eq!(due(&s, "2026-11-28T16:00:00Z", 24), "Tue 01/12/2026 17:00");
        let closed = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let s = s.with_local_days(false, [closed]);
        assert_eq!(due(&s, "2026-11-28T16:00:00Z", 24), "Wed 02/12/2026 17:00");
        assert!(!s.is_open_day(closed));
    }

    #[test]
    fn hours_are_real_hours_across_dst() {
        let always = Schedule::new(Vec::new());
        // 25 October 2026 has 25 hours: 24 h after Saturday noon is Sunday 11:00.
        assert_eq!(
            due(&always, "2026-10-24T10:00:00Z", 24),
            "Sun 25/10/2026 11:00"
        );
        // 29 March 2026 has 23 hours.
        assert_eq!(
            due(&always, "2026-03-28T11:00:00Z", 24),
            "Sun 29/03/2026 13:00"
        );
        let a = utc("2026-10-24T10:00:00Z");
        assert_eq!(
            always.hours_on_open_days_between(a, a + Duration::hours(30)),
            Duration::hours(30)
        );
    }

    #[test]
    fn alsace_moselle_has_good_friday_and_saint_stephen() {
        let s = Schedule::new(typical_hours());
        assert_eq!(due(&s, "2026-04-02T16:00:00Z", 24), "Fri 03/04/2026 18:00");
        let alsace = Schedule::new(typical_hours()).with_local_days(is_alsace_moselle("67"), []);
        assert_eq!(
            due(&alsace, "2026-04-02T16:00:00Z", 24),
            "Sat 04/04/2026 18:00"
        );
        assert!(alsace.is_closed_day(NaiveDate::from_ymd_opt(2026, 12, 26).unwrap()));
        assert!(!s.is_closed_day(NaiveDate::from_ymd_opt(2026, 12, 26).unwrap()));
        let friday = utc("2026-04-02T22:00:00Z");
        let sunday = utc("2026-04-04T22:00:00Z");
        assert_eq!(
            alsace.hours_on_open_days_between(friday, sunday),
            Duration::hours(24)
        );
    }

    #[test]
    fn french_holidays_include_the_moving_ones() {
        let h = holidays(2026);
        for d in [
            "2026-01-01",
            "2026-04-06",
            "2026-05-01",
            "2026-05-08",
            "2026-05-14",
            "2026-05-25",
            "2026-07-14",
            "2026-08-15",
            "2026-11-01",
            "2026-11-11",
            "2026-12-25",
        ] {
            assert!(h.contains(&d.parse().unwrap()), "{d}");
        }
        assert_eq!(h.len(), 11);
        // Easter 2027 is on 28 March: Monday 29 March, Ascension 6 May, Whit Monday 17 May.
        let h = holidays(2027);
        for d in ["2027-03-29", "2027-05-06", "2027-05-17"] {
            assert!(h.contains(&d.parse().unwrap()), "{d}");
        }
    }

    #[test]
    fn working_time_additions() {
        let shop = Schedule::new(typical_hours()); // Mon–Fri 9–12 & 14–19, Sat 9–12 & 14–18
        let cases = [
            // Friday 18:00 + 48 working hours: 1 h Friday, 7 h Saturday, 8 h a weekday → next Friday at closing.
            ("2026-11-20T17:00:00Z", 48, "Fri 27/11/2026 19:00"),
            ("2026-11-20T17:00:00Z", 49, "Sat 28/11/2026 10:00"),
            // Received on Sunday: the clock starts on Monday morning.
            ("2026-11-22T10:00:00Z", 2, "Mon 23/11/2026 11:00"),
            // Lunch break is not working time.
            ("2026-11-24T10:30:00Z", 1, "Tue 24/11/2026 14:30"),
            // 11 November (Wednesday) is a holiday.
            ("2026-11-10T17:00:00Z", 2, "Thu 12/11/2026 10:00"),
            // Across the spring DST change (Sunday 29 March 2026): Saturday 17:00 + 2 h → Monday 10:00 local.
            ("2026-03-28T16:00:00Z", 2, "Mon 30/03/2026 10:00"),
            // Across the autumn change (Sunday 25 October 2026): Saturday 17:00 (UTC+2) + 2 h.
            ("2026-10-24T15:00:00Z", 2, "Mon 26/10/2026 10:00"),
            // Easter Monday 6 April 2026 is skipped.
            ("2026-04-03T16:00:00Z", 2, "Sat 04/04/2026 10:00"),
            ("2026-04-04T15:00:00Z", 2, "Tue 07/04/2026 10:00"),
        ];
        for (start, hours, want) in cases {
            assert_eq!(
                show(shop.add_working(utc(start), Duration::hours(hours))),
                want,
                "{start} + {hours} h"
            );
        }
    }

    #[test]
    fn sites_with_different_hours() {
        // A workshop open Monday to Friday 8:00–12:00 and 13:30–17:30 only.
        let mut spans = Vec::new();
        for weekday in 1..=5 {
            spans.push(OpeningSpan {
                weekday,
                opens_min: 8 * 60,
                closes_min: 12 * 60,
            });
            spans.push(OpeningSpan {
                weekday,
                opens_min: 13 * 60 + 30,
                closes_min: 17 * 60 + 30,
            });
        }
        let workshop = Schedule::new(spans);
        assert_eq!(
            show(workshop.add_working(utc("2026-11-20T16:00:00Z"), Duration::hours(1))),
            "Mon 23/11/2026 08:30"
        );
        assert_eq!(
            show(workshop.end_of_next_working_day(utc("2026-11-20T10:00:00Z"))),
            "Mon 23/11/2026 17:30"
        );
        assert!(
            !workshop.is_open(utc("2026-11-21T09:00:00Z")),
            "closed on Saturday"
        );
        // Always-open when no hours are set.
        let always = Schedule::new(Vec::new());
        assert_eq!(
            show(always.add_working(utc("2026-11-21T09:00:00Z"), Duration::hours(48))),
            "Mon 23/11/2026 10:00"
        );
    }

    #[test]
    fn working_time_between_two_instants() {
        let shop = Schedule::new(typical_hours());
        // Friday 18:00 → Monday 10:00: 1 h + 7 h + 1 h.
        assert_eq!(
            shop.working_between(utc("2026-11-20T17:00:00Z"), utc("2026-11-23T09:00:00Z")),
            Duration::hours(9)
        );
        assert_eq!(
            shop.working_between(utc("2026-11-23T09:00:00Z"), utc("2026-11-20T17:00:00Z")),
            Duration::zero()
        );
    }
}

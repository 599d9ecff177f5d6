//! French formatting for documents and mails: `12 345,50 €`, dd/mm/yyyy, Europe/Paris.

use chrono::{DateTime, NaiveDate, Utc};

/// Cents as French euros: `12 345,50 €`, `-500,00 €` (plain spaces: they survive copy and
/// text extraction; documents never wrap inside an amount).
pub fn euros(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let abs = cents.unsigned_abs();
    let units = (abs / 100).to_string();
    let mut grouped = String::new();
    for (i, c) in units.chars().enumerate() {
        if i > 0 && (units.len() - i).is_multiple_of(3) {
            grouped.push(' ');
        }
        grouped.push(c);
    }
    format!("{sign}{grouped},{:02} €", abs % 100)
}

/// A French number as people write it (`+33478000001` → `04 78 00 00 01`); others as stored.
pub fn phone(e164: &str) -> String {
    match e164.strip_prefix("+33") {
        Some(rest) if rest.len() == 9 && rest.chars().all(|c| c.is_ascii_digit()) => {
            let digits = format!("0{rest}");
            digits
                .as_bytes()
                .chunks(2)
                .map(|pair| String::from_utf8_lossy(pair).into_owned())
                .collect::<Vec<_>>()
                .join(" ")
        }
        _ => e164.to_string(),
    }
}

/// A kilometre count: `45 000 km`.
pub fn km(km: i64) -> String {
    let euro = euros(km * 100);
    format!("{} km", euro.trim_end_matches(",00 €"))
}

/// `YYYY-MM-DD` as `dd/mm/yyyy` (kept as written when it is not a date).
pub fn date(iso: &str) -> String {
    match NaiveDate::parse_from_str(iso, "%Y-%m-%d") {
        Ok(d) => d.format("%d/%m/%Y").to_string(),
        Err(_) => iso.to_string(),
    }
}

/// An instant as `dd/mm/yyyy à HH:MM`, Paris time.
pub fn date_time(at: DateTime<Utc>) -> String {
    at.with_timezone(&chrono_tz::Europe::Paris)
        .format("%d/%m/%Y à %H:%M")
        .to_string()
}

/// The local date of an instant, `dd/mm/yyyy`.
pub fn local_date(at: DateTime<Utc>) -> String {
    at.with_timezone(&chrono_tz::Europe::Paris)
        .format("%d/%m/%Y")
        .to_string()
}

/// `YYYY-MM` or `YYYY-MM-DD` of a first registration as `mm/yyyy`.
pub fn month_year(iso: &str) -> String {
    let mut parts = iso.split('-');
    match (parts.next(), parts.next()) {
        (Some(y), Some(m)) if y.len() == 4 && m.len() == 2 => format!("{m}/{y}"),
        _ => iso.to_string(),
    }
}

/// A spreadsheet cell starting with = + - @ (or a tab / carriage return) is a formula to Excel:
/// text from outside is prefixed with an apostrophe so that it stays text (CSV injection).
pub fn inert(text: &str) -> String {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn euros_are_grouped_by_thousands_with_a_comma() {
        assert_eq!(euros(0), "0,00 €");
        assert_eq!(euros(5), "0,05 €");
        assert_eq!(euros(1_234_550), "12 345,50 €");
        assert_eq!(euros(-50_000), "-500,00 €");
        assert_eq!(euros(12_345_678_900), "123 456 789,00 €");
        assert_eq!(km(45_000), "45 000 km");
        assert_eq!(phone("+33478000001"), "04 78 00 00 01");
        assert_eq!(phone("+41221234567"), "+41221234567");
        assert_eq!(date("2026-12-31"), "31/12/2026");
        assert_eq!(month_year("2019-03"), "03/2019");
        assert_eq!(month_year("2019-03-15"), "03/2019");
    }
}

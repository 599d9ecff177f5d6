//! Reading one cell of a DMS export the way French software writes it: dates `31/12/2024`
//! (or ISO, or an Excel serial number from a workbook), numbers `39 130,50` with spaces, non-breaking
//! spaces or a euro sign, yes/no as `O`/`N`/`oui`/`1`. Each reader says in French why a cell is
//! refused; the row is then rejected with that reason.

use chrono::NaiveDate;

/// `Err` carries the French reason, without the column's name (the caller adds it).
pub type CellResult<T> = std::result::Result<T, String>;

/// A date: `dd/mm/yyyy`, `dd-mm-yyyy`, `dd.mm.yyyy`, `dd/mm/yy`, `yyyy-mm-dd` (a time after it is
/// ignored), or a workbook's serial day number. An impossible day such as 31/02 is refused.
pub fn date(text: &str) -> CellResult<NaiveDate> {
    let t = text.trim();
    let t = t.split(['T', ' ']).next().unwrap_or(t);
    let refused = || format!("date illisible « {} » (attendu jj/mm/aaaa)", shorten(text));
    if let Ok(serial) = t.parse::<f64>() {
        // Excel's day 1 is 1900-01-01 and it counts a 29/02/1900 that never was: day 0 is 1899-12-30.
        if (1.0..=2_958_465.0).contains(&serial) {
            let base = NaiveDate::from_ymd_opt(1899, 12, 30).ok_or_else(refused)?;
            return base
                .checked_add_days(chrono::Days::new(serial.trunc() as u64))
                .ok_or_else(refused);
        }
        return Err(refused());
    }
    let parts: Vec<&str> = t.split(['/', '-', '.']).collect();
    let [a, b, c] = parts.as_slice() else {
        return Err(refused());
    };
    let number = |s: &str| s.parse::<u32>().map_err(|_| refused());
    let (year, month, day) = if a.len() == 4 {
        (number(a)? as i32, number(b)?, number(c)?)
    } else {
        let year = match c.len() {
            4 => number(c)? as i32,
            // Two-digit years: 00-69 are 2000s, 70-99 the 1900s.
            2 => {
                let y = number(c)? as i32;
                if y < 70 {
                    2000 + y
                } else {
                    1900 + y
                }
            }
            _ => return Err(refused()),
        };
        (year, number(b)?, number(a)?)
    };
    if !(1900..=2200).contains(&year) || !(1..=12).contains(&month) {
        return Err(refused());
    }
    NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| {
        format!(
            "date impossible « {} » (le {day:02}/{month:02}/{year} n'existe pas)",
            shorten(text)
        )
    })
}

/// A decimal number written the French or the English way: `39 130,50`, `39130.50`, `39.130,50`,
/// `12 194 km`, `1 234,5 €`. Returns hundredths, rounded half away from zero.
pub fn hundredths(text: &str) -> CellResult<i64> {
    let refused = || format!("nombre illisible « {} »", shorten(text));
    let mut t: String = text
        .trim()
        .trim_end_matches(['€', 'E', 'e'])
        .trim_end_matches("EUR")
        .trim_end_matches("km")
        .trim_end_matches("KM")
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{202f}' && *c != '\'')
        .collect();
    if t.is_empty() {
        return Err(refused());
    }
    let comma = t.rfind(',');
    let dot = t.rfind('.');
    // The last separator is the decimal one; the other is a thousands separator.
    t = match (comma, dot) {
        (Some(c), Some(d)) if c > d => t.replace('.', "").replace(',', "."),
        (Some(_), Some(_)) => t.replace(',', ""),
        (Some(_), None) => {
            if t.matches(',').count() > 1 {
                t.replace(',', "")
            } else {
                t.replace(',', ".")
            }
        }
        (None, Some(_)) if t.matches('.').count() > 1 => t.replace('.', ""),
        _ => t,
    };
    let negative = t.starts_with('-');
    let digits = t.trim_start_matches(['-', '+']);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    if whole.is_empty() && fraction.is_empty()
        || !whole.chars().all(|c| c.is_ascii_digit())
        || !fraction.chars().all(|c| c.is_ascii_digit())
        || whole.len() > 13
    {
        return Err(refused());
    }
    let whole: i64 = if whole.is_empty() {
        0
    } else {
        whole.parse().map_err(|_| refused())?
    };
    let mut frac = fraction.chars().chain(std::iter::repeat('0'));
    let tens = frac.next().and_then(|c| c.to_digit(10)).unwrap_or(0) as i64;
    let units = frac.next().and_then(|c| c.to_digit(10)).unwrap_or(0) as i64;
    let rest = frac.next().and_then(|c| c.to_digit(10)).unwrap_or(0) as i64;
    let value = whole * 100 + tens * 10 + units + i64::from(rest >= 5);
    Ok(if negative { -value } else { value })
}

/// Euros in cents (an amount must not be negative).
pub fn cents(text: &str) -> CellResult<i64> {
    let v = hundredths(text)?;
    if v < 0 {
        return Err(format!("montant négatif « {} »", shorten(text)));
    }
    Ok(v)
}

/// A whole number of kilometres (decimals refused: `12,5` km is a typo).
pub fn km(text: &str) -> CellResult<i64> {
    let v = hundredths(text)?;
    if v < 0 || v % 100 != 0 || v / 100 > 2_000_000 {
        return Err(format!("kilométrage illisible « {} »", shorten(text)));
    }
    Ok(v / 100)
}

/// Yes or no: `O`, `Oui`, `Y`, `Yes`, `1`, `X`, `Vrai`, `True` / `N`, `Non`, `No`, `0`, `Faux`, `False`.
pub fn yes_no(text: &str) -> CellResult<bool> {
    match fold(text).as_str() {
        "o" | "oui" | "y" | "yes" | "1" | "x" | "vrai" | "true" => Ok(true),
        "n" | "non" | "no" | "0" | "faux" | "false" | "" => Ok(false),
        _ => Err(format!("oui/non illisible « {} »", shorten(text))),
    }
}

pub use crate::kernel::validate::fold;

/// A cell quoted in a message: at most 40 characters, control characters removed.
pub fn shorten(text: &str) -> String {
    let clean: String = text.trim().chars().filter(|c| !c.is_control()).collect();
    if clean.chars().count() > 40 {
        format!("{}…", clean.chars().take(39).collect::<String>())
    } else {
        clean
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn dates_in_the_formats_dms_write() {
        assert_eq!(date("11/08/2019"), Ok(d(2019, 8, 11)));
        assert_eq!(date(" 2019-08-11 "), Ok(d(2019, 8, 11)));
        assert_eq!(date("2019-08-11T10:00:00"), Ok(d(2019, 8, 11)));
        assert_eq!(date("11.08.2019"), Ok(d(2019, 8, 11)));
        assert_eq!(date("11/08/19"), Ok(d(2019, 8, 11)));
        assert_eq!(date("11/08/85"), Ok(d(1985, 8, 11)));
        assert_eq!(date("11/08/2019 14:30"), Ok(d(2019, 8, 11)));
        assert_eq!(date("43688"), Ok(d(2019, 8, 11)), "an Excel serial");
        assert!(date("31/02/2024").unwrap_err().contains("n'existe pas"));
        assert!(date("29/02/2023").is_err());
        assert_eq!(date("29/02/2024"), Ok(d(2024, 2, 29)));
        for bad in ["", "demain", "13/13/2020", "1/2", "01/01/0001", "-5"] {
            assert!(date(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn numbers_with_french_and_english_separators() {
        assert_eq!(cents("39 130,50"), Ok(3_913_050));
        assert_eq!(cents("39\u{a0}130,50 €"), Ok(3_913_050));
        assert_eq!(cents("39\u{202f}130,50"), Ok(3_913_050));
        assert_eq!(cents("39130.50"), Ok(3_913_050));
        assert_eq!(cents("39.130,50"), Ok(3_913_050));
        assert_eq!(cents("39,130.50"), Ok(3_913_050));
        assert_eq!(cents("16690"), Ok(1_669_000));
        assert_eq!(cents("9999.0"), Ok(999_900));
        assert_eq!(cents("0,005"), Ok(1), "half-up");
        assert_eq!(cents("1.234.567"), Ok(123_456_700));
        assert!(cents("-12").is_err());
        assert!(cents("douze").is_err());
        assert!(cents("12,3,4x").is_err());
        assert!(cents("").is_err());
        assert_eq!(km("12 194"), Ok(12_194));
        assert_eq!(km("135564 km"), Ok(135_564));
        assert_eq!(km("46"), Ok(46));
        assert!(km("12,5").is_err());
        assert!(km("99999999999").is_err());
    }

    #[test]
    fn yes_no_and_folding() {
        assert_eq!(yes_no("O"), Ok(true));
        assert_eq!(yes_no("oui"), Ok(true));
        assert_eq!(yes_no("N"), Ok(false));
        assert_eq!(yes_no(""), Ok(false));
        assert!(yes_no("peut-être").is_err());
        assert_eq!(fold("Date 1ère MEC"), "date 1ere mec");
        assert_eq!(fold("  N° VIN "), "n vin");
        assert_eq!(fold("Prix_TTC (€)"), "prix ttc");
        assert_eq!(fold("ÉNERGIE"), "energie");
    }
}

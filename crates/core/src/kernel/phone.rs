//! Phone numbers of France, its neighbours and the world, read into E.164 with their country.
//!
//! The rules a French garage expects:
//! - a number written with its international prefix (`+41…`, `0041…`, `+33 (0)6…`) is read in
//!   that country;
//! - a national number (`0475 12 34 56`) is read in the country the request gives; with none it is
//!   French when it starts with 0, North American when it has the NANP shape (`(555) 123-4567`,
//!   `1-201-555-0147`);
//! - a national number of another country is never turned into a French one: when it does not
//!   fit that country it is kept as written, to be checked by a person.

use phonenumber::country::Id;

/// What a phone value is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PhoneReading {
    /// E.164 and its country (ISO 3166 alpha-2) when the numbering plan knows it.
    Normalised {
        e164: String,
        country: Option<String>,
    },
    /// Enough digits to be dialled by a person, but not a number Carnet can read: kept as written.
    AsWritten(String),
    /// No number in it (letters, too few digits, too long).
    Unusable,
}

impl PhoneReading {
    pub fn e164(&self) -> Option<&str> {
        match self {
            PhoneReading::Normalised { e164, .. } => Some(e164),
            _ => None,
        }
    }
}

/// Longest value read, in bytes (a phone field is short; hostile input is not parsed).
const MAX_LEN: usize = 40;

/// Reads `raw` for a person of `country` (ISO alpha-2, upper case; None when unknown).
pub fn read(raw: &str, country: Option<&str>) -> PhoneReading {
    let trimmed = raw.trim();
    if trimmed.len() > MAX_LEN
        || !trimmed
            .chars()
            .all(|c| c.is_ascii_digit() || " \u{a0}.-/()+".contains(c))
    {
        return PhoneReading::Unusable;
    }
    // "+33 (0)6 …": the (0) is the national trunk prefix, not a digit of the number.
    let without_trunk = trimmed.replace("(0)", "");
    let digits: String = without_trunk.chars().filter(char::is_ascii_digit).collect();
    if !(6..=17).contains(&digits.len()) {
        return PhoneReading::Unusable;
    }
    let international = without_trunk.trim_start().starts_with('+');
    let reading = if international {
        global(&format!("+{digits}"))
    } else if let Some(rest) = digits.strip_prefix("00") {
        global(&format!("+{rest}"))
    } else {
        national(&digits, country)
    };
    reading.unwrap_or_else(|| PhoneReading::AsWritten(trimmed.to_string()))
}

/// A number written with its country code.
fn global(plus: &str) -> Option<PhoneReading> {
    let number = phonenumber::parse(None, plus).ok()?;
    let code = number.code().value();
    let national_len =
        number.national().value().to_string().len() + usize::from(number.national().zeros());
    // A French or North American number of the right length is kept even when the plan says
    // the range is unallocated (an overseas +33 694…, a 555 number): someone can still dial it.
    let right_shape = (code == 33 && national_len == 9) || (code == 1 && national_len == 10);
    if !number.is_valid() && !right_shape {
        return None;
    }
    // The range's country, else the main country of the code (Italy's 0-ranges have none).
    let country = number
        .country()
        .id()
        .map(|id| id.as_ref().to_string())
        .or_else(|| {
            phonenumber::metadata::DATABASE
                .by_code(&code)
                .and_then(|all| all.into_iter().find(|m| m.is_main_country_for_code()))
                .map(|m| m.id().to_string())
        })
        .or_else(|| (code == 1).then(|| "US".to_string()));
    Some(PhoneReading::Normalised {
        e164: number.format().mode(phonenumber::Mode::E164).to_string(),
        country,
    })
}

/// A number written the national way, in the person's country.
fn national(digits: &str, country: Option<&str>) -> Option<PhoneReading> {
    match country {
        None | Some("FR") => french(digits).or_else(|| nanp(digits)),
        Some("US") | Some("CA") => nanp(digits),
        Some(other) => {
            let id: Id = other.parse().ok()?;
            in_region(digits, id)
        }
    }
}

/// 0X XX XX XX XX, the shape of every French number (the fast path of DMS imports too); the
/// same 9 digits without their 0, as a spreadsheet writes a number it took for an integer.
fn french(digits: &str) -> Option<PhoneReading> {
    let bytes = digits.as_bytes();
    let national = match bytes.len() {
        10 if bytes[0] == b'0' && bytes[1] != b'0' => &digits[1..],
        9 if bytes[0] != b'0' => digits,
        _ => return None,
    };
    Some(PhoneReading::Normalised {
        e164: format!("+33{national}"),
        country: Some("FR".into()),
    })
}

/// North American numbers: 10 digits whose area code does not start with 0 or 1, or 1 + those.
fn nanp(digits: &str) -> Option<PhoneReading> {
    let ten = match digits.len() {
        11 if digits.starts_with('1') => &digits[1..],
        10 => digits,
        _ => return None,
    };
    let first = ten.as_bytes()[0];
    if first == b'0' || first == b'1' {
        return None;
    }
    let e164 = format!("+1{ten}");
    let country = phonenumber::parse(None, &e164)
        .ok()
        .and_then(|n| n.country().id())
        .map_or("US".to_string(), |id| id.as_ref().to_string());
    Some(PhoneReading::Normalised {
        e164,
        country: Some(country),
    })
}

fn in_region(digits: &str, id: Id) -> Option<PhoneReading> {
    let number = phonenumber::parse(Some(id), digits).ok()?;
    if !number.is_valid() {
        return None;
    }
    Some(PhoneReading::Normalised {
        e164: number.format().mode(phonenumber::Mode::E164).to_string(),
        country: Some(id.as_ref().to_string()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e164(raw: &str, country: Option<&str>) -> Option<String> {
        read(raw, country).e164().map(str::to_string)
    }

    #[test]
    fn french_numbers_in_every_usual_writing() {
        for raw in [
            "06 12 34 56 78",
            "06.12.34.56.78",
            "0612345678",
            "06-12-34-56-78",
            "+33 6 12 34 56 78",
            "+33 (0)6 12 34 56 78",
            "0033 6 12 34 56 78",
            "0033612345678",
        ] {
            assert_eq!(e164(raw, None).as_deref(), Some("+33612345678"), "{raw}");
            assert_eq!(
                e164(raw, Some("FR")).as_deref(),
                Some("+33612345678"),
                "{raw}"
            );
        }
        assert_eq!(e164("612345678", None).as_deref(), Some("+33612345678"));
        // An overseas range dialled the French way stays reachable.
        assert_eq!(
            e164("06 94 12 34 56", None).as_deref(),
            Some("+33694123456")
        );
    }

    #[test]
    fn neighbours_read_in_their_country() {
        let table = [
            ("0475 12 34 56", "BE", "+32475123456"),
            ("02 555 01 00", "BE", "+3225550100"),
            ("621 123 456", "LU", "+352621123456"),
            ("022 345 67 89", "CH", "+41223456789"),
            ("0171 2345678", "DE", "+491712345678"),
            ("02 1234 5678", "IT", "+390212345678"),
            ("612 34 56 78", "ES", "+34612345678"),
            ("93 25 12 34", "MC", "+37793251234"),
            // Monaco's mobiles are written 06… too.
            ("06 12 34 56 78", "MC", "+377612345678"),
        ];
        for (raw, country, want) in table {
            assert_eq!(
                e164(raw, Some(country)).as_deref(),
                Some(want),
                "{raw} in {country}"
            );
        }
    }

    #[test]
    fn international_numbers_carry_their_country() {
        let table = [
            ("+41 22 345 67 89", "+41223456789", "CH"),
            ("00352 621 123 456", "+352621123456", "LU"),
            ("+39 02 1234 5678", "+390212345678", "IT"),
            ("+377 93 25 12 34", "+37793251234", "MC"),
            ("+49 171 2345678", "+491712345678", "DE"),
            ("+1 (415) 555-0132", "+14155550132", "US"),
            ("+44 20 7946 0958", "+442079460958", "GB"),
        ];
        for (raw, want, country) in table {
            let got = read(raw, Some("FR"));
            assert_eq!(
                got,
                PhoneReading::Normalised {
                    e164: want.into(),
                    country: Some(country.into())
                },
                "{raw}"
            );
        }
    }

    #[test]
    fn north_american_shapes() {
        assert_eq!(
            e164("(555) 123-4567", None).as_deref(),
            Some("+15551234567")
        );
        assert_eq!(
            e164("1-201-555-0147", None).as_deref(),
            Some("+12015550147")
        );
        assert_eq!(
            e164("773.555.0162", Some("US")).as_deref(),
            Some("+17735550162")
        );
        assert_eq!(
            e164("613-555-0199", Some("CA")).as_deref(),
            Some("+16135550199")
        );
    }

    #[test]
    fn a_foreign_national_number_never_becomes_french() {
        // A French-looking mobile in a Belgian request is not Belgian: kept as written.
        assert_eq!(
            read("06 12 34 56 78", Some("BE")),
            PhoneReading::AsWritten("06 12 34 56 78".into())
        );
        assert_eq!(
            read("0475 12 34 56", Some("BE")).e164(),
            Some("+32475123456")
        );
        assert_eq!(
            read("12 34 56", None),
            PhoneReading::AsWritten("12 34 56".into())
        );
    }

    #[test]
    fn what_is_not_a_number() {
        for raw in [
            "PASDENUMERO",
            "",
            "12",
            "📞📞📞",
            "06 12 34 56 78 poste 12",
            &"1".repeat(60),
        ] {
            assert_eq!(read(raw, None), PhoneReading::Unusable, "{raw}");
        }
    }
}

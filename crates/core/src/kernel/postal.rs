//! Countries and postal codes: France by default, its neighbours and the usual foreign shapes.
//! A code that does not fit its country is kept as written (to be checked), never refused.

/// What a postal code value is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PostalReading {
    /// The code in its usual writing for the country.
    Valid(String),
    /// Printable and short, but not the shape of its country: kept as written, to be checked.
    AsWritten(String),
    /// No postal code in it (symbols, emoji, too long).
    Unusable,
}

/// Longest postal code kept (the longest shapes, "90210-1234" or "SW1A 1AA", are shorter).
const MAX_LEN: usize = 12;

/// The ISO 3166 alpha-2 code of a country written as a code or a name (French, English or the
/// country's own language); None when unknown.
pub fn country_code(name: &str) -> Option<&'static str> {
    let folded: String = crate::kernel::validate::fold(name)
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect();
    let code = match folded.as_str() {
        "fr" | "fra" | "france" => "FR",
        "be" | "bel" | "belgique" | "belgium" | "belgie" | "belgien" => "BE",
        "lu" | "lux" | "luxembourg" | "luxemburg" | "letzebuerg" => "LU",
        "ch" | "che" | "suisse" | "switzerland" | "schweiz" | "svizzera" => "CH",
        "de" | "deu" | "allemagne" | "germany" | "deutschland" => "DE",
        "it" | "ita" | "italie" | "italy" | "italia" => "IT",
        "es" | "esp" | "espagne" | "spain" | "espana" => "ES",
        "mc" | "mco" | "monaco" | "principautedemonaco" => "MC",
        "ad" | "and" | "andorre" | "andorra" => "AD",
        "at" | "aut" | "autriche" | "austria" | "osterreich" => "AT",
        "nl" | "nld" | "paysbas" | "netherlands" | "nederland" | "hollande" => "NL",
        "pt" | "prt" | "portugal" => "PT",
        "gb" | "uk" | "gbr" | "royaumeuni" | "unitedkingdom" | "angleterre" | "england" => "GB",
        "us" | "usa" | "etatsunis" | "unitedstates" | "unitedstatesofamerica" => "US",
        "ca" | "can" | "canada" => "CA",
        _ => return None,
    };
    Some(code)
}

/// The country a postal code's shape shows without doubt (Luxembourg's "L-", Canada, ZIP+4,
/// Monaco's 980xx); a plain 5-digit code is taken as French.
pub fn country_of(postal: &str) -> Option<&'static str> {
    let p = postal.trim().to_ascii_uppercase();
    if p.starts_with("L-") && digits(&p[2..], 4) {
        Some("LU")
    } else if canadian(&p).is_some() {
        Some("CA")
    } else if p.len() == 10 && digits(&p[..5], 5) && &p[5..6] == "-" && digits(&p[6..], 4) {
        Some("US")
    } else if digits(&p, 5) && p.starts_with("980") {
        Some("MC")
    } else if digits(&p, 5) {
        Some("FR")
    } else {
        None
    }
}

/// The country of a person from what a request gives: the country written; else the one a
/// phone written the national way shows (a North American number); else the postal code's
/// shape. An international number says nothing of where the person lives.
pub fn infer_country(
    written: Option<&str>,
    postal: Option<&str>,
    phone: Option<&str>,
) -> Option<&'static str> {
    if let Some(code) = written.and_then(country_code) {
        return Some(code);
    }
    let national = phone
        .map(str::trim)
        .filter(|p| !p.starts_with('+') && !p.starts_with("00"));
    if let Some(crate::kernel::phone::PhoneReading::Normalised {
        country: Some(c), ..
    }) = national.map(|p| crate::kernel::phone::read(p, None))
    {
        if c == "US" || c == "CA" {
            return country_code(&c);
        }
    }
    postal.and_then(country_of)
}

/// Reads a postal code of a person of `country` (None: France or unknown).
pub fn read(raw: &str, country: Option<&str>) -> PostalReading {
    let trimmed = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if trimmed.is_empty()
        || trimmed.chars().count() > MAX_LEN
        || !trimmed
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == ' ' || c == '-')
        || !trimmed.chars().any(|c| c.is_ascii_digit())
    {
        return PostalReading::Unusable;
    }
    let upper = trimmed.to_ascii_uppercase();
    let valid = match country.unwrap_or("FR") {
        "FR" => french(&upper),
        "MC" | "DE" | "IT" | "ES" => without_prefix(&upper, &["D-", "I-", "E-", "MC-"])
            .filter(|p| digits(p, 5))
            .map(str::to_string),
        "BE" | "CH" | "AT" | "DK" | "NO" => {
            without_prefix(&upper, &["B-", "CH-", "A-", "DK-", "N-"])
                .filter(|p| digits(p, 4))
                .map(str::to_string)
        }
        "LU" => {
            let rest = upper.strip_prefix("L-").unwrap_or(&upper);
            digits(rest, 4).then(|| upper.clone())
        }
        "US" => (digits(&upper, 5)
            || (upper.len() == 10
                && digits(&upper[..5], 5)
                && &upper[5..6] == "-"
                && digits(&upper[6..], 4)))
        .then(|| upper.clone()),
        "CA" => canadian(&upper),
        "NL" => {
            let compact: String = upper.chars().filter(|c| *c != ' ').collect();
            (compact.len() == 6
                && digits(&compact[..4], 4)
                && compact[4..].chars().all(|c| c.is_ascii_uppercase()))
            .then(|| format!("{} {}", &compact[..4], &compact[4..]))
        }
        "PT" => (upper.len() == 8 && digits(&upper[..4], 4) && &upper[4..5] == "-")
            .then(|| upper.clone()),
        _ => None,
    };
    match valid {
        Some(v) => PostalReading::Valid(v),
        None => PostalReading::AsWritten(trimmed),
    }
}

fn french(upper: &str) -> Option<String> {
    let rest = without_prefix(upper, &["F-", "FR-", "FR "])?;
    // "69 003" is still 69003.
    let compact: String = rest.chars().filter(|c| *c != ' ').collect();
    digits(&compact, 5).then_some(compact)
}

fn without_prefix<'a>(value: &'a str, prefixes: &[&str]) -> Option<&'a str> {
    Some(
        prefixes
            .iter()
            .find_map(|p| value.strip_prefix(p))
            .unwrap_or(value),
    )
}

fn digits(value: &str, n: usize) -> bool {
    value.len() == n && value.bytes().all(|b| b.is_ascii_digit())
}

/// "K1A 0B1" (with or without its space), normalised with the space.
fn canadian(upper: &str) -> Option<String> {
    let compact: Vec<char> = upper.chars().filter(|c| *c != ' ').collect();
    let shape = compact.len() == 6
        && compact.iter().enumerate().all(|(i, c)| {
            if i % 2 == 0 {
                c.is_ascii_uppercase()
            } else {
                c.is_ascii_digit()
            }
        });
    shape.then(|| {
        let s: String = compact.iter().collect();
        format!("{} {}", &s[..3], &s[3..])
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_of_france_and_its_neighbours() {
        let table: [(&str, Option<&str>, PostalReading); 14] = [
            ("69003", None, PostalReading::Valid("69003".into())),
            (" 13090 ", Some("FR"), PostalReading::Valid("13090".into())),
            ("69 003", None, PostalReading::Valid("69003".into())),
            ("F-69003", Some("FR"), PostalReading::Valid("69003".into())),
            ("1000", Some("BE"), PostalReading::Valid("1000".into())),
            ("B-1000", Some("BE"), PostalReading::Valid("1000".into())),
            ("1201", Some("CH"), PostalReading::Valid("1201".into())),
            ("L-2449", Some("LU"), PostalReading::Valid("L-2449".into())),
            ("10115", Some("DE"), PostalReading::Valid("10115".into())),
            ("08001", Some("ES"), PostalReading::Valid("08001".into())),
            ("98000", Some("MC"), PostalReading::Valid("98000".into())),
            (
                "90210-1234",
                Some("US"),
                PostalReading::Valid("90210-1234".into()),
            ),
            ("k1a0b1", Some("CA"), PostalReading::Valid("K1A 0B1".into())),
            (
                "1012 ab",
                Some("NL"),
                PostalReading::Valid("1012 AB".into()),
            ),
        ];
        for (raw, country, want) in table {
            assert_eq!(read(raw, country), want, "{raw} in {country:?}");
        }
    }

    #[test]
    fn a_code_that_does_not_fit_is_kept_as_written() {
        assert_eq!(read("1000", None), PostalReading::AsWritten("1000".into()));
        assert_eq!(
            read("6900", Some("FR")),
            PostalReading::AsWritten("6900".into())
        );
        assert_eq!(
            read("SW1A 1AA", Some("GB")),
            PostalReading::AsWritten("SW1A 1AA".into())
        );
        for raw in ["🚗🚗🚗", "", "-----", "<b>69003</b>", &"1".repeat(40)] {
            assert_eq!(read(raw, None), PostalReading::Unusable, "{raw}");
        }
    }

    #[test]
    fn countries_by_name_and_by_shape() {
        for (name, code) in [
            ("France", "FR"),
            ("BELGIQUE", "BE"),
            ("België", "BE"),
            ("Luxembourg", "LU"),
            ("Suisse", "CH"),
            ("Deutschland", "DE"),
            ("España", "ES"),
            ("Principauté de Monaco", "MC"),
            ("USA", "US"),
            ("us", "US"),
        ] {
            assert_eq!(country_code(name), Some(code), "{name}");
        }
        assert_eq!(country_code("Atlantide"), None);
        assert_eq!(country_of("L-2449"), Some("LU"));
        assert_eq!(country_of("K1A 0B1"), Some("CA"));
        assert_eq!(country_of("90210-1234"), Some("US"));
        assert_eq!(country_of("98000"), Some("MC"));
        assert_eq!(country_of("69003"), Some("FR"));
        assert_eq!(country_of("1000"), None);
        assert_eq!(
            infer_country(Some("Belgique"), Some("1000"), None),
            Some("BE")
        );
        assert_eq!(
            infer_country(None, Some("60614"), Some("773.555.0162")),
            Some("US")
        );
        assert_eq!(
            infer_country(None, Some("69003"), Some("+44 20 7946 0958")),
            Some("FR")
        );
        assert_eq!(infer_country(None, None, Some("06 12 34 56 78")), None);
    }
}

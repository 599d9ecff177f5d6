//! Make / model / version / price from a free vehicle line such as
//! "Fiat 500 1.0 Hybrid 70ch Dolcevita - 42 860 €" or "VOLKSWAGEN GOLF 8".

use super::fields::fold;
use crate::leads::referential;
use crate::leads::vehicle::VehicleInput;
use regex::Regex;
use std::sync::LazyLock;

/// Words that belong to the model when they follow its first word ("C5 Aircross", "Golf SW").
const MODEL_SUFFIXES: &[&str] = &[
    "aircross",
    "crossback",
    "picasso",
    "spacetourer",
    "sportback",
    "sportstourer",
    "tourer",
    "sw",
    "allspace",
    "variant",
    "avant",
    "allroad",
    "evoque",
    "velar",
    "countryman",
    "clubman",
    "cabrio",
    "cabriolet",
    "coupe",
    "break",
    "estate",
    "xl",
    "stepway",
    "sportwagon",
    "crossland",
    "grandland",
    "shooting",
    "gran",
];

/// Words that need the next word to make a model ("Classe A", "Série 3", "Grand Scénic", "Range Rover").
const MODEL_PREFIXES: &[&str] = &[
    "classe",
    "class",
    "serie",
    "series",
    "grand",
    "range",
    "model",
    "discovery",
];

const ROMAN: &[&str] = &["II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"];

static PRICE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(\d{1,3}(?:[ \u{a0}\u{202f}.]\d{3})+|\d+)(?:[.,](\d{1,2}))?\s*(?:€|eur\b|euros?\b)",
    )
    .ok()
});

/// A price in euro cents from a text such as "27 740 €", "27.740,00 EUR" or "15000 euros".
pub(crate) fn parse_price(text: &str) -> Option<i64> {
    let re = PRICE.as_ref()?;
    let caps = re.captures(text)?;
    let units: String = caps
        .get(1)?
        .as_str()
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    let units: i64 = units.parse().ok()?;
    let cents: i64 = match caps.get(2).map(|m| m.as_str()) {
        Some(c) if c.len() == 1 => c.parse::<i64>().ok()? * 10,
        Some(c) => c.parse().ok()?,
        None => 0,
    };
    units.checked_mul(100)?.checked_add(cents)
}

/// A bare amount in cents ("27740", "27 740,50") for a field labelled as a price.
pub(crate) fn parse_amount(text: &str) -> Option<i64> {
    parse_price(text).or_else(|| parse_price(&format!("{} €", text.trim())))
}

/// The referential's make starting at `tokens[0]`, and how many tokens it used.
fn make_at(tokens: &[&str]) -> Option<(&'static str, usize)> {
    (1..=tokens.len().min(3)).rev().find_map(|n| {
        let words = &tokens[..n];
        // A make is a word of letters ("DS", "Mercedes-Benz"), never a number or a lone letter.
        let plausible = words[0].chars().filter(|c| c.is_alphabetic()).count() >= 2;
        plausible
            .then(|| referential::make(&words.join(" ")))
            .flatten()
            .map(|m| (m, n))
    })
}

/// The canonical spelling of a make typed in a field ("CITROEN" → "Citroën"); unknown makes are kept.
pub(crate) fn canonical_make(raw: &str) -> String {
    let tokens: Vec<&str> = raw.split_whitespace().collect();
    match make_at(&tokens) {
        Some((make, n)) if n == tokens.len() => make.to_string(),
        _ => raw.trim().to_string(),
    }
}

fn is_shouting(text: &str) -> bool {
    let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 3 && letters.iter().all(|c| c.is_uppercase())
}

fn title_case(word: &str) -> String {
    if word.chars().any(|c| c.is_ascii_digit()) {
        return word.to_string();
    }
    let mut out = String::with_capacity(word.len());
    let mut start = true;
    for c in word.chars() {
        if start {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        start = !c.is_alphanumeric();
    }
    out
}

/// Splits what follows the make into model and version: the longest model the referential knows
/// for the make ("C5 Aircross", "Classe A", "Passat SW"), else the first word plus a generation
/// marker ("Golf 8", "Clio V") or a body-style word; the rest is the version.
fn split_model(make: &str, rest: &[&str]) -> (String, Option<String>) {
    let Some(first) = rest.first() else {
        return (String::new(), None);
    };
    if let Some((model, used)) = referential::model_at(make, rest) {
        // A generation marker after a one-word model still belongs to it ("Golf 8", "Clio V"),
        // and so do body-style words ("Mégane IV Estate").
        let one_word = !model.contains(' ') && model.chars().all(|c| c.is_alphabetic() || c == '-');
        let mut words = vec![model.to_string()];
        let mut n = used;
        if let Some(next) = rest.get(n) {
            let digits = next.len() <= 2 && next.chars().all(|c| c.is_ascii_digit());
            if (digits && one_word) || ROMAN.contains(next) {
                words.push(next.to_string());
                n += 1;
            }
        }
        while let Some(next) = rest
            .get(n)
            .filter(|w| MODEL_SUFFIXES.contains(&fold(w).as_str()))
        {
            words.push(next.to_string());
            n += 1;
        }
        return (words.join(" "), version_of(&rest[n..]));
    }
    let mut n = 1;
    let first_folded = fold(first);
    if MODEL_PREFIXES.contains(&first_folded.as_str()) && rest.len() > 1 {
        n = 2;
        if first_folded == "range"
            && rest
                .get(2)
                .is_some_and(|w| MODEL_SUFFIXES.contains(&fold(w).as_str()) || fold(w) == "sport")
        {
            n = 3;
        }
    } else if let Some(second) = rest.get(1) {
        let alphabetic_first = first.chars().all(|c| c.is_alphabetic() || c == '-');
        let generation =
            (second.len() <= 2 && second.chars().all(|c| c.is_ascii_digit()) && alphabetic_first)
                || ROMAN.contains(second);
        if generation {
            n = 2;
        }
    }
    while let Some(next) = rest.get(n) {
        if MODEL_SUFFIXES.contains(&fold(next).as_str()) {
            n += 1;
        } else {
            break;
        }
    }
    (rest[..n].join(" "), version_of(&rest[n..]))
}

fn version_of(words: &[&str]) -> Option<String> {
    let version = words.join(" ");
    let version = version.trim_matches(|c: char| c == '-' || c == ',' || c.is_whitespace());
    (!version.is_empty()).then(|| version.to_string())
}

/// Removes the trailing price (" - 27 740 €") and quotes from a vehicle line.
fn strip_price(line: &str) -> (String, Option<i64>) {
    let price = parse_price(line);
    let mut text = line.to_string();
    if price.is_some() {
        for sep in [" - ", " – ", " — ", " | ", ", "] {
            if let Some(pos) = text.rfind(sep) {
                if parse_price(&text[pos..]).is_some() {
                    text.truncate(pos);
                    break;
                }
            }
        }
    }
    let text = text.replace(['«', '»', '"', '“', '”'], " ");
    (text.split_whitespace().collect::<Vec<_>>().join(" "), price)
}

/// A vehicle from a line that starts with a known make (after optional noise words), with the price if any.
pub(crate) fn parse_line(line: &str) -> Option<(VehicleInput, Option<i64>)> {
    let (text, price) = strip_price(line);
    let tokens: Vec<&str> = text.split_whitespace().collect();
    let (start, make, used) =
        (0..tokens.len().min(12)).find_map(|i| make_at(&tokens[i..]).map(|(m, n)| (i, m, n)))?;
    let rest: Vec<&str> = tokens[start + used..]
        .iter()
        .take_while(|t| !t.starts_with('('))
        .copied()
        .collect();
    let shouting = is_shouting(&rest.join(" "));
    let rest: Vec<String> = rest
        .iter()
        .map(|t| {
            if shouting {
                title_case(t)
            } else {
                (*t).to_string()
            }
        })
        .collect();
    let rest: Vec<&str> = rest.iter().map(String::as_str).collect();
    let (model, version) = split_model(make, &rest);
    if model.is_empty() {
        return None;
    }
    let mut vehicle = VehicleInput {
        make: make.to_string(),
        model,
        version,
        price_cents: price,
        ..VehicleInput::default()
    };
    take_year_and_km(&mut vehicle);
    Some((vehicle, price))
}

/// Model and version from a "Modèle" field when the make is known separately.
pub(crate) fn parse_model_field(make: &str, model: &str) -> (String, Option<String>) {
    let tokens: Vec<&str> = model.split_whitespace().collect();
    split_model(make, &tokens)
}

static YEAR_KM: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:^|[\s,(])(?:(?P<year>(?:19[5-9]|20[0-4])\d)|(?P<km>\d{1,3}(?:[ \u{a0}.]\d{3})+|\d{1,7})\s*(?:km|kms|kilom[eè]tres)\b)").ok()
});

/// A year ("2016") and a reading ("150 000 km") written in a vehicle line's version move to
/// their own fields ("Peugeot 207 1.4 HDi 2011 150 000 km").
pub(crate) fn take_year_and_km(v: &mut VehicleInput) {
    let (Some(re), Some(version)) = (YEAR_KM.as_ref(), v.version.clone()) else {
        return;
    };
    let mut kept = version.clone();
    for caps in re.captures_iter(&version) {
        if let Some(y) = caps.name("year") {
            if v.year.is_none() {
                v.year = y.as_str().parse().ok();
                kept = kept.replacen(y.as_str(), "", 1);
            }
        }
        if let Some(km) = caps.name("km") {
            if v.km.is_none() {
                v.km = parse_km(km.as_str());
                if let Some(whole) = caps.get(0) {
                    kept = kept.replacen(whole.as_str().trim_start_matches([' ', ',', '(']), "", 1);
                }
            }
        }
    }
    v.version = version_of(&kept.split_whitespace().collect::<Vec<_>>());
}

/// Kilometres from "150 000", "150.000 km", "55,522 mi" (miles converted).
pub(crate) fn parse_km(text: &str) -> Option<i64> {
    let lower = text.to_lowercase();
    let digits: String = lower
        .split(['.', ','])
        .enumerate()
        // "12.5" is not a reading; "150.000" and "55,522" are thousands.
        .map(|(i, part)| {
            if i > 0 && part.trim_start().len() < 3 {
                String::new()
            } else {
                part.to_string()
            }
        })
        .collect::<String>()
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    let value: i64 = digits.get(..digits.len().min(8))?.parse().ok()?;
    let miles = lower.contains("mi") && !lower.contains("km");
    let km = if miles {
        (value as f64 * 1.609_344).round() as i64
    } else {
        value
    };
    (0..=2_000_000).contains(&km).then_some(km)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mm(line: &str) -> (String, String, Option<String>) {
        let (v, _) = parse_line(line).unwrap();
        (v.make, v.model, v.version)
    }

    #[test]
    fn splits_make_model_version() {
        assert_eq!(
            mm("Volkswagen Golf 8 1.5 eTSI 150 DSG7 R-Line - 27 740 €").1,
            "Golf 8"
        );
        assert_eq!(mm("Renault Clio V TCe 90 Evolution").1, "Clio V");
        assert_eq!(mm("Citroën C5 Aircross").1, "C5 Aircross");
        assert_eq!(
            mm("Fiat 500 1.0 Hybrid 70ch Dolcevita - 42 860 €")
                .2
                .as_deref(),
            Some("1.0 Hybrid 70ch Dolcevita")
        );
        assert_eq!(mm("Toyota Yaris Hybride 116h Design").1, "Yaris");
        assert_eq!(
            mm("Peugeot 3008 1.5 BlueHDi 130ch S&S Allure EAT8").1,
            "3008"
        );
        assert_eq!(
            mm("VOLKSWAGEN GOLF 8"),
            ("Volkswagen".into(), "Golf 8".into(), None)
        );
        assert_eq!(mm("Mercedes-Benz Classe A 180 d").1, "Classe A");
        assert_eq!(mm("Mercedes Classe A 180 d").0, "Mercedes-Benz");
        assert_eq!(
            mm("Land Rover Range Rover Evoque D165").1,
            "Range Rover Evoque"
        );
        assert_eq!(mm("Alfa Romeo Giulia 2.2").0, "Alfa Romeo");
        assert_eq!(mm("DS DS 7 Crossback").0, "DS");
        assert_eq!(mm("Audi A3 Sportback 35 TFSI").1, "A3 Sportback");
        assert_eq!(mm("CITROEN C5 AIRCROSS").1, "C5 Aircross");
        assert_eq!(mm("« Toyota Yaris Hybride 116h Design »").0, "Toyota");
        assert!(parse_line("Bonjour tout le monde").is_none());
    }

    #[test]
    fn prices() {
        assert_eq!(parse_price("Fiat 500 - 42 860 €"), Some(4_286_000));
        assert_eq!(parse_price("27.740,50 EUR"), Some(2_774_050));
        assert_eq!(parse_price("15000 euros"), Some(1_500_000));
        assert_eq!(parse_price("27\u{a0}740 €"), Some(2_774_000));
        assert_eq!(parse_amount("19990"), Some(1_999_000));
        assert_eq!(parse_price("sans prix"), None);
        let (v, p) = parse_line("Dacia Duster Blue dCi 115 4x2 Journey - 12 880 €").unwrap();
        assert_eq!(
            (v.model.as_str(), v.version.as_deref(), p),
            ("Duster", Some("Blue dCi 115 4x2 Journey"), Some(1_288_000))
        );
    }
}

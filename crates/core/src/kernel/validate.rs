//! Normalisation and validation of what people type: phones to E.164, e-mails lower-cased.

use crate::kernel::error::{CoreError, Result};

/// Longest value accepted in a short text field (names, cities…): bounds hostile input.
pub const MAX_SHORT_TEXT: usize = 200;
/// Longest free text (messages, notes).
pub const MAX_LONG_TEXT: usize = 20_000;

/// Normalises a phone number to E.164, French numbers by default ("06 12 34 56 78" → "+33612345678").
pub fn phone(field: &'static str, raw: &str) -> Result<String> {
    phone_in(field, raw, None)
}

/// Normalises a phone number of a person of `country` (ISO alpha-2; None: France by default).
pub fn phone_in(field: &'static str, raw: &str, country: Option<&str>) -> Result<String> {
    match crate::kernel::phone::read(raw, country) {
        crate::kernel::phone::PhoneReading::Normalised { e164, .. } => Ok(e164),
        _ => Err(CoreError::invalid(field, format!("Numéro de téléphone invalide : « {} ». Exemple : 06 12 34 56 78 ou +33 6 12 34 56 78.", clip(raw.trim(), 40)))),
    }
}

/// A name or short text as plain text: markup tags removed ("<b>Jean</b>" → "Jean"), spaces
/// collapsed. Names are shown everywhere; they are never rendered as markup anyway.
pub fn plain_text(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let after = &rest[open..];
        // A tag starts with a letter, '/' or '!'; "a < b" stays.
        let is_tag = after[1..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '/' || c == '!');
        match after.find('>') {
            Some(close) if is_tag => {
                out.push(' ');
                rest = &after[close + 1..];
            }
            _ => {
                out.push('<');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Lower-cases and checks an e-mail address.
pub fn email(field: &'static str, raw: &str) -> Result<String> {
    let value = raw.trim().to_lowercase();
    // A reachable address has a domain with a top-level part ("gmail.com", not "gmail" or "gm").
    let domain_ok = value
        .rsplit_once('@')
        .and_then(|(_, domain)| domain.rsplit_once('.'))
        .is_some_and(|(name, tld)| !name.is_empty() && tld.len() >= 2);
    if value.len() <= 254 && email_address::EmailAddress::is_valid(&value) && domain_ok {
        Ok(value)
    } else {
        Err(CoreError::invalid(
            field,
            format!(
                "Adresse e-mail invalide : « {} ». Exemple : prenom.nom@exemple.fr.",
                clip(raw.trim(), 60)
            ),
        ))
    }
}

/// Trims a text; empty becomes None; too long is refused.
pub fn optional_text(
    field: &'static str,
    label: &str,
    raw: Option<&str>,
    max: usize,
) -> Result<Option<String>> {
    let Some(value) = raw.map(str::trim).filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    if value.chars().count() > max {
        return Err(CoreError::invalid(
            field,
            format!("{label} : {max} caractères au plus."),
        ));
    }
    Ok(Some(value.to_string()))
}

/// Like `optional_text`, but the value is required.
pub fn required_text(field: &'static str, label: &str, raw: &str, max: usize) -> Result<String> {
    optional_text(field, label, Some(raw), max)?
        .ok_or_else(|| CoreError::invalid(field, format!("{label} : champ obligatoire.")))
}

/// Checks an upper-cased VIN: 17 letters and digits, never I, O or Q.
pub fn vin(field: &'static str, upper: &str) -> Result<()> {
    if upper.len() == 17
        && upper.chars().all(|c| c.is_ascii_alphanumeric())
        && !upper.contains(['I', 'O', 'Q'])
    {
        return Ok(());
    }
    Err(CoreError::invalid(
        field,
        format!(
            "VIN invalide : « {} ». Il compte 17 caractères (chiffres et lettres, sans I, O ni Q).",
            clip(upper, 40)
        ),
    ))
}

/// Optional phone: empty is None.
pub fn optional_phone(field: &'static str, raw: Option<&str>) -> Result<Option<String>> {
    raw.map(str::trim)
        .filter(|v| !v.is_empty())
        .map(|v| phone(field, v))
        .transpose()
}

/// Optional e-mail: empty is None.
pub fn optional_email(field: &'static str, raw: Option<&str>) -> Result<Option<String>> {
    raw.map(str::trim)
        .filter(|v| !v.is_empty())
        .map(|v| email(field, v))
        .transpose()
}

fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(max).collect::<String>())
    }
}

/// Lower-case ASCII words joined by `_` ("Achat à l'étranger" → "achat_a_l_etranger"), for
/// codes made from labels.
pub fn ascii_slug(text: &str) -> String {
    let folded: String = text
        .to_lowercase()
        .chars()
        .map(|c| match c {
            'à' | 'â' | 'ä' | 'á' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' | 'í' => 'i',
            'ô' | 'ö' | 'ó' => 'o',
            'ù' | 'û' | 'ü' | 'ú' => 'u',
            'ç' => 'c',
            c if c.is_ascii_alphanumeric() => c,
            _ => ' ',
        })
        .collect();
    folded.split_whitespace().collect::<Vec<_>>().join("_")
}

/// Lower case, accents removed, punctuation as spaces, spaces collapsed: how headers and
/// codes are compared (`Date 1ère MEC` → `date 1ere mec`).
pub fn fold(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.nfd() {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        if c.is_alphanumeric() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.extend(c.to_lowercase());
        } else {
            space = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_phones_normalise_to_e164() {
        for (raw, want) in [
            ("06 12 34 56 78", "+33612345678"),
            ("06.12.34.56.78", "+33612345678"),
            ("+33 6 12 34 56 78", "+33612345678"),
            ("0033612345678", "+33612345678"),
            ("+33 (0)6 12 34 56 78", "+33612345678"),
            ("04 78 12 34 56", "+33478123456"),
            ("+32 470 12 34 56", "+32470123456"),
            ("0033694351899", "+33694351899"),
        ] {
            assert_eq!(phone("phone", raw).unwrap(), want, "{raw}");
        }
    }

    #[test]
    fn bad_phones_get_a_french_message_naming_the_field() {
        for raw in [
            "12",
            "abc",
            "06 12 34",
            "0612345678901234567890123456789012345678901",
        ] {
            let err = phone("phone", raw).unwrap_err();
            assert_eq!(err.to_api().field.as_deref(), Some("phone"), "{raw}");
            assert!(
                err.to_api()
                    .message
                    .starts_with("Numéro de téléphone invalide"),
                "{raw}"
            );
        }
    }

    #[test]
    fn emails_are_lower_cased_and_checked() {
        assert_eq!(
            email("email", " Jean.Dupont@Gmail.COM ").unwrap(),
            "jean.dupont@gmail.com"
        );
        for raw in [
            "jean",
            "jean@",
            "@x.fr",
            "jean dupont@x.fr",
            "jean@localhost",
        ] {
            assert!(email("email", raw).is_err(), "{raw}");
        }
    }

    #[test]
    fn texts_are_trimmed_bounded_and_required() {
        assert_eq!(
            optional_text("city", "Ville", Some("  "), 10).unwrap(),
            None
        );
        assert!(optional_text("city", "Ville", Some(&"x".repeat(11)), 10).is_err());
        let err = required_text("last_name", "Nom", " ", 10).unwrap_err();
        assert_eq!(err.to_api().message, "Nom : champ obligatoire.");
    }
}

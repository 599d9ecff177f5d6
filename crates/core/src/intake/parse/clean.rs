//! Cleaning of the values the parsers find: phones, e-mails, messages, VIN, plates, entities.

use super::mime;
use super::MAX_MESSAGE_CHARS;
use crate::kernel::phone::{self, PhoneReading};
use crate::kernel::validate;

regex!(PHONE, r"\+?\(?\d[\d \u{a0}.\-/()]{6,22}\d");

/// The phone of a request: the first value (or number inside a value such as "06 12 34 56 78
/// (soir)") that reads as a number of the person's `country`; else the first one a person could
/// still dial, kept as written; else None.
pub(super) fn best_phone(values: &[&str], country: Option<&str>) -> Option<String> {
    let re = PHONE.as_ref();
    let candidates: Vec<&str> = values
        .iter()
        .take(8)
        .flat_map(|v| {
            std::iter::once(v.trim()).chain(
                re.into_iter()
                    .flat_map(|re| re.find_iter(v).take(5).map(|m| m.as_str())),
            )
        })
        .collect();
    let readings: Vec<PhoneReading> = candidates.iter().map(|c| phone::read(c, country)).collect();
    readings
        .iter()
        .find_map(|r| r.e164().map(str::to_string))
        .or_else(|| {
            readings.into_iter().find_map(|r| match r {
                PhoneReading::AsWritten(raw) => Some(raw),
                _ => None,
            })
        })
}

/// HTML entities written in a plain-text body (`&eacute;`, `&#233;`, `&nbsp;`), decoded.
pub(super) fn decode_entities(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('&') || !text.contains(';') {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp..];
        let end = after[1..]
            .char_indices()
            .take(10)
            .find(|(_, c)| !(c.is_ascii_alphanumeric() || *c == '#'))
            .filter(|(_, c)| *c == ';')
            .map(|(i, _)| i + 2);
        match end {
            Some(end) if end > 2 => {
                let token = &after[..end];
                let before = out.len();
                mail_parser::decoders::html::add_html_token(&mut out, token.as_bytes(), false);
                if &out[before..] == "\u{a0}" {
                    out.truncate(before);
                    out.push(' ');
                }
                rest = &after[end..];
            }
            _ => {
                out.push('&');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

pub(super) fn valid_email(value: &str) -> Option<String> {
    mime::find_email(value).and_then(|e| validate::email("email", &e).ok())
}

pub(super) fn is_robot_address(address: &str) -> bool {
    let local = address.split('@').next().unwrap_or("");
    [
        "noreply",
        "no-reply",
        "no_reply",
        "ne-pas-repondre",
        "nepasrepondre",
        "donotreply",
        "do-not-reply",
        "mailer-daemon",
        "postmaster",
        "notification",
        "notifications",
    ]
    .iter()
    .any(|r| local.contains(r))
}

/// The customer's message: markup (scripts included) removed, spaces tidied, length capped.
pub(super) fn clean_message(raw: &str) -> Option<String> {
    let text = if mime::has_markup(raw) {
        mail_parser::decoders::html::html_to_text(raw)
    } else {
        raw.to_string()
    };
    let lines: Vec<String> = text
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    let joined = lines.join("\n");
    let trimmed = joined.trim();
    if trimmed.is_empty() {
        return None;
    }
    Some(trimmed.chars().take(MAX_MESSAGE_CHARS).collect())
}

pub(super) fn short(value: &str, max: usize) -> Option<String> {
    let v = value.split_whitespace().collect::<Vec<_>>().join(" ");
    (!v.is_empty()).then(|| v.chars().take(max).collect())
}

/// A VIN as the store accepts it (17 characters, no I, O or Q), else None.
pub(super) fn clean_vin(value: &str) -> Option<String> {
    let v: String = value
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_uppercase();
    (v.len() == 17 && !v.contains(['I', 'O', 'Q'])).then_some(v)
}

pub(super) fn clean_plate(value: &str) -> Option<String> {
    let v = value.trim().to_uppercase();
    (!v.is_empty() && v.len() <= 20 && v.chars().any(|c| c.is_ascii_digit())).then_some(v)
}

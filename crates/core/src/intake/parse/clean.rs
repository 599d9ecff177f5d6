//! Cleaning of the values the parsers find: phones to E.164, e-mails, messages, VIN, plates.

use super::mime;
use super::MAX_MESSAGE_CHARS;
use crate::kernel::validate;

regex!(PHONE, r"\+?\(?\d[\d \u{a0}.\-/()]{6,22}\d");

/// A phone in E.164 from a value that may hold several numbers or words ("06 12 34 56 78 (soir)").
pub(super) fn normalise_phone(value: &str) -> Option<String> {
    if let Ok(p) = validate::phone("phone", value) {
        return Some(p);
    }
    let re = PHONE.as_ref()?;
    let candidates: Vec<&str> = re.find_iter(value).take(5).map(|m| m.as_str()).collect();
    candidates
        .iter()
        .find_map(|c| validate::phone("phone", c).ok())
        .or_else(|| candidates.iter().find_map(|c| plain_e164(c)))
}

/// Numbers the phone library does not know (e.g. overseas ranges dialled as +33 694…) are kept
/// in a plain E.164 form ("0033 6 94…" / "06 94…" → "+33694…"); the store decides what to do.
pub(super) fn plain_e164(value: &str) -> Option<String> {
    let trimmed = value.trim();
    let digits: String = trimmed.chars().filter(char::is_ascii_digit).collect();
    let e164 = if trimmed.starts_with('+') {
        format!("+{digits}")
    } else if let Some(rest) = digits.strip_prefix("00") {
        format!("+{rest}")
    } else if digits.len() == 10 && digits.starts_with('0') {
        format!("+33{}", &digits[1..])
    } else {
        return None;
    };
    (9..=16).contains(&e164.len()).then_some(e164)
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

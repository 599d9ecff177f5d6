//! MIME decoding (through mail-parser): headers, text of the bodies (HTML converted with its
//! table structure kept), ADF/XML documents, attachment names, forwarded messages.

use super::adf;
use mail_parser::decoders::charsets::map::charset_decoder;
use mail_parser::decoders::html::html_to_text;
use mail_parser::{Encoding, Message, MessageParser, MimeHeaders, PartType};

/// Body text kept for parsing, in bytes.
pub(crate) const MAX_TEXT_BYTES: usize = 200 * 1024;
/// Attachments larger than this are not looked at.
pub(crate) const MAX_ATTACHMENT_BYTES: usize = 2 * 1024 * 1024;
/// HTML larger than this is cut before conversion.
const MAX_HTML_BYTES: usize = 1024 * 1024;
const MAX_NESTING: usize = 3;

/// Everything the parsers need from a mail.
#[derive(Debug, Default)]
pub(crate) struct MailView {
    pub message_id: Option<String>,
    pub from: Option<String>,
    pub from_name: Option<String>,
    pub reply_to: Option<String>,
    pub sender: Option<String>,
    pub to: Vec<String>,
    pub subject: Option<String>,
    pub date: Option<chrono::DateTime<chrono::Utc>>,
    /// Plain-text bodies (and the text of attached messages, behind a forward marker).
    pub text: String,
    /// HTML bodies converted to text, one table row per line as "cell : cell".
    pub html_text: String,
    /// ADF/XML documents found in bodies or attachments.
    pub xml: Vec<String>,
    pub attachment_names: Vec<String>,
    /// multipart/report or a delivery-status part: a bounce.
    pub is_report: bool,
    /// List-Unsubscribe, List-Id or Precedence: bulk/list.
    pub is_bulk: bool,
    /// Auto-Submitted: auto-replied, or an out-of-office header.
    pub is_auto_reply: bool,
}

regex!(CELL_BREAK, r"(?is)</t[dh]\s*>\s*<t[dh](?:\s[^>]*)?>");
regex!(
    LINE_BREAK,
    r"(?i)<br\s*/?>|</(?:tr|p|div|li|h[1-6]|table|thead|tbody|ul|ol|dt|dd|section|article|blockquote|pre)\s*>|<(?:tr|table|hr|dt)(?:\s[^>]*)?/?>"
);
regex!(
    EMAIL,
    r"(?i)[a-z0-9._%+\-]+@[a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.[a-z]{2,}"
);

/// The first e-mail address in a text, lower-cased.
pub(crate) fn find_email(text: &str) -> Option<String> {
    EMAIL
        .as_ref()?
        .find(text)
        .map(|m| m.as_str().to_lowercase())
}

/// Every e-mail address in a text, lower-cased.
pub(crate) fn find_emails(text: &str) -> Vec<String> {
    EMAIL
        .as_ref()
        .map(|re| {
            re.find_iter(text)
                .take(200)
                .map(|m| m.as_str().to_lowercase())
                .collect()
        })
        .unwrap_or_default()
}

/// Cuts a string to at most `max` bytes, on a character boundary.
pub(crate) fn truncate(text: &mut String, max: usize) {
    if text.len() > max {
        let mut cut = max;
        while cut > 0 && !text.is_char_boundary(cut) {
            cut -= 1;
        }
        text.truncate(cut);
    }
}

/// HTML to text, keeping tables readable: each row on its own line, cells separated by " : ".
/// Scripts, styles and comments are dropped by mail-parser's converter.
pub(crate) fn html_to_lines(html: &str) -> String {
    let mut html = html.to_string();
    truncate(&mut html, MAX_HTML_BYTES);
    if let Some(re) = CELL_BREAK.as_ref() {
        html = re.replace_all(&html, "</td> : <td>").into_owned();
    }
    if let Some(re) = LINE_BREAK.as_ref() {
        html = re.replace_all(&html, "<br>").into_owned();
    }
    html_to_text(&html)
}

/// True when a value holds markup ("<script>", "<img …>", "<b>").
pub(crate) fn has_markup(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes
        .windows(2)
        .any(|w| w[0] == b'<' && (w[1].is_ascii_alphabetic() || w[1] == b'/' || w[1] == b'!'))
}

fn addr(a: Option<&mail_parser::Address>) -> (Option<String>, Option<String>) {
    let Some(first) = a.and_then(|a| a.first()) else {
        return (None, None);
    };
    (
        first
            .address()
            .map(|s| s.trim().to_lowercase())
            .filter(|s| !s.is_empty()),
        first
            .name()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty()),
    )
}

fn header_present(msg: &Message, name: &str) -> bool {
    msg.headers()
        .iter()
        .any(|h| h.name().eq_ignore_ascii_case(name))
}

fn header_text(msg: &Message, name: &str) -> Option<String> {
    msg.headers_raw()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.trim().to_ascii_lowercase())
}

/// Parses the headers of a too-large mail (only its first 64 KB).
pub(crate) fn headers_only(raw: &[u8]) -> MailView {
    let head = &raw[..raw.len().min(64 * 1024)];
    let end = head
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .or_else(|| head.windows(2).position(|w| w == b"\n\n"))
        .unwrap_or(head.len());
    let mut view = MailView::default();
    if let Some(msg) = MessageParser::default().parse_headers(&head[..end]) {
        fill_headers(&msg, &mut view);
    }
    view
}

fn fill_headers(msg: &Message, view: &mut MailView) {
    view.message_id = msg
        .message_id()
        .map(|id| {
            id.trim()
                .trim_start_matches('<')
                .trim_end_matches('>')
                .trim()
                .to_string()
        })
        .filter(|s| !s.is_empty());
    (view.from, view.from_name) = addr(msg.from());
    view.reply_to = addr(msg.reply_to()).0;
    view.sender = addr(msg.sender()).0;
    view.to = msg
        .to()
        .map(|a| {
            a.iter()
                .filter_map(|x| x.address())
                .map(|s| s.to_lowercase())
                .collect()
        })
        .unwrap_or_default();
    view.subject = msg
        .subject()
        .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|s| !s.is_empty());
    view.date = msg
        .date()
        .filter(|d| d.is_valid())
        .and_then(|d| chrono::DateTime::from_timestamp(d.to_timestamp(), 0));
    view.is_bulk = header_present(msg, "List-Unsubscribe")
        || header_present(msg, "List-Id")
        || header_text(msg, "Precedence")
            .is_some_and(|p| p.contains("bulk") || p.contains("list") || p.contains("junk"));
    view.is_auto_reply = header_text(msg, "Auto-Submitted")
        .is_some_and(|v| v.contains("auto-replied"))
        || header_present(msg, "X-Autoreply")
        || header_present(msg, "X-Autorespond");
}

/// Decodes a mail; a mail mail-parser cannot read at all gives an empty view.
pub(crate) fn view(raw: &[u8]) -> MailView {
    let mut view = MailView::default();
    let Some(msg) = MessageParser::default().parse(raw) else {
        return view;
    };
    fill_headers(&msg, &mut view);
    collect(&msg, &mut view, 0, true);
    truncate(&mut view.text, MAX_TEXT_BYTES);
    truncate(&mut view.html_text, MAX_TEXT_BYTES);
    view
}

/// Best effort for a part declared UTF-8 (or nothing) whose bytes are Latin-1 / Windows-1252:
/// the raw body is decoded again as Windows-1252.
fn redecode(msg: &Message, part: &mail_parser::MessagePart) -> Option<String> {
    let start = part.offset_body as usize;
    let end = part.offset_end as usize;
    let raw = msg.raw_message.get(start..end.max(start))?;
    if raw.len() > MAX_ATTACHMENT_BYTES {
        return None;
    }
    let bytes = match part.encoding {
        Encoding::QuotedPrintable => {
            mail_parser::decoders::quoted_printable::quoted_printable_decode(raw)?
        }
        Encoding::Base64 => mail_parser::decoders::base64::base64_decode(raw)?,
        Encoding::None => raw.to_vec(),
    };
    if std::str::from_utf8(&bytes).is_ok() {
        return None;
    }
    charset_decoder(b"windows-1252").map(|decode| decode(&bytes))
}

fn part_text(msg: &Message, part: &mail_parser::MessagePart, text: &str, top: bool) -> String {
    if top && text.contains('\u{FFFD}') {
        if let Some(fixed) = redecode(msg, part) {
            return fixed;
        }
    }
    text.to_string()
}

fn is_xml_name(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    n.ends_with(".xml") || n.ends_with(".adf")
}

fn collect(msg: &Message, view: &mut MailView, depth: usize, top: bool) {
    if msg.root_part().content_type().is_some_and(|ct| {
        ct.ctype().eq_ignore_ascii_case("multipart")
            && ct
                .subtype()
                .is_some_and(|s| s.eq_ignore_ascii_case("report"))
    }) {
        view.is_report = true;
    }
    let body_ids: Vec<u32> = msg
        .text_body
        .iter()
        .chain(msg.html_body.iter())
        .copied()
        .collect();
    for (i, part) in msg.parts.iter().enumerate() {
        let ct = part.content_type();
        let ctype = ct
            .map(|c| c.ctype().to_ascii_lowercase())
            .unwrap_or_default();
        let subtype = ct
            .and_then(|c| c.subtype())
            .map(str::to_ascii_lowercase)
            .unwrap_or_default();
        if ctype == "message"
            && (subtype == "delivery-status" || subtype == "disposition-notification")
        {
            view.is_report = true;
        }
        let name = part.attachment_name().map(str::to_string);
        if let Some(n) = &name {
            if view.attachment_names.len() < 50 {
                view.attachment_names.push(n.clone());
            }
        }
        let is_body = body_ids.contains(&(i as u32));
        let xml_type = subtype.contains("xml") || name.as_deref().is_some_and(is_xml_name);
        match &part.body {
            PartType::Text(text) | PartType::Html(text)
                if text.len() <= adf::MAX_XML_BYTES
                    && (xml_type || adf::looks_like_adf(text))
                    && adf::looks_like_adf(text) =>
            {
                view.xml.push(part_text(msg, part, text, top));
            }
            PartType::Binary(bytes) | PartType::InlineBinary(bytes)
                if xml_type && bytes.len() <= adf::MAX_XML_BYTES =>
            {
                let text = adf::decode(bytes);
                if adf::looks_like_adf(&text) {
                    view.xml.push(text);
                }
            }
            PartType::Text(text) if is_body && view.text.len() < MAX_TEXT_BYTES => {
                let t = part_text(msg, part, text, top);
                view.text.push_str(&t);
                view.text.push('\n');
            }
            PartType::Html(html)
                if is_body
                    && view.html_text.len() < MAX_TEXT_BYTES
                    && html.len() <= MAX_ATTACHMENT_BYTES =>
            {
                let h = part_text(msg, part, html, top);
                view.html_text.push_str(&html_to_lines(&h));
                view.html_text.push('\n');
            }
            PartType::Message(nested) if depth < MAX_NESTING => {
                let mut inner = MailView::default();
                fill_headers(nested, &mut inner);
                collect(nested, &mut inner, depth + 1, false);
                let marker = format!(
                    "\n---------- Forwarded message ---------\nFrom: {}\nSubject: {}\n\n",
                    inner.from.as_deref().unwrap_or(""),
                    inner.subject.as_deref().unwrap_or("")
                );
                if !inner.text.trim().is_empty() || inner.html_text.trim().is_empty() {
                    view.text.push_str(&marker);
                    view.text.push_str(&inner.text);
                }
                if !inner.html_text.trim().is_empty() {
                    view.html_text.push_str(&marker);
                    view.html_text.push_str(&inner.html_text);
                }
                view.xml.extend(inner.xml);
                view.attachment_names
                    .extend(inner.attachment_names.into_iter().take(50));
                view.is_report |= inner.is_report;
            }
            _ => {}
        }
        if view.xml.len() > 5 {
            view.xml.truncate(5);
        }
    }
}

/// A forwarded message found inside a body.
#[derive(Debug, Default, Clone)]
pub(crate) struct Forwarded {
    pub from: Option<String>,
    pub subject: Option<String>,
    /// The forwarded text, after its header block.
    pub body: String,
}

fn header_line<'a>(line: &'a str, names: &[&str]) -> Option<&'a str> {
    let l = line.trim_start_matches(|c: char| c == '>' || c == '*' || c.is_whitespace());
    let (name, value) = l.split_once(':')?;
    let name = super::fields::fold(name);
    names
        .contains(&name.as_str())
        .then(|| value.trim().trim_matches('*').trim())
}

const FROM_NAMES: &[&str] = &["from", "de", "expediteur", "von"];
const SUBJECT_NAMES: &[&str] = &["subject", "objet", "sujet", "betreff"];
const OTHER_NAMES: &[&str] = &[
    "to",
    "a",
    "date",
    "envoye",
    "sent",
    "cc",
    "envoye le",
    "reply to",
    "repondre a",
    "destinataire",
];

/// Finds the first forwarded message: a "Forwarded message" / "Message transféré" / "Original Message" marker,
/// or an Outlook block ("De : … / Envoyé : … / À : … / Objet : …").
pub(crate) fn split_forwarded(text: &str) -> Option<Forwarded> {
    let lines: Vec<&str> = text.lines().take(20_000).collect();
    for (i, line) in lines.iter().enumerate() {
        let folded = super::fields::fold(line);
        let marker = line.trim_start().starts_with("--")
            && (folded.contains("forwarded message")
                || folded.contains("message transfere")
                || folded.contains("original message")
                || folded.contains("message d origine"));
        let outlook = header_line(line, FROM_NAMES).is_some()
            && lines[i + 1..lines.len().min(i + 7)]
                .iter()
                .any(|l| header_line(l, SUBJECT_NAMES).is_some())
            && lines[i + 1..lines.len().min(i + 7)]
                .iter()
                .any(|l| header_line(l, OTHER_NAMES).is_some());
        if !marker && !outlook {
            continue;
        }
        let mut fwd = Forwarded::default();
        let mut j = if marker { i + 1 } else { i };
        // Header block: header lines (and blank lines before the first one).
        let mut seen_header = false;
        while j < lines.len() && j < i + 12 {
            let l = lines[j];
            if let Some(v) = header_line(l, FROM_NAMES) {
                fwd.from = find_email(v).or(fwd.from);
                seen_header = true;
            } else if let Some(v) = header_line(l, SUBJECT_NAMES) {
                fwd.subject = Some(v.to_string()).filter(|s| !s.is_empty());
                seen_header = true;
            } else if header_line(l, OTHER_NAMES).is_some() {
                seen_header = true;
            } else if seen_header || !l.trim().is_empty() {
                break;
            }
            j += 1;
        }
        fwd.body = lines[j.min(lines.len())..].join("\n");
        return Some(fwd);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_become_lines() {
        let t = html_to_lines("<table><tr><th>Nom</th><td>Dupont</td></tr><tr><td><b>Tél.</b></td><td>06 12</td></tr></table><script>alert(1)</script>");
        assert!(t.contains("Nom: Dupont"), "{t}");
        assert!(t.contains("Tél.: 06 12"), "{t}");
        assert!(!t.contains("alert"));
    }

    #[test]
    fn finds_outlook_forward() {
        let text = "Pour info\n\nDe : La Centrale <no-reply@lacentrale.fr>\nEnvoyé : lundi 2 novembre 2026 08:04\nÀ : moi@garage.fr\nObjet : Nouveau contact\n\nNom : Dupont\n";
        let f = split_forwarded(text).unwrap();
        assert_eq!(f.from.as_deref(), Some("no-reply@lacentrale.fr"));
        assert_eq!(f.subject.as_deref(), Some("Nouveau contact"));
        assert!(f.body.contains("Nom : Dupont"));
        assert!(!f.body.contains("Pour info"));
    }
}

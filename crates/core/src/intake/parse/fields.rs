//! Generic "labelled fields" extraction: lines such as `Téléphone : 06 12 34 56 78`,
//! `E-mail: x@y.fr`, or HTML table rows (converted to `Label : value` lines by `mime`),
//! with a dictionary of French and English label synonyms (`labels.txt`).

use std::collections::HashMap;
use std::sync::LazyLock;

/// What a label means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Field {
    LastName,
    FirstName,
    /// A full name, first name first unless upper case says otherwise.
    FullName,
    /// A full name labelled "Nom Prénom": last name first.
    FullNameLastFirst,
    Civility,
    Phone,
    Email,
    PostalCode,
    City,
    PostalCity,
    Address,
    Message,
    Make,
    Model,
    Version,
    Vehicle,
    Vin,
    Plate,
    Price,
    Reference,
    RequestType,
    Consent,
    Company,
    TradeIn,
    Country,
    Year,
    FirstRegistration,
    Km,
    Energy,
    Gearbox,
    Colour,
}

impl Field {
    /// The field of a section of `labels.txt` (its variant name).
    fn named(name: &str) -> Option<Field> {
        Some(match name {
            "Address" => Field::Address,
            "City" => Field::City,
            "Civility" => Field::Civility,
            "Company" => Field::Company,
            "Colour" => Field::Colour,
            "Country" => Field::Country,
            "Energy" => Field::Energy,
            "FirstRegistration" => Field::FirstRegistration,
            "Gearbox" => Field::Gearbox,
            "Km" => Field::Km,
            "Year" => Field::Year,
            "Email" => Field::Email,
            "FirstName" => Field::FirstName,
            "FullName" => Field::FullName,
            "FullNameLastFirst" => Field::FullNameLastFirst,
            "LastName" => Field::LastName,
            "Make" => Field::Make,
            "Message" => Field::Message,
            "Model" => Field::Model,
            "Phone" => Field::Phone,
            "Plate" => Field::Plate,
            "PostalCity" => Field::PostalCity,
            "PostalCode" => Field::PostalCode,
            "Price" => Field::Price,
            "Reference" => Field::Reference,
            "RequestType" => Field::RequestType,
            "TradeIn" => Field::TradeIn,
            "Vehicle" => Field::Vehicle,
            "Version" => Field::Version,
            "Vin" => Field::Vin,
            _ => return None,
        })
    }
}

/// Lower case, accents folded, every other character than a letter or digit turned into a space,
/// spaces collapsed: "Tél. portable*" → "tel portable".
pub(crate) fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        let mapped = match c {
            'à' | 'â' | 'ä' | 'á' | 'ã' | 'å' => "a",
            'é' | 'è' | 'ê' | 'ë' => "e",
            'î' | 'ï' | 'í' | 'ì' => "i",
            'ô' | 'ö' | 'ó' | 'ò' | 'õ' => "o",
            'ù' | 'û' | 'ü' | 'ú' => "u",
            'ç' => "c",
            'ÿ' => "y",
            'ñ' => "n",
            'œ' => "oe",
            'æ' => "ae",
            'š' => "s",
            c if c.is_alphanumeric() => {
                out.push(c);
                continue;
            }
            _ => " ",
        };
        if mapped == " " {
            if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
        } else {
            out.push_str(mapped);
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// The label dictionary (`labels.txt`, data rather than code): exact labels and the starts
/// of consent checkboxes.
struct Labels {
    exact: HashMap<String, Field>,
    consent_prefixes: Vec<String>,
    /// Sections the parser does not know (a typo in the file): checked by a test.
    unknown_sections: Vec<String>,
}

enum Section {
    Field(Field),
    ConsentPrefixes,
    Unknown,
}

static LABELS: LazyLock<Labels> = LazyLock::new(|| parse_labels(include_str!("labels.txt")));

fn parse_labels(text: &str) -> Labels {
    let mut labels = Labels {
        exact: HashMap::new(),
        consent_prefixes: Vec::new(),
        unknown_sections: Vec::new(),
    };
    let mut section = Section::Unknown;
    for line in text.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            section = match Field::named(name) {
                Some(field) => Section::Field(field),
                None if name == "consent prefixes" => Section::ConsentPrefixes,
                None => {
                    labels.unknown_sections.push(name.to_string());
                    Section::Unknown
                }
            };
            continue;
        }
        match section {
            Section::Field(field) => {
                labels.exact.entry(line.to_string()).or_insert(field);
            }
            Section::ConsentPrefixes => labels.consent_prefixes.push(line.to_string()),
            Section::Unknown => {}
        }
    }
    labels
}

/// The meaning of a label, if it is one the intake knows.
pub(crate) fn classify_label(label: &str) -> Option<Field> {
    let folded = fold(label);
    if folded.is_empty() || folded.len() > 80 {
        return None;
    }
    if LABELS
        .consent_prefixes
        .iter()
        .any(|p| folded.starts_with(p.as_str()))
    {
        return Some(Field::Consent);
    }
    let folded = folded.strip_suffix(" s").unwrap_or(&folded).to_string();
    if let Some(field) = LABELS.exact.get(&folded) {
        return Some(*field);
    }
    // Loose rules for short labels: "Tél. domicile", "Téléphone (portable)", "Adresse e-mail de contact".
    let words: Vec<&str> = folded.split(' ').collect();
    if words.len() <= 5 {
        let has = |w: &str| words.contains(&w);
        if has("mail") || has("email") || has("courriel") {
            return Some(Field::Email);
        }
        if has("telephone")
            || has("tel")
            || has("portable")
            || has("mobile")
            || has("gsm")
            || has("phone")
        {
            return Some(Field::Phone);
        }
        if folded.starts_with("code postal") {
            return Some(Field::PostalCode);
        }
        if folded.starts_with("reference")
            || folded.starts_with("ref ")
            || folded.starts_with("numero d annonce")
        {
            return Some(Field::Reference);
        }
        let last = words.last().copied().unwrap_or("");
        if folded.starts_with("commentaire")
            || folded.starts_with("message")
            || matches!(
                last,
                "message" | "commentaire" | "commentaires" | "remarques"
            )
        {
            return Some(Field::Message);
        }
    }
    None
}

/// A label with no value on its line whose value is the next line ("… votre annonce :").
fn announces_vehicle(label: &str) -> bool {
    let folded = fold(label);
    folded.ends_with("annonce") || folded.ends_with("vehicule") || folded.ends_with("concernant")
}

/// The labelled values found in a text, in order.
#[derive(Debug, Default, Clone)]
pub(crate) struct Fields {
    pub values: Vec<(Field, String)>,
}

impl Fields {
    /// The first value of a field.
    pub fn get(&self, field: Field) -> Option<&str> {
        self.values
            .iter()
            .find(|(f, v)| *f == field && !v.trim().is_empty())
            .map(|(_, v)| v.as_str())
    }

    /// All values of a field.
    pub fn all(&self, field: Field) -> impl Iterator<Item = &str> {
        self.values
            .iter()
            .filter(move |(f, _)| *f == field)
            .map(|(_, v)| v.as_str())
    }

    /// Adds the fields of `other` that are missing here.
    pub fn merge_missing(&mut self, other: Fields) {
        for (field, value) in other.values {
            if self.get(field).is_none() {
                self.values.push((field, value));
            }
        }
    }
}

/// Strips quoting ("> "), bullets and spaces around a line.
fn clean_line(line: &str) -> &str {
    line.trim_start_matches(|c: char| {
        c == '>' || c == '|' || c == '*' || c == '•' || c.is_whitespace()
    })
    .trim()
}

/// Splits "Label : value" (colon, full-width colon or tab); the label must be short.
fn split_label(line: &str) -> Option<(&str, &str)> {
    let pos = line.find([':', '：', '\t'])?;
    let label = line[..pos].trim();
    let sep_len = line[pos..].chars().next().map_or(1, char::len_utf8);
    let value = line[pos + sep_len..]
        .trim_start_matches(|c: char| c == ':' || c.is_whitespace())
        .trim();
    if label.is_empty() || label.chars().count() > 60 || label.split_whitespace().count() > 9 {
        return None;
    }
    Some((label, value))
}

/// A known label on this line, if any.
fn known(line: &str) -> Option<(Field, &str)> {
    let (label, value) = split_label(clean_line(line))?;
    classify_label(label).map(|f| (f, value))
}

/// Extracts every labelled field of a text.
pub(crate) fn extract(text: &str) -> Fields {
    let lines: Vec<&str> = text.lines().take(20_000).collect();
    let mut fields = Fields::default();
    let mut i = 0;
    while i < lines.len() {
        let line = clean_line(lines[i]);
        i += 1;
        let Some((label, value)) = split_label(line) else {
            continue;
        };
        let field = match classify_label(label) {
            Some(f) => f,
            None if value.is_empty() && announces_vehicle(label) => Field::Vehicle,
            None => continue,
        };
        let mut value = value.to_string();
        if value.is_empty() {
            // "Label :" then the value on the next non-empty line, unless that line is a label itself.
            let next = lines[i..]
                .iter()
                .position(|l| !clean_line(l).is_empty())
                .map(|p| i + p);
            if let Some(n) = next.filter(|&n| n <= i + 1 && known(lines[n]).is_none()) {
                value = clean_line(lines[n]).to_string();
                i = n + 1;
            }
        }
        if field == Field::Message {
            // A message goes on until a blank line or the next known label.
            while i < lines.len()
                && !clean_line(lines[i]).is_empty()
                && known(lines[i]).is_none()
                && value.len() < 20_000
            {
                value.push('\n');
                value.push_str(clean_line(lines[i]));
                i += 1;
            }
        }
        if !value.is_empty() {
            fields.values.push((field, value));
        }
    }
    fields.merge_missing(extract_stacked(text));
    fields
}

/// Labels written alone on their line with the value on the next one, as many forms lay them
/// out ("Nom\nDupont\nTéléphone\n06 12 34 56 78"). Only taken when the text holds at least
/// two such pairs whose values fit their field (or a lone message heading), so that prose is never
/// read as a form.
pub(crate) fn extract_stacked(text: &str) -> Fields {
    let lines: Vec<&str> = text.lines().take(20_000).map(clean_line).collect();
    let next_value = |from: usize| -> Option<usize> {
        // The value follows at once, or after one blank line.
        (from..lines.len().min(from + 2)).find(|&n| !lines[n].is_empty())
    };
    let mut fields = Fields::default();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        i += 1;
        let Some(field) = stacked_label(line) else {
            continue;
        };
        let Some(n) = next_value(i) else { continue };
        if stacked_label(lines[n]).is_some() || known(lines[n]).is_some() || !fits(field, lines[n])
        {
            continue;
        }
        let mut value = lines[n].to_string();
        i = n + 1;
        if field == Field::Message {
            while i < lines.len()
                && !lines[i].is_empty()
                && stacked_label(lines[i]).is_none()
                && known(lines[i]).is_none()
                && value.len() < 20_000
            {
                value.push('\n');
                value.push_str(lines[i]);
                i += 1;
            }
        }
        fields.values.push((field, value));
    }
    // A message under a heading of its own ("COMMENTAIRE") is one even alone.
    let only_message = fields.values.len() == 1 && fields.values[0].0 == Field::Message;
    if fields.values.len() < 2 && !only_message {
        return Fields::default();
    }
    fields
}

/// A line that is nothing but a known label ("Téléphone", "COMMENTAIRE", "Votre message").
fn stacked_label(line: &str) -> Option<Field> {
    let bare = line.trim_end_matches([':', '：', '*', ' ']);
    let words = bare.split_whitespace().count();
    if bare.is_empty() || words > 5 || bare.ends_with(['.', '?', '!', ',']) || bare.contains(':') {
        return None;
    }
    classify_label(bare).filter(|f| *f != Field::FullName || words > 1 || fold(bare) != "de")
}

/// Whether a value can be what its field holds (a phone has digits, an e-mail an @…).
fn fits(field: Field, value: &str) -> bool {
    let digits = value.chars().filter(char::is_ascii_digit).count();
    let words = value.split_whitespace().count();
    match field {
        Field::Phone => digits >= 6,
        Field::Email => value.contains('@'),
        Field::LastName
        | Field::FirstName
        | Field::FullName
        | Field::FullNameLastFirst
        | Field::Civility
        | Field::City
        | Field::Company => words <= 6 && digits == 0 && !value.contains('@') && value.len() <= 80,
        Field::PostalCode | Field::PostalCity => digits >= 4,
        Field::Message => true,
        _ => value.len() <= 160,
    }
}

/// True for a yes-like answer ("Oui", "yes", "X", "Accepté").
pub(crate) fn is_yes(value: &str) -> bool {
    let v = fold(value);
    matches!(
        v.as_str(),
        "oui"
            | "yes"
            | "true"
            | "1"
            | "x"
            | "o"
            | "y"
            | "ok"
            | "coche"
            | "accepte"
            | "j accepte"
            | "on"
            | "vrai"
    )
}

const CIVILITIES: &[&str] = &[
    "m",
    "mr",
    "mme",
    "mlle",
    "monsieur",
    "madame",
    "mademoiselle",
    "mrs",
    "ms",
    "miss",
    "dr",
    "me",
];
const PARTICLES: &[&str] = &[
    "de", "du", "des", "le", "la", "van", "von", "der", "di", "da", "d",
];

fn is_upper_word(w: &str) -> bool {
    let letters: Vec<char> = w.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase())
}

/// "LEMAÎTRE" → "Lemaître", "DE LA FONTAINE" → "de La Fontaine"-style title case per word and hyphen part.
pub(crate) fn tidy_name(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    let shouting = words.iter().any(|w| is_upper_word(w))
        && words
            .iter()
            .all(|w| is_upper_word(w) || w.chars().count() <= 1);
    let lower = !shouting
        && !words.is_empty()
        && words.iter().all(|w| w.chars().all(|c| !c.is_uppercase()));
    if !shouting && !lower {
        return words.join(" ");
    }
    words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            if i > 0 && PARTICLES.contains(&fold(w).as_str()) {
                return w.to_lowercase();
            }
            let mut out = String::new();
            let mut start = true;
            for c in w.chars() {
                if start {
                    out.extend(c.to_uppercase());
                } else {
                    out.extend(c.to_lowercase());
                }
                start = c == '-' || c == '\'' || c == '’';
            }
            out
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Removes a leading civility ("M.", "Mme", "Monsieur").
pub(crate) fn strip_civility(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    let skip = words
        .iter()
        .take_while(|w| CIVILITIES.contains(&fold(w).as_str()))
        .count();
    words[skip.min(words.len())..].join(" ")
}

/// (first name, last name) from a full name: upper-case words are the last name ("LEMAÎTRE Hélène"),
/// otherwise `last_first` tells the order.
pub(crate) fn split_full_name(full: &str, last_first: bool) -> (String, String) {
    let cleaned = strip_civility(full);
    let words: Vec<&str> = cleaned.split_whitespace().collect();
    match words.len() {
        0 => return (String::new(), String::new()),
        1 => return (String::new(), tidy_name(words[0])),
        _ => {}
    }
    let upper: Vec<bool> = words.iter().map(|w| is_upper_word(w)).collect();
    let n_upper = upper.iter().filter(|u| **u).count();
    if n_upper > 0 && n_upper < words.len() {
        let last: Vec<&str> = words
            .iter()
            .zip(&upper)
            .filter(|(_, u)| **u)
            .map(|(w, _)| *w)
            .collect();
        let first: Vec<&str> = words
            .iter()
            .zip(&upper)
            .filter(|(_, u)| !**u)
            .map(|(w, _)| *w)
            .collect();
        return (tidy_name(&first.join(" ")), tidy_name(&last.join(" ")));
    }
    // "Roux Nathalie": the given name is the word a first-name list knows, when only one is.
    let given = |w: &str| crate::leads::referential::is_first_name(w);
    let last_first = match (given(words[0]), given(words[words.len() - 1])) {
        (false, true) => true,
        (true, false) => false,
        _ => last_first,
    };
    if last_first {
        let first = words[words.len() - 1];
        (
            tidy_name(first),
            tidy_name(&words[..words.len() - 1].join(" ")),
        )
    } else {
        // Particles belong to the last name: "Jean de La Fontaine".
        let split = words
            .iter()
            .position(|w| PARTICLES.contains(&fold(w).as_str()))
            .filter(|&p| p > 0)
            .unwrap_or(words.len() - 1)
            .max(1);
        (
            tidy_name(&words[..split].join(" ")),
            tidy_name(&words[split..].join(" ")),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_label_file_is_read_whole() {
        assert!(
            LABELS.unknown_sections.is_empty(),
            "{:?}",
            LABELS.unknown_sections
        );
        assert!(LABELS.exact.len() > 200, "{}", LABELS.exact.len());
        assert_eq!(LABELS.exact.get("prenom"), Some(&Field::FirstName));
        assert!(LABELS.consent_prefixes.iter().any(|p| p == "j accepte"));
        // Every label is stored folded, as classify_label looks it up.
        for label in LABELS.exact.keys() {
            assert_eq!(&fold(label), label);
        }
    }

    #[test]
    fn folds_labels() {
        assert_eq!(fold("Tél. portable*"), "tel portable");
        assert_eq!(fold("  N° d'annonce "), "n d annonce");
        assert_eq!(fold("Adresse E-MAIL"), "adresse e mail");
    }

    #[test]
    fn knows_synonyms() {
        for (label, field) in [
            ("Nom de famille", Field::LastName),
            ("Prenom", Field::FirstName),
            ("Prénom", Field::FirstName),
            ("First name", Field::FirstName),
            ("Nom complet", Field::FullName),
            ("Tél.", Field::Phone),
            ("Portable", Field::Phone),
            ("GSM", Field::Phone),
            ("Téléphone (mobile)", Field::Phone),
            ("Courriel", Field::Email),
            ("Adresse e-mail", Field::Email),
            ("CP", Field::PostalCode),
            ("Votre message", Field::Message),
            ("N° de série", Field::Vin),
            ("Réf. annonce", Field::Reference),
            ("N° d'annonce", Field::Reference),
            ("J'accepte de recevoir des offres", Field::Consent),
            ("Finition", Field::Version),
        ] {
            assert_eq!(classify_label(label), Some(field), "{label}");
        }
        assert_eq!(
            classify_label("Bonjour, le véhicule est-il disponible"),
            None
        );
    }

    #[test]
    fn extracts_lines_and_continuations() {
        let text = "Nom : Dupont\nPrénom: Jean\nTél.\t06 12 34 56 78\nCourriel :\njean@ex.fr\nMessage : ligne 1\nligne 2\n\nL'équipe";
        let f = extract(text);
        assert_eq!(f.get(Field::LastName), Some("Dupont"));
        assert_eq!(f.get(Field::FirstName), Some("Jean"));
        assert_eq!(f.get(Field::Phone), Some("06 12 34 56 78"));
        assert_eq!(f.get(Field::Email), Some("jean@ex.fr"));
        assert_eq!(f.get(Field::Message), Some("ligne 1\nligne 2"));
    }

    #[test]
    fn splits_names() {
        assert_eq!(
            split_full_name("LEMAÎTRE Hélène", false),
            ("Hélène".into(), "Lemaître".into())
        );
        assert_eq!(
            split_full_name("Hélène LEMAÎTRE", false),
            ("Hélène".into(), "Lemaître".into())
        );
        assert_eq!(
            split_full_name("M. Jean Dupont", false),
            ("Jean".into(), "Dupont".into())
        );
        assert_eq!(
            split_full_name("Dupont Jean", true),
            ("Jean".into(), "Dupont".into())
        );
        assert_eq!(
            split_full_name("Jean de La Fontaine", false),
            ("Jean".into(), "de La Fontaine".into())
        );
        assert_eq!(
            split_full_name("Marie-Claire DE LA TOUR", false),
            ("Marie-Claire".into(), "De la Tour".into())
        );
    }
}

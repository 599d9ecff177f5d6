//! Generic "labelled fields" extraction: lines such as `Téléphone : 06 12 34 56 78`,
//! `E-mail: x@y.fr`, or HTML table rows (converted to `Label : value` lines by `mime`),
//! with a dictionary of French and English label synonyms.

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

const EXACT: &[(Field, &[&str])] = &[
    (
        Field::LastName,
        &[
            "nom",
            "nom de famille",
            "last name",
            "lastname",
            "surname",
            "family name",
            "votre nom",
            "nom client",
            "nom du client",
            "nom de naissance",
            "nom d usage",
        ],
    ),
    (
        Field::FirstName,
        &[
            "prenom",
            "first name",
            "firstname",
            "given name",
            "votre prenom",
            "prenom client",
            "prenom du client",
        ],
    ),
    (
        Field::FullName,
        &[
            "nom complet",
            "prenom nom",
            "prenom et nom",
            "name",
            "full name",
            "fullname",
            "your name",
            "client",
            "contact",
            "identite",
            "nom du contact",
            "demandeur",
            "expediteur",
            "acheteur",
            "interesse",
        ],
    ),
    (
        Field::FullNameLastFirst,
        &[
            "nom prenom",
            "nom et prenom",
            "nom et prenoms",
            "nom prenoms",
        ],
    ),
    (
        Field::Civility,
        &["civilite", "titre", "salutation", "title", "genre"],
    ),
    (
        Field::Phone,
        &[
            "telephone",
            "tel",
            "portable",
            "mobile",
            "gsm",
            "phone",
            "phone number",
            "telephone number",
            "numero",
            "numero de telephone",
            "n de telephone",
            "no de telephone",
            "num tel",
            "n tel",
            "cell",
            "cellphone",
            "mobile phone",
            "telephone mobile",
            "telephone portable",
            "telephone fixe",
            "tel fixe",
            "tel portable",
            "tel mobile",
            "votre telephone",
            "votre numero",
            "votre numero de telephone",
            "numero de portable",
            "numero de mobile",
            "telephone du client",
            "coordonnees telephoniques",
        ],
    ),
    (
        Field::Email,
        &[
            "email",
            "e mail",
            "mail",
            "courriel",
            "adresse e mail",
            "adresse email",
            "adresse mail",
            "adresse courriel",
            "adresse electronique",
            "votre email",
            "votre e mail",
            "votre adresse e mail",
            "votre adresse email",
            "votre courriel",
            "e mail address",
            "email address",
            "mail address",
            "e mail du client",
            "email du client",
        ],
    ),
    (
        Field::PostalCode,
        &[
            "code postal",
            "cp",
            "postal code",
            "zip",
            "zip code",
            "postcode",
            "code post",
            "votre code postal",
        ],
    ),
    (
        Field::City,
        &["ville", "city", "localite", "commune", "votre ville"],
    ),
    (
        Field::PostalCity,
        &[
            "code postal ville",
            "cp ville",
            "cp et ville",
            "code postal et ville",
            "cp localite",
            "ville code postal",
        ],
    ),
    (
        Field::Address,
        &[
            "adresse",
            "adresse postale",
            "address",
            "rue",
            "votre adresse",
        ],
    ),
    (
        Field::Message,
        &[
            "message",
            "commentaire",
            "commentaires",
            "votre message",
            "demande",
            "votre demande",
            "question",
            "votre question",
            "remarque",
            "remarques",
            "comments",
            "comment",
            "precisions",
            "texte",
            "message du client",
            "observations",
            "details",
            "details de la demande",
            "informations complementaires",
            "your message",
            "message de l acheteur",
            "message de l interesse",
            "contenu du message",
        ],
    ),
    (
        Field::Make,
        &["marque", "make", "brand", "marque du vehicule"],
    ),
    (
        Field::Model,
        &["modele", "model", "modele du vehicule", "modele souhaite"],
    ),
    (
        Field::Version,
        &["version", "finition", "trim", "motorisation"],
    ),
    (
        Field::Vehicle,
        &[
            "vehicule",
            "vehicle",
            "vehicule souhaite",
            "vehicule recherche",
            "vehicule d interet",
            "vehicule concerne",
            "vehicule de l annonce",
            "annonce",
            "titre de l annonce",
            "titre annonce",
            "votre vehicule",
            "voiture",
            "modele de vehicule",
            "vehicule demande",
            "objet de l annonce",
        ],
    ),
    (
        Field::Vin,
        &[
            "vin",
            "n de serie",
            "numero de serie",
            "no de serie",
            "numero vin",
            "n vin",
            "numero d identification",
            "chassis",
            "n de chassis",
            "numero de chassis",
        ],
    ),
    (
        Field::Plate,
        &[
            "immatriculation",
            "immat",
            "plaque",
            "n d immatriculation",
            "numero d immatriculation",
            "plate",
            "registration",
            "plaque d immatriculation",
        ],
    ),
    (
        Field::Price,
        &[
            "prix",
            "price",
            "prix affiche",
            "prix de vente",
            "prix ttc",
            "tarif",
            "prix annonce",
            "prix de l annonce",
        ],
    ),
    (
        Field::Reference,
        &[
            "reference",
            "ref",
            "reference annonce",
            "ref annonce",
            "n d annonce",
            "numero d annonce",
            "numero de l annonce",
            "no d annonce",
            "id annonce",
            "annonce n",
            "reference de l annonce",
            "ref vehicule",
            "reference vehicule",
            "lead id",
            "id lead",
            "n de lead",
            "numero de lead",
            "reference lead",
            "identifiant",
            "identifiant annonce",
            "numero de dossier",
            "n de dossier",
            "listing id",
            "ad id",
            "ad reference",
            "n stock",
            "numero de stock",
            "reference stock",
            "ref interne",
            "reference interne",
        ],
    ),
    (
        Field::RequestType,
        &[
            "type de demande",
            "objet de la demande",
            "nature de la demande",
            "motif",
            "motif de la demande",
            "type",
            "sujet",
            "request type",
            "type de contact",
            "formulaire",
            "demande de",
        ],
    ),
    (
        Field::Company,
        &[
            "societe",
            "entreprise",
            "raison sociale",
            "company",
            "nom de la societe",
        ],
    ),
    (
        Field::TradeIn,
        &[
            "vehicule a reprendre",
            "vehicule de reprise",
            "vehicule en reprise",
            "reprise",
            "vehicule actuel",
            "votre vehicule actuel",
            "trade in",
            "reprise vehicule",
            "vehicule a vendre",
            "reprise de vehicule",
            "votre reprise",
        ],
    ),
];

const CONSENT_PREFIXES: &[&str] = &[
    "j accepte",
    "j autorise",
    "je souhaite recevoir",
    "j accepte de recevoir",
    "consentement",
    "opt in",
    "optin",
    "accord",
    "accepte",
    "newsletter",
    "offres commerciales",
    "rgpd",
    "consent",
    "recevoir des offres",
    "i agree",
    "marketing",
];

/// The meaning of a label, if it is one the intake knows.
pub(crate) fn classify_label(label: &str) -> Option<Field> {
    let folded = fold(label);
    if folded.is_empty() || folded.len() > 80 {
        return None;
    }
    if CONSENT_PREFIXES.iter().any(|p| folded.starts_with(p)) {
        return Some(Field::Consent);
    }
    let folded = folded.strip_suffix(" s").unwrap_or(&folded).to_string();
    for (field, labels) in EXACT {
        if labels.contains(&folded.as_str()) {
            return Some(*field);
        }
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
        if folded.starts_with("commentaire") || folded.starts_with("message") {
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
    fields
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

//! How intake reads the contact of a request it must not lose: a value Carnet cannot normalise
//! is kept as written and flagged « à vérifier », or left out with an alert on the lead when
//! nothing usable is in it. Only a request with no way at all to reach the person is refused.

use crate::kernel::phone::{self, PhoneReading};
use crate::kernel::postal::{self, PostalReading};
use crate::kernel::validate::{self, MAX_SHORT_TEXT};
use crate::leads::contact::ContactInput;

pub(crate) struct ReadContact {
    pub contact: ContactInput,
    /// French lines for the lead's timeline: what was kept as written or left out.
    pub alerts: Vec<String>,
    /// A phone was given but could not be read: the prospect is asked for it by e-mail.
    pub phone_unreadable: bool,
}

/// A value quoted in an alert: one line, 40 characters at most.
fn quoted(raw: &str) -> String {
    let one_line: String = raw
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .take(40)
        .collect();
    one_line.trim().to_string()
}

fn text(raw: Option<&str>, max: usize) -> Option<String> {
    raw.map(validate::plain_text)
        .map(|t| t.chars().take(max).collect::<String>())
        .filter(|t| !t.is_empty())
}

pub(crate) fn read(input: &ContactInput) -> ReadContact {
    let mut alerts = Vec::new();
    let mut to_check = Vec::new();
    let written_country = input
        .country
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty());
    let known_country = written_country.and_then(postal::country_code);
    if let (Some(raw), None) = (written_country, known_country) {
        alerts.push(format!(
            "Pays non reconnu « {} » : non repris.",
            quoted(raw)
        ));
    }
    let country = known_country.or_else(|| {
        postal::infer_country(None, input.postal_code.as_deref(), input.phone.as_deref())
    });

    let mut phone_unreadable = false;
    let phone = match input
        .phone
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        None => None,
        Some(raw) => match phone::read(raw, country) {
            PhoneReading::Normalised { e164, .. } => Some(e164),
            PhoneReading::AsWritten(kept) => {
                phone_unreadable = true;
                to_check.push("phone");
                alerts.push(format!(
                    "Téléphone « {} » conservé tel quel : à vérifier.",
                    quoted(&kept)
                ));
                Some(kept)
            }
            PhoneReading::Unusable => {
                phone_unreadable = true;
                alerts.push(format!(
                    "Téléphone illisible « {} » : non repris.",
                    quoted(raw)
                ));
                None
            }
        },
    };
    let email = match input
        .email
        .as_deref()
        .map(str::trim)
        .filter(|e| !e.is_empty())
    {
        None => None,
        Some(raw) => match validate::email("email", raw) {
            Ok(e) => Some(e),
            Err(_) => {
                alerts.push(format!(
                    "Adresse e-mail invalide « {} » : non reprise.",
                    quoted(raw)
                ));
                None
            }
        },
    };
    let postal_code = match input
        .postal_code
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        None => None,
        Some(raw) => match postal::read(raw, country) {
            PostalReading::Valid(pc) => Some(pc),
            PostalReading::AsWritten(kept) => {
                to_check.push("postal_code");
                alerts.push(format!(
                    "Code postal « {} » conservé tel quel : à vérifier.",
                    quoted(&kept)
                ));
                Some(kept)
            }
            PostalReading::Unusable => {
                alerts.push(format!(
                    "Code postal illisible « {} » : non repris.",
                    quoted(raw)
                ));
                None
            }
        },
    };
    let mut last_name = text(Some(&input.last_name), MAX_SHORT_TEXT).unwrap_or_default();
    let mut first_name = text(Some(&input.first_name), MAX_SHORT_TEXT).unwrap_or_default();
    if last_name.is_empty() {
        // A lead with only a first name (or none) still deserves a call back.
        last_name = if first_name.is_empty() {
            "(sans nom)".into()
        } else {
            std::mem::take(&mut first_name)
        };
    }
    ReadContact {
        contact: ContactInput {
            first_name,
            last_name,
            company: text(input.company.as_deref(), MAX_SHORT_TEXT),
            phone,
            email,
            postal_code,
            city: text(input.city.as_deref(), MAX_SHORT_TEXT),
            consent_email: input.consent_email,
            consent_sms: input.consent_sms,
            address: text(input.address.as_deref(), 300),
            country: country.map(String::from),
            to_check,
        },
        alerts,
        phone_unreadable,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contact(phone: &str, postal: &str, country: Option<&str>) -> ContactInput {
        ContactInput {
            last_name: "Test".into(),
            phone: Some(phone.into()),
            postal_code: Some(postal.into()),
            country: country.map(String::from),
            email: Some("t@example.fr".into()),
            ..ContactInput::default()
        }
    }

    #[test]
    fn foreign_contacts_are_read_with_their_country() {
        let r = read(&contact("0475 12 34 56", "1000", Some("Belgique")));
        assert_eq!(r.contact.phone.as_deref(), Some("+32475123456"));
        assert_eq!(r.contact.postal_code.as_deref(), Some("1000"));
        assert_eq!(r.contact.country.as_deref(), Some("BE"));
        assert!(r.alerts.is_empty() && r.contact.to_check.is_empty());
        assert!(r.contact.clean().is_ok());

        let r = read(&contact("(555) 123-4567", "78701", None));
        assert_eq!(r.contact.phone.as_deref(), Some("+15551234567"));
        assert_eq!(r.contact.country.as_deref(), Some("US"));
        assert!(r.contact.clean().is_ok());
    }

    #[test]
    fn what_cannot_be_read_is_kept_flagged_or_left_out_never_refused() {
        let r = read(&contact("06 12 34 56 78", "1000", Some("BE")));
        assert_eq!(r.contact.phone.as_deref(), Some("06 12 34 56 78"));
        assert_eq!(r.contact.to_check, vec!["phone"]);
        assert!(r.phone_unreadable);
        let clean = r.contact.clean().unwrap();
        assert_eq!(clean.to_check, vec!["phone"]);

        let r = read(&contact("PASDENUMERO", "🚗🚗", None));
        assert_eq!(r.contact.phone, None);
        assert_eq!(r.contact.postal_code, None);
        assert_eq!(r.alerts.len(), 2, "{:?}", r.alerts);
        assert!(r.contact.clean().is_ok(), "the e-mail is enough");

        let r = read(&contact("06 12 34 56 78", "6900", None));
        assert_eq!(r.contact.postal_code.as_deref(), Some("6900"));
        assert_eq!(r.contact.to_check, vec!["postal_code"]);
        assert!(r.contact.clean().is_ok());
    }

    #[test]
    fn names_are_text_and_bounded() {
        let mut c = contact("06 12 34 56 78", "69003", None);
        c.first_name = "<b>Émile</b>".repeat(1000);
        c.last_name = "<script>alert(1)</script>Dupont".into();
        let r = read(&c);
        assert!(!r.contact.first_name.contains('<'));
        assert_eq!(r.contact.first_name.chars().count(), MAX_SHORT_TEXT);
        assert_eq!(r.contact.last_name, "alert(1) Dupont");
        assert!(r.contact.clean().is_ok());
    }
}

//! Contacts (prospects and customers): normalised on the way in, matched by phone and e-mail.

use crate::kernel::error::{CoreError, Result};
use crate::kernel::postal::{self, PostalReading};
use crate::kernel::validate::{self, MAX_SHORT_TEXT};
use crate::leads::consent::{self, ConsentChannel};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Contact {
    pub id: i64,
    pub first_name: String,
    pub last_name: String,
    pub company: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub postal_code: Option<String>,
    pub city: Option<String>,
    pub consent_email: bool,
    pub consent_sms: bool,
    pub consent_at: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    pub address: Option<String>,
    /// ISO 3166 alpha-2; None means France.
    pub country: Option<String>,
    /// Fields intake kept as written because it could not read them ("phone", "postal_code"):
    /// shown « à vérifier » until someone corrects the contact.
    pub to_check: Vec<String>,
    /// The mobile or landline is on the Bloctel list: no prospecting call (a call answering
    /// the person's own request stays allowed).
    pub bloctel: bool,
}

/// A contact as typed in a form or read from a lead source.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ContactInput {
    pub first_name: String,
    pub last_name: String,
    #[ts(optional = nullable)]
    pub company: Option<String>,
    #[ts(optional = nullable)]
    pub phone: Option<String>,
    #[ts(optional = nullable)]
    pub email: Option<String>,
    #[ts(optional = nullable)]
    pub postal_code: Option<String>,
    #[ts(optional = nullable)]
    pub city: Option<String>,
    #[ts(as = "Option<bool>", optional)]
    pub consent_email: bool,
    #[ts(as = "Option<bool>", optional)]
    pub consent_sms: bool,
    #[ts(optional = nullable)]
    pub address: Option<String>,
    /// ISO 3166 alpha-2 or a country name ("Belgique"); None means France.
    #[ts(optional = nullable)]
    pub country: Option<String>,
    /// Set by intake only: these fields are kept as written instead of being refused.
    #[ts(skip)]
    #[serde(skip)]
    pub to_check: Vec<&'static str>,
}

/// A validated contact, ready to store.
#[derive(Debug, Clone, PartialEq)]
pub struct CleanContact {
    pub first_name: String,
    pub last_name: String,
    pub company: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub postal_code: Option<String>,
    pub city: Option<String>,
    pub consent_email: bool,
    pub consent_sms: bool,
    pub address: Option<String>,
    pub country: Option<String>,
    pub to_check: Vec<&'static str>,
}

impl ContactInput {
    /// Validates and normalises every field; the first error names its field.
    pub fn clean(&self) -> Result<CleanContact> {
        let name = |field, label, raw: &str| {
            validate::optional_text(
                field,
                label,
                Some(&validate::plain_text(raw)),
                MAX_SHORT_TEXT,
            )
        };
        let last_name = name("last_name", "Nom", &self.last_name)?
            .ok_or_else(|| CoreError::invalid("last_name", "Nom : champ obligatoire."))?;
        let first_name = name("first_name", "Prénom", &self.first_name)?.unwrap_or_default();
        let country = match self.country.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(raw) => Some(postal::country_code(raw).ok_or_else(|| {
                CoreError::invalid(
                    "country",
                    format!(
                        "Pays inconnu : « {} ». Exemples : FR, BE, CH, Belgique.",
                        clip(raw)
                    ),
                )
            })?),
        }
        .filter(|c| *c != "FR");
        let kept = |field| self.to_check.contains(&field);
        let phone = if kept("phone") {
            validate::optional_text("phone", "Téléphone", self.phone.as_deref(), 40)?
        } else {
            match self
                .phone
                .as_deref()
                .map(str::trim)
                .filter(|p| !p.is_empty())
            {
                Some(p) => Some(validate::phone_in("phone", p, country)?),
                None => None,
            }
        };
        let email = validate::optional_email("email", self.email.as_deref())?;
        if phone.is_none() && email.is_none() {
            return Err(CoreError::invalid("contact", "Indiquez au moins un téléphone ou une adresse e-mail pour pouvoir recontacter le client."));
        }
        let postal_code = match self.postal_code.as_deref() {
            Some(raw) if kept("postal_code") => {
                validate::optional_text("postal_code", "Code postal", Some(raw), 12)?
            }
            Some(raw) if !raw.trim().is_empty() => match postal::read(raw, country) {
                PostalReading::Valid(pc) => Some(pc),
                _ if country.is_none() => {
                    return Err(CoreError::invalid(
                        "postal_code",
                        format!("Code postal invalide : « {} ». Il compte 5 chiffres, par exemple 69003 (pour un autre pays, indiquez le pays).", clip(raw)),
                    ))
                }
                _ => {
                    return Err(CoreError::invalid(
                        "postal_code",
                        format!("Code postal invalide pour ce pays : « {} ».", clip(raw)),
                    ))
                }
            },
            _ => None,
        };
        let mut to_check: Vec<&'static str> = self.to_check.clone();
        to_check.sort_unstable();
        to_check.dedup();
        Ok(CleanContact {
            first_name,
            last_name,
            company: validate::optional_text(
                "company",
                "Société",
                self.company.as_deref().map(validate::plain_text).as_deref(),
                MAX_SHORT_TEXT,
            )?,
            phone,
            email,
            postal_code,
            city: validate::optional_text("city", "Ville", self.city.as_deref(), MAX_SHORT_TEXT)?,
            consent_email: self.consent_email,
            consent_sms: self.consent_sms,
            address: validate::optional_text("address", "Adresse", self.address.as_deref(), 300)?,
            country: country.map(String::from),
            to_check,
        })
    }
}

fn clip(raw: &str) -> String {
    raw.trim().chars().take(40).collect()
}

const COLUMNS: &str = "id, first_name, last_name, company, phone, email, postal_code, city, consent_email, consent_sms, consent_at, created_at, updated_at, address, country, to_check";

/// Number of columns `from_row_at` reads.
pub(crate) const COLUMN_COUNT: usize = 17;

pub(crate) fn from_row_at(r: &rusqlite::Row, o: usize) -> rusqlite::Result<Contact> {
    Ok(Contact {
        id: r.get(o)?,
        first_name: r.get(o + 1)?,
        last_name: r.get(o + 2)?,
        company: r.get(o + 3)?,
        phone: r.get(o + 4)?,
        email: r.get(o + 5)?,
        postal_code: r.get(o + 6)?,
        city: r.get(o + 7)?,
        consent_email: r.get(o + 8)?,
        consent_sms: r.get(o + 9)?,
        consent_at: r.get(o + 10)?,
        created_at: r.get(o + 11)?,
        updated_at: r.get(o + 12)?,
        address: r.get(o + 13)?,
        country: r.get(o + 14)?,
        to_check: to_check_fields(r.get(o + 15)?),
        bloctel: r.get(o + 16)?,
    })
}

/// The fields kept « à vérifier », as stored (`phone,postal_code`).
pub(crate) fn to_check_fields(stored: Option<String>) -> Vec<String> {
    stored
        .map(|t| {
            t.split(',')
                .filter(|f| !f.is_empty())
                .map(String::from)
                .collect()
        })
        .unwrap_or_default()
}

/// SQL: whether the contact aliased `c` has a number on the Bloctel list (`privacy::bloctel`);
/// a primary-key lookup each.
pub(crate) const BLOCTEL_LISTED_SQL: &str =
    "(EXISTS(SELECT 1 FROM bloctel_numbers b WHERE b.phone = c.phone) OR EXISTS(SELECT 1 FROM bloctel_numbers b WHERE b.phone = c.landline))";

/// The columns of `from_row_at`, prefixed with a table alias.
pub(crate) fn columns(alias: &str) -> String {
    let mut columns: Vec<String> = COLUMNS
        .split(", ")
        .map(|c| format!("{alias}.{c}"))
        .collect();
    columns.push(BLOCTEL_LISTED_SQL.replace("c.", &format!("{alias}.")));
    columns.join(", ")
}

pub fn get(conn: &Connection, id: i64) -> Result<Contact> {
    conn.query_row(
        &format!("SELECT {} FROM contacts c WHERE id = ?1", columns("c")),
        [id],
        |r| from_row_at(r, 0),
    )
    .optional()?
    .ok_or(CoreError::NotFound { what: "Contact" })
}

pub fn insert(conn: &Connection, c: &CleanContact, consent_source: &str, now: &str) -> Result<i64> {
    let consent_at = (c.consent_email || c.consent_sms).then_some(now);
    conn.prepare_cached(
        "INSERT INTO contacts(first_name, last_name, company, phone, email, postal_code, city,
                              consent_email, consent_sms, consent_at, consent_source, created_at, updated_at,
                              address, country, to_check)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12, ?13, ?14, ?15)",
    )?
    .execute(params![
        c.first_name,
        c.last_name,
        c.company,
        c.phone,
        c.email,
        c.postal_code,
        c.city,
        c.consent_email,
        c.consent_sms,
        consent_at,
        consent_at.map(|_| consent_source),
        now,
        c.address,
        c.country,
        to_check_text(&c.to_check),
    ])?;
    let id = conn.last_insert_rowid();
    for (channel, given) in [
        (ConsentChannel::Email, c.consent_email),
        (ConsentChannel::Sms, c.consent_sms),
    ] {
        consent::log_change(conn, id, channel, false, given, consent_source, now)?;
    }
    Ok(id)
}

/// Replaces the contact's fields; a consent given or withdrawn now is dated now and recorded in
/// the consent history (source « saisie »).
pub fn update(conn: &Connection, id: i64, c: &CleanContact, now: &str) -> Result<()> {
    let before = get(conn, id)?;
    for (channel, old, new) in [
        (ConsentChannel::Email, before.consent_email, c.consent_email),
        (ConsentChannel::Sms, before.consent_sms, c.consent_sms),
    ] {
        consent::log_change(conn, id, channel, old, new, consent::source::ENTRY, now)?;
    }
    let consent_changed =
        before.consent_email != c.consent_email || before.consent_sms != c.consent_sms;
    let consent_at = if consent_changed {
        Some(now.to_string())
    } else {
        before.consent_at
    };
    conn.execute(
        "UPDATE contacts SET first_name = ?2, last_name = ?3, company = ?4, phone = ?5, email = ?6, postal_code = ?7,
                city = ?8, consent_email = ?9, consent_sms = ?10, consent_at = ?11,
                consent_source = CASE WHEN ?12 THEN 'saisie' ELSE consent_source END, updated_at = ?13,
                address = ?14, country = ?15, to_check = ?16
         WHERE id = ?1",
        params![
            id,
            c.first_name,
            c.last_name,
            c.company,
            c.phone,
            c.email,
            c.postal_code,
            c.city,
            c.consent_email,
            c.consent_sms,
            consent_at,
            consent_changed,
            now,
            c.address,
            c.country,
            to_check_text(&c.to_check),
        ],
    )?;
    Ok(())
}

fn to_check_text(fields: &[&str]) -> Option<String> {
    (!fields.is_empty()).then(|| fields.join(","))
}

/// Existing contacts with this phone or e-mail (normalised first; unparseable values match nothing).
pub fn find_matches(
    conn: &Connection,
    phone: Option<&str>,
    email: Option<&str>,
) -> Result<Vec<Contact>> {
    let phone = phone.and_then(|p| validate::phone("phone", p).ok());
    let email = email.and_then(|e| validate::email("email", e).ok());
    if phone.is_none() && email.is_none() {
        return Ok(Vec::new());
    }
    // `IS NOT NULL` spelled out: the indexes are partial, and without it SQLite prepares the
    // statement again at every new value to prove that `phone = ?` implies it.
    let columns = columns("c");
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {columns} FROM contacts c WHERE phone = ?1 AND phone IS NOT NULL UNION SELECT {columns} FROM contacts c WHERE email = ?2 AND email IS NOT NULL
         ORDER BY 13 DESC LIMIT 10"
    ))?;
    let rows = stmt.query_map(params![phone, email], |r| from_row_at(r, 0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

impl Contact {
    pub fn display_name(&self) -> String {
        format!("{} {}", self.first_name, self.last_name)
            .trim()
            .to_string()
    }
}

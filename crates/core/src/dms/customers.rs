//! The customer file: a contact becomes a customer through its DMS number, with its address,
//! phones, consents, the vehicles it owns and its purchase and workshop history. Vendeurs
//! read it on the lead page to prepare a call (seed 004).

use crate::dms::Upsert;
use crate::kernel::app::App;
use crate::kernel::error::{CoreError, Result};
use crate::leads::consent::{self, ConsentChannel};
use crate::leads::contact::BLOCTEL_LISTED_SQL;
use rusqlite::{params, Connection, OptionalExtension, ToSql};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A customer as the DMS describes it (already validated).
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct CustomerFields {
    pub customer_code: String,
    pub civility: Option<String>,
    pub first_name: String,
    pub last_name: String,
    pub company: Option<String>,
    pub address: Option<String>,
    pub postal_code: Option<String>,
    pub city: Option<String>,
    pub phone: Option<String>,
    pub landline: Option<String>,
    pub email: Option<String>,
    pub customer_since: Option<String>,
    /// None: the file says nothing about it.
    pub consent_email: Option<bool>,
    pub consent_sms: Option<bool>,
}

const FIELDS: &str = "customer_code, civility, first_name, last_name, company, address, postal_code, city, phone, landline, email, customer_since, consent_email, consent_sms, consent_source";

struct Stored {
    id: i64,
    fields: CustomerFields,
    consent_source: Option<String>,
}

fn stored(r: &rusqlite::Row) -> rusqlite::Result<Stored> {
    Ok(Stored {
        id: r.get(0)?,
        fields: CustomerFields {
            customer_code: r.get::<_, Option<String>>(1)?.unwrap_or_default(),
            civility: r.get(2)?,
            first_name: r.get(3)?,
            last_name: r.get(4)?,
            company: r.get(5)?,
            address: r.get(6)?,
            postal_code: r.get(7)?,
            city: r.get(8)?,
            phone: r.get(9)?,
            landline: r.get(10)?,
            email: r.get(11)?,
            customer_since: r.get(12)?,
            consent_email: Some(r.get(13)?),
            consent_sms: Some(r.get(14)?),
        },
        consent_source: r.get(15)?,
    })
}

/// Where the DMS's consent comes from, on the contact.
pub(crate) const IMPORT_SOURCE: &str = "import DMS";

/// Inserts or updates the customer with this number. A contact already known by its phone or
/// e-mail (a prospect who became a customer) takes the number instead of being duplicated.
/// An import never withdraws a consent given through another channel: the DMS's "N" often means
/// "not asked", and the latest explicit choice wins.
pub(crate) fn upsert(conn: &Connection, f: &CustomerFields, now: &str) -> Result<Upsert> {
    let by_code = conn
        .prepare_cached(&format!(
            "SELECT id, {FIELDS} FROM contacts WHERE customer_code = ?1"
        ))?
        .query_row([&f.customer_code], stored)
        .optional()?;
    // Each lookup on its own index (an OR of the two scans the table).
    let unclaimed = |column: &str, value: &Option<String>| -> Result<Option<Stored>> {
        let Some(value) = value else { return Ok(None) };
        Ok(conn
            .prepare_cached(&format!(
                "SELECT id, {FIELDS} FROM contacts WHERE {column} = ?1 AND {column} IS NOT NULL AND customer_code IS NULL
                 ORDER BY updated_at DESC LIMIT 1"
            ))?
            .query_row([value], stored)
            .optional()?)
    };
    let existing = match by_code {
        Some(s) => Some(s),
        None => match unclaimed("email", &f.email)? {
            Some(s) => Some(s),
            None => unclaimed("phone", &f.phone)?,
        },
    };
    let Some(old) = existing else {
        let consent_email = f.consent_email.unwrap_or(false);
        let consent_sms = f.consent_sms.unwrap_or(false);
        let consent_at = (consent_email || consent_sms).then_some(now);
        conn.prepare_cached(
            "INSERT INTO contacts(customer_code, civility, first_name, last_name, company, address, postal_code, city, phone, landline,
               email, customer_since, consent_email, consent_sms, consent_at, consent_source, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?17)",
        )?
        .execute(params![
            f.customer_code, f.civility, f.first_name, f.last_name, f.company, f.address, f.postal_code, f.city,
            f.phone, f.landline, f.email, f.customer_since, consent_email, consent_sms, consent_at,
            consent_at.map(|_| IMPORT_SOURCE), now
        ])?;
        let id = conn.last_insert_rowid();
        consent::log_change(
            conn,
            id,
            ConsentChannel::Email,
            false,
            consent_email,
            IMPORT_SOURCE,
            now,
        )?;
        consent::log_change(
            conn,
            id,
            ConsentChannel::Sms,
            false,
            consent_sms,
            IMPORT_SOURCE,
            now,
        )?;
        return Ok(Upsert::Inserted(id));
    };
    let imported_consent = old
        .consent_source
        .as_deref()
        .is_none_or(|s| s == IMPORT_SOURCE);
    let merge = |new: Option<bool>, old: Option<bool>| match (new, old) {
        (Some(true), _) => Some(true),
        (Some(false), Some(true)) if !imported_consent => Some(true),
        (Some(v), _) => Some(v),
        (None, old) => old,
    };
    let mut next = f.clone();
    next.consent_email = merge(f.consent_email, old.fields.consent_email);
    next.consent_sms = merge(f.consent_sms, old.fields.consent_sms);
    // An empty cell does not erase what Carnet knew (a phone typed by a vendeur).
    let keep = |new: &Option<String>, old: &Option<String>| new.clone().or_else(|| old.clone());
    next.phone = keep(&f.phone, &old.fields.phone);
    next.email = keep(&f.email, &old.fields.email);
    if next == old.fields {
        return Ok(Upsert::Unchanged(old.id));
    }
    let consent_changed = next.consent_email != old.fields.consent_email
        || next.consent_sms != old.fields.consent_sms;
    conn.prepare_cached(
        "UPDATE contacts SET customer_code = ?2, civility = ?3, first_name = ?4, last_name = ?5, company = ?6, address = ?7,
           postal_code = ?8, city = ?9, phone = ?10, landline = ?11, email = ?12, customer_since = ?13, consent_email = ?14,
           consent_sms = ?15,
           consent_at = CASE WHEN ?16 THEN ?17 ELSE consent_at END,
           consent_source = CASE WHEN ?16 THEN ?18 ELSE consent_source END,
           updated_at = ?17
         WHERE id = ?1",
    )?
    .execute(params![
        old.id, next.customer_code, next.civility, next.first_name, next.last_name, next.company, next.address,
        next.postal_code, next.city, next.phone, next.landline, next.email, next.customer_since,
        next.consent_email.unwrap_or(false), next.consent_sms.unwrap_or(false), consent_changed, now, IMPORT_SOURCE
    ])?;
    for (channel, before, after) in [
        (
            ConsentChannel::Email,
            old.fields.consent_email,
            next.consent_email,
        ),
        (
            ConsentChannel::Sms,
            old.fields.consent_sms,
            next.consent_sms,
        ),
    ] {
        let (before, after) = (before.unwrap_or(false), after.unwrap_or(false));
        consent::log_change(conn, old.id, channel, before, after, IMPORT_SOURCE, now)?;
    }
    Ok(Upsert::Updated(old.id))
}

crate::kernel::text_enum!(HistoryKind { VenteVn = "vente_vn", VenteVo = "vente_vo", Atelier = "atelier", Autre = "autre" });

impl HistoryKind {
    /// What a DMS's operation type means: "VENTE VO", "Atelier", "Révision", "Facture VN"…
    pub fn read(label: &str) -> HistoryKind {
        let folded = crate::dms::import::cells::fold(label);
        let words: Vec<&str> = folded.split(' ').collect();
        let has = |w: &str| words.contains(&w);
        if has("vn") || has("neuf") || folded.contains("vehicule neuf") {
            HistoryKind::VenteVn
        } else if has("vo") || has("occasion") || folded.contains("vehicule d occasion") {
            HistoryKind::VenteVo
        } else if [
            "atelier",
            "apv",
            "sav",
            "entretien",
            "revision",
            "reparation",
            "carrosserie",
            "pneus",
            "pneu",
            "controle",
            "vidange",
            "garantie",
            "diagnostic",
            "mecanique",
            "service",
        ]
        .iter()
        .any(|w| has(w))
        {
            HistoryKind::Atelier
        } else {
            HistoryKind::Autre
        }
    }
}

/// One line of a customer's history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct HistoryLine {
    pub happened_on: String,
    pub kind: HistoryKind,
    pub kind_label: String,
    pub label: String,
    pub vin: Option<String>,
    pub amount_cents: Option<i64>,
    pub km: Option<i64>,
}

pub(crate) fn upsert_history(
    conn: &Connection,
    contact_id: i64,
    h: &HistoryLine,
    now: &str,
) -> Result<Upsert> {
    let existing: Option<(i64, Option<i64>, Option<i64>)> = conn
        .prepare_cached(
            "SELECT id, amount_cents, km FROM customer_history
             WHERE contact_id = ?1 AND happened_on = ?2 AND kind_label = ?3 AND label = ?4 AND coalesce(vin, '') = coalesce(?5, '')",
        )?
        .query_row(params![contact_id, h.happened_on, h.kind_label, h.label, h.vin], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    match existing {
        None => {
            conn.prepare_cached(
                "INSERT INTO customer_history(contact_id, vin, happened_on, kind, kind_label, label, amount_cents, km, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
            )?
            .execute(params![contact_id, h.vin, h.happened_on, h.kind, h.kind_label, h.label, h.amount_cents, h.km, now])?;
            Ok(Upsert::Inserted(conn.last_insert_rowid()))
        }
        Some((id, amount, km)) if amount == h.amount_cents && km == h.km => {
            Ok(Upsert::Unchanged(id))
        }
        Some((id, _, _)) => {
            conn.prepare_cached("UPDATE customer_history SET amount_cents = ?2, km = ?3, updated_at = ?4 WHERE id = ?1")?
                .execute(params![id, h.amount_cents, h.km, now])?;
            Ok(Upsert::Updated(id))
        }
    }
}

/// A vehicle the customer owns or owned, from their history (and the stock for its name).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct OwnedVehicle {
    pub vin: String,
    /// Make, model and version when the stock knows the VIN.
    pub label: Option<String>,
    /// The last known mileage and when it was read.
    pub last_km: Option<i64>,
    pub last_seen: String,
    /// When the garage sold it to them, if it did.
    pub bought_on: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CustomerLead {
    pub id: i64,
    pub code: String,
    pub kind: String,
    pub status: String,
    pub created_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CustomerFile {
    pub contact_id: i64,
    pub customer_code: Option<String>,
    pub civility: Option<String>,
    pub first_name: String,
    pub last_name: String,
    pub company: Option<String>,
    pub address: Option<String>,
    pub postal_code: Option<String>,
    pub city: Option<String>,
    pub phone: Option<String>,
    pub landline: Option<String>,
    pub email: Option<String>,
    pub customer_since: Option<String>,
    pub consent_email: bool,
    pub consent_sms: bool,
    pub consent_at: Option<String>,
    pub consent_source: Option<String>,
    /// A number of theirs is on the Bloctel list: no prospecting call.
    pub bloctel: bool,
    pub vehicles: Vec<OwnedVehicle>,
    /// Newest first (at most 500 lines).
    pub history: Vec<HistoryLine>,
    pub purchases_cents: i64,
    pub workshop_cents: i64,
    pub workshop_visits: u32,
    pub leads: Vec<CustomerLead>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ContactRef {
    pub contact_id: i64,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct CustomerQuery {
    /// Name, customer number, e-mail, phone or city.
    #[ts(optional = nullable)]
    pub text: Option<String>,
    /// Only the contacts that came from the DMS.
    #[ts(as = "Option<bool>", optional)]
    pub customers_only: bool,
    #[ts(optional)]
    pub limit: Option<u32>,
    #[ts(optional)]
    pub offset: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CustomerRow {
    pub contact_id: i64,
    pub customer_code: Option<String>,
    pub name: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub city: Option<String>,
    pub last_visit: Option<String>,
    pub open_leads: u32,
    /// A number of theirs is on the Bloctel list.
    pub bloctel: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct CustomerPage {
    pub items: Vec<CustomerRow>,
    pub total: u32,
}

impl App {
    pub fn customers_list(&self, q: CustomerQuery) -> Result<CustomerPage> {
        let conn = self.conn()?;
        let mut clauses: Vec<String> = Vec::new();
        let mut values: Vec<Box<dyn ToSql>> = Vec::new();
        if q.customers_only {
            clauses.push("c.customer_code IS NOT NULL".into());
        }
        if let Some(text) = q.text.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
            let text: String = text.chars().take(100).collect();
            let phone = crate::kernel::validate::phone("phone", &text).ok();
            values.push(Box::new(format!("%{}%", text.replace(['%', '_'], ""))));
            values.push(Box::new(text.to_lowercase()));
            values.push(Box::new(phone));
            let n = values.len();
            clauses.push(format!(
                "((c.last_name || ' ' || c.first_name || ' ' || coalesce(c.company, '') || ' ' || coalesce(c.customer_code, '') || ' ' || coalesce(c.city, '')) LIKE ?{}
                  OR c.email = ?{} OR c.phone = ?{n} OR c.landline = ?{n})",
                n - 2,
                n - 1
            ));
        }
        let filter = if clauses.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", clauses.join(" AND "))
        };
        let params: Vec<&dyn ToSql> = values.iter().map(|b| b.as_ref()).collect();
        let total: u32 = conn.query_row(
            &format!("SELECT count(*) FROM contacts c {filter}"),
            params.as_slice(),
            |r| r.get(0),
        )?;
        let limit = q.limit.unwrap_or(100).min(500);
        let offset = q.offset.unwrap_or(0);
        let items = conn
            .prepare(&format!(
                "SELECT c.id, c.customer_code, trim(coalesce(c.civility || ' ', '') || c.first_name || ' ' || c.last_name), c.phone, c.email, c.city,
                   (SELECT max(happened_on) FROM customer_history h WHERE h.contact_id = c.id),
                   (SELECT count(*) FROM leads l WHERE l.contact_id = c.id AND l.status IN ('nouveau','a_traiter','en_cours') AND l.deleted_at IS NULL),
                   {BLOCTEL_LISTED_SQL}
                 FROM contacts c {filter} ORDER BY c.last_name, c.first_name, c.id LIMIT {limit} OFFSET {offset}"
            ))?
            .query_map(params.as_slice(), |r| {
                Ok(CustomerRow {
                    contact_id: r.get(0)?,
                    customer_code: r.get(1)?,
                    name: r.get(2)?,
                    phone: r.get(3)?,
                    email: r.get(4)?,
                    city: r.get(5)?,
                    last_visit: r.get(6)?,
                    open_leads: r.get(7)?,
                    bloctel: r.get(8)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(CustomerPage { items, total })
    }

    /// Everything the garage knows about a contact as a customer.
    pub fn customer_file(&self, r: ContactRef) -> Result<CustomerFile> {
        let conn = self.conn()?;
        customer_file(&conn, r.contact_id)
    }
}

pub(crate) fn customer_file(conn: &Connection, contact_id: i64) -> Result<CustomerFile> {
    let mut file = conn
        .query_row(
            &format!("SELECT id, customer_code, civility, first_name, last_name, company, address, postal_code, city, phone, landline, email,
               customer_since, consent_email, consent_sms, consent_at, consent_source, {}
             FROM contacts c WHERE id = ?1",
                BLOCTEL_LISTED_SQL
            ),
            [contact_id],
            |r| {
                Ok(CustomerFile {
                    contact_id: r.get(0)?,
                    customer_code: r.get(1)?,
                    civility: r.get(2)?,
                    first_name: r.get(3)?,
                    last_name: r.get(4)?,
                    company: r.get(5)?,
                    address: r.get(6)?,
                    postal_code: r.get(7)?,
                    city: r.get(8)?,
                    phone: r.get(9)?,
                    landline: r.get(10)?,
                    email: r.get(11)?,
                    customer_since: r.get(12)?,
                    consent_email: r.get(13)?,
                    consent_sms: r.get(14)?,
                    consent_at: r.get(15)?,
                    consent_source: r.get(16)?,
                    bloctel: r.get(17)?,
                    vehicles: Vec::new(),
                    history: Vec::new(),
                    purchases_cents: 0,
                    workshop_cents: 0,
                    workshop_visits: 0,
                    leads: Vec::new(),
                })
            },
        )
        .optional()?
        .ok_or(CoreError::NotFound { what: "Contact" })?;
    file.history = conn
        .prepare(
            "SELECT happened_on, kind, kind_label, label, vin, amount_cents, km FROM customer_history
             WHERE contact_id = ?1 ORDER BY happened_on DESC, id DESC LIMIT 500",
        )?
        .query_map([contact_id], |r| {
            Ok(HistoryLine {
                happened_on: r.get(0)?,
                kind: r.get(1)?,
                kind_label: r.get(2)?,
                label: r.get(3)?,
                vin: r.get(4)?,
                amount_cents: r.get(5)?,
                km: r.get(6)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let (purchases, workshop, visits): (i64, i64, u32) = conn.query_row(
        "SELECT coalesce(sum(CASE WHEN kind IN ('vente_vn','vente_vo') THEN amount_cents END), 0),
                coalesce(sum(CASE WHEN kind = 'atelier' THEN amount_cents END), 0),
                count(CASE WHEN kind = 'atelier' THEN 1 END)
         FROM customer_history WHERE contact_id = ?1",
        [contact_id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    (
        file.purchases_cents,
        file.workshop_cents,
        file.workshop_visits,
    ) = (purchases, workshop, visits);
    file.vehicles = conn
        .prepare(
            "SELECT h.vin,
               (SELECT s.make || ' ' || s.model || coalesce(' ' || s.version, '') FROM stock s WHERE s.vin = h.vin),
               (SELECT h2.km FROM customer_history h2 WHERE h2.contact_id = h.contact_id AND h2.vin = h.vin AND h2.km IS NOT NULL ORDER BY h2.happened_on DESC LIMIT 1),
               max(h.happened_on),
               min(CASE WHEN h.kind IN ('vente_vn','vente_vo') THEN h.happened_on END)
             FROM customer_history h WHERE h.contact_id = ?1 AND h.vin IS NOT NULL GROUP BY h.vin ORDER BY max(h.happened_on) DESC",
        )?
        .query_map([contact_id], |r| {
            Ok(OwnedVehicle { vin: r.get(0)?, label: r.get(1)?, last_km: r.get(2)?, last_seen: r.get(3)?, bought_on: r.get(4)? })
        })?
        .collect::<rusqlite::Result<_>>()?;
    file.leads = conn
        .prepare("SELECT id, code, kind, status, created_at FROM leads WHERE contact_id = ?1 AND deleted_at IS NULL ORDER BY id DESC LIMIT 50")?
        .query_map([contact_id], |r| {
            Ok(CustomerLead { id: r.get(0)?, code: r.get(1)?, kind: r.get(2)?, status: r.get(3)?, created_at: r.get(4)? })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(file)
}

/// The contact holding a DMS customer number.
pub(crate) fn by_code(conn: &Connection, code: &str) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT id FROM contacts WHERE customer_code = ?1")?
        .query_row([code], |r| r.get(0))
        .optional()?)
}

#[cfg(test)]
mod tests {
    use super::HistoryKind::{self, *};

    #[test]
    fn operation_types_of_several_dms() {
        for (label, kind) in [
            ("VENTE VO", VenteVo),
            ("Vente véhicule neuf", VenteVn),
            ("Facture VN", VenteVn),
            ("ATELIER", Atelier),
            ("Révision 30 000 km", Atelier),
            ("Contrôle technique", Atelier),
            ("Location", Autre),
        ] {
            assert_eq!(HistoryKind::read(label), kind, "{label}");
        }
    }
}

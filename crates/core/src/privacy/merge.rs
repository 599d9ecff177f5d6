//! Duplicate contacts and their merge by a person: the same customer typed twice, a prospect
//! who wrote from a second address. Candidates share a phone, an e-mail or a name; the merge
//! moves everything of one contact onto the other in one transaction — leads, DMS history, VO
//! alerts, consent history — fills the kept contact's gaps, keeps the consent the two histories
//! agree on (`consent::merged`: latest explicit choice, a withdrawal wins a tie), and records
//! the merge with the absorbed contact as it was, so that nothing typed is lost.

use crate::kernel::app::{App, Ctx};
use crate::kernel::error::{CoreError, Result};
use crate::leads::consent::{self, ConsentChannel};
use crate::leads::timeline::{self, kind};
use crate::org::audit;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Candidates shown at most.
const MAX_CANDIDATES: usize = 20;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DuplicateCandidate {
    pub contact_id: i64,
    pub name: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub city: Option<String>,
    pub customer_code: Option<String>,
    pub leads: u32,
    /// What the two share: « téléphone », « e-mail », « nom ».
    pub reasons: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ContactMergeInput {
    /// The contact kept (its values win where both have one).
    pub keep_id: i64,
    /// The contact absorbed into it.
    pub merge_id: i64,
    /// The person confirmed (the window asks; the CLI needs --yes).
    pub confirm: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ContactMergeReport {
    pub kept_id: i64,
    pub absorbed_id: i64,
    pub leads: u32,
    pub history: u32,
    pub alerts: u32,
    pub consent_events: u32,
    /// The consents after the merge.
    pub consent_email: bool,
    pub consent_sms: bool,
    /// What did not fit on the kept contact (a second e-mail, a third phone, another address):
    /// written on its leads' timelines and kept in the merge record.
    pub kept_aside: Vec<String>,
}

/// A contact's own fields, as the merge reads and writes them.
#[derive(Debug, Clone, Default, PartialEq)]
struct Person {
    first_name: String,
    last_name: String,
    company: Option<String>,
    civility: Option<String>,
    phone: Option<String>,
    landline: Option<String>,
    email: Option<String>,
    address: Option<String>,
    postal_code: Option<String>,
    city: Option<String>,
    country: Option<String>,
    customer_code: Option<String>,
    customer_since: Option<String>,
    to_check: Vec<String>,
    created_at: String,
}

const PERSON: &str = "first_name, last_name, company, civility, phone, landline, email, address, postal_code, city, country,
  customer_code, customer_since, to_check, created_at, erased_at";

fn person(conn: &Connection, id: i64) -> Result<Person> {
    let (p, erased): (Person, Option<String>) = conn
        .query_row(
            &format!("SELECT {PERSON} FROM contacts WHERE id = ?1"),
            [id],
            |r| {
                Ok((
                    Person {
                        first_name: r.get(0)?,
                        last_name: r.get(1)?,
                        company: r.get(2)?,
                        civility: r.get(3)?,
                        phone: r.get(4)?,
                        landline: r.get(5)?,
                        email: r.get(6)?,
                        address: r.get(7)?,
                        postal_code: r.get(8)?,
                        city: r.get(9)?,
                        country: r.get(10)?,
                        customer_code: r.get(11)?,
                        customer_since: r.get(12)?,
                        to_check: crate::leads::contact::to_check_fields(r.get(13)?),
                        created_at: r.get(14)?,
                    },
                    r.get(15)?,
                ))
            },
        )
        .optional()?
        .ok_or(CoreError::NotFound { what: "Contact" })?;
    if erased.is_some() {
        return Err(CoreError::Refused(format!(
            "Le contact n° {id} a été effacé (RGPD) : il ne peut pas être fusionné."
        )));
    }
    Ok(p)
}

impl Person {
    fn name(&self) -> String {
        format!("{} {}", self.first_name, self.last_name)
            .trim()
            .to_string()
    }

    fn has_address(&self) -> bool {
        self.address.is_some() || self.postal_code.is_some() || self.city.is_some()
    }

    fn address_text(&self) -> String {
        [&self.address, &self.postal_code, &self.city]
            .iter()
            .filter_map(|f| f.as_deref())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// The kept contact completed by the absorbed one, and what did not fit.
fn combine(kept: &Person, other: &Person) -> (Person, Vec<String>) {
    let mut next = kept.clone();
    let mut aside = Vec::new();
    let mut from_other: Vec<&str> = Vec::new();
    let fill = |mine: &Option<String>, theirs: &Option<String>| mine.clone().or(theirs.clone());
    if next.first_name.trim().is_empty() {
        next.first_name = other.first_name.clone();
    }
    next.company = fill(&kept.company, &other.company);
    next.civility = fill(&kept.civility, &other.civility);
    next.customer_code = fill(&kept.customer_code, &other.customer_code);
    next.customer_since = match (&kept.customer_since, &other.customer_since) {
        (Some(a), Some(b)) => Some(a.min(b).clone()),
        (a, b) => fill(a, b),
    };
    next.created_at = kept.created_at.clone().min(other.created_at.clone());
    // Phones: the kept ones first, then the absorbed ones, without repeats.
    let mut phones: Vec<String> = Vec::new();
    for p in [&kept.phone, &kept.landline, &other.phone, &other.landline]
        .into_iter()
        .flatten()
    {
        if !phones.contains(p) {
            phones.push(p.clone());
        }
    }
    if kept.phone.is_none() && other.phone.is_some() {
        from_other.push("phone");
    }
    next.phone = kept.phone.clone().or_else(|| other.phone.clone());
    // The landline slot takes a fixed line only (a French 01–05 or 09, or the other's landline):
    // a second mobile is set aside rather than shown as « Fixe ».
    next.landline = kept.landline.clone().or_else(|| {
        phones
            .iter()
            .find(|p| {
                Some(*p) != next.phone.as_ref()
                    && (Some(*p) == other.landline.as_ref() || is_french_fixed_line(p))
            })
            .cloned()
    });
    for p in &phones {
        if Some(p) != next.phone.as_ref() && Some(p) != next.landline.as_ref() {
            aside.push(format!(
                "Autre téléphone : {}",
                crate::kernel::format::phone(p)
            ));
        }
    }
    match (&kept.email, &other.email) {
        (None, Some(_)) => {
            next.email = other.email.clone();
            from_other.push("email");
        }
        (Some(a), Some(b)) if a != b => aside.push(format!("Autre e-mail : {b}")),
        _ => {}
    }
    if !kept.has_address() && other.has_address() {
        next.address = other.address.clone();
        next.postal_code = other.postal_code.clone();
        next.city = other.city.clone();
        next.country = other.country.clone();
        from_other.extend(["postal_code", "city", "address"]);
    } else if other.has_address() && other.address_text() != kept.address_text() {
        aside.push(format!("Autre adresse : {}", other.address_text()));
    }
    // A field still « à vérifier » stays so only where its value came from.
    next.to_check = kept
        .to_check
        .iter()
        .filter(|f| !from_other.contains(&f.as_str()))
        .chain(
            other
                .to_check
                .iter()
                .filter(|f| from_other.contains(&f.as_str())),
        )
        .cloned()
        .collect();
    (next, aside)
}

fn is_french_fixed_line(e164: &str) -> bool {
    e164.strip_prefix("+33")
        .is_some_and(|n| matches!(n.as_bytes().first(), Some(b'1'..=b'5' | b'9')))
}

impl App {
    /// Contacts that look like the same person: same phone (mobile or landline), same e-mail,
    /// or same first and last name (case aside).
    pub fn contact_duplicates(
        &self,
        r: crate::dms::customers::ContactRef,
    ) -> Result<Vec<DuplicateCandidate>> {
        let conn = self.conn()?;
        let me = person(&conn, r.contact_id)?;
        let mut found: Vec<(i64, &'static str)> = Vec::new();
        let mut collect = |sql: &str, value: &str, reason: &'static str| -> Result<()> {
            let mut stmt = conn.prepare_cached(sql)?;
            let ids = stmt.query_map(params![value, r.contact_id], |row| row.get::<_, i64>(0))?;
            for id in ids {
                found.push((id?, reason));
            }
            Ok(())
        };
        for number in [&me.phone, &me.landline].into_iter().flatten() {
            collect("SELECT id FROM contacts WHERE phone = ?1 AND phone IS NOT NULL AND id <> ?2 AND erased_at IS NULL LIMIT 50", number, "téléphone")?;
            collect("SELECT id FROM contacts WHERE landline = ?1 AND landline IS NOT NULL AND id <> ?2 AND erased_at IS NULL LIMIT 50", number, "téléphone")?;
        }
        if let Some(email) = &me.email {
            collect("SELECT id FROM contacts WHERE email = ?1 AND email IS NOT NULL AND id <> ?2 AND erased_at IS NULL LIMIT 50", email, "e-mail")?;
        }
        // A name alone is weak: both parts must be there.
        if !me.first_name.trim().is_empty() && !me.last_name.trim().is_empty() {
            let mut stmt = conn.prepare_cached(
                "SELECT id FROM contacts WHERE lower(last_name) = lower(?1) AND lower(first_name) = lower(?2) AND id <> ?3 AND erased_at IS NULL LIMIT 50",
            )?;
            let ids = stmt
                .query_map(params![me.last_name, me.first_name, r.contact_id], |row| {
                    row.get::<_, i64>(0)
                })?;
            for id in ids {
                found.push((id?, "nom"));
            }
        }
        let mut candidates: Vec<DuplicateCandidate> = Vec::new();
        for (id, reason) in found {
            if let Some(c) = candidates.iter_mut().find(|c| c.contact_id == id) {
                if !c.reasons.iter().any(|r| r == reason) {
                    c.reasons.push(reason.to_string());
                }
                continue;
            }
            if candidates.len() >= MAX_CANDIDATES {
                continue;
            }
            let mut c = conn.query_row(
                "SELECT c.id, trim(c.first_name || ' ' || c.last_name), c.phone, c.email, c.city, c.customer_code,
                   (SELECT count(*) FROM leads l WHERE l.contact_id = c.id AND l.deleted_at IS NULL)
                 FROM contacts c WHERE c.id = ?1",
                [id],
                |row| {
                    Ok(DuplicateCandidate {
                        contact_id: row.get(0)?,
                        name: row.get(1)?,
                        phone: row.get(2)?,
                        email: row.get(3)?,
                        city: row.get(4)?,
                        customer_code: row.get(5)?,
                        leads: row.get(6)?,
                        reasons: Vec::new(),
                    })
                },
            )?;
            c.reasons.push(reason.to_string());
            candidates.push(c);
        }
        // The strongest first: most shared facts.
        candidates.sort_by_key(|c| std::cmp::Reverse(c.reasons.len()));
        Ok(candidates)
    }

    /// Merges `merge_id` into `keep_id` (`carnet contacts merge KEEP OTHER --yes`, the contact page).
    pub fn contacts_merge(&self, input: ContactMergeInput) -> Result<ContactMergeReport> {
        if !input.confirm {
            return Err(CoreError::Refused(
                "Confirmez la fusion : les deux fiches n'en feront plus qu'une.".into(),
            ));
        }
        if input.keep_id == input.merge_id {
            return Err(CoreError::Refused(
                "Choisissez deux contacts différents à fusionner.".into(),
            ));
        }
        let report = self.write(|tx, ctx| merge(tx, ctx, &input))?;
        tracing::info!(
            kept = report.kept_id,
            absorbed = report.absorbed_id,
            leads = report.leads,
            "contacts merged"
        );
        Ok(report)
    }
}

fn merge(tx: &Connection, ctx: &Ctx, input: &ContactMergeInput) -> Result<ContactMergeReport> {
    let (keep_id, merge_id) = (input.keep_id, input.merge_id);
    let kept = person(tx, keep_id)?;
    let other = person(tx, merge_id)?;
    if let (Some(a), Some(b)) = (&kept.customer_code, &other.customer_code) {
        return Err(CoreError::Refused(format!(
            "Ces deux contacts ont chacun un numéro client du DMS ({a} et {b}) : fusionnez-les d'abord dans le DMS, la prochaine importation suivra."
        )));
    }
    let consents_before = (
        consent::history(tx, keep_id)?,
        consent::history(tx, merge_id)?,
    );
    let absorbed_json =
        crate::privacy::rows_json(tx, "SELECT * FROM contacts WHERE id = ?1", [merge_id])?
            .pop()
            .unwrap_or_default();
    let (next, kept_aside) = combine(&kept, &other);
    let moved =
        |sql: &str| -> Result<u32> { Ok(tx.execute(sql, params![keep_id, merge_id])? as u32) };
    let leads = moved("UPDATE leads SET contact_id = ?1 WHERE contact_id = ?2")?;
    let history =
        moved("UPDATE OR IGNORE customer_history SET contact_id = ?1 WHERE contact_id = ?2")?;
    let alerts = moved("UPDATE vo_alerts SET contact_id = ?1 WHERE contact_id = ?2")?;
    let consent_events = moved("UPDATE consent_events SET contact_id = ?1 WHERE contact_id = ?2")?;
    // Campaign calls: one per campaign; where both were called, the absorbed one's call is kept
    // in the merge record.
    let campaign_calls_json = crate::privacy::rows_json(
        tx,
        "SELECT * FROM campaign_calls WHERE contact_id = ?1 AND campaign_id IN (SELECT campaign_id FROM campaign_calls WHERE contact_id = ?2)",
        [merge_id, keep_id],
    )?;
    moved("DELETE FROM campaign_calls WHERE contact_id = ?1 AND outcome IS NULL AND campaign_id IN (SELECT campaign_id FROM campaign_calls WHERE contact_id = ?2)")?;
    moved("UPDATE OR IGNORE campaign_calls SET contact_id = ?1 WHERE contact_id = ?2")?;
    tx.execute(
        "DELETE FROM campaign_calls WHERE contact_id = ?1",
        [merge_id],
    )?;
    // Lines the kept contact already had (the same DMS line twice): identical by their key.
    tx.execute(
        "DELETE FROM customer_history WHERE contact_id = ?1",
        [merge_id],
    )?;
    let mut report = ContactMergeReport {
        kept_id: keep_id,
        absorbed_id: merge_id,
        leads,
        history,
        alerts,
        consent_events,
        consent_email: consent::merged(
            &consents_before.0,
            &consents_before.1,
            ConsentChannel::Email,
        ),
        consent_sms: consent::merged(&consents_before.0, &consents_before.1, ConsentChannel::Sms),
        kept_aside: kept_aside.clone(),
    };
    let moved_json = serde_json::json!({
        "leads": leads, "history": history, "alerts": alerts, "consent_events": consent_events,
        "kept_aside": kept_aside, "campaign_calls_folded": campaign_calls_json,
    });
    tx.execute(
        "INSERT INTO contact_merges(kept_id, absorbed_id, at, user_id, absorbed, moved) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![keep_id, merge_id, ctx.now_text, ctx.actor, absorbed_json.to_string(), moved_json.to_string()],
    )?;
    // Nothing refers to it any more (foreign keys check it): its fields live in the merge record.
    tx.execute("DELETE FROM contacts WHERE id = ?1", [merge_id])?;
    tx.execute(
        "UPDATE contacts SET first_name = ?2, company = ?3, civility = ?4, phone = ?5, landline = ?6, email = ?7,
           address = ?8, postal_code = ?9, city = ?10, country = ?11, customer_code = ?12, customer_since = ?13,
           to_check = ?14, created_at = ?15, updated_at = ?16
         WHERE id = ?1",
        params![
            keep_id, next.first_name, next.company, next.civility, next.phone, next.landline, next.email,
            next.address, next.postal_code, next.city, next.country, next.customer_code, next.customer_since,
            (!next.to_check.is_empty()).then(|| next.to_check.join(",")), next.created_at, ctx.now_text
        ],
    )?;
    for (channel, value) in [
        (ConsentChannel::Email, report.consent_email),
        (ConsentChannel::Sms, report.consent_sms),
    ] {
        consent::record(
            tx,
            keep_id,
            channel,
            value,
            consent::source::MERGE,
            &ctx.now_text,
            None,
            ctx.actor,
        )?;
    }
    let mut text = format!(
        "Contacts fusionnés : la fiche « {} » (n° {merge_id}) est réunie avec « {} » (n° {keep_id}).",
        other.name(),
        kept.name()
    );
    for line in &kept_aside {
        text.push_str(&format!(" {line}."));
    }
    let lead_ids: Vec<i64> = {
        let mut stmt = tx.prepare("SELECT id FROM leads WHERE contact_id = ?1")?;
        let rows = stmt.query_map([keep_id], |r| r.get(0))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    for lead_id in lead_ids {
        timeline::append(
            tx,
            lead_id,
            &ctx.now_text,
            ctx.actor,
            kind::CONTACTS_MERGED,
            &text,
            None,
        )?;
    }
    // The journal names the records, never the person (an erasure would not reach it).
    audit::record(
        tx,
        ctx,
        audit::kind::CONTACT_MERGE,
        &format!("Contacts n° {merge_id} et n° {keep_id} fusionnés (n° {keep_id} gardé)"),
        None,
        None,
    )?;
    report.kept_aside = kept_aside;
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(first: &str, last: &str) -> Person {
        Person {
            first_name: first.into(),
            last_name: last.into(),
            created_at: "2026-01-01T00:00:00Z".into(),
            ..Person::default()
        }
    }

    #[test]
    fn the_kept_contact_is_completed_and_what_does_not_fit_is_set_aside() {
        let mut kept = person("", "Martin");
        kept.phone = Some("+33612345678".into());
        kept.email = Some("j.martin@example.fr".into());
        let mut other = person("Julie", "MARTIN");
        other.phone = Some("+33698765432".into());
        other.landline = Some("+33123456789".into());
        other.email = Some("julie@example.fr".into());
        other.postal_code = Some("69003".into());
        other.city = Some("Lyon".into());
        other.customer_code = Some("C-42".into());
        other.to_check = vec!["postal_code".into()];
        other.created_at = "2020-05-01T00:00:00Z".into();
        let (next, aside) = combine(&kept, &other);
        assert_eq!(next.first_name, "Julie");
        assert_eq!(next.last_name, "Martin");
        assert_eq!(next.phone.as_deref(), Some("+33612345678"));
        assert_eq!(
            next.landline.as_deref(),
            Some("+33123456789"),
            "a fixed line only"
        );
        assert_eq!(next.email.as_deref(), Some("j.martin@example.fr"));
        assert_eq!(next.city.as_deref(), Some("Lyon"));
        assert_eq!(next.customer_code.as_deref(), Some("C-42"));
        assert_eq!(next.to_check, ["postal_code"]);
        assert_eq!(next.created_at, "2020-05-01T00:00:00Z");
        assert_eq!(aside.len(), 2, "{aside:?}");
        assert!(
            aside[0].starts_with("Autre téléphone : 06 98 76 54 32"),
            "{aside:?}"
        );
        assert_eq!(aside[1], "Autre e-mail : julie@example.fr");
    }
}

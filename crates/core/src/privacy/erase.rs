//! Right to erasure: a person's data is anonymised everywhere it lives — the contact, their
//! leads' messages and timelines, tasks, the raw mails received, the mails sent, test-drive
//! drivers, trade-in notes, their DMS history and rejected import rows, attached files, the
//! search index, the contacts once merged into theirs — while the records the law keeps (orders: number, date, amounts, vehicle) stay
//! without the person. The erasure is recorded without the erased data. With `secure_delete` on
//! every connection, the full-text index merged, and the WAL checkpointed and truncated, the
//! bytes leave the database file and its WAL (backups keep them until their rotation).

use crate::kernel::app::App;
use crate::kernel::error::{CoreError, Result};
use crate::leads::timeline::kind;
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What replaces an erased text.
pub const ERASED: &str = "[effacé]";
const ERASED_NAME: &str = "Personne effacée";

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct EraseInput {
    pub contact_id: i64,
    /// The manager confirmed (the window asks; the CLI needs --yes).
    pub confirm: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct EraseReport {
    pub contact_id: i64,
    pub leads: u32,
    pub events: u32,
    pub mails_received: u32,
    pub mails_sent: u32,
    pub files: u32,
    pub orders_kept: u32,
}

/// The reason an erasure is recorded with.
pub(crate) const ON_REQUEST: &str = "demande";
pub(crate) const RETENTION: &str = "conservation";

impl App {
    /// Erases a person (`carnet contacts erase ID --yes`, a manager's button).
    pub fn contact_erase(&self, input: EraseInput) -> Result<EraseReport> {
        if !input.confirm {
            return Err(CoreError::Refused(
                "Confirmez l'effacement : il est définitif.".into(),
            ));
        }
        let report = self.erase_contact(input.contact_id, ON_REQUEST)?;
        self.scrub_after_erasure()?;
        Ok(report)
    }

    /// Anonymises one contact in one transaction (nothing half-erased), refused while an order
    /// of theirs is not delivered yet.
    pub(crate) fn erase_contact(&self, contact_id: i64, reason: &str) -> Result<EraseReport> {
        let folder = crate::kernel::blobs::folder(self.db_path());
        let mut conn = self.conn()?;
        let now = crate::kernel::clock::to_text(self.now());
        let today = &now[..10];
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let (erased_at, email, phone): (Option<String>, Option<String>, Option<String>) = tx
            .query_row(
                "SELECT erased_at, email, phone FROM contacts WHERE id = ?1",
                [contact_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?
            .ok_or(CoreError::NotFound { what: "Contact" })?;
        if erased_at.is_some() {
            return Err(CoreError::Refused("Ce contact est déjà effacé.".into()));
        }
        let open_order: Option<String> = tx
            .query_row(
                "SELECT d.number FROM orders d JOIN leads l ON l.id = d.lead_id
                 WHERE l.contact_id = ?1 AND d.delivery_date >= ?2 LIMIT 1",
                params![contact_id, today],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(number) = open_order {
            return Err(CoreError::Refused(format!(
                "Le bon de commande {number} n'est pas encore livré : l'effacement attendra la livraison (la commande est une pièce comptable)."
            )));
        }
        // The person's addresses and numbers, with those of the contacts once merged into theirs.
        let (emails, phones) = known_addresses(&tx, contact_id, email, phone)?;
        let emails_json =
            serde_json::to_string(&emails).map_err(|e| CoreError::Internal(e.to_string()))?;
        let leads = "SELECT id FROM leads WHERE contact_id = ?1";
        let mut report = EraseReport {
            contact_id,
            ..EraseReport::default()
        };
        let count = |n: usize| n as u32;
        report.leads = count(tx.query_row(
            &format!("SELECT count(*) FROM ({leads})"),
            [contact_id],
            |r| r.get::<_, i64>(0),
        )? as usize);
        report.events = count(tx.execute(
            &format!("UPDATE events SET text = ?2, data = NULL WHERE lead_id IN ({leads}) AND kind <> ?3"),
            params![contact_id, ERASED, kind::ERASED],
        )?);
        tx.execute(
            &format!("UPDATE tasks SET title = ?2 WHERE lead_id IN ({leads})"),
            params![contact_id, ERASED],
        )?;
        tx.execute(
            &format!("UPDATE notifications SET text = ?2 WHERE lead_id IN ({leads})"),
            params![contact_id, ERASED],
        )?;
        tx.execute(
            &format!("UPDATE leads SET message = NULL, updated_at = ?2 WHERE id IN ({leads})"),
            params![contact_id, now],
        )?;
        report.mails_received = count(tx.execute(
            &format!(
                "UPDATE inbound SET raw = X'', size = 0, from_addr = NULL, subject = NULL, message_id = NULL, reason = NULL
                 WHERE lead_id IN ({leads}) OR (from_addr IS NOT NULL AND from_addr IN (SELECT value FROM json_each(?2)))"
            ),
            params![contact_id, emails_json],
        )?);
        report.mails_sent = count(tx.execute(
            &format!(
                "UPDATE outbox SET to_addr = ?3, subject = ?3, body = ?3, attachments = NULL, last_error = NULL
                 WHERE lead_id IN ({leads}) OR to_addr IN (SELECT value FROM json_each(?2))"
            ),
            params![contact_id, emails_json, ERASED],
        )?);
        tx.execute(
            &format!(
                "UPDATE testdrives SET driver = '{{}}', damages = NULL WHERE lead_id IN ({leads})"
            ),
            [contact_id],
        )?;
        tx.execute(
            &format!("UPDATE tradeins SET notes = NULL WHERE lead_id IN ({leads})"),
            [contact_id],
        )?;
        // The person's own car (trade-in, owned vehicle): no plate, no VIN.
        tx.execute(
            "UPDATE vehicles SET plate = NULL, vin = NULL WHERE id IN (SELECT owned_vehicle_id FROM leads WHERE contact_id = ?1)",
            [contact_id],
        )?;
        report.orders_kept = count(tx.execute(
            &format!(
                "UPDATE orders SET buyer = json_object('name', ?2, 'address', '', 'postal_code', '', 'city', '') WHERE lead_id IN ({leads})"
            ),
            params![contact_id, ERASED_NAME],
        )?);
        // Attached files: their bytes leave the data folder (unless another lead holds the same file).
        let files: Vec<(i64, String)> = {
            let mut stmt = tx.prepare(&format!(
                "SELECT id, sha256 FROM lead_files WHERE lead_id IN ({leads})"
            ))?;
            let rows = stmt.query_map([contact_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        for (id, sha) in &files {
            let shared: bool = tx.query_row(
                &format!("SELECT EXISTS(SELECT 1 FROM lead_files WHERE sha256 = ?1 AND lead_id NOT IN ({}))", leads.replace("?1", "?2")),
                params![sha, contact_id],
                |r| r.get(0),
            )?;
            tx.execute(
                "UPDATE lead_files SET title = ?2, file_name = 'efface', deleted_at = coalesce(deleted_at, ?3) WHERE id = ?1",
                params![id, ERASED, now],
            )?;
            if !shared {
                if let Err(e) = crate::kernel::blobs::erase(&folder, sha) {
                    tracing::warn!(error = %e, "erased file not removed from the data folder");
                }
            }
        }
        report.files = count(files.len());
        tx.execute(
            "DELETE FROM customer_history WHERE contact_id = ?1",
            [contact_id],
        )?;
        for value in emails.iter().chain(&phones) {
            tx.execute(
                "UPDATE import_rejects SET raw = NULL WHERE instr(raw, ?1) > 0",
                [value],
            )?;
        }
        tx.execute("DELETE FROM vo_alerts WHERE contact_id = ?1", [contact_id])?;
        tx.execute(
            "UPDATE campaign_calls SET note = NULL WHERE contact_id = ?1",
            [contact_id],
        )?;
        // The contacts once merged into this one held the same person.
        tx.execute(
            "UPDATE contact_merges SET absorbed = NULL, moved = json_remove(moved, '$.kept_aside', '$.campaign_calls_folded') WHERE kept_id = ?1",
            [contact_id],
        )?;
        tx.execute(
            "UPDATE contacts SET first_name = '', last_name = ?2, company = NULL, phone = NULL, email = NULL, address = NULL,
                    postal_code = NULL, city = NULL, country = NULL, to_check = NULL, customer_code = NULL, civility = NULL,
                    landline = NULL, customer_since = NULL, consent_email = 0, consent_sms = 0, consent_at = NULL,
                    consent_source = NULL, erased_at = ?3, updated_at = ?3
             WHERE id = ?1",
            params![contact_id, ERASED_NAME, now],
        )?;
        let counts =
            serde_json::to_string(&report).map_err(|e| CoreError::Internal(e.to_string()))?;
        tx.execute(
            "INSERT INTO erasures(contact_id, at, user_id, reason, counts) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![contact_id, now, self.actor(), reason, counts],
        )?;
        let lead_ids: Vec<i64> = {
            let mut stmt = tx.prepare(leads)?;
            let rows = stmt.query_map([contact_id], |r| r.get(0))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let text = match reason {
            RETENTION => "Données personnelles effacées : durée de conservation écoulée (RGPD).",
            _ => "Données personnelles effacées à la demande de la personne (RGPD).",
        };
        for lead_id in lead_ids {
            crate::leads::timeline::append(
                &tx,
                lead_id,
                &now,
                self.actor(),
                kind::ERASED,
                text,
                None,
            )?;
        }
        tx.commit()?;
        tracing::info!(contact_id, reason, leads = report.leads, "contact erased");
        Ok(report)
    }

    /// After erasures: the search index merged (its old segments still hold the erased words),
    /// planner samples refreshed (they copy index keys), the WAL written back and truncated.
    pub(crate) fn scrub_after_erasure(&self) -> Result<()> {
        let conn = self.conn()?;
        scrub(&conn)
    }
}

/// The e-mails and phones a person had: on their contact, and on the contacts merged into it.
fn known_addresses(
    tx: &Connection,
    contact_id: i64,
    email: Option<String>,
    phone: Option<String>,
) -> Result<(Vec<String>, Vec<String>)> {
    let mut emails: Vec<String> = email.into_iter().collect();
    let mut phones: Vec<String> = phone.into_iter().collect();
    let landline: Option<String> = tx.query_row(
        "SELECT landline FROM contacts WHERE id = ?1",
        [contact_id],
        |r| r.get(0),
    )?;
    phones.extend(landline);
    let mut stmt = tx.prepare(
        "SELECT json_extract(absorbed, '$.email'), json_extract(absorbed, '$.phone'), json_extract(absorbed, '$.landline')
         FROM contact_merges WHERE kept_id = ?1 AND absorbed IS NOT NULL",
    )?;
    let rows = stmt.query_map([contact_id], |r| {
        Ok((
            r.get::<_, Option<String>>(0)?,
            r.get::<_, Option<String>>(1)?,
            r.get::<_, Option<String>>(2)?,
        ))
    })?;
    for row in rows {
        let (e, p, l) = row?;
        emails.extend(e);
        phones.extend(p.into_iter().chain(l));
    }
    emails.sort();
    emails.dedup();
    phones.sort();
    phones.dedup();
    Ok((emails, phones))
}

fn scrub(conn: &Connection) -> Result<()> {
    conn.execute(
        "INSERT INTO lead_search(lead_search) VALUES ('optimize')",
        [],
    )?;
    conn.execute_batch("PRAGMA analysis_limit = 1000; ANALYZE;")?;
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
    Ok(())
}

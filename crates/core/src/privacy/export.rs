//! Right of access and portability: everything Carnet holds about one person, as one JSON
//! document a person can read — the contact, their consent history, each lead with its timeline,
//! tasks, trade-ins, test drives, offers and orders, the documents' list, the mails received from
//! them and sent to them, their DMS history and VO alerts, the contacts merged into theirs and
//! whether their number is on Bloctel.

use super::rows_json;
use crate::dms::customers::ContactRef;
use crate::kernel::app::App;
use crate::kernel::error::{CoreError, Result};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use ts_rs::TS;

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ContactExport {
    /// A file name for the download: `donnees-contact-123.json`.
    pub file_name: String,
    /// The document, pretty-printed JSON (UTF-8).
    pub json: String,
    /// Where the window wrote it (its Downloads folder); None from the command line.
    pub path: Option<String>,
}

impl App {
    /// The consent history of a contact, newest first (the contact tab shows it).
    pub fn contact_consents(
        &self,
        r: ContactRef,
    ) -> Result<Vec<crate::leads::consent::ConsentEvent>> {
        crate::leads::consent::history(&*self.conn()?, r.contact_id)
    }

    /// The whole record of a person (`carnet contacts export ID`, the contact's « Exporter » button).
    pub fn contact_export(&self, r: ContactRef) -> Result<ContactExport> {
        let document = self.contact_export_value(r.contact_id)?;
        let json = serde_json::to_string_pretty(&document)
            .map_err(|e| CoreError::Internal(e.to_string()))?;
        tracing::info!(contact_id = r.contact_id, "personal data exported");
        let file_name = format!("donnees-contact-{}.json", r.contact_id);
        let path = match self.exports_dir() {
            Some(dir) => {
                let path = dir.join(&file_name);
                crate::kernel::blobs::write_aside(&path, |tmp| {
                    std::fs::write(tmp, json.as_bytes()).map_err(|e| {
                        CoreError::Refused(format!(
                            "Écriture impossible de « {} » : {e}.",
                            path.display()
                        ))
                    })
                })?;
                Some(path.display().to_string())
            }
            None => None,
        };
        Ok(ContactExport {
            file_name,
            json,
            path,
        })
    }

    pub fn contact_export_value(&self, contact_id: i64) -> Result<Value> {
        let conn = self.conn()?;
        let contact = rows_json(&conn, "SELECT * FROM contacts WHERE id = ?1", [contact_id])?
            .into_iter()
            .next()
            .ok_or(CoreError::NotFound { what: "Contact" })?;
        let lead_ids: Vec<i64> = {
            let mut stmt =
                conn.prepare("SELECT id FROM leads WHERE contact_id = ?1 ORDER BY id")?;
            let rows = stmt.query_map([contact_id], |r| r.get(0))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let mut leads = Vec::new();
        for id in lead_ids {
            let one = |sql: &str| rows_json(&conn, sql, [id]);
            let mut lead = one(
                "SELECT l.*, v.make AS vehicle_make, v.model AS vehicle_model, v.version AS vehicle_version,
                        v.vin AS vehicle_vin, v.plate AS vehicle_plate, o.make AS owned_make, o.model AS owned_model,
                        o.vin AS owned_vin, o.plate AS owned_plate, s.name AS site, u.name AS owner
                 FROM leads l LEFT JOIN vehicles v ON v.id = l.vehicle_id LEFT JOIN vehicles o ON o.id = l.owned_vehicle_id
                 LEFT JOIN sites s ON s.id = l.site_id LEFT JOIN users u ON u.id = l.owner_id WHERE l.id = ?1",
            )?
            .into_iter()
            .next()
            .unwrap_or(Value::Null);
            let received = {
                let mut stmt = conn.prepare(
                    "SELECT received_at, channel, from_addr, subject, state, raw FROM inbound WHERE lead_id = ?1 ORDER BY id",
                )?;
                let rows = stmt.query_map([id], |r| {
                    let raw: Vec<u8> = r.get(5)?;
                    Ok(json!({
                        "received_at": r.get::<_, String>(0)?,
                        "channel": r.get::<_, String>(1)?,
                        "from": r.get::<_, Option<String>>(2)?,
                        "subject": r.get::<_, Option<String>>(3)?,
                        "state": r.get::<_, String>(4)?,
                        "text": crate::intake::quarantine::body_text(&raw),
                    }))
                })?;
                rows.collect::<rusqlite::Result<Vec<_>>>()?
            };
            if let Value::Object(map) = &mut lead {
                map.insert("timeline".into(), json!(one("SELECT e.at, u.name AS user, e.kind, e.text FROM events e LEFT JOIN users u ON u.id = e.user_id WHERE e.lead_id = ?1 ORDER BY e.id")?));
                map.insert("tasks".into(), json!(one("SELECT kind, title, due_at, duration_min, done_at, created_at FROM tasks WHERE lead_id = ?1 ORDER BY id")?));
                map.insert(
                    "tradeins".into(),
                    json!(one(
                        "SELECT * FROM tradeins WHERE lead_id = ?1 ORDER BY id"
                    )?),
                );
                map.insert(
                    "testdrives".into(),
                    json!(one(
                        "SELECT * FROM testdrives WHERE lead_id = ?1 ORDER BY id"
                    )?),
                );
                map.insert(
                    "offers".into(),
                    json!(one("SELECT * FROM offers WHERE lead_id = ?1 ORDER BY id")?),
                );
                map.insert(
                    "orders".into(),
                    json!(one("SELECT * FROM orders WHERE lead_id = ?1 ORDER BY id")?),
                );
                map.insert("documents".into(), json!(one("SELECT title, file_name, mime, size, created_at, deleted_at FROM lead_files WHERE lead_id = ?1 ORDER BY id")?));
                map.insert("mails_received".into(), json!(received));
                map.insert("mails_sent".into(), json!(one("SELECT created_at, sent_at, to_addr, subject, body, state FROM outbox WHERE lead_id = ?1 ORDER BY id")?));
            }
            leads.push(lead);
        }
        Ok(json!({
            "exported_at": crate::kernel::clock::to_text(self.now()),
            "about": "Données personnelles détenues par le garage dans Carnet (RGPD, articles 15 et 20).",
            "contact": contact,
            "consent_history": rows_json(&conn, "SELECT channel, old, new, source, at FROM consent_events WHERE contact_id = ?1 ORDER BY at, id", [contact_id])?,
            "leads": leads,
            "customer_history": rows_json(&conn, "SELECT happened_on, kind_label, label, vin, amount_cents, km FROM customer_history WHERE contact_id = ?1 ORDER BY happened_on", [contact_id])?,
            "vo_alerts": rows_json(&conn, "SELECT * FROM vo_alerts WHERE contact_id = ?1 ORDER BY id", [contact_id])?,
            "erasures": rows_json(&conn, "SELECT at, reason FROM erasures WHERE contact_id = ?1", [contact_id])?,
            "campaign_calls": rows_json(&conn, "SELECT g.name AS campaign, k.outcome, k.called_at, k.note FROM campaign_calls k JOIN campaigns g ON g.id = k.campaign_id WHERE k.contact_id = ?1 ORDER BY k.id", [contact_id])?,
            "merged_contacts": rows_json(&conn, "SELECT at, absorbed_id, absorbed FROM contact_merges WHERE kept_id = ?1 ORDER BY id", [contact_id])?,
            "bloctel": rows_json(&conn, "SELECT phone, listed_on FROM bloctel_numbers WHERE phone IN (SELECT phone FROM contacts WHERE id = ?1 UNION SELECT landline FROM contacts WHERE id = ?1)", [contact_id])?,
        }))
    }
}

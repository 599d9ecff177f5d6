//! The store side of intake: every inbound message is saved raw first (never lost), then parsed;
//! it becomes a new lead, is merged into the contact's open lead, or waits in quarantine with a
//! French reason until someone turns it into a lead or discards it.

use crate::intake::merge;
use crate::intake::parse::{self, MailOutcome, ParsedLead, ParsedMail};
use crate::intake::reading::{self, ReadContact};
use crate::kernel::app::App;
use crate::kernel::clock;
use crate::kernel::error::{CoreError, Result};
use crate::kernel::validate;
use crate::leads::contact;
use crate::leads::lead::NewLead;
use crate::leads::vehicle::VehicleInput;
use crate::notify::inapp;
use crate::routing::assignment;
use chrono::{DateTime, Duration, Utc};
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

/// Larger messages are refused before storage (they stay where they came from: mailbox or file).
pub const MAX_RAW_BYTES: usize = 40 * 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    Imap,
    File,
    Webhook,
    Csv,
}

impl Channel {
    fn as_str(self) -> &'static str {
        match self {
            Channel::Imap => "imap",
            Channel::File => "file",
            Channel::Webhook => "webhook",
            Channel::Csv => "csv",
        }
    }
}

crate::kernel::text_enum!(IngestResult { Created = "created", Merged = "merged", Duplicate = "duplicate", Quarantined = "quarantined", Error = "error" });

/// What became of one inbound message.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct IngestOutcome {
    pub result: IngestResult,
    pub inbound_id: Option<i64>,
    pub lead_code: Option<String>,
    /// French reason for quarantine or error.
    pub reason: Option<String>,
}

impl IngestOutcome {
    fn new(result: IngestResult, inbound_id: Option<i64>) -> Self {
        IngestOutcome {
            result,
            inbound_id,
            lead_code: None,
            reason: None,
        }
    }
    pub fn error(reason: impl Into<String>) -> Self {
        IngestOutcome {
            result: IngestResult::Error,
            inbound_id: None,
            lead_code: None,
            reason: Some(reason.into()),
        }
    }
}

/// Counts of a batch; `files` = the sum of the others.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
pub struct IngestSummary {
    pub files: u32,
    pub leads_created: u32,
    pub merged: u32,
    pub duplicates: u32,
    pub quarantined: u32,
    pub errors: u32,
}

impl IngestSummary {
    pub fn add(&mut self, outcome: &IngestOutcome) {
        self.files += 1;
        match outcome.result {
            IngestResult::Created => self.leads_created += 1,
            IngestResult::Merged => self.merged += 1,
            IngestResult::Duplicate => self.duplicates += 1,
            IngestResult::Quarantined => self.quarantined += 1,
            IngestResult::Error => self.errors += 1,
        }
    }
}

fn sha256_hex(raw: &[u8]) -> String {
    Sha256::digest(raw)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

impl App {
    /// Ingests one raw e-mail (RFC 822 bytes). Never panics on hostile input; storage errors are returned.
    pub fn ingest_mail(&self, raw: &[u8], channel: Channel) -> Result<IngestOutcome> {
        if raw.len() > MAX_RAW_BYTES {
            tracing::warn!(
                size = raw.len(),
                "inbound message too large, left at its source"
            );
            return Ok(IngestOutcome::error(format!(
                "Message trop volumineux ({} Mo, maximum {} Mo) : il reste dans la boîte ou le dossier d'origine.",
                raw.len() / (1024 * 1024),
                MAX_RAW_BYTES / (1024 * 1024)
            )));
        }
        // The parsers are written never to panic; should one still do, the mail goes to quarantine.
        let mail = std::panic::catch_unwind(|| parse::parse_mail(raw)).unwrap_or_else(|_| {
            tracing::error!("mail parser panicked; message quarantined");
            ParsedMail {
                message_id: None,
                from: None,
                subject: None,
                date: None,
                outcome: MailOutcome::Unparseable {
                    reason: "Erreur interne pendant l'analyse du message.".into(),
                },
            }
        });
        self.ingest_parsed(raw, &mail, channel)
    }

    /// Stores `raw` first, then makes a lead of `mail` (parsed from it), merges it, or quarantines it.
    pub(crate) fn ingest_parsed(
        &self,
        raw: &[u8],
        mail: &ParsedMail,
        channel: Channel,
    ) -> Result<IngestOutcome> {
        let sha = sha256_hex(raw);
        let mut conn = self.conn()?;
        if is_duplicate(&conn, &sha, mail.message_id.as_deref())? {
            return Ok(IngestOutcome::new(IngestResult::Duplicate, None));
        }
        let now = self.now();
        let now_text = clock::to_text(now);
        // 1. The raw message is committed before anything is interpreted.
        let inbound_id = store_raw(&conn, raw, &sha, mail, channel, &now_text)?;
        // 2. Then it is turned into a lead (or merged, or quarantined) in one transaction.
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let outcome = match &mail.outcome {
            MailOutcome::Lead(parsed) => match resolve_lead(&tx, parsed, mail, now) {
                Ok(resolved) => resolved,
                Err(CoreError::Invalid { message, .. }) => {
                    Resolved::Quarantine(format!("Demande incomplète : {message}"))
                }
                Err(e) => return Err(e),
            },
            MailOutcome::NotALead { reason } | MailOutcome::Unparseable { reason } => {
                Resolved::Quarantine(reason.clone())
            }
        };
        let parser = match &mail.outcome {
            MailOutcome::Lead(p) => Some(p.parser),
            _ => None,
        };
        let result = match outcome {
            Resolved::Created(lead_id) | Resolved::Merged(lead_id) => {
                let merged = matches!(outcome, Resolved::Merged(_));
                let state = if merged { "merged" } else { "lead" };
                tx.execute(
                    "UPDATE inbound SET state = ?2, lead_id = ?3, parser = ?4, updated_at = ?5 WHERE id = ?1",
                    params![inbound_id, state, lead_id, parser, now_text],
                )?;
                let code: String =
                    tx.query_row("SELECT code FROM leads WHERE id = ?1", [lead_id], |r| {
                        r.get(0)
                    })?;
                let mut o = IngestOutcome::new(
                    if merged {
                        IngestResult::Merged
                    } else {
                        IngestResult::Created
                    },
                    Some(inbound_id),
                );
                o.lead_code = Some(code);
                o
            }
            Resolved::Quarantine(reason) => {
                tx.execute(
                    "UPDATE inbound SET state = 'quarantined', reason = ?2, parser = ?3, updated_at = ?4 WHERE id = ?1",
                    params![inbound_id, reason, parser, now_text],
                )?;
                tracing::info!(inbound_id, "inbound message quarantined");
                let mut o = IngestOutcome::new(IngestResult::Quarantined, Some(inbound_id));
                o.reason = Some(reason);
                o
            }
        };
        tx.commit()?;
        Ok(result)
    }
}

enum Resolved {
    Created(i64),
    Merged(i64),
    Quarantine(String),
}

fn is_duplicate(conn: &Connection, sha: &str, message_id: Option<&str>) -> Result<bool> {
    let hit: Option<i64> = conn
        .query_row(
            "SELECT id FROM inbound WHERE sha256 = ?1 OR (?2 IS NOT NULL AND message_id = ?2) LIMIT 1",
            params![sha, message_id],
            |r| r.get(0),
        )
        .optional()?;
    Ok(hit.is_some())
}

fn store_raw(
    conn: &Connection,
    raw: &[u8],
    sha: &str,
    mail: &ParsedMail,
    channel: Channel,
    now: &str,
) -> Result<i64> {
    let clip = |s: &Option<String>| {
        s.as_deref()
            .map(|v| v.chars().take(500).collect::<String>())
    };
    conn.execute(
        "INSERT INTO inbound(channel, message_id, sha256, from_addr, subject, mail_date, size, raw, state, received_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'received', ?9, ?9)",
        params![
            channel.as_str(),
            clip(&mail.message_id),
            sha,
            clip(&mail.from),
            clip(&mail.subject),
            mail.date.map(clock::to_text),
            raw.len() as i64,
            raw,
            now
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

/// When the lead was received: the mail's date when plausible, otherwise now.
fn received_at(mail: &ParsedMail, now: DateTime<Utc>) -> DateTime<Utc> {
    match mail.date {
        Some(d) if d <= now + Duration::minutes(10) && d > now - Duration::days(365) => d,
        _ => now,
    }
}

fn dedup_days(conn: &Connection) -> Result<i64> {
    Ok(i64::from(crate::kernel::settings::get(
        conn,
        &crate::kernel::settings::DEDUP_DAYS,
    )?)
    .clamp(1, 365))
}

/// The site that receives leads: the first one; a fresh installation gets a "Site principal"
/// (typical opening hours) so that no lead waits for the settings to be filled in.
fn default_site(conn: &Connection, now: &str) -> Result<i64> {
    if let Some(id) = conn
        .query_row("SELECT id FROM sites ORDER BY id LIMIT 1", [], |r| r.get(0))
        .optional()?
    {
        return Ok(id);
    }
    let id = crate::org::sites::insert(conn, "Site principal", "", None, now)?;
    crate::org::sites::set_hours(conn, id, &crate::org::sites::typical_hours())?;
    tracing::info!(
        site_id = id,
        "no site configured: created the default site for incoming leads"
    );
    Ok(id)
}

/// The contact of a parsed lead, read the lenient way of intake (see `reading`).
fn contact_input(parsed: &ParsedLead) -> ReadContact {
    let mut c = parsed.contact.clone();
    c.consent_email |= parsed.consent;
    c.consent_sms |= parsed.consent;
    reading::read(&c)
}

fn resolve_lead(
    conn: &Connection,
    parsed: &ParsedLead,
    mail: &ParsedMail,
    now: DateTime<Utc>,
) -> Result<Resolved> {
    let read = contact_input(parsed);
    let clean_contact = read.contact.clean()?;
    let reachable_phone = clean_contact
        .phone
        .as_deref()
        .filter(|_| !clean_contact.to_check.contains(&"phone"));
    let existing = contact::find_matches(conn, reachable_phone, clean_contact.email.as_deref())?;
    let now_text = clock::to_text(now);
    if let Some(found) = existing.first() {
        if let Some(lead_id) = open_lead_for(
            conn,
            found.id,
            parsed,
            now - Duration::days(dedup_days(conn)?),
        )? {
            merge::into_open_lead(conn, lead_id, found.id, parsed, &read, &now_text)?;
            inapp::lead_owner(
                conn,
                lead_id,
                &now_text,
                "Nouvelle demande sur un lead existant",
            )?;
            return Ok(Resolved::Merged(lead_id));
        }
    }
    let site_id = default_site(conn, &now_text)?;
    // The stock vehicle the request names (VIN, the ad's reference, plate) and its manager.
    let named = parsed.vehicle.as_ref();
    let in_stock = crate::dms::stock::find_named(
        conn,
        named.and_then(|v| v.vin.as_deref()),
        parsed.external_ref.as_deref(),
        named.and_then(|v| v.plate.as_deref()),
    )?;
    let chosen = assignment::choose(
        conn,
        parsed.kind,
        &parsed.source,
        site_id,
        in_stock.and_then(|(_, manager)| manager),
        &now_text,
    )?;
    let mut alerts = read.alerts.clone();
    // A detail the store would refuse (a VIN of the wrong length, a year 3024) is left out with
    // an alert: it never costs the lead.
    let vehicle = lenient_vehicle(parsed.vehicle.as_ref(), "vehicle", &mut alerts);
    let owned_vehicle = lenient_vehicle(parsed.trade_in.as_ref(), "owned", &mut alerts);
    let new = NewLead {
        contact_id: existing.first().map(|c| c.id),
        contact: read.contact.clone(),
        kind: parsed.kind,
        source: parsed.source.clone(),
        interest: None,
        site_id: chosen.site_id,
        owner_id: chosen.owner_id,
        vehicle,
        owned_vehicle,
        message: parsed
            .message
            .as_deref()
            .map(|m| m.chars().take(validate::MAX_LONG_TEXT).collect()),
        external_ref: parsed
            .external_ref
            .as_deref()
            .map(|r| r.chars().take(validate::MAX_SHORT_TEXT).collect()),
    };
    let clean = new.clean()?;
    let lead_id = crate::routing::new_lead::create(
        conn,
        &new,
        &clean,
        received_at(mail, now),
        &now_text,
        None,
    )?;
    if let Some((stock_id, _)) = in_stock {
        crate::dms::stock::link_lead(conn, lead_id, stock_id, &now_text)?;
    }
    inapp::lead_owner(conn, lead_id, &now_text, "Nouveau lead")?;
    alerts.extend(merge::describe_others(&parsed.other_vehicles));
    for text in &alerts {
        crate::leads::timeline::append(
            conn,
            lead_id,
            &now_text,
            None,
            crate::leads::timeline::kind::ALERT,
            text,
            None,
        )?;
    }
    if read.phone_unreadable {
        // A number that cannot be right: ask the prospect for theirs by e-mail at once (seed 004).
        let lead = crate::leads::lead::get(conn, lead_id)?;
        crate::notify::prospect::send_unreachable(conn, &lead, true, &now_text)?;
    }
    Ok(Resolved::Created(lead_id))
}

/// The vehicle as the store accepts it; what it would refuse is dropped with an alert.
fn lenient_vehicle(
    v: Option<&VehicleInput>,
    prefix: &'static str,
    alerts: &mut Vec<String>,
) -> Option<VehicleInput> {
    let v = v?;
    match v.clean(prefix) {
        Ok(_) => Some(v.clone()),
        Err(e) => {
            let mut fixed = v.clone();
            // The details that can be refused; make, model and version are bounded by the parser.
            fixed.vin = None;
            fixed.year = None;
            fixed.first_registration = None;
            fixed.km = None;
            fixed.price_cents = None;
            fixed.currency = None;
            alerts.push(format!("Détail du véhicule non repris : {e}"));
            fixed.clean(prefix).ok().flatten().map(|_| fixed)
        }
    }
}

/// The contact's open lead about the same vehicle (same listing, or same make and model, or no vehicle named), recent enough.
fn open_lead_for(
    conn: &Connection,
    contact_id: i64,
    parsed: &ParsedLead,
    since: DateTime<Utc>,
) -> Result<Option<i64>> {
    let (make, model) = parsed
        .vehicle
        .as_ref()
        .map(|v| (v.make.to_lowercase(), v.model.to_lowercase()))
        .unwrap_or_default();
    Ok(conn
        .query_row(
            "SELECT l.id FROM leads l LEFT JOIN vehicles v ON v.id = l.vehicle_id
             WHERE l.contact_id = ?1 AND l.status IN ('nouveau','a_traiter','en_cours') AND l.deleted_at IS NULL
               AND l.created_at >= ?2 AND l.kind = ?3
               AND ((?4 IS NOT NULL AND l.external_ref = ?4)
                    OR (?5 <> '' AND lower(v.make) = ?5 AND lower(v.model) = ?6)
                    OR (?5 = '' AND l.vehicle_id IS NULL))
             ORDER BY l.id DESC LIMIT 1",
            params![contact_id, clock::to_text(since), parsed.kind, parsed.external_ref, make, model],
            |r| r.get(0),
        )
        .optional()?)
}

/// Shown when a quarantined message is converted: what the parser could read, to prefill the form.
pub fn prefill(mail: &ParsedMail) -> Option<NewLead> {
    let MailOutcome::Lead(p) = &mail.outcome else {
        return None;
    };
    Some(NewLead {
        contact_id: None,
        contact: p.contact.clone(),
        kind: p.kind,
        source: p.source.clone(),
        interest: None,
        site_id: 0,
        owner_id: None,
        vehicle: p.vehicle.clone(),
        owned_vehicle: p.trade_in.clone(),
        message: p.message.clone(),
        external_ref: p.external_ref.clone(),
    })
}

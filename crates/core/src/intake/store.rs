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
    fn read(text: &str) -> Channel {
        match text {
            "imap" => Channel::Imap,
            "webhook" => Channel::Webhook,
            "csv" => Channel::Csv,
            _ => Channel::File,
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            Channel::Imap => "imap",
            Channel::File => "file",
            Channel::Webhook => "webhook",
            Channel::Csv => "csv",
        }
    }
}

crate::kernel::text_enum!(IngestResult { Created = "created", Merged = "merged", Duplicate = "duplicate", Quarantined = "quarantined", OptOut = "optout", Error = "error" });

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
    /// « STOP » replies: the withdrawal recorded on the contact.
    pub opt_outs: u32,
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
            IngestResult::OptOut => self.opt_outs += 1,
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

/// Mails committed together at most (a folder or an IMAP backlog): one durable commit each.
pub const MAX_BATCH: usize = 200;

/// Reads a raw mail; the parsers are written never to panic, and should one still do, the mail
/// goes to quarantine.
fn parse_guarded(raw: &[u8]) -> ParsedMail {
    std::panic::catch_unwind(|| parse::parse_mail(raw)).unwrap_or_else(|_| {
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
    })
}

fn too_large(raw: &[u8]) -> IngestOutcome {
    tracing::warn!(
        size = raw.len(),
        "inbound message too large, left at its source"
    );
    IngestOutcome::error(format!(
        "Message trop volumineux ({} Mo, maximum {} Mo) : il reste dans la boîte ou le dossier d'origine.",
        raw.len() / (1024 * 1024),
        MAX_RAW_BYTES / (1024 * 1024)
    ))
}

impl App {
    /// Ingests one raw e-mail (RFC 822 bytes). Never panics on hostile input; storage errors are returned.
    pub fn ingest_mail(&self, raw: &[u8], channel: Channel) -> Result<IngestOutcome> {
        let mut outcomes = self.ingest_mails(&[(raw, channel)])?;
        Ok(outcomes
            .pop()
            .unwrap_or_else(|| IngestOutcome::error("Message non traité.")))
    }

    /// Ingests several raw messages (a folder, an IMAP backlog) in one durable commit. When this
    /// returns Ok, every message is a lead, a merge, a duplicate or a quarantine item — or an
    /// error outcome, left at its source to be tried again; when it returns Err, none of them
    /// was stored and the caller tries them all again. Never a message stored but unprocessed.
    pub fn ingest_mails(&self, items: &[(&[u8], Channel)]) -> Result<Vec<IngestOutcome>> {
        let parsed: Vec<Option<ParsedMail>> = items
            .iter()
            .map(|(raw, _)| (raw.len() <= MAX_RAW_BYTES).then(|| parse_guarded(raw)))
            .collect();
        let batch: Vec<(&[u8], &ParsedMail, Channel)> = items
            .iter()
            .zip(&parsed)
            .filter_map(|((raw, channel), mail)| mail.as_ref().map(|m| (*raw, m, *channel)))
            .collect();
        let mut stored = self.ingest_parsed_batch(&batch)?.into_iter();
        Ok(items
            .iter()
            .zip(&parsed)
            .map(|((raw, _), mail)| match mail {
                Some(_) => stored
                    .next()
                    .unwrap_or_else(|| IngestOutcome::error("Message non traité.")),
                None => too_large(raw),
            })
            .collect())
    }

    /// One message already parsed (webhook, CSV row): see `ingest_parsed_batch`.
    pub(crate) fn ingest_parsed(
        &self,
        raw: &[u8],
        mail: &ParsedMail,
        channel: Channel,
    ) -> Result<IngestOutcome> {
        let mut outcomes = self.ingest_parsed_batch(&[(raw, mail, channel)])?;
        Ok(outcomes
            .pop()
            .unwrap_or_else(|| IngestOutcome::error("Message non traité.")))
    }

    /// Stores each raw message and makes a lead of it (or merges, or quarantines it) in ONE
    /// transaction with the others: the raw bytes never sit in the database unprocessed. A message
    /// whose storage fails is rolled back alone (its savepoint) and reported as an error.
    pub(crate) fn ingest_parsed_batch(
        &self,
        items: &[(&[u8], &ParsedMail, Channel)],
    ) -> Result<Vec<IngestOutcome>> {
        if items.is_empty() {
            return Ok(Vec::new());
        }
        let mut conn = self.conn()?;
        let now = self.now();
        let mut tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut outcomes = Vec::with_capacity(items.len());
        for (raw, mail, channel) in items {
            let sp = tx.savepoint()?;
            match ingest_one(&sp, raw, mail, *channel, None, now) {
                Ok(outcome) => {
                    sp.commit()?;
                    outcomes.push(outcome);
                }
                // The database itself failed (busy, disk): nothing of the batch is kept.
                Err(e) if is_outage(&e) => return Err(e),
                Err(e) => {
                    drop(sp);
                    tracing::error!(error = %e, "inbound message not stored");
                    outcomes.push(IngestOutcome::error(format!(
                        "Enregistrement impossible : {e}. Le message reste à sa source."
                    )));
                }
            }
        }
        tx.commit()?;
        Ok(outcomes)
    }

    /// Messages stored by an older Carnet but never processed (state `received`): made leads,
    /// merges or quarantine items now. Run at start and by the background worker.
    pub fn inbound_recover(&self) -> Result<u32> {
        let pending: Vec<(i64, String, Vec<u8>)> = {
            let conn = self.conn()?;
            let mut stmt = conn.prepare(
                "SELECT id, channel, raw FROM inbound WHERE state = 'received' ORDER BY id LIMIT 500",
            )?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let mut done = 0;
        for (id, channel, raw) in pending {
            let channel = Channel::read(&channel);
            let mail = match channel {
                Channel::Webhook => crate::intake::webhook::parse_body(&raw),
                _ => parse_guarded(&raw),
            };
            let mut conn = self.conn()?;
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            ingest_one(&tx, &raw, &mail, channel, Some(id), self.now())?;
            tx.commit()?;
            done += 1;
        }
        if done > 0 {
            tracing::info!(messages = done, "unfinished inbound messages processed");
        }
        Ok(done)
    }
}

/// An error of the database as a whole (busy, I/O, full disk), not of one message.
fn is_outage(e: &CoreError) -> bool {
    match e {
        CoreError::DatabaseBusy | CoreError::Io(_) => true,
        CoreError::Database(rusqlite::Error::SqliteFailure(f, _)) => !matches!(
            f.code,
            rusqlite::ErrorCode::ConstraintViolation | rusqlite::ErrorCode::TooBig
        ),
        _ => false,
    }
}

/// Stores `raw` (unless `existing` is its row already), then makes a lead of `mail`, merges it,
/// or quarantines it, on `conn` inside the caller's transaction.
fn ingest_one(
    conn: &Connection,
    raw: &[u8],
    mail: &ParsedMail,
    channel: Channel,
    existing: Option<i64>,
    now: DateTime<Utc>,
) -> Result<IngestOutcome> {
    let sha = sha256_hex(raw);
    let now_text = clock::to_text(now);
    let inbound_id = match existing {
        Some(id) => id,
        None => {
            if is_duplicate(conn, &sha, mail.message_id.as_deref())? {
                return Ok(IngestOutcome::new(IngestResult::Duplicate, None));
            }
            store_raw(conn, raw, &sha, mail, channel, &now_text)?
        }
    };
    if let MailOutcome::OptOut { address } = &mail.outcome {
        let reason = opt_out(conn, address, &now_text)?;
        conn.execute(
            "UPDATE inbound SET state = 'discarded', reason = ?2, updated_at = ?3 WHERE id = ?1",
            params![inbound_id, reason, now_text],
        )?;
        let mut o = IngestOutcome::new(IngestResult::OptOut, Some(inbound_id));
        o.reason = Some(reason);
        return Ok(o);
    }
    let outcome = match &mail.outcome {
        MailOutcome::Lead(parsed) => match resolve_lead(conn, parsed, mail, now) {
            Ok(resolved) => resolved,
            Err(CoreError::Invalid { message, .. }) => {
                Resolved::Quarantine(format!("Demande incomplète : {message}"))
            }
            Err(e) => return Err(e),
        },
        MailOutcome::NotALead { reason } | MailOutcome::Unparseable { reason } => {
            Resolved::Quarantine(reason.clone())
        }
        MailOutcome::OptOut { .. } => Resolved::Quarantine(String::new()),
    };
    let parser = match &mail.outcome {
        MailOutcome::Lead(p) => Some(p.parser),
        _ => None,
    };
    Ok(match outcome {
        Resolved::Created(lead_id) | Resolved::Merged(lead_id) => {
            let merged = matches!(outcome, Resolved::Merged(_));
            let state = if merged { "merged" } else { "lead" };
            conn.execute(
                "UPDATE inbound SET state = ?2, lead_id = ?3, parser = ?4, updated_at = ?5 WHERE id = ?1",
                params![inbound_id, state, lead_id, parser, now_text],
            )?;
            let code: String =
                conn.query_row("SELECT code FROM leads WHERE id = ?1", [lead_id], |r| {
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
            conn.execute(
                "UPDATE inbound SET state = 'quarantined', reason = ?2, parser = ?3, updated_at = ?4 WHERE id = ?1",
                params![inbound_id, reason, parser, now_text],
            )?;
            tracing::info!(inbound_id, "inbound message quarantined");
            let mut o = IngestOutcome::new(IngestResult::Quarantined, Some(inbound_id));
            o.reason = Some(reason);
            o
        }
    })
}

/// A « STOP » reply: every contact with this address withdraws its e-mail consent (source
/// « réponse STOP »), shown on its latest lead. Returns the French line for the Réception screen.
fn opt_out(conn: &Connection, address: &str, now: &str) -> Result<String> {
    use crate::leads::consent::{self, ConsentChannel};
    let Ok(email) = validate::email("email", address) else {
        return Ok(
            "Demande de désinscription d'une adresse illisible : rien à enregistrer.".into(),
        );
    };
    let contacts: Vec<(i64, Option<i64>)> = {
        let mut stmt = conn.prepare_cached(
            "SELECT c.id, (SELECT max(l.id) FROM leads l WHERE l.contact_id = c.id)
             FROM contacts c WHERE c.email = ?1 AND c.email IS NOT NULL",
        )?;
        let rows = stmt.query_map([&email], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    if contacts.is_empty() {
        return Ok(format!("Demande de désinscription de {email}, adresse inconnue de Carnet : aucun envoi ne lui est fait."));
    }
    for (contact_id, lead_id) in &contacts {
        consent::record_withdrawal(
            conn,
            *contact_id,
            ConsentChannel::Email,
            consent::source::STOP_REPLY,
            now,
            *lead_id,
        )?;
    }
    tracing::info!(contacts = contacts.len(), "opt-out recorded");
    Ok(format!(
        "Désinscription enregistrée : plus aucun e-mail de prospection à {email}."
    ))
}

enum Resolved {
    Created(i64),
    Merged(i64),
    Quarantine(String),
}

fn is_duplicate(conn: &Connection, sha: &str, message_id: Option<&str>) -> Result<bool> {
    let hit: Option<i64> = conn
        .query_row(
            // A row still `received` (left by an older version) is not a duplicate: it is retried.
            "SELECT id FROM inbound WHERE (sha256 = ?1 OR (?2 IS NOT NULL AND message_id = ?2)) AND state <> 'received' LIMIT 1",
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

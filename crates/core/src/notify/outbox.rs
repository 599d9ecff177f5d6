//! Outgoing mail: lead alerts to the staff, queued in the transaction that created the lead and
//! sent over SMTP (TLS, STARTTLS, or plain to a relay on this machine) by the background worker,
//! with retries. Text only; the password lives with the other secrets.

use crate::kernel::app::{App, Empty};
use crate::kernel::error::{CoreError, Result};
use crate::kernel::settings;
use chrono::Duration;
use lettre::message::header::ContentType;
use lettre::message::{Attachment as LettreAttachment, Mailbox, MultiPart, SinglePart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{Message, SmtpTransport, Transport};
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

const CONFIG_KEY: &str = "smtp";
/// After this many failures a mail stays `failed` (shown, never deleted).
const MAX_ATTEMPTS: i64 = 6;
const SEND_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30);

crate::kernel::text_enum!(SmtpSecurity { Tls = "tls", StartTls = "starttls", Plain = "plain" });

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SmtpConfig {
    pub host: String,
    pub port: u16,
    /// tls (465), starttls (587), or plain (only a relay on this machine).
    pub security: SmtpSecurity,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub username: Option<String>,
    pub from_address: String,
    pub from_name: String,
}

#[derive(Clone, Serialize, Deserialize, TS)]
pub struct SmtpSetup {
    pub config: SmtpConfig,
    /// Stored with the secrets; omitted = unchanged.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub password: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct SmtpStatus {
    pub config: Option<SmtpConfig>,
    pub password_set: bool,
    pub pending: u32,
    pub failed: u32,
    pub last_error: Option<String>,
}

/// The outbox screen's filter: every mail, or those in one state (pending, sent, failed).
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct OutboxQuery {
    #[ts(optional = nullable)]
    pub state: Option<String>,
}

/// A mail of the outbox, as the Réglages → E-mails screen lists it.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct OutboxItem {
    pub id: i64,
    pub kind: String,
    pub to_addr: String,
    pub subject: String,
    /// pending (waits), sent, failed (given up after its attempts).
    pub state: String,
    pub attempts: i64,
    pub last_error: Option<String>,
    pub created_at: String,
    pub sent_at: Option<String>,
    pub next_attempt_at: String,
    pub lead_code: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
pub struct SendReport {
    pub sent: u32,
    pub failed: u32,
}

fn secret_key(c: &SmtpConfig) -> String {
    format!("smtp:{}@{}", c.username.as_deref().unwrap_or(""), c.host)
}

impl SmtpConfig {
    fn validate(&self) -> Result<()> {
        if self.host.trim().is_empty() {
            return Err(CoreError::invalid(
                "host",
                "Indiquez le serveur SMTP (par exemple smtp.orange.fr).",
            ));
        }
        if self.security == SmtpSecurity::Plain
            && !matches!(self.host.as_str(), "127.0.0.1" | "localhost" | "::1")
        {
            return Err(CoreError::invalid("security", "Sans chiffrement, seul un relais sur ce poste est accepté : choisissez TLS ou STARTTLS."));
        }
        crate::kernel::validate::email("from_address", &self.from_address)?;
        Ok(())
    }
}

/// Queues a staff alert (inside the caller's transaction) when SMTP is configured; returns whether it was queued.
pub(crate) fn queue(
    conn: &Connection,
    kind: &str,
    to: &str,
    subject: &str,
    body: &str,
    lead_id: Option<i64>,
    now: &str,
) -> Result<bool> {
    if settings::get_json::<SmtpConfig>(conn, CONFIG_KEY)?.is_none() {
        return Ok(false);
    }
    queue_always(conn, kind, to, subject, body, lead_id, now)?;
    Ok(true)
}

/// Queues a mail whatever the configuration: it leaves once SMTP is set up (prospect replies).
pub(crate) fn queue_always(
    conn: &Connection,
    kind: &str,
    to: &str,
    subject: &str,
    body: &str,
    lead_id: Option<i64>,
    now: &str,
) -> Result<()> {
    queue_with_files(conn, kind, to, subject, body, lead_id, now, &[])?;
    Ok(())
}

/// A file sent with a mail: its name, type and the hash it is stored under (`kernel::blobs`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Attachment {
    pub file_name: String,
    pub mime: String,
    pub sha256: String,
}

/// Queues a mail with files whatever the configuration; returns its id.
#[allow(clippy::too_many_arguments)]
pub(crate) fn queue_with_files(
    conn: &Connection,
    kind: &str,
    to: &str,
    subject: &str,
    body: &str,
    lead_id: Option<i64>,
    now: &str,
    files: &[Attachment],
) -> Result<i64> {
    let files = (!files.is_empty()).then(|| serde_json::to_string(files).unwrap_or_default());
    conn.prepare_cached(
        "INSERT INTO outbox(kind, to_addr, subject, body, lead_id, next_attempt_at, created_at, attachments) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7)",
    )?
    .execute(params![kind, to, subject, body, lead_id, now, files])?;
    Ok(conn.last_insert_rowid())
}

/// The Message-ID of an outbox row, the same at every attempt: a mail sent, then sent again
/// because a crash came before its sending was recorded, is dropped as a copy by receivers.
pub(crate) fn message_id(id: i64, created_at: &str, from_address: &str) -> String {
    let stamp: String = created_at.chars().filter(char::is_ascii_digit).collect();
    let domain = from_address
        .rsplit_once('@')
        .map_or("carnet.invalid", |(_, d)| d)
        .trim_matches(|c: char| !c.is_ascii_alphanumeric());
    format!("<carnet-outbox-{id}-{stamp}@{domain}>")
}

/// The message, with its files when it has some (read back from the data folder, checked).
#[allow(clippy::too_many_arguments)]
fn build(
    folder: &std::path::Path,
    from: Mailbox,
    to: &str,
    subject: String,
    body: String,
    files: Option<&str>,
    message_id: String,
    unsubscribe: Option<String>,
) -> std::result::Result<Message, String> {
    let to: Mailbox = to
        .parse()
        .map_err(|e: lettre::address::AddressError| e.to_string())?;
    let mut builder = Message::builder()
        .from(from)
        .to(to)
        .subject(subject)
        .message_id(Some(message_id));
    if let Some(value) = unsubscribe {
        builder = builder.raw_header(lettre::message::header::HeaderValue::new(
            lettre::message::header::HeaderName::new_from_ascii_str("List-Unsubscribe"),
            value,
        ));
    }
    let files: Vec<Attachment> = match files {
        Some(json) => serde_json::from_str(json).map_err(|e| e.to_string())?,
        None => Vec::new(),
    };
    if files.is_empty() {
        return builder.body(body).map_err(|e| e.to_string());
    }
    let mut parts = MultiPart::mixed().singlepart(SinglePart::plain(body));
    for f in files {
        let bytes = crate::kernel::blobs::read(folder, &f.sha256, &f.file_name)
            .map_err(|e| e.to_string())?;
        let mime = ContentType::parse(&f.mime)
            .unwrap_or(ContentType::parse("application/octet-stream").map_err(|e| e.to_string())?);
        parts = parts.singlepart(LettreAttachment::new(f.file_name).body(bytes, mime));
    }
    builder.multipart(parts).map_err(|e| e.to_string())
}

fn transport(config: &SmtpConfig, password: Option<String>) -> Result<SmtpTransport> {
    let smtp_error = |e: lettre::transport::smtp::Error| CoreError::Unavailable {
        component: "Serveur d'envoi",
        message: format!("{e}."),
    };
    let builder = match config.security {
        SmtpSecurity::Tls => SmtpTransport::relay(&config.host).map_err(smtp_error)?,
        SmtpSecurity::StartTls => {
            SmtpTransport::starttls_relay(&config.host).map_err(smtp_error)?
        }
        SmtpSecurity::Plain => SmtpTransport::builder_dangerous(&config.host),
    };
    let mut builder = builder.port(config.port).timeout(Some(SEND_TIMEOUT));
    if let (Some(user), Some(pass)) = (config.username.clone().filter(|u| !u.is_empty()), password)
    {
        builder = builder.credentials(Credentials::new(user, pass));
    }
    Ok(builder.build())
}

impl App {
    /// The last 200 mails of the outbox, newest first: what was sent, what waits, what failed.
    pub fn outbox_list(&self, q: OutboxQuery) -> Result<Vec<OutboxItem>> {
        let state = q
            .state
            .filter(|s| matches!(s.as_str(), "pending" | "sent" | "failed"));
        let conn = self.conn()?;
        let mut stmt = conn.prepare_cached(
            "SELECT o.id, o.kind, o.to_addr, o.subject, o.state, o.attempts, o.last_error, o.created_at, o.sent_at,
                    o.next_attempt_at, l.code
             FROM outbox o LEFT JOIN leads l ON l.id = o.lead_id
             WHERE ?1 IS NULL OR o.state = ?1 ORDER BY o.id DESC LIMIT 200",
        )?;
        let rows = stmt.query_map([state], |r| {
            Ok(OutboxItem {
                id: r.get(0)?,
                kind: r.get(1)?,
                to_addr: r.get(2)?,
                subject: r.get(3)?,
                state: r.get(4)?,
                attempts: r.get(5)?,
                last_error: r.get(6)?,
                created_at: r.get(7)?,
                sent_at: r.get(8)?,
                next_attempt_at: r.get(9)?,
                lead_code: r.get(10)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn smtp_status(&self, _: Empty) -> Result<SmtpStatus> {
        let conn = self.conn()?;
        let config: Option<SmtpConfig> = settings::get_json(&conn, CONFIG_KEY)?;
        let password_set = match &config {
            Some(c) => self.secrets().get(&secret_key(c))?.is_some(),
            None => false,
        };
        let (pending, failed, last_error) = conn.query_row(
            "SELECT count(*) FILTER (WHERE state = 'pending'), count(*) FILTER (WHERE state = 'failed'),
                    (SELECT last_error FROM outbox WHERE last_error IS NOT NULL ORDER BY id DESC LIMIT 1)
             FROM outbox",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        Ok(SmtpStatus {
            config,
            password_set,
            pending,
            failed,
            last_error,
        })
    }

    pub fn smtp_configure(&self, setup: SmtpSetup) -> Result<SmtpStatus> {
        setup.config.validate()?;
        if let Some(p) = setup.password.as_deref().filter(|p| !p.is_empty()) {
            self.secrets().set(&secret_key(&setup.config), p)?;
        }
        let password_saved = setup.password.as_deref().is_some_and(|p| !p.is_empty());
        self.write(|tx, ctx| {
            crate::org::audit::save_server_config(
                tx,
                ctx,
                CONFIG_KEY,
                &setup.config,
                password_saved,
                crate::org::audit::kind::SMTP,
                "Serveur d'envoi configuré",
            )
        })?;
        self.smtp_status(Empty {})
    }

    /// Sends the mails that are due; failures are retried later with a growing delay.
    pub fn outbox_send(&self, _: Empty) -> Result<SendReport> {
        let conn = self.conn()?;
        let Some(config) = settings::get_json::<SmtpConfig>(&conn, CONFIG_KEY)? else {
            return Ok(SendReport::default());
        };
        let now = self.now();
        type Due = (
            i64,
            String,
            String,
            String,
            i64,
            Option<String>,
            String,
            String,
        );
        let due: Vec<Due> = conn
            .prepare_cached(
                "SELECT id, to_addr, subject, body, attempts, attachments, created_at, kind FROM outbox WHERE state = 'pending' AND next_attempt_at <= ?1 ORDER BY id LIMIT 100",
            )?
            .query_map([crate::kernel::clock::to_text(now)], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?)))?
            .collect::<rusqlite::Result<_>>()?;
        drop(conn);
        if due.is_empty() {
            return Ok(SendReport::default());
        }
        let from: Mailbox = format!(
            "{} <{}>",
            config.from_name.replace(['<', '>', '"'], ""),
            config.from_address
        )
        .parse()
        .map_err(|e| {
            CoreError::invalid(
                "from_address",
                format!("Adresse d'expéditeur invalide : {e}."),
            )
        })?;
        let mailer = transport(&config, self.secrets().get(&secret_key(&config))?)?;
        let mut report = SendReport::default();
        let folder = crate::kernel::blobs::folder(self.db_path());
        for (id, to, subject, body, attempts, files, created_at, kind) in due {
            let message_id = message_id(id, &created_at, &config.from_address);
            // Mails to a prospect carry the standard way out: a reply « STOP » to the sender.
            let unsubscribe = (kind == "prospect" || kind == "document")
                .then(|| format!("<mailto:{}?subject=STOP>", config.from_address));
            let sent = build(
                &folder,
                from.clone(),
                &to,
                subject,
                body,
                files.as_deref(),
                message_id,
                unsubscribe,
            )
            .and_then(|message| mailer.send(&message).map(drop).map_err(|e| e.to_string()));
            let now_text = crate::kernel::clock::to_text(self.now());
            self.write(|tx, _| {
                match &sent {
                    Ok(()) => tx.execute("UPDATE outbox SET state = 'sent', sent_at = ?2, attempts = attempts + 1 WHERE id = ?1", params![id, now_text])?,
                    Err(e) => {
                        let attempts = attempts + 1;
                        let state = if attempts >= MAX_ATTEMPTS { "failed" } else { "pending" };
                        let retry = crate::kernel::clock::to_text(self.now() + Duration::minutes(2i64.pow(attempts as u32)));
                        tracing::warn!(id, attempts, "mail not sent");
                        tx.execute(
                            "UPDATE outbox SET state = ?2, attempts = ?3, last_error = ?4, next_attempt_at = ?5 WHERE id = ?1",
                            params![id, state, attempts, format!("Envoi impossible : {e}"), retry],
                        )?
                    }
                };
                Ok(())
            })?;
            match sent {
                Ok(()) => report.sent += 1,
                Err(_) => report.failed += 1,
            }
        }
        Ok(report)
    }
}

crate::kernel::redact::debug_redacted!(SmtpSetup { config ; password });

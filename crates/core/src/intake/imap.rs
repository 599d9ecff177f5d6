//! The lead mailbox: IMAP over TLS (rustls), polled in the background. A message is marked seen
//! only after its lead (or quarantine entry) is committed; a failure leaves it unseen for the next poll.

use crate::intake::store::{Channel, IngestResult, IngestSummary, MAX_RAW_BYTES};
use crate::kernel::app::{App, Empty};
use crate::kernel::error::{CoreError, Result};
use futures::TryStreamExt;
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite};
use ts_rs::TS;

/// Every network step must answer within this delay.
const NETWORK_TIMEOUT: Duration = Duration::from_secs(30);
/// Messages of a backlog committed together.
const BATCH: usize = 50;
/// At most this many messages per poll (the rest waits for the next one).
const MAX_PER_POLL: usize = 500;
const CONFIG_KEY: &str = "mailbox";
const STATE_KEY: &str = "mailbox_state";

crate::kernel::text_enum!(MailSecurity { Tls = "tls", Plain = "plain" });

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct MailboxConfig {
    pub host: String,
    pub port: u16,
    /// tls (port 993) or plain (only for a server on this machine).
    pub security: MailSecurity,
    pub username: String,
    pub folder: String,
    pub poll_seconds: u32,
    /// PEM certificate to trust in addition to the public authorities (a garage's own server).
    #[serde(default)]
    #[ts(optional = nullable)]
    pub ca_file: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
pub struct MailboxState {
    pub last_poll_at: Option<String>,
    pub last_error: Option<String>,
    pub last_summary: Option<IngestSummary>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct MailboxStatus {
    pub config: Option<MailboxConfig>,
    pub password_set: bool,
    pub secret_store: String,
    pub state: MailboxState,
}

#[derive(Clone, Serialize, Deserialize, TS)]
pub struct MailboxSetup {
    pub config: MailboxConfig,
    /// Stored in the OS keyring; omitted = unchanged.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub password: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct PollReport {
    pub mailbox: String,
    pub summary: IngestSummary,
}

fn secret_key(c: &MailboxConfig) -> String {
    format!("imap:{}@{}", c.username, c.host)
}

impl MailboxConfig {
    fn validate(&self) -> Result<()> {
        if self.host.trim().is_empty() || self.host.len() > 255 {
            return Err(CoreError::invalid(
                "host",
                "Indiquez le serveur IMAP (par exemple imap.orange.fr).",
            ));
        }
        if self.port == 0 {
            return Err(CoreError::invalid(
                "port",
                "Port invalide (993 en général).",
            ));
        }
        if self.username.trim().is_empty() {
            return Err(CoreError::invalid(
                "username",
                "Indiquez l'identifiant de la boîte.",
            ));
        }
        if self.security == MailSecurity::Plain
            && !matches!(self.host.as_str(), "127.0.0.1" | "localhost" | "::1")
        {
            return Err(CoreError::invalid(
                "security",
                "Sans chiffrement, seul un serveur sur ce poste est accepté : choisissez TLS.",
            ));
        }
        if !(30..=86_400).contains(&self.poll_seconds) {
            return Err(CoreError::invalid(
                "poll_seconds",
                "Intervalle de relève entre 30 secondes et 24 heures.",
            ));
        }
        Ok(())
    }
}

impl App {
    pub fn mailbox_status(&self, _: Empty) -> Result<MailboxStatus> {
        let conn = self.conn()?;
        let config: Option<MailboxConfig> = crate::kernel::settings::get_json(&conn, CONFIG_KEY)?;
        let password_set = match &config {
            Some(c) => self.secrets().get(&secret_key(c))?.is_some(),
            None => false,
        };
        Ok(MailboxStatus {
            config,
            password_set,
            secret_store: self.secrets().backend().to_string(),
            state: crate::kernel::settings::get_json(&conn, STATE_KEY)?.unwrap_or_default(),
        })
    }

    pub fn mailbox_configure(&self, setup: MailboxSetup) -> Result<MailboxStatus> {
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
                crate::org::audit::kind::MAILBOX,
                "Boîte de réception configurée",
            )
        })?;
        self.mailbox_status(Empty {})
    }

    pub fn mailbox_poll(&self, _: Empty) -> Result<PollReport> {
        poll_once_blocking(self)
    }

    fn record_poll(&self, result: &Result<IngestSummary>) -> Result<()> {
        let state = MailboxState {
            last_poll_at: Some(crate::kernel::clock::to_text(self.now())),
            last_error: result.as_ref().err().map(|e| e.user_message()),
            last_summary: result.as_ref().ok().cloned(),
        };
        self.write(|tx, _| crate::kernel::settings::set_json(tx, STATE_KEY, &state))
    }
}

/// Polls the configured mailbox once, on a private runtime (callable from any thread).
pub fn poll_once_blocking(app: &App) -> Result<PollReport> {
    let conn = app.conn()?;
    let config: MailboxConfig =
        crate::kernel::settings::get_json(&conn, CONFIG_KEY)?.ok_or_else(|| {
            CoreError::Refused(
                "Aucune boîte de réception n'est configurée (Réception → Boîte mail).".into(),
            )
        })?;
    drop(conn);
    let password = app.secrets().get(&secret_key(&config))?.ok_or_else(|| {
        CoreError::Refused(format!(
            "Mot de passe de la boîte {} introuvable ({}) : saisissez-le dans Réception → Boîte mail.",
            config.username,
            app.secrets().backend()
        ))
    })?;
    let result = std::thread::scope(|s| {
        s.spawn(|| {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()?;
            rt.block_on(poll(app, &config, &password))
        })
        .join()
        .unwrap_or_else(|_| {
            Err(CoreError::Internal(
                "la relève du courrier s'est interrompue".into(),
            ))
        })
    });
    if let Err(e) = &result {
        tracing::warn!(code = e.code(), error = %e, "mailbox poll failed");
    }
    app.record_poll(&result)?;
    Ok(PollReport {
        mailbox: format!("{}@{}", config.username, config.host),
        summary: result?,
    })
}

fn net_error(what: &str, e: impl std::fmt::Display) -> CoreError {
    CoreError::Unavailable {
        component: "Boîte mail",
        message: format!("{what} ({e})."),
    }
}

async fn timed<T, E: std::fmt::Display>(
    what: &str,
    f: impl std::future::Future<Output = std::result::Result<T, E>>,
) -> Result<T> {
    match tokio::time::timeout(NETWORK_TIMEOUT, f).await {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(e)) => Err(net_error(what, e)),
        Err(_) => Err(net_error(what, "délai dépassé")),
    }
}

async fn poll(app: &App, config: &MailboxConfig, password: &str) -> Result<IngestSummary> {
    let tcp = timed(
        "connexion impossible au serveur",
        tokio::net::TcpStream::connect((config.host.as_str(), config.port)),
    )
    .await?;
    match config.security {
        MailSecurity::Plain => session(app, config, password, tcp).await,
        MailSecurity::Tls => {
            let connector = tls_connector(config)?;
            let name = rustls_pki_types::ServerName::try_from(config.host.clone())
                .map_err(|e| net_error("nom de serveur invalide", e))?;
            let tls = timed(
                "échec de la connexion sécurisée (TLS)",
                connector.connect(name, tcp),
            )
            .await?;
            session(app, config, password, tls).await
        }
    }
}

fn tls_connector(config: &MailboxConfig) -> Result<tokio_rustls::TlsConnector> {
    use rustls_pki_types::pem::PemObject;
    let mut roots = tokio_rustls::rustls::RootCertStore {
        roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
    };
    if let Some(path) = config.ca_file.as_deref().filter(|p| !p.is_empty()) {
        for cert in rustls_pki_types::CertificateDer::pem_file_iter(path)
            .map_err(|e| net_error("certificat illisible", e))?
        {
            let cert = cert.map_err(|e| net_error("certificat illisible", e))?;
            roots
                .add(cert)
                .map_err(|e| net_error("certificat refusé", e))?;
        }
    }
    let tls = tokio_rustls::rustls::ClientConfig::builder_with_provider(Arc::new(
        tokio_rustls::rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .map_err(|e| net_error("configuration TLS", e))?
    .with_root_certificates(roots)
    .with_no_client_auth();
    Ok(tokio_rustls::TlsConnector::from(Arc::new(tls)))
}

async fn session<S>(
    app: &App,
    config: &MailboxConfig,
    password: &str,
    stream: S,
) -> Result<IngestSummary>
where
    S: AsyncRead + AsyncWrite + Unpin + std::fmt::Debug + Send,
{
    let mut client = async_imap::Client::new(stream);
    timed("le serveur ne répond pas", async {
        match client.read_response().await {
            Ok(Some(_)) => Ok(()),
            Ok(None) => Err("connexion fermée".to_string()),
            Err(e) => Err(e.to_string()),
        }
    })
    .await?;
    let mut imap =
        match tokio::time::timeout(NETWORK_TIMEOUT, client.login(&config.username, password)).await
        {
            Ok(Ok(s)) => s,
            Ok(Err((e, _))) => return Err(net_error("identifiant ou mot de passe refusé", e)),
            Err(_) => return Err(net_error("identification", "délai dépassé")),
        };
    timed("dossier introuvable", imap.select(&config.folder)).await?;
    let mut uids: Vec<u32> = timed("recherche des messages", imap.uid_search("UNSEEN"))
        .await?
        .into_iter()
        .collect();
    uids.sort_unstable();
    uids.truncate(MAX_PER_POLL);
    let mut summary = IngestSummary::default();
    // Fetched messages wait here and are committed together (one durable commit for a backlog);
    // each is marked seen only once its lead is on disk.
    let mut fetched_batch: Vec<(u32, Vec<u8>)> = Vec::new();
    for (i, uid) in uids.iter().copied().enumerate() {
        let sizes: Vec<_> = timed("lecture", async {
            imap.uid_fetch(uid.to_string(), "RFC822.SIZE")
                .await?
                .try_collect::<Vec<_>>()
                .await
        })
        .await?;
        if sizes
            .iter()
            .filter_map(|f| f.size)
            .any(|s| s as usize > MAX_RAW_BYTES)
        {
            tracing::warn!(uid, "message too large, left unseen in the mailbox");
            summary.add(&crate::intake::store::IngestOutcome::error(
                "Message trop volumineux : laissé dans la boîte.",
            ));
        } else {
            // BODY.PEEK keeps the message unseen until the lead is committed.
            let fetched: Vec<_> = timed("lecture", async {
                imap.uid_fetch(uid.to_string(), "BODY.PEEK[]")
                    .await?
                    .try_collect::<Vec<_>>()
                    .await
            })
            .await?;
            if let Some(raw) = fetched.iter().find_map(|f| f.body().map(<[u8]>::to_vec)) {
                fetched_batch.push((uid, raw));
            }
        }
        let last = i + 1 == uids.len();
        if fetched_batch.len() >= BATCH || (last && !fetched_batch.is_empty()) {
            let items: Vec<(&[u8], Channel)> = fetched_batch
                .iter()
                .map(|(_, raw)| (raw.as_slice(), Channel::Imap))
                .collect();
            let outcomes = app.ingest_mails(&items)?;
            for ((uid, _), outcome) in fetched_batch.iter().zip(&outcomes) {
                summary.add(outcome);
                if outcome.result != IngestResult::Error {
                    timed("marquage lu", async {
                        imap.uid_store(uid.to_string(), "+FLAGS (\\Seen)")
                            .await?
                            .try_collect::<Vec<_>>()
                            .await
                    })
                    .await?;
                }
            }
            fetched_batch.clear();
        }
    }
    let _ = tokio::time::timeout(NETWORK_TIMEOUT, imap.logout()).await;
    Ok(summary)
}

crate::kernel::redact::debug_redacted!(MailboxSetup { config ; password });

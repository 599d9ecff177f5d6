//! The loopback HTTP server: `POST /webhook/lead` for a website form or an external call center,
//! authenticated by a bearer token (a secret, kept like passwords).
//!
//! Hardened against slow or many clients: headers within 5 s, a whole connection (one request,
//! no keep-alive) within 20 s, at most 256 connections at once, and at most 4 requests writing to
//! the database at once (the others wait up to 10 s, then get 503). It listens on loopback only
//! unless the user asks for another address explicitly (`--lan`), until the LAN mode brings TLS
//! and sign-in.

use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use carnet_core::intake::store::IngestResult;
use carnet_core::intake::webhook::MAX_BODY_BYTES;
use carnet_core::kernel::error::ErrorKind;
use carnet_core::{ApiError, App, CoreError};
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use sha2::{Digest, Sha256};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Semaphore;

pub const TOKEN_KEY: &str = "webhook_token";

/// Time to send the request's headers.
const HEADER_TIMEOUT: Duration = Duration::from_secs(5);
/// Time for a whole connection: headers, body, processing and answer.
const CONNECTION_TIMEOUT: Duration = Duration::from_secs(20);
/// Connections served at once; more are closed at once.
const MAX_CONNECTIONS: usize = 256;
/// Requests writing to the database at once (its connections are few and writes serialise).
const DB_SLOTS: usize = 4;
/// How long a request waits for a database slot before a 503.
const DB_WAIT: Duration = Duration::from_secs(10);

#[derive(Clone)]
struct Server {
    app: Arc<App>,
    token_digest: [u8; 32],
    on_change: Arc<dyn Fn() + Send + Sync>,
    db_slots: Arc<Semaphore>,
}

fn digest(s: &str) -> [u8; 32] {
    Sha256::digest(s.as_bytes()).into()
}

fn error(status: StatusCode, e: ApiError) -> Response {
    (status, Json(serde_json::json!({ "error": e }))).into_response()
}

/// A failed request: logged and answered like every other transport's `{code, message, field}`,
/// with the HTTP status of its kind.
fn failure(e: CoreError) -> Response {
    e.log("webhook");
    let status = match (e.kind(), e.code()) {
        (_, "forbidden") => StatusCode::FORBIDDEN,
        (_, "not_found") => StatusCode::NOT_FOUND,
        (ErrorKind::Refused, _) => StatusCode::BAD_REQUEST,
        (ErrorKind::Unavailable, _) => StatusCode::SERVICE_UNAVAILABLE,
        (ErrorKind::Internal, _) => StatusCode::INTERNAL_SERVER_ERROR,
    };
    error(status, e.to_api())
}

async fn webhook(State(server): State<Server>, headers: HeaderMap, body: Bytes) -> Response {
    let given = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or("");
    // Comparing digests keeps the comparison time independent of the token.
    if digest(given) != server.token_digest {
        let e = ApiError {
            code: "unauthorized".into(),
            message: "Jeton d'accès absent ou invalide.".into(),
            field: None,
        };
        return error(StatusCode::UNAUTHORIZED, e);
    }
    let Ok(Ok(slot)) = tokio::time::timeout(DB_WAIT, server.db_slots.clone().acquire_owned()).await
    else {
        let e = CoreError::Unavailable {
            component: "webhook",
            message: "trop de demandes en même temps, réessayez dans un instant".into(),
        };
        return failure(e);
    };
    let app = server.app.clone();
    let result = tokio::task::spawn_blocking(move || {
        let outcome = app.ingest_webhook(&body);
        drop(slot);
        outcome
    })
    .await;
    match result {
        Ok(Ok(outcome)) => {
            let status = match outcome.result {
                IngestResult::Created => StatusCode::CREATED,
                IngestResult::Merged | IngestResult::Duplicate | IngestResult::OptOut => {
                    StatusCode::OK
                }
                IngestResult::Quarantined => StatusCode::ACCEPTED,
                IngestResult::Error => StatusCode::UNPROCESSABLE_ENTITY,
            };
            if matches!(outcome.result, IngestResult::Created | IngestResult::Merged) {
                (server.on_change)();
            }
            (status, Json(outcome)).into_response()
        }
        Ok(Err(e)) => failure(e),
        Err(e) => failure(CoreError::Internal(e.to_string())),
    }
}

/// The token the website must send; created and stored on first use when the keyring allows it.
pub fn token(app: &App) -> carnet_core::Result<String> {
    let secrets = app.secrets_store();
    if let Some(t) = secrets.get(TOKEN_KEY)? {
        return Ok(t);
    }
    let mut bytes = [0u8; 24];
    getrandom::fill(&mut bytes)
        .map_err(|e| CoreError::Internal(format!("génération du jeton impossible : {e}")))?;
    let token: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    secrets.set(TOKEN_KEY, &token)?;
    Ok(token)
}

/// Refuses an address other than loopback unless `lan` says the user asked for it.
pub fn check_addr(addr: SocketAddr, lan: bool) -> Result<(), String> {
    if addr.ip().is_loopback() {
        return Ok(());
    }
    if !lan {
        return Err(format!(
            "Adresse {addr} refusée : le webhook n'écoute que sur cet ordinateur (127.0.0.1). \
             Pour l'ouvrir au réseau local, ajoutez --lan (ou CARNET_WEBHOOK_LAN=1) en connaissance de cause."
        ));
    }
    tracing::warn!(%addr, "webhook open to the local network without TLS");
    eprintln!(
        "Attention : le webhook écoute sur {addr}, ouvert au réseau local, sans chiffrement (TLS) ni \
         connexion : seul le jeton le protège. Réservez-le à un réseau de confiance."
    );
    Ok(())
}

/// Serves until the process ends. `on_change` runs after a lead is created or merged.
pub async fn serve(
    app: Arc<App>,
    addr: SocketAddr,
    on_change: Arc<dyn Fn() + Send + Sync>,
) -> anyhow::Result<()> {
    let token = token(&app).map_err(|e| anyhow::anyhow!(e.user_message()))?;
    let server = Server {
        app,
        token_digest: digest(&token),
        on_change,
        db_slots: Arc::new(Semaphore::new(DB_SLOTS)),
    };
    let router = Router::new()
        .route("/webhook/lead", post(webhook))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .with_state(server);
    let listener = tokio::net::TcpListener::bind(addr).await?;
    tracing::info!(%addr, "webhook listening");
    let connections = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    loop {
        let (stream, _) = match listener.accept().await {
            Ok(accepted) => accepted,
            Err(e) => {
                // Out of file descriptors and the like: wait a little, keep serving.
                tracing::warn!(error = %e, "webhook accept failed");
                tokio::time::sleep(Duration::from_millis(100)).await;
                continue;
            }
        };
        let Ok(permit) = connections.clone().try_acquire_owned() else {
            tracing::warn!("webhook: too many connections, one refused");
            continue;
        };
        let service = TowerToHyperService::new(router.clone());
        tokio::spawn(async move {
            let connection = http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(HEADER_TIMEOUT)
                .keep_alive(false)
                .serve_connection(TokioIo::new(stream), service);
            if tokio::time::timeout(CONNECTION_TIMEOUT, connection)
                .await
                .is_err()
            {
                tracing::info!("webhook connection closed: too slow");
            }
            drop(permit);
        });
    }
}

/// 127.0.0.1:8765 unless `CARNET_WEBHOOK_ADDR` says otherwise.
pub fn default_addr() -> SocketAddr {
    std::env::var("CARNET_WEBHOOK_ADDR")
        .ok()
        .and_then(|a| a.parse().ok())
        .unwrap_or_else(|| SocketAddr::from(([127, 0, 0, 1], 8765)))
}

//! The loopback HTTP server: `POST /webhook/lead` for a website form or an external call center,
//! authenticated by a bearer token (a secret, kept like passwords).

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
use sha2::{Digest, Sha256};
use std::net::SocketAddr;
use std::sync::Arc;

pub const TOKEN_KEY: &str = "webhook_token";

#[derive(Clone)]
struct Server {
    app: Arc<App>,
    token_digest: [u8; 32],
    on_change: Arc<dyn Fn() + Send + Sync>,
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
    let app = server.app.clone();
    let result = tokio::task::spawn_blocking(move || app.ingest_webhook(&body)).await;
    match result {
        Ok(Ok(outcome)) => {
            let status = match outcome.result {
                IngestResult::Created => StatusCode::CREATED,
                IngestResult::Merged | IngestResult::Duplicate => StatusCode::OK,
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
    };
    let router = Router::new()
        .route("/webhook/lead", post(webhook))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .with_state(server);
    let listener = tokio::net::TcpListener::bind(addr).await?;
    tracing::info!(%addr, "webhook listening");
    axum::serve(listener, router).await?;
    Ok(())
}

/// 127.0.0.1:8765 unless `CARNET_WEBHOOK_ADDR` says otherwise.
pub fn default_addr() -> SocketAddr {
    std::env::var("CARNET_WEBHOOK_ADDR")
        .ok()
        .and_then(|a| a.parse().ok())
        .unwrap_or_else(|| SocketAddr::from(([127, 0, 0, 1], 8765)))
}

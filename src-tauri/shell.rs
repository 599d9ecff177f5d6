//! The Tauri shell: one `call` command that hands every request to the core's dispatcher on a
//! blocking thread (SQLite never runs on the UI thread). Adding a command never touches this file.

use carnet_core::{ApiError, App};
use serde_json::Value;
use std::path::PathBuf;
use std::sync::Arc;
use tauri::Emitter;

/// The opened database, or why it could not be opened (shown by the UI instead of a blank window).
struct Backend(Result<Arc<App>, ApiError>);

/// Commands after which other views should refresh their lead lists.
const CHANGES_LEADS: &[&str] = &[
    "lead_create",
    "lead_assign",
    "lead_set_status",
    "lead_set_deadline",
    "lead_mark_contact",
    "lead_qualify",
    "contact_update",
];

#[tauri::command]
async fn call(
    window: tauri::Window,
    backend: tauri::State<'_, Backend>,
    name: String,
    args: Value,
) -> Result<Value, ApiError> {
    let app = backend.0.clone()?;
    let changes = CHANGES_LEADS.contains(&name.as_str());
    let result = tauri::async_runtime::spawn_blocking(move || app.call(&name, args))
        .await
        .map_err(|e| ApiError {
            code: "internal".into(),
            message: format!("Erreur interne : {e}"),
            field: None,
        })?;
    if changes && result.is_ok() {
        let _ = window.emit("leads-changed", ());
    }
    result
}

pub fn run(db: PathBuf) -> anyhow::Result<()> {
    let backend = App::open(&db).map(Arc::new).map_err(|e| {
        tracing::error!(path = %db.display(), code = e.code(), error = %e, "database could not be opened");
        e.to_api()
    });
    tauri::Builder::default()
        .manage(Backend(backend))
        .invoke_handler(tauri::generate_handler![call])
        .run(tauri::generate_context!())?;
    Ok(())
}

//! The Tauri shell: one `call` command that hands every request to the core's dispatcher on a
//! blocking thread (SQLite never runs on the UI thread), plus the background services (mailbox
//! poller, loopback webhook) and desktop notifications. Adding a command never touches this file.

use carnet_core::notify::inapp::NotificationQuery;
use carnet_core::{ApiError, App};
use serde_json::Value;
use std::path::PathBuf;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;
use tauri::{AppHandle, Emitter, Manager};
use tauri_plugin_notification::NotificationExt;

/// The opened database, or why it could not be opened (shown by the UI instead of a blank window).
struct Backend(Result<Arc<App>, ApiError>);

#[tauri::command]
async fn call(
    app_handle: AppHandle,
    backend: tauri::State<'_, Backend>,
    name: String,
    args: Value,
) -> Result<Value, ApiError> {
    let app = backend.0.clone()?;
    let changes = carnet_core::api::changes_leads(&name);
    let result = tauri::async_runtime::spawn_blocking(move || app.call(&name, args))
        .await
        .map_err(|e| carnet_core::CoreError::Internal(e.to_string()).to_api())?;
    if changes && result.is_ok() {
        let _ = app_handle.emit("leads-changed", ());
    }
    result
}

/// Tells the window that leads changed and shows new notifications of the current user on the desktop.
fn announce(handle: &AppHandle, app: &App, last_shown: &AtomicI64) {
    let _ = handle.emit("leads-changed", ());
    let after = last_shown.load(Ordering::Relaxed);
    let Ok(list) = app.notifications(NotificationQuery {
        after_id: Some(after),
        limit: Some(5),
    }) else {
        return;
    };
    if let Some(newest) = list.items.first() {
        last_shown.store(newest.id, Ordering::Relaxed);
    }
    for n in list.items.iter().filter(|n| !n.read).take(3) {
        if let Err(e) = handle
            .notification()
            .builder()
            .title("Carnet")
            .body(&n.text)
            .show()
        {
            tracing::warn!(error = %e, "desktop notification failed");
        }
    }
}

fn start_services(handle: AppHandle, app: Arc<App>) {
    // Only notifications that arrive from now on are shown on the desktop.
    let start_id = app
        .notifications(NotificationQuery {
            after_id: None,
            limit: Some(1),
        })
        .ok()
        .and_then(|l| l.items.first().map(|n| n.id))
        .unwrap_or(0);
    let last_shown = Arc::new(AtomicI64::new(start_id));
    let on_new: Arc<dyn Fn() + Send + Sync> = {
        let (handle, app) = (handle.clone(), app.clone());
        Arc::new(move || announce(&handle, &app, &last_shown))
    };
    crate::poller::start(app.clone(), on_new.clone());
    let addr = crate::http::default_addr();
    tauri::async_runtime::spawn(async move {
        if let Err(e) = crate::http::serve(app, addr, on_new).await {
            tracing::warn!(%addr, error = %e, "webhook not started");
        }
    });
}

pub fn run(db: PathBuf) -> anyhow::Result<()> {
    let backend = crate::backend::open(&db).map(Arc::new).map_err(|e| {
        tracing::error!(path = %db.display(), code = e.code(), error = %e, "database could not be opened");
        e.to_api()
    });
    let services = backend.as_ref().ok().cloned();
    tauri::Builder::default()
        .plugin(tauri_plugin_notification::init())
        .manage(Backend(backend))
        .setup(move |tauri_app| {
            if let Some(app) = services {
                start_services(tauri_app.handle().clone(), app);
            }
            let _ = tauri_app.get_webview_window("main");
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![call])
        .run(tauri::generate_context!())?;
    Ok(())
}

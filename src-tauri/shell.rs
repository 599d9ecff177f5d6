//! The Tauri shell: one `call` command that hands every request to the core's dispatcher on a
//! blocking thread (SQLite never runs on the UI thread), plus the background services (mailbox
//! poller, loopback webhook), desktop notifications, and saving a lead's file to the Downloads
//! folder (an OS matter, not a core command). Adding a core command never touches this file.

use carnet_core::api::NotificationList;
use carnet_core::{ApiError, App, CoreError};
use serde_json::Value;
use std::path::PathBuf;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex};
use tauri::{AppHandle, Emitter, Manager};
use tauri_plugin_notification::NotificationExt;

/// The opened database, or why it could not be opened (shown by the UI instead of a blank window).
struct Backend(Result<Arc<App>, ApiError>);

/// The session token of the window's signed-in user: desktop notifications are theirs.
#[derive(Clone, Default)]
struct WindowSession(Arc<Mutex<Option<String>>>);

impl WindowSession {
    fn get(&self) -> Option<String> {
        self.0.lock().ok().and_then(|t| t.clone())
    }
    fn set(&self, token: Option<String>) {
        if let Ok(mut t) = self.0.lock() {
            *t = token;
        }
    }
}

#[tauri::command]
async fn call(
    app_handle: AppHandle,
    backend: tauri::State<'_, Backend>,
    window: tauri::State<'_, WindowSession>,
    name: String,
    args: Value,
    token: Option<String>,
) -> Result<Value, ApiError> {
    let app = backend.0.clone()?;
    let changes = carnet_core::api::changes_leads(&name);
    let session = token.clone();
    let result = tauri::async_runtime::spawn_blocking(move || {
        app.call_in_session(token.as_deref(), &name, args)
    })
    .await
    .map_err(|e| CoreError::Internal(e.to_string()).to_api())?;
    match &result {
        Ok(value) => {
            // A sign-in or unlock names the window's user; any other success confirms it.
            let signed_in = value
                .get("token")
                .and_then(Value::as_str)
                .map(str::to_string);
            if signed_in.is_some() || session.is_some() {
                window.set(signed_in.or(session));
            }
        }
        Err(e) if e.code == "unauthenticated" => window.set(None),
        Err(_) => {}
    }
    if changes && result.is_ok() {
        let _ = app_handle.emit("leads-changed", ());
    }
    result
}

/// Saves a lead's file to the Downloads folder (and opens it with the system's viewer when
/// `open`); returns the path written.
#[tauri::command]
async fn save_file(
    backend: tauri::State<'_, Backend>,
    id: i64,
    open: bool,
    token: Option<String>,
) -> Result<String, ApiError> {
    let app = backend.0.clone()?;
    tauri::async_runtime::spawn_blocking(move || {
        crate::export::save(&app, token.as_deref(), id, open).map(|p| p.display().to_string())
    })
    .await
    .map_err(|e| CoreError::Internal(e.to_string()).to_api())?
}

/// Cancels the export under way (its file is not written).
#[derive(Clone, Default)]
struct ExportCancel(Arc<std::sync::atomic::AtomicBool>);

/// Runs an export into the Downloads folder with its progress sent to the window
/// (`export-progress` {done, total}) and a way to cancel it (`export_cancel`).
#[tauri::command]
async fn export_run(
    app_handle: AppHandle,
    backend: tauri::State<'_, Backend>,
    cancel: tauri::State<'_, ExportCancel>,
    input: carnet_core::api::ExportInput,
    token: Option<String>,
) -> Result<carnet_core::api::ExportDone, ApiError> {
    let app = backend.0.clone()?;
    let cancel = cancel.0.clone();
    cancel.store(false, Ordering::SeqCst);
    tauri::async_runtime::spawn_blocking(move || {
        let app = app.in_session_for(token.as_deref(), "export_file")?;
        let target = app.export_target(input.what).map_err(|e| {
            e.log("export_run");
            e.to_api()
        })?;
        app.export_to(&input, &target, |done, total| {
            let _ = app_handle.emit(
                "export-progress",
                serde_json::json!({ "done": done, "total": total }),
            );
            !cancel.load(Ordering::SeqCst)
        })
        .map_err(|e| {
            e.log("export_run");
            e.to_api()
        })
    })
    .await
    .map_err(|e| CoreError::Internal(e.to_string()).to_api())?
}

#[tauri::command]
fn export_cancel(cancel: tauri::State<'_, ExportCancel>) {
    cancel.0.store(true, Ordering::SeqCst);
}

/// Cancels the import under way (nothing of it is stored).
#[derive(Clone, Default)]
struct ImportCancel(Arc<std::sync::atomic::AtomicBool>);

/// Runs a DMS import of a file the window staged (`import_upload`), with its progress sent to
/// the window (`import-progress` {rows, fraction}) and a way to cancel it (`import_cancel`).
#[tauri::command]
async fn import_start(
    app_handle: AppHandle,
    backend: tauri::State<'_, Backend>,
    cancel: tauri::State<'_, ImportCancel>,
    input: carnet_core::api::ImportRunInput,
    token: Option<String>,
) -> Result<carnet_core::api::ImportSummary, ApiError> {
    let app = backend.0.clone()?;
    let cancel = cancel.0.clone();
    cancel.store(false, Ordering::SeqCst);
    tauri::async_runtime::spawn_blocking(move || {
        let app = app.in_session_for(token.as_deref(), "import_run")?;
        let summary = app
            .import_staged(input, &mut |p| {
                let _ = app_handle.emit("import-progress", p);
                !cancel.load(Ordering::SeqCst)
            })
            .map_err(|e| {
                e.log("import_start");
                e.to_api()
            })?;
        let _ = app_handle.emit("leads-changed", ());
        Ok(summary)
    })
    .await
    .map_err(|e| CoreError::Internal(e.to_string()).to_api())?
}

#[tauri::command]
fn import_cancel(cancel: tauri::State<'_, ImportCancel>) {
    cancel.0.store(true, Ordering::SeqCst);
}

/// Tells the window that leads changed and shows the signed-in user's new notifications on the
/// desktop (only those that arrived since the window opened).
fn announce(
    handle: &AppHandle,
    app: &App,
    window: &WindowSession,
    since: &str,
    last_shown: &AtomicI64,
) {
    let _ = handle.emit("leads-changed", ());
    let Some(token) = window.get() else {
        return;
    };
    let after = last_shown.load(Ordering::Relaxed);
    let query = serde_json::json!({"after_id": after, "limit": 5});
    let Ok(list) = app
        .call_in_session(Some(&token), "notifications", query)
        .map_err(|e| tracing::debug!(code = %e.code, "no desktop notifications"))
        .and_then(|v| serde_json::from_value::<NotificationList>(v).map_err(|_| ()))
    else {
        return;
    };
    if let Some(newest) = list.items.first() {
        last_shown.store(newest.id, Ordering::Relaxed);
    }
    for n in list
        .items
        .iter()
        .filter(|n| !n.read && n.at.as_str() >= since)
        .take(3)
    {
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

fn start_services(handle: AppHandle, app: Arc<App>, window: WindowSession) {
    let since = carnet_core::kernel::clock::to_text(chrono::Utc::now());
    let last_shown = Arc::new(AtomicI64::new(0));
    let on_new: Arc<dyn Fn() + Send + Sync> = {
        let (handle, app) = (handle.clone(), app.clone());
        Arc::new(move || announce(&handle, &app, &window, &since, &last_shown))
    };
    crate::poller::start(app.clone(), on_new.clone());
    let addr = crate::http::default_addr();
    let lan = std::env::var("CARNET_WEBHOOK_LAN").is_ok_and(|v| v == "1");
    if let Err(message) = crate::http::check_addr(addr, lan) {
        tracing::warn!(%addr, "{message}");
        return;
    }
    tauri::async_runtime::spawn(async move {
        if let Err(e) = crate::http::serve(app, addr, on_new).await {
            tracing::warn!(%addr, error = %e, "webhook not started");
        }
    });
}

pub fn run(db: PathBuf) -> anyhow::Result<()> {
    // Held while the window runs: a restore is refused meanwhile (a second window on the same
    // database still opens; it simply does not hold the lock).
    let _instance = carnet_core::kernel::backup::lock_instance(&db)
        .map_err(|e| tracing::info!(error = %e, "database already held by another Carnet"))
        .ok();
    // The window's exports go to the user's Downloads folder (else their home).
    let exports = directories::UserDirs::new().and_then(|u| {
        u.download_dir()
            .or(Some(u.home_dir()))
            .map(std::path::Path::to_path_buf)
    });
    let backend = crate::backend::open(&db)
        .map(|app| match exports {
            Some(dir) => app.with_exports_dir(dir),
            None => app,
        })
        .map(Arc::new)
        .map_err(|e| {
        tracing::error!(path = %db.display(), code = e.code(), error = %e, "database could not be opened");
        e.to_api()
    });
    let services = backend.as_ref().ok().cloned();
    let window = WindowSession::default();
    tauri::Builder::default()
        .plugin(tauri_plugin_notification::init())
        .manage(Backend(backend))
        .manage(window.clone())
        .manage(ExportCancel::default())
        .manage(ImportCancel::default())
        .setup(move |tauri_app| {
            if let Some(app) = services {
                start_services(tauri_app.handle().clone(), app, window);
            }
            let _ = tauri_app.get_webview_window("main");
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            call,
            save_file,
            export_run,
            export_cancel,
            import_start,
            import_cancel
        ])
        .run(tauri::generate_context!())?;
    Ok(())
}

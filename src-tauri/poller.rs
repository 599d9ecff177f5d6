//! The background worker: polls the configured mailbox at its interval, runs the deadline alerts
//! and escalations, and sends the queued mails, on its own thread (SQLite and the network never run on the UI thread).
//! Errors are recorded for the Réception screen and the outbox.

use carnet_core::api::Empty;
use carnet_core::App;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How often the worker wakes up: the longest an alert mail waits, and the poll interval's precision.
const TICK: Duration = Duration::from_secs(10);

/// Starts the worker; `on_new` runs when a poll created or merged leads.
pub fn start(app: Arc<App>, on_new: Arc<dyn Fn() + Send + Sync>) {
    let spawned = std::thread::Builder::new()
        .name("carnet-worker".into())
        .spawn(move || {
            let mut last_poll: Option<Instant> = None;
            match app.integrity_check() {
                Ok(result) if result == "ok" => {}
                Ok(result) => tracing::error!(%result, "database integrity check found problems"),
                Err(e) => tracing::warn!(code = e.code(), "integrity check not run"),
            }
            loop {
                match app.backup_if_due() {
                    Ok(Some(file)) => tracing::info!(file = %file.path, "daily backup"),
                    Ok(None) => {}
                    Err(e) => {
                        tracing::warn!(code = e.code(), error = %e, "daily backup not written")
                    }
                }
                // Messages an older version stored but never processed.
                match app.inbound_recover() {
                    Ok(n) if n > 0 => on_new(),
                    Ok(_) => {}
                    Err(e) => {
                        tracing::warn!(code = e.code(), "unfinished inbound messages not processed")
                    }
                }
                poll_if_due(&app, &mut last_poll, on_new.as_ref());
                match app.escalations_run(Empty {}) {
                    Ok(r) if r.owners_alerted + r.managers_alerted + r.reassigned > 0 => on_new(),
                    Ok(_) => {}
                    Err(e) => tracing::warn!(code = e.code(), "escalations not run"),
                }
                if let Err(e) = app.digest_run(Empty {}) {
                    tracing::warn!(code = e.code(), "daily digest not run");
                }
                match app.outbox_send(Empty {}) {
                    Ok(r) if r.sent + r.failed > 0 => {
                        tracing::info!(sent = r.sent, failed = r.failed, "outbox")
                    }
                    Ok(_) => {}
                    Err(e) => tracing::warn!(code = e.code(), "outbox not sent"),
                }
                std::thread::sleep(TICK);
            }
        });
    if let Err(e) = spawned {
        tracing::error!(error = %e, "background worker could not start");
    }
}

fn poll_if_due(app: &App, last_poll: &mut Option<Instant>, on_new: &(dyn Fn() + Send + Sync)) {
    let status = match app.mailbox_status(Empty {}) {
        Ok(status) => status,
        Err(e) => return tracing::warn!(code = e.code(), "mailbox status unreadable"),
    };
    let Some(config) = status.config.filter(|_| status.password_set) else {
        return;
    };
    let interval = Duration::from_secs(u64::from(config.poll_seconds.max(30)));
    if last_poll.is_some_and(|t| t.elapsed() < interval) {
        return;
    }
    *last_poll = Some(Instant::now());
    match carnet_core::intake::imap::poll_once_blocking(app) {
        Ok(report) if report.summary.leads_created + report.summary.merged > 0 => on_new(),
        Ok(_) => {}
        Err(e) => tracing::warn!(code = e.code(), "mailbox poll failed"),
    }
}

//! The background mailbox relève: polls the configured mailbox at its interval, on its own thread
//! (SQLite and the network never run on the UI thread). Errors are recorded for the Réception screen.

use carnet_core::app::Empty;
use carnet_core::App;
use std::sync::Arc;
use std::time::Duration;

/// How often an unconfigured mailbox is looked at again.
const IDLE_RECHECK: Duration = Duration::from_secs(30);

/// Starts the poller; `on_new` runs when a poll created or merged leads.
pub fn start(app: Arc<App>, on_new: Arc<dyn Fn() + Send + Sync>) {
    let spawned = std::thread::Builder::new()
        .name("mailbox-poller".into())
        .spawn(move || loop {
            let wait = match app.mailbox_status(Empty {}) {
                Ok(status) => match status.config {
                    Some(config) if status.password_set => {
                        match carnet_core::mailbox::poll_once_blocking(&app) {
                            Ok(report)
                                if report.summary.leads_created + report.summary.merged > 0 =>
                            {
                                on_new()
                            }
                            Ok(_) => {}
                            Err(e) => tracing::warn!(code = e.code(), "mailbox poll failed"),
                        }
                        Duration::from_secs(config.poll_seconds.max(30) as u64)
                    }
                    _ => IDLE_RECHECK,
                },
                Err(e) => {
                    tracing::warn!(code = e.code(), "mailbox status unreadable");
                    IDLE_RECHECK
                }
            };
            std::thread::sleep(wait);
        });
    if let Err(e) = spawned {
        tracing::error!(error = %e, "mailbox poller could not start");
    }
}

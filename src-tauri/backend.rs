//! The one way every transport opens Carnet: the window, `carnet call`, `carnet serve`, the
//! webhook and the other CLI commands get the same database handling and the same secret store
//! (the OS keyring, probed when a secret is first needed, or CARNET_SECRET_* variables where
//! no keyring answers). The CLI also honours `CARNET_NOW`.

use carnet_core::kernel::clock::FixedClock;
use carnet_core::{App, CoreError};
use std::path::Path;
use std::sync::Arc;

pub fn open(db: &Path) -> Result<App, CoreError> {
    let secrets = Arc::new(crate::keyring_store::OsSecrets::new());
    Ok(App::open(db)?.with_secrets(secrets))
}

/// For the CLI: `CARNET_NOW` (RFC 3339) sets the clock of the command, so that support and tests
/// can replay a scenario (a lead on Friday at 18:00, a call on Monday at 9:10) and read what
/// follows. Without it, the system clock.
pub fn open_cli(db: &Path) -> Result<App, CoreError> {
    let Some(now) = std::env::var("CARNET_NOW")
        .ok()
        .filter(|v| !v.trim().is_empty())
    else {
        return open(db);
    };
    let at = chrono::DateTime::parse_from_rfc3339(now.trim())
        .map_err(|_| {
            CoreError::invalid(
                "CARNET_NOW",
                format!("CARNET_NOW invalide : « {now} » (attendu RFC 3339, par exemple 2026-11-27T18:00:00+01:00)."),
            )
        })?
        .with_timezone(&chrono::Utc);
    let secrets = Arc::new(crate::keyring_store::OsSecrets::new());
    Ok(App::open_with_clock(db, Arc::new(FixedClock::new(at)))?.with_secrets(secrets))
}

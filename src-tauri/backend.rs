//! The one way every transport opens Carnet: the window, `carnet call`, `carnet serve`, the
//! webhook and the other CLI commands get the same database handling and the same secret store
//! (the OS keyring, probed when a secret is first needed, or CARNET_SECRET_* variables where
//! no keyring answers).

use carnet_core::{App, CoreError};
use std::path::Path;

pub fn open(db: &Path) -> Result<App, CoreError> {
    let secrets = std::sync::Arc::new(crate::keyring_store::OsSecrets::new());
    Ok(App::open(db)?.with_secrets(secrets))
}

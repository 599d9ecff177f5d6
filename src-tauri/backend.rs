//! The one way every transport opens Carnet: the window, `carnet call`, `carnet serve`, the
//! webhook and the other CLI commands get the same database handling and the same secret store
//! (the OS keyring, or CARNET_SECRET_* variables where no keyring answers).

use carnet_core::{App, CoreError};
use std::path::Path;

pub fn open(db: &Path) -> Result<App, CoreError> {
    Ok(App::open(db)?.with_secrets(crate::keyring_store::KeyringSecrets::detect()))
}

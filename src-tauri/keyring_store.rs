//! Secrets in the OS keyring. When no keyring answers (a headless server), Carnet says so and
//! falls back to environment variables (`CARNET_SECRET_…`), never to the database.

use carnet_core::kernel::secrets::{EnvSecrets, Secrets};
use carnet_core::{CoreError, Result};

pub struct KeyringSecrets;

const SERVICE: &str = "fr.carnet.app";

impl KeyringSecrets {
    /// The keyring when one answers, else the environment (logged once).
    pub fn detect() -> std::sync::Arc<dyn Secrets> {
        match keyring::Entry::new(SERVICE, "probe").and_then(|e| e.get_password()) {
            Ok(_) | Err(keyring::Error::NoEntry) => std::sync::Arc::new(KeyringSecrets),
            Err(e) => {
                tracing::warn!(error = %e, "no OS keyring available; secrets come from CARNET_SECRET_* variables");
                std::sync::Arc::new(EnvSecrets)
            }
        }
    }
}

/// The store every transport uses: the keyring is probed the first time a secret is needed,
/// so that commands that need none neither wait for it nor warn about it.
pub struct OsSecrets(std::sync::OnceLock<std::sync::Arc<dyn Secrets>>);

impl OsSecrets {
    pub fn new() -> Self {
        OsSecrets(std::sync::OnceLock::new())
    }

    fn store(&self) -> &dyn Secrets {
        self.0.get_or_init(KeyringSecrets::detect).as_ref()
    }
}

impl Secrets for OsSecrets {
    fn get(&self, key: &str) -> Result<Option<String>> {
        self.store().get(key)
    }

    fn set(&self, key: &str, value: &str) -> Result<()> {
        self.store().set(key, value)
    }

    fn backend(&self) -> &'static str {
        self.store().backend()
    }
}

fn keyring_error(e: keyring::Error) -> CoreError {
    CoreError::Unavailable {
        component: "Trousseau de mots de passe",
        message: format!("indisponible ({e})."),
    }
}

impl Secrets for KeyringSecrets {
    fn get(&self, key: &str) -> Result<Option<String>> {
        match keyring::Entry::new(SERVICE, key).and_then(|e| e.get_password()) {
            Ok(v) => Ok(Some(v)),
            Err(keyring::Error::NoEntry) => EnvSecrets.get(key),
            Err(e) => Err(keyring_error(e)),
        }
    }

    fn set(&self, key: &str, value: &str) -> Result<()> {
        keyring::Entry::new(SERVICE, key)
            .and_then(|e| e.set_password(value))
            .map_err(keyring_error)
    }

    fn backend(&self) -> &'static str {
        "trousseau du système"
    }
}

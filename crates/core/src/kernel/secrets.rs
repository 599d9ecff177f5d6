//! Secrets (mailbox and SMTP passwords) never go to the database or the logs. The window stores
//! them in the OS keyring; without one (headless server, CI) they come from the environment.

use crate::kernel::error::{CoreError, Result};

pub trait Secrets: Send + Sync {
    fn get(&self, key: &str) -> Result<Option<String>>;
    fn set(&self, key: &str, value: &str) -> Result<()>;
    /// Shown to the user: where the secret lives.
    fn backend(&self) -> &'static str;
}

/// Secrets from environment variables: `CARNET_SECRET_<KEY>` (key upper-cased, non-alphanumerics as `_`).
pub struct EnvSecrets;

pub fn env_name(key: &str) -> String {
    let k: String = key
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_uppercase()
            } else {
                '_'
            }
        })
        .collect();
    format!("CARNET_SECRET_{k}")
}

impl Secrets for EnvSecrets {
    fn get(&self, key: &str) -> Result<Option<String>> {
        Ok(std::env::var(env_name(key)).ok().filter(|v| !v.is_empty()))
    }

    fn set(&self, key: &str, _value: &str) -> Result<()> {
        Err(CoreError::Unavailable {
            component: "Trousseau de mots de passe",
            message: format!(
                "aucun trousseau n'est disponible sur ce poste, le mot de passe ne peut pas être enregistré. \
                 Définissez la variable d'environnement {} ou ouvrez une session de bureau.",
                env_name(key)
            ),
        })
    }

    fn backend(&self) -> &'static str {
        "environnement"
    }
}

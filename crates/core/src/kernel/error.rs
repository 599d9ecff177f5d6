//! Errors of the core. They cross the IPC (Tauri, HTTP, CLI `--json`) as `{code, message, field}`:
//! `code` is stable for programs, `message` is French for the user, `field` names the form field at fault.

use serde::Serialize;
use ts_rs::TS;

pub type Result<T, E = CoreError> = std::result::Result<T, E>;

/// What a failure means for the user, and how loudly it is logged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// A business rule or the user's input refused it: nothing to repair (logged at info).
    Refused,
    /// A component is unavailable (network server, keyring, locked or unreadable database):
    /// retry later or check the set-up (logged at warn).
    Unavailable,
    /// A bug or an unexpected failure (logged at error).
    Internal,
}

impl ErrorKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Refused => "refused",
            ErrorKind::Unavailable => "unavailable",
            ErrorKind::Internal => "internal",
        }
    }
}

/// Every code a command may answer, with its kind: the UI gets this table through the bindings.
pub const ERROR_CODES: &[(&str, ErrorKind)] = &[
    ("invalid", ErrorKind::Refused),
    ("not_found", ErrorKind::Refused),
    ("refused", ErrorKind::Refused),
    ("forbidden", ErrorKind::Refused),
    ("unauthenticated", ErrorKind::Refused),
    ("locked", ErrorKind::Refused),
    ("unavailable", ErrorKind::Unavailable),
    ("db_busy", ErrorKind::Unavailable),
    ("db_corrupt", ErrorKind::Unavailable),
    ("db_too_new", ErrorKind::Unavailable),
    ("unknown_command", ErrorKind::Internal),
    ("bad_arguments", ErrorKind::Internal),
    ("db_error", ErrorKind::Internal),
    ("io_error", ErrorKind::Internal),
    ("internal", ErrorKind::Internal),
];

#[derive(Debug, thiserror::Error)]
pub enum CoreError {
    /// A user input is invalid; `message` is already French and says what to do.
    #[error("{message}")]
    Invalid {
        /// The form field at fault: a field name, or `part.field` inside a form of several
        /// parts (the set-up wizard's `garage.siret`).
        field: Option<std::borrow::Cow<'static, str>>,
        message: String,
    },
    #[error("{what} introuvable")]
    NotFound { what: &'static str },
    /// The action is not allowed in the current state (e.g. closing as perdu without a reason).
    #[error("{0}")]
    Refused(String),
    /// The acting user's role does not allow the action.
    #[error("{0}")]
    Forbidden(String),
    /// A component Carnet relies on does not answer (IMAP or SMTP server, OS keyring…);
    /// `message` is French and says what to check.
    #[error("{component} : {message}")]
    Unavailable {
        component: &'static str,
        message: String,
    },
    /// No signed-in session (or it ended): sign in again.
    #[error("session absente ou terminée")]
    Unauthenticated,
    /// The session locked after the idle time: the same user types their password again.
    #[error("session verrouillée")]
    Locked,
    /// A failure inside Carnet (a worker thread stopped…): logged as an error.
    #[error("erreur interne : {0}")]
    Internal(String),
    #[error("commande inconnue : {0}")]
    UnknownCommand(String),
    #[error("arguments invalides : {0}")]
    BadArguments(String),
    #[error("la base de données est utilisée par un autre programme")]
    DatabaseBusy,
    #[error("fichier de base de données endommagé ou non reconnu : {path}")]
    DatabaseCorrupt { path: String },
    #[error("base de données écrite par une version plus récente de Carnet (schéma {found}, pris en charge : {supported})")]
    DatabaseTooNew { found: i64, supported: i64 },
    #[error("erreur de base de données : {0}")]
    Database(rusqlite::Error),
    #[error("erreur de fichier : {0}")]
    Io(#[from] std::io::Error),
}

impl CoreError {
    pub fn invalid(field: &'static str, message: impl Into<String>) -> Self {
        CoreError::Invalid {
            field: Some(std::borrow::Cow::Borrowed(field)),
            message: message.into(),
        }
    }

    /// The same error with its field named inside `part` ("siret" → "garage.siret").
    pub fn within(self, part: &str) -> CoreError {
        match self {
            CoreError::Invalid {
                field: Some(field),
                message,
            } => CoreError::Invalid {
                field: Some(std::borrow::Cow::Owned(format!("{part}.{field}"))),
                message,
            },
            other => other,
        }
    }

    /// Stable machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            CoreError::Invalid { .. } => "invalid",
            CoreError::NotFound { .. } => "not_found",
            CoreError::Refused(_) => "refused",
            CoreError::Forbidden(_) => "forbidden",
            CoreError::Unavailable { .. } => "unavailable",
            CoreError::Internal(_) => "internal",
            CoreError::Unauthenticated => "unauthenticated",
            CoreError::Locked => "locked",
            CoreError::UnknownCommand(_) => "unknown_command",
            CoreError::BadArguments(_) => "bad_arguments",
            CoreError::DatabaseBusy => "db_busy",
            CoreError::DatabaseCorrupt { .. } => "db_corrupt",
            CoreError::DatabaseTooNew { .. } => "db_too_new",
            CoreError::Database(_) => "db_error",
            CoreError::Io(_) => "io_error",
        }
    }

    pub fn kind(&self) -> ErrorKind {
        let code = self.code();
        ERROR_CODES
            .iter()
            .find(|(c, _)| *c == code)
            .map_or(ErrorKind::Internal, |(_, k)| *k)
    }

    /// Logs the failure of `command` at the level its kind deserves (never with personal data:
    /// a refusal is logged without its message).
    pub fn log(&self, command: &str) {
        match self.kind() {
            ErrorKind::Refused => tracing::info!(command, code = self.code(), "command refused"),
            ErrorKind::Unavailable => {
                tracing::warn!(command, code = self.code(), error = %self, "component unavailable")
            }
            ErrorKind::Internal => {
                tracing::error!(command, code = self.code(), error = %self, "command failed")
            }
        }
    }

    /// The French message shown to the user: what happened and what to do.
    pub fn user_message(&self) -> String {
        match self {
            CoreError::Invalid { message, .. }
            | CoreError::Refused(message)
            | CoreError::Forbidden(message) => message.clone(),
            CoreError::Unavailable { component, message } => format!("{component} : {message}"),
            CoreError::Unauthenticated => "Votre session est terminée : connectez-vous.".into(),
            CoreError::Locked => "Session verrouillée après une période d'inactivité : saisissez votre mot de passe.".into(),
            CoreError::Internal(detail) => format!(
                "Erreur interne de Carnet ({detail}). Rien n'a été enregistré ; réessayez, et contactez le support si cela persiste."
            ),
            CoreError::NotFound { what } => format!("{what} introuvable : il a peut-être été supprimé ou le code est erroné."),
            CoreError::UnknownCommand(name) => format!("Commande inconnue : « {name} »."),
            CoreError::BadArguments(detail) => format!("Données envoyées invalides ({detail})."),
            CoreError::DatabaseBusy => {
                "La base de données est occupée par un autre programme. Réessayez dans un instant ; si cela persiste, fermez les autres fenêtres de Carnet.".into()
            }
            CoreError::DatabaseCorrupt { path } => format!(
                "Le fichier {path} est endommagé ou n'est pas une base Carnet. Il n'a pas été modifié : restaurez une sauvegarde ou contactez le support."
            ),
            CoreError::DatabaseTooNew { found, supported } => format!(
                "Cette base a été écrite par une version plus récente de Carnet (schéma {found}, cette version gère jusqu'au schéma {supported}). Mettez Carnet à jour ; la base n'a pas été modifiée."
            ),
            CoreError::Database(_) => "Erreur inattendue de la base de données. L'opération a été annulée et rien n'a été enregistré.".into(),
            CoreError::Io(e) => format!("Erreur de lecture ou d'écriture de fichier : {e}."),
        }
    }

    pub fn to_api(&self) -> ApiError {
        let field = match self {
            CoreError::Invalid { field, .. } => field.as_ref().map(|f| f.to_string()),
            _ => None,
        };
        ApiError {
            code: self.code().to_string(),
            message: self.user_message(),
            field,
        }
    }
}

impl From<rusqlite::Error> for CoreError {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode;
        match e.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => CoreError::DatabaseBusy,
            Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase) => {
                CoreError::DatabaseCorrupt {
                    path: String::new(),
                }
            }
            _ => CoreError::Database(e),
        }
    }
}

/// The error as it crosses the IPC.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize, TS)]
pub struct ApiError {
    pub code: String,
    pub message: String,
    pub field: Option<String>,
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl From<CoreError> for ApiError {
    fn from(e: CoreError) -> Self {
        e.to_api()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_field_error_serialises_with_code_message_and_field() {
        let e = CoreError::invalid("phone", "Numéro de téléphone invalide : « 12 ».");
        let json = serde_json::to_value(e.to_api()).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"code": "invalid", "field": "phone", "message": "Numéro de téléphone invalide : « 12 »."})
        );
    }

    #[test]
    fn too_new_database_message_is_french_and_says_what_to_do() {
        let api = CoreError::DatabaseTooNew {
            found: 9,
            supported: 2,
        }
        .to_api();
        assert_eq!(api.code, "db_too_new");
        assert!(
            api.message.contains("Mettez Carnet à jour"),
            "{}",
            api.message
        );
        assert_eq!(api.field, None);
    }

    #[test]
    fn every_code_has_a_kind_and_kinds_separate_refusals_from_outages() {
        let unavailable = CoreError::Unavailable {
            component: "Serveur d'envoi",
            message: "connexion refusée".into(),
        };
        assert_eq!(unavailable.code(), "unavailable");
        assert_eq!(unavailable.kind(), ErrorKind::Unavailable);
        assert_eq!(CoreError::Refused("non".into()).kind(), ErrorKind::Refused);
        assert_eq!(
            CoreError::Forbidden("non".into()).kind(),
            ErrorKind::Refused
        );
        assert_eq!(CoreError::DatabaseBusy.kind(), ErrorKind::Unavailable);
        assert_eq!(CoreError::Internal("x".into()).kind(), ErrorKind::Internal);
        let codes: Vec<&str> = ERROR_CODES.iter().map(|(c, _)| *c).collect();
        let mut unique = codes.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(codes.len(), unique.len(), "a code listed twice");
        let every_variant = [
            CoreError::invalid("f", "m"),
            CoreError::NotFound { what: "Lead" },
            CoreError::Refused("m".into()),
            CoreError::Forbidden("m".into()),
            unavailable,
            CoreError::Internal("m".into()),
            CoreError::Unauthenticated,
            CoreError::Locked,
            CoreError::UnknownCommand("x".into()),
            CoreError::BadArguments("x".into()),
            CoreError::DatabaseBusy,
            CoreError::DatabaseCorrupt { path: "p".into() },
            CoreError::DatabaseTooNew {
                found: 9,
                supported: 2,
            },
            CoreError::Database(rusqlite::Error::InvalidQuery),
            CoreError::Io(std::io::Error::other("x")),
        ];
        for e in &every_variant {
            assert!(
                codes.contains(&e.code()),
                "{} is not in ERROR_CODES",
                e.code()
            );
        }
    }

    #[test]
    fn sqlite_busy_maps_to_db_busy() {
        let e = rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error {
                code: rusqlite::ErrorCode::DatabaseBusy,
                extended_code: 5,
            },
            None,
        );
        assert_eq!(CoreError::from(e).code(), "db_busy");
    }
}

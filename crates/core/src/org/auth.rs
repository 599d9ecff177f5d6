//! Sign-in: passwords (and PINs where the garage allows them) as argon2id hashes, sessions that
//! lock after an idle time, failures slowed down, each recorded in the journal.

use crate::kernel::app::App;
use crate::kernel::clock;
use crate::kernel::error::{CoreError, Result};
use crate::kernel::session::SessionState;
use crate::kernel::settings::{self, DEMO_PASSWORD, IDLE_LOCK_MINUTES, PIN_ALLOWED};
use crate::org::audit;
use crate::org::users::{self, Role, User};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use chrono::Duration;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Failures in a row accepted at full speed; each one after waits twice as long.
const FREE_FAILURES: i64 = 3;
const FIRST_DELAY_S: i64 = 5;
const MAX_DELAY_S: i64 = 300;
const MIN_PASSWORD_CHARS: usize = 8;
const MAX_SECRET_CHARS: usize = 200;

/// The argon2id hash (PHC string) of a password or PIN.
pub(crate) fn hash_secret(secret: &str) -> Result<String> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes)
        .map_err(|e| CoreError::Internal(format!("aléa du système indisponible : {e}")))?;
    let salt = SaltString::encode_b64(&bytes)
        .map_err(|e| CoreError::Internal(format!("sel du mot de passe : {e}")))?;
    Argon2::default()
        .hash_password(secret.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| CoreError::Internal(format!("hachage du mot de passe : {e}")))
}

fn verify_secret(secret: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .map(|h| {
            Argon2::default()
                .verify_password(secret.as_bytes(), &h)
                .is_ok()
        })
        .unwrap_or(false)
}

/// A password a garage can rely on: 8 characters or more, letters and digits, not the user's
/// name or e-mail.
pub(crate) fn check_password(
    field: &'static str,
    password: &str,
    user_words: &[&str],
) -> Result<()> {
    let chars = password.chars().count();
    if password.trim().is_empty() {
        return Err(CoreError::invalid(field, "Saisissez un mot de passe."));
    }
    if chars > MAX_SECRET_CHARS {
        return Err(CoreError::invalid(
            field,
            "Mot de passe trop long (200 caractères au plus).",
        ));
    }
    let letters = password.chars().any(char::is_alphabetic);
    let digits = password.chars().any(|c| c.is_ascii_digit());
    if chars < MIN_PASSWORD_CHARS || !letters || !digits {
        return Err(CoreError::invalid(
            field,
            format!("Mot de passe trop faible : {MIN_PASSWORD_CHARS} caractères au moins, avec des lettres et des chiffres."),
        ));
    }
    let lower = password.to_lowercase();
    if user_words
        .iter()
        .flat_map(|w| w.split(|c: char| c.is_whitespace() || c == '@' || c == '.'))
        .map(str::to_lowercase)
        .any(|w| w.chars().count() >= 3 && lower.contains(&w))
    {
        return Err(CoreError::invalid(
            field,
            "Le mot de passe ne doit pas contenir votre nom ni votre e-mail.",
        ));
    }
    Ok(())
}

/// A PIN: 4 to 6 digits, not all the same.
pub(crate) fn check_pin(pin: &str) -> Result<()> {
    let ok = (4..=6).contains(&pin.len())
        && pin.chars().all(|c| c.is_ascii_digit())
        && pin.chars().collect::<std::collections::BTreeSet<_>>().len() > 1;
    if ok {
        Ok(())
    } else {
        Err(CoreError::invalid(
            "pin",
            "Code PIN : 4 à 6 chiffres, pas tous identiques.",
        ))
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct SignInUser {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub role: Role,
    /// The user has a PIN (and the garage allows PINs).
    pub has_pin: bool,
}

/// What the window needs before anyone signs in.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct AuthStatus {
    /// No one can sign in yet: the set-up wizard opens.
    pub needs_setup: bool,
    /// The database is empty: the wizard may offer the demo instead.
    pub can_seed_demo: bool,
    /// Sites exist already (a database from an older Carnet): the wizard skips the site step.
    pub has_sites: bool,
    /// On a demo database, the demo users' password (shown on the sign-in screen).
    pub demo_password: Option<String>,
    pub pin_allowed: bool,
    /// Active users who can sign in, for the "who are you" list.
    pub users: Vec<SignInUser>,
}

#[derive(Clone, Serialize, Deserialize, TS)]
pub struct SignInInput {
    /// E-mail or name.
    pub login: String,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub password: Option<String>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub pin: Option<String>,
}

#[derive(Clone, Serialize, Deserialize, TS)]
pub struct SignedIn {
    /// Sent with every command of this window.
    pub token: String,
    pub user: User,
}

#[derive(Clone, Serialize, Deserialize, TS)]
pub struct SessionInput {
    pub token: String,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub password: Option<String>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub pin: Option<String>,
}

#[derive(Clone, Serialize, Deserialize, TS)]
pub struct PasswordChange {
    pub current: String,
    pub new: String,
}

#[derive(Clone, Serialize, Deserialize, TS)]
pub struct PinInput {
    /// 4 to 6 digits; null removes the PIN.
    pub pin: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AuthSettings {
    pub pin_allowed: bool,
    /// Minutes without activity before a session locks; 0: never.
    pub idle_lock_minutes: u32,
}

struct Credentials {
    id: i64,
    name: String,
    password_hash: Option<String>,
    pin_hash: Option<String>,
    failed: i64,
    retry_after: Option<String>,
}

fn find_login(conn: &Connection, login: &str) -> Result<Option<Credentials>> {
    let login = login.trim();
    Ok(conn
        .query_row(
            "SELECT id, name, password_hash, pin_hash, failed_logins, retry_after FROM users
             WHERE active = 1 AND (email = lower(?1) OR name = ?1 COLLATE NOCASE) ORDER BY id LIMIT 1",
            [login],
            |r| {
                Ok(Credentials {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    password_hash: r.get(2)?,
                    pin_hash: r.get(3)?,
                    failed: r.get(4)?,
                    retry_after: r.get(5)?,
                })
            },
        )
        .optional()?)
}

/// The idle time after which sessions lock, None for never.
pub(crate) fn idle_lock(conn: &Connection) -> Result<Option<Duration>> {
    let minutes = settings::get(conn, &IDLE_LOCK_MINUTES)?;
    Ok((minutes > 0).then(|| Duration::minutes(i64::from(minutes))))
}

const WRONG: &str = "Identifiant ou mot de passe incorrect.";

impl App {
    pub fn auth_status(&self, _: crate::kernel::app::Empty) -> Result<AuthStatus> {
        let conn = self.conn()?;
        let pin_allowed = settings::get(&conn, &PIN_ALLOWED)?;
        let users = conn
            .prepare_cached(
                "SELECT id, name, email, role, pin_hash IS NOT NULL FROM users
                 WHERE active = 1 AND password_hash IS NOT NULL ORDER BY name",
            )?
            .query_map([], |r| {
                let role: String = r.get(3)?;
                Ok(SignInUser {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    email: r.get(2)?,
                    role: Role::parse(&role).unwrap_or(Role::Vendeur),
                    has_pin: pin_allowed && r.get::<_, bool>(4)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let empty: bool = conn.query_row(
            "SELECT NOT EXISTS(SELECT 1 FROM users) AND NOT EXISTS(SELECT 1 FROM leads)",
            [],
            |r| r.get(0),
        )?;
        let has_sites: bool =
            conn.query_row("SELECT EXISTS(SELECT 1 FROM sites)", [], |r| r.get(0))?;
        Ok(AuthStatus {
            needs_setup: users.is_empty(),
            can_seed_demo: empty,
            has_sites,
            demo_password: settings::get(&conn, &DEMO_PASSWORD)?,
            pin_allowed,
            users,
        })
    }

    /// Checks a password or PIN for `login` with the slow-down rule; Ok(user id) when right.
    fn check_credentials(
        &self,
        login: &str,
        password: Option<&str>,
        pin: Option<&str>,
    ) -> Result<i64> {
        // A hostile window could send megabytes: nothing that long is hashed or looked up.
        let too_long = |s: Option<&str>| s.is_some_and(|s| s.chars().count() > MAX_SECRET_CHARS);
        if login.chars().count() > MAX_SECRET_CHARS || too_long(password) || too_long(pin) {
            return Err(CoreError::Refused(WRONG.into()));
        }
        let conn = self.conn()?;
        let now = self.now();
        let now_text = clock::to_text(now);
        let Some(user) = find_login(&conn, login)? else {
            audit::record_as(
                &conn,
                &now_text,
                None,
                audit::kind::SIGN_IN_FAILED,
                &format!(
                    "Connexion refusée : identifiant inconnu « {} »",
                    login.chars().take(80).collect::<String>()
                ),
                None,
                None,
            )?;
            return Err(CoreError::Refused(WRONG.into()));
        };
        if let Some(wait) = user
            .retry_after
            .as_deref()
            .and_then(clock::parse)
            .filter(|t| *t > now)
        {
            let seconds = (wait - now).num_seconds().max(1);
            return Err(CoreError::Refused(format!(
                "Trop d'essais manqués : réessayez dans {seconds} s."
            )));
        }
        let pin_allowed = settings::get(&conn, &PIN_ALLOWED)?;
        let ok =
            match (
                password.filter(|p| !p.is_empty()),
                pin.filter(|p| !p.is_empty()),
            ) {
                (Some(p), _) => user
                    .password_hash
                    .as_deref()
                    .is_some_and(|h| verify_secret(p, h)),
                (None, Some(p)) if pin_allowed => user
                    .pin_hash
                    .as_deref()
                    .is_some_and(|h| verify_secret(p, h)),
                (None, Some(_)) => return Err(CoreError::Refused(
                    "La connexion par code PIN n'est pas autorisée : saisissez votre mot de passe."
                        .into(),
                )),
                (None, None) => {
                    return Err(CoreError::invalid(
                        "password",
                        "Saisissez votre mot de passe.",
                    ))
                }
            };
        if ok {
            conn.execute(
                "UPDATE users SET failed_logins = 0, retry_after = NULL WHERE id = ?1",
                [user.id],
            )?;
            return Ok(user.id);
        }
        let failed = user.failed + 1;
        let retry_after = (failed >= FREE_FAILURES).then(|| {
            let exp = u32::try_from((failed - FREE_FAILURES).min(16)).unwrap_or(16);
            let delay = (FIRST_DELAY_S * 2i64.pow(exp)).min(MAX_DELAY_S);
            clock::to_text(now + Duration::seconds(delay))
        });
        // The counter and its journal entry are saved together.
        let tx = conn.unchecked_transaction()?;
        tx.execute(
            "UPDATE users SET failed_logins = ?2, retry_after = ?3 WHERE id = ?1",
            params![user.id, failed, retry_after],
        )?;
        audit::record_as(
            &tx,
            &now_text,
            Some(user.id),
            audit::kind::SIGN_IN_FAILED,
            &format!(
                "Connexion refusée pour {} ({failed} échec(s) de suite)",
                user.name
            ),
            None,
            None,
        )?;
        tx.commit()?;
        Err(CoreError::Refused(WRONG.into()))
    }

    pub fn sign_in(&self, input: SignInInput) -> Result<SignedIn> {
        let id = self.check_credentials(
            &input.login,
            input.password.as_deref(),
            input.pin.as_deref(),
        )?;
        let conn = self.conn()?;
        let user = users::get(&conn, id)?;
        let token = self.sessions().open(id, self.now());
        if token.is_empty() {
            return Err(CoreError::Internal(
                "aléa du système indisponible pour la session".into(),
            ));
        }
        let how = if input.password.as_deref().is_some_and(|p| !p.is_empty()) {
            "mot de passe"
        } else {
            "code PIN"
        };
        audit::record_as(
            &conn,
            &clock::to_text(self.now()),
            Some(id),
            audit::kind::SIGN_IN,
            &format!("Connexion de {} ({how})", user.name),
            None,
            None,
        )?;
        Ok(SignedIn { token, user })
    }

    /// Unlocks a locked session with the same user's password or PIN.
    pub fn unlock(&self, input: SessionInput) -> Result<SignedIn> {
        let user_id = match self.sessions().state(&input.token) {
            SessionState::Active(id) | SessionState::Locked(id) => id,
            SessionState::Unknown => return Err(CoreError::Unauthenticated),
        };
        let conn = self.conn()?;
        let user = users::get(&conn, user_id)?;
        drop(conn);
        self.check_credentials(&user.email, input.password.as_deref(), input.pin.as_deref())?;
        self.sessions().unlock(&input.token, self.now());
        Ok(SignedIn {
            token: input.token,
            user,
        })
    }

    /// Locks the session at once ("Verrouiller"): the same user unlocks it.
    pub fn lock(&self, input: SessionInput) -> Result<crate::kernel::app::Empty> {
        self.sessions().lock(&input.token);
        Ok(crate::kernel::app::Empty {})
    }

    pub fn sign_out(&self, input: SessionInput) -> Result<crate::kernel::app::Empty> {
        self.sessions().close(&input.token);
        Ok(crate::kernel::app::Empty {})
    }

    /// The signed-in user changes their own password.
    pub fn password_change(&self, input: PasswordChange) -> Result<User> {
        let Some(me) = self.actor() else {
            return Err(CoreError::Refused(
                "Le compte système n'a pas de mot de passe.".into(),
            ));
        };
        let conn = self.conn()?;
        let user = users::get(&conn, me)?;
        drop(conn);
        // A wrong password shows on its field; a slowed attempt keeps its own message.
        self.check_credentials(&user.email, Some(&input.current), None)
            .map_err(|e| match e {
                CoreError::Refused(m) if m == WRONG => {
                    CoreError::invalid("current", "Mot de passe actuel incorrect.")
                }
                other => other,
            })?;
        check_password("new", &input.new, &[&user.name, &user.email])?;
        let hash = hash_secret(&input.new)?;
        self.write(|tx, ctx| {
            tx.execute(
                "UPDATE users SET password_hash = ?2, updated_at = ?3 WHERE id = ?1",
                params![me, hash, ctx.now_text],
            )?;
            audit::record(
                tx,
                ctx,
                audit::kind::PASSWORD,
                &format!("{} a changé son mot de passe", user.name),
                None,
                None,
            )?;
            users::get(tx, me)
        })
    }

    /// The signed-in user sets (or removes) their PIN.
    pub fn pin_set(&self, input: PinInput) -> Result<User> {
        let Some(me) = self.actor() else {
            return Err(CoreError::Refused(
                "Le compte système n'a pas de code PIN.".into(),
            ));
        };
        let hash = match input
            .pin
            .as_deref()
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            Some(pin) => {
                check_pin(pin)?;
                Some(hash_secret(pin)?)
            }
            None => None,
        };
        self.write(|tx, ctx| {
            let user = users::get(tx, me)?;
            tx.execute(
                "UPDATE users SET pin_hash = ?2, updated_at = ?3 WHERE id = ?1",
                params![me, hash, ctx.now_text],
            )?;
            let text = if hash.is_some() {
                "a défini son code PIN"
            } else {
                "a retiré son code PIN"
            };
            audit::record(
                tx,
                ctx,
                audit::kind::PASSWORD,
                &format!("{} {text}", user.name),
                None,
                None,
            )?;
            users::get(tx, me)
        })
    }

    pub fn auth_settings(&self, _: crate::kernel::app::Empty) -> Result<AuthSettings> {
        let conn = self.conn()?;
        Ok(AuthSettings {
            pin_allowed: settings::get(&conn, &PIN_ALLOWED)?,
            idle_lock_minutes: settings::get(&conn, &IDLE_LOCK_MINUTES)?,
        })
    }

    pub fn auth_settings_set(&self, s: AuthSettings) -> Result<AuthSettings> {
        if s.idle_lock_minutes > 24 * 60 {
            return Err(CoreError::invalid(
                "idle_lock_minutes",
                "Verrouillage : 1 440 minutes (24 h) au plus, ou 0 pour jamais.",
            ));
        }
        let before = self.auth_settings(crate::kernel::app::Empty {})?;
        self.write(|tx, ctx| {
            settings::set(tx, &PIN_ALLOWED, &s.pin_allowed)?;
            settings::set(tx, &IDLE_LOCK_MINUTES, &s.idle_lock_minutes)?;
            audit::record_change(
                tx,
                ctx,
                audit::kind::SETTINGS,
                "Réglages de connexion modifiés",
                &before,
                &s,
            )
        })?;
        self.auth_settings(crate::kernel::app::Empty {})
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_must_be_strong_enough_and_pins_short_digits() {
        assert!(check_password("p", "", &[]).is_err());
        assert!(check_password("p", "abcdefgh", &[]).is_err(), "no digit");
        assert!(check_password("p", "abc123", &[]).is_err(), "too short");
        assert!(check_password(
            "p",
            "Carnet2026x",
            &["Sandrine Morel", "sandrine.morel@x.fr"]
        )
        .is_ok());
        assert!(check_password(
            "p",
            "sandrine2026",
            &["Sandrine Morel", "sandrine.morel@x.fr"]
        )
        .is_err());
        assert!(
            check_password("p", "morel2026x", &["Morel"]).is_err(),
            "contains the name"
        );
        assert!(check_password("p", "Carnet-2026", &[]).is_ok());
        assert!(check_pin("4821").is_ok());
        assert!(check_pin("1111").is_err());
        assert!(check_pin("12a4").is_err());
        assert!(check_pin("1234567").is_err());
    }

    #[test]
    fn hashes_verify_only_their_secret() {
        let h = hash_secret("Carnet-2026").unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify_secret("Carnet-2026", &h));
        assert!(!verify_secret("carnet-2026", &h));
        assert!(!verify_secret("x", "not a hash"));
    }
}

crate::kernel::redact::debug_redacted!(SignInInput { login ; password, pin });

crate::kernel::redact::debug_redacted!(SignedIn { user ; token });

crate::kernel::redact::debug_redacted!(SessionInput {  ; token, password, pin });

crate::kernel::redact::debug_redacted!(PasswordChange {  ; current, new });

crate::kernel::redact::debug_redacted!(PinInput {  ; pin });

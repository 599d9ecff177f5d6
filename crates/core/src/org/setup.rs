//! The first run: an empty database opens the set-up wizard, which records the garage's
//! identity, its first site with opening hours and the administrator account, all at once.
//! Errors name their part and field (`garage.siret`, `site.hours`, `admin.password`) so that
//! the wizard shows them on the right step; `setup_check` checks one step without writing.

use crate::kernel::app::{App, Empty};
use crate::kernel::error::{CoreError, Result};
use crate::org::audit;
use crate::org::auth::{check_password, hash_secret, AuthStatus};
use crate::org::garage::{self, GarageIdentity};
use crate::org::site_admin::{self, SiteInput};
use crate::org::team::{self, CleanUser, UserInput};
use crate::org::users::Role;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct SetupInput {
    pub garage: GarageIdentity,
    /// The first site; None when the database already has sites (`AuthStatus.has_sites`).
    #[serde(default)]
    #[ts(optional = nullable)]
    pub site: Option<SiteInput>,
    /// The administrator (role forced to administrateur), with their password.
    pub admin: UserInput,
}

/// The wizard's steps, each checked on its own before the last one saves everything.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct SetupCheck {
    #[ts(optional = nullable)]
    pub garage: Option<GarageIdentity>,
    #[ts(optional = nullable)]
    pub site: Option<SiteInput>,
    #[ts(optional = nullable)]
    pub admin: Option<UserInput>,
}

struct CleanAdmin {
    user: CleanUser,
    password: String,
}

fn clean_admin(input: &UserInput) -> Result<CleanAdmin> {
    let user = team::clean(input).map_err(|e| e.within("admin"))?;
    let password = input.password.clone().unwrap_or_default();
    check_password("password", &password, &[&user.name, &user.email])
        .map_err(|e| e.within("admin"))?;
    Ok(CleanAdmin { user, password })
}

fn check_site(conn: &Connection, site: Option<&SiteInput>) -> Result<()> {
    match site {
        Some(site) => site_admin::clean(conn, site)
            .map(drop)
            .map_err(|e| e.within("site")),
        None => Ok(()),
    }
}

impl App {
    fn refuse_when_set_up(&self) -> Result<()> {
        if self.auth_status(Empty {})?.needs_setup {
            Ok(())
        } else {
            Err(CoreError::Refused(
                "Carnet est déjà configuré : connectez-vous, puis utilisez les Réglages.".into(),
            ))
        }
    }

    /// Checks the parts given (one step of the wizard) without writing anything.
    pub fn setup_check(&self, input: SetupCheck) -> Result<Empty> {
        self.refuse_when_set_up()?;
        if let Some(g) = &input.garage {
            garage::clean(g).map_err(|e| e.within("garage"))?;
        }
        check_site(&*self.conn()?, input.site.as_ref())?;
        if let Some(a) = &input.admin {
            clean_admin(a)?;
        }
        Ok(Empty {})
    }

    /// Runs only while no one can sign in: afterwards, administrators use the settings.
    pub fn setup(&self, input: SetupInput) -> Result<AuthStatus> {
        self.refuse_when_set_up()?;
        let identity = garage::clean(&input.garage).map_err(|e| e.within("garage"))?;
        let admin = clean_admin(&input.admin)?;
        check_site(&*self.conn()?, input.site.as_ref())?;
        let hash = hash_secret(&admin.password)?;
        self.write(|tx, ctx| {
            garage::save_identity(tx, ctx, &identity)?;
            let has_sites: bool =
                tx.query_row("SELECT EXISTS(SELECT 1 FROM sites)", [], |r| r.get(0))?;
            let site_id = match &input.site {
                Some(site) => Some(site_admin::save(tx, ctx, site).map_err(|e| e.within("site"))?.id),
                None if has_sites => None,
                None => {
                    return Err(CoreError::invalid("site", "Indiquez le premier site et ses horaires."))
                }
            };
            // An older Carnet's user with this e-mail (no password yet) becomes the administrator.
            let existing: Option<i64> = tx
                .query_row(
                    "SELECT id FROM users WHERE email = ?1 AND password_hash IS NULL",
                    [&admin.user.email],
                    |r| r.get(0),
                )
                .optional()?;
            let id = match existing {
                Some(id) => {
                    tx.execute(
                        "UPDATE users SET name = ?2, phone = ?3, role = 'administrateur', active = 1,
                                password_hash = ?4, site_id = coalesce(?5, site_id), updated_at = ?6 WHERE id = ?1",
                        params![id, admin.user.name, admin.user.phone, hash, site_id, ctx.now_text],
                    )?;
                    id
                }
                None => team::insert_user(tx, &admin.user, Role::Administrateur, site_id, Some(&hash), &ctx.now_text)
                    .map_err(|e| e.within("admin"))?,
            };
            let text = format!("Carnet configuré : {} ; administrateur {}", identity.legal_name, admin.user.name);
            audit::record_as(tx, &ctx.now_text, Some(id), audit::kind::SETUP, &text, None, None)?;
            Ok(())
        })?;
        self.auth_status(Empty {})
    }
}

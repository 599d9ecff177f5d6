//! The permission matrix: each command of the table declares its `Access`, checked here before
//! the command runs (a refusal is `forbidden` and nothing is written). The system account (CLI
//! without `--as`, background worker, webhook) may do everything.
//!
//! Reading is open to every signed-in user (a showroom team shares its leads); working a lead
//! belongs to its owner, to any vendeur for an unassigned lead of their site, to the hôtesses
//! (who qualify) and to the managers; closing or deleting a lead to its owner or a manager
//! (seed 002); settings to administrators, rules to managers.

use crate::kernel::app::App;
use crate::kernel::error::{CoreError, Result};
use crate::org::users::{self, Role, User, MANAGER_ROLES};
use rusqlite::{Connection, OptionalExtension};

pub const ADMIN: &[Role] = &[Role::Administrateur];
pub const MANAGERS: &[Role] = MANAGER_ROLES;
/// Who imports DMS files and edits the stock: the administrator and the sales manager.
pub const IMPORTERS: &[Role] = &[Role::Administrateur, Role::ChefDesVentes];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Before signing in: sign-in, unlock, set-up of an empty database.
    Public,
    /// Any signed-in user.
    SignedIn,
    /// Users with one of these roles.
    Roles(&'static [Role]),
    /// A lead's owner, any vendeur for an unassigned lead of their site, hôtesses, managers;
    /// for a task, its assignee too.
    LeadWork,
    /// Assigning a lead: hôtesses and managers; a vendeur takes an unassigned lead of their
    /// site for themselves.
    LeadAssign,
    /// Changing a lead's status, closing or deleting it: its owner or a manager.
    LeadClose,
    /// A user's own record (absence), or a manager.
    SelfOrManager,
}

impl Access {
    /// How the README's matrix states it.
    pub fn describe(self) -> String {
        let roles = |r: &[Role]| r.iter().map(|r| r.as_str()).collect::<Vec<_>>().join(", ");
        match self {
            Access::Public => "tout le monde (avant connexion)".into(),
            Access::SignedIn => "tout utilisateur connecté".into(),
            Access::Roles(r) => roles(r),
            Access::LeadWork => {
                "propriétaire du lead, vendeur du site si non assigné, hotesse, responsables".into()
            }
            Access::LeadAssign => {
                "hotesse, responsables ; un vendeur s'attribue un lead non assigné de son site"
                    .into()
            }
            Access::LeadClose => "propriétaire du lead, responsables".into(),
            Access::SelfOrManager => "l'utilisateur lui-même, responsables".into(),
        }
    }
}

/// What a command's arguments aim at, for the checks that depend on it.
pub trait Scope {
    /// The leads the command acts on (a contact's leads for a contact).
    fn leads(&self, _conn: &Connection) -> Result<Vec<i64>> {
        Ok(Vec::new())
    }
    /// The user the command acts on (own absence, own task).
    fn user(&self, _conn: &Connection) -> Result<Option<i64>> {
        Ok(None)
    }
    /// The user a lead is being assigned to.
    fn assignee(&self) -> Option<i64> {
        None
    }
}

fn forbidden(message: &str) -> CoreError {
    CoreError::Forbidden(message.to_string())
}

/// The acting user, who must still be active (None: the system account).
pub(crate) fn actor(app: &App, conn: &Connection) -> Result<Option<User>> {
    match app.actor() {
        None => Ok(None),
        Some(id) => {
            let user = users::get(conn, id).map_err(|_| CoreError::Unauthenticated)?;
            if !user.active {
                return Err(CoreError::Unauthenticated);
            }
            Ok(Some(user))
        }
    }
}

/// The checks that need no argument: roles. Runs before the arguments are read.
pub(crate) fn check_role(me: Option<&User>, access: Access) -> Result<()> {
    let Some(me) = me else {
        return Ok(());
    };
    match access {
        Access::Roles(roles) if !roles.contains(&me.role) => Err(forbidden(&format!(
            "Action réservée : {}. Demandez à un responsable ou à l'administrateur.",
            role_names(roles)
        ))),
        _ => Ok(()),
    }
}

fn role_names(roles: &[Role]) -> String {
    roles
        .iter()
        .map(|r| r.label())
        .collect::<Vec<_>>()
        .join(", ")
}

struct LeadOwner {
    owner: Option<i64>,
    site: i64,
}

fn lead_owner(conn: &Connection, lead_id: i64) -> Result<LeadOwner> {
    conn.query_row(
        "SELECT owner_id, site_id FROM leads WHERE id = ?1",
        [lead_id],
        |r| {
            Ok(LeadOwner {
                owner: r.get(0)?,
                site: r.get(1)?,
            })
        },
    )
    .optional()?
    .ok_or(CoreError::NotFound { what: "Lead" })
}

fn may_work(me: &User, lead: &LeadOwner) -> bool {
    me.role.is_manager()
        || me.role == Role::Hotesse
        || lead.owner == Some(me.id)
        || (lead.owner.is_none() && me.site_id.is_none_or(|s| s == lead.site))
}

/// The checks that depend on the arguments: ownership of the lead.
pub(crate) fn check_scope(
    conn: &Connection,
    me: Option<&User>,
    access: Access,
    scope: &dyn Scope,
) -> Result<()> {
    let Some(me) = me else {
        return Ok(());
    };
    match access {
        Access::LeadWork => {
            if scope.user(conn)? == Some(me.id) {
                return Ok(());
            }
            let leads = scope.leads(conn)?;
            if leads.is_empty() {
                return Ok(());
            }
            for lead in leads {
                if may_work(me, &lead_owner(conn, lead)?) {
                    return Ok(());
                }
            }
            Err(forbidden("Ce lead est suivi par un autre vendeur : demandez-lui, ou à un responsable, de vous l'attribuer."))
        }
        Access::LeadAssign => {
            if me.role.is_manager() || me.role == Role::Hotesse {
                return Ok(());
            }
            for lead in scope.leads(conn)? {
                let lead = lead_owner(conn, lead)?;
                let own_site = me.site_id.is_none_or(|s| s == lead.site);
                if !(lead.owner.is_none() && own_site && scope.assignee() == Some(me.id)) {
                    return Err(forbidden("Seuls l'hôtesse et les responsables attribuent les leads ; vous pouvez prendre un lead non assigné de votre site."));
                }
            }
            Ok(())
        }
        Access::LeadClose => {
            if me.role.is_manager() {
                return Ok(());
            }
            for lead in scope.leads(conn)? {
                if lead_owner(conn, lead)?.owner != Some(me.id) {
                    return Err(forbidden("Seul le propriétaire du lead ou un responsable peut changer son statut, le clôturer ou le supprimer."));
                }
            }
            Ok(())
        }
        Access::SelfOrManager => {
            if me.role.is_manager() || scope.user(conn)? == Some(me.id) {
                Ok(())
            } else {
                Err(forbidden(
                    "Vous ne pouvez modifier que votre propre fiche : demandez à un responsable.",
                ))
            }
        }
        Access::Public | Access::SignedIn | Access::Roles(_) => Ok(()),
    }
}

/// Arguments that aim at nothing in particular.
macro_rules! no_scope {
    ($($t:ty),+ $(,)?) => { $(impl Scope for $t {})+ };
}

/// Arguments that carry the id of the lead they act on.
macro_rules! lead_scope {
    ($($t:ty => $field:ident),+ $(,)?) => {
        $(impl Scope for $t {
            fn leads(&self, _conn: &Connection) -> Result<Vec<i64>> {
                Ok(vec![self.$field])
            }
        })+
    };
}

use super::*;

no_scope!(
    Empty,
    crate::kernel::backup::BackupSettings,
    crate::notify::outbox::OutboxQuery,
    crate::privacy::erase::EraseInput,
    crate::privacy::merge::ContactMergeInput,
    crate::privacy::bloctel::BloctelImportInput,
    crate::campaigns::CampaignInput,
    crate::campaigns::calls::CampaignCallsQuery,
    crate::campaigns::calls::CampaignCallLog,
    crate::privacy::retention::RetentionSettings,
    LeadQuery,
    LeadRef,
    NewLead,
    ContactMatchQuery,
    NotificationQuery,
    MarkReadInput,
    InboundQuery,
    InboundRef,
    InboundConvert,
    MailboxSetup,
    SmtpSetup,
    AgendaQuery,
    TodoQuery,
    DeactivateInput,
    FollowupSettings,
    RoutingRules,
    SignInInput,
    SessionInput,
    PasswordChange,
    PinInput,
    AuthSettings,
    GarageIdentity,
    LogoInput,
    SiteInput,
    UserInput,
    PasswordReset,
    JournalQuery,
    CloseReasonsInput,
    SetupInput,
    SetupCheck,
    SetupDemoInput,
    OfferQuery,
    OfferRef,
    OrderRef,
    ChecklistInput,
    MailTemplates,
    ReportFilter,
    ExportInput,
    StockQuery,
    StockRef,
    StockInput,
    CustomerQuery,
    ContactRef,
    ImportUpload,
    ImportPreviewInput,
    ImportRunInput,
    ImportProfile,
    RejectsFileInput,
);

lead_scope!(
    NoteInput => lead_id,
    StatusInput => lead_id,
    DeadlineInput => lead_id,
    ContactMadeInput => lead_id,
    QualifyInput => lead_id,
    CallInput => lead_id,
    LeadIdInput => lead_id,
    TradeInInput => lead_id,
    TestDriveInput => lead_id,
    OfferInput => lead_id,
    FileUpload => lead_id,
    DocumentMail => lead_id,
    MailDraftQuery => lead_id,
    StockAttach => lead_id,
    VoAlertInput => lead_id,
);

/// Arguments naming a deal document: the checks apply to the lead it belongs to.
macro_rules! document_scope {
    ($($t:ty => |$a:ident, $c:ident| $lead:expr),+ $(,)?) => {
        $(impl Scope for $t {
            fn leads(&self, $c: &Connection) -> Result<Vec<i64>> {
                let $a = self;
                Ok($lead?.into_iter().collect())
            }
        })+
    };
}

document_scope!(
    OfferStatusInput => |a, c| crate::documents::offer::lead_of(c, a.id),
    OrderInput => |a, c| crate::documents::offer::lead_of(c, a.offer_id),
    PdfRef => |a, c| crate::documents::lead_of(c, a.kind, a.id),
    FileRename => |a, c| crate::documents::files::lead_of(c, a.id),
    FileRef => |a, c| crate::documents::files::lead_of(c, a.id),
);

impl Scope for AssignInput {
    fn leads(&self, _conn: &Connection) -> Result<Vec<i64>> {
        Ok(vec![self.lead_id])
    }
    fn assignee(&self) -> Option<i64> {
        self.owner_id
    }
}

impl Scope for ContactUpdate {
    fn leads(&self, conn: &Connection) -> Result<Vec<i64>> {
        Ok(conn
            .prepare_cached(
                "SELECT id FROM leads WHERE contact_id = ?1 ORDER BY id DESC LIMIT 100",
            )?
            .query_map([self.id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?)
    }
}

impl Scope for TaskInput {
    fn leads(&self, _conn: &Connection) -> Result<Vec<i64>> {
        Ok(self.lead_id.into_iter().collect())
    }
}

fn task_scope(conn: &Connection, id: i64) -> Result<(Option<i64>, Option<i64>)> {
    Ok(conn
        .query_row(
            "SELECT lead_id, assignee_id FROM tasks WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .unwrap_or((None, None)))
}

impl Scope for TaskMove {
    fn leads(&self, conn: &Connection) -> Result<Vec<i64>> {
        Ok(task_scope(conn, self.id)?.0.into_iter().collect())
    }
    fn user(&self, conn: &Connection) -> Result<Option<i64>> {
        Ok(task_scope(conn, self.id)?.1)
    }
}

impl Scope for TaskDone {
    fn leads(&self, conn: &Connection) -> Result<Vec<i64>> {
        Ok(task_scope(conn, self.id)?.0.into_iter().collect())
    }
    fn user(&self, conn: &Connection) -> Result<Option<i64>> {
        Ok(task_scope(conn, self.id)?.1)
    }
}

impl Scope for AbsenceInput {
    fn user(&self, _conn: &Connection) -> Result<Option<i64>> {
        Ok(Some(self.user_id))
    }
}

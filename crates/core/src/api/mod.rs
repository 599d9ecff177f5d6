//! The command table: each command's name, argument type and result type, declared once.
//! It gives the JSON dispatcher used by every transport and the typed TypeScript client map.

mod access;
mod session;
mod views;

pub use access::{Access, Scope};
pub use views::{LeadCounters, LeadDetail, Meta};

// Every argument and result type of the table: `use carnet_core::api::*` is what a transport needs.
pub use crate::campaigns::calls::{CampaignCall, CampaignCallLog, CampaignCallsQuery};
pub use crate::campaigns::{Campaign, CampaignInput, CampaignPreview};
pub use crate::dev::demo::SetupDemoInput;
pub use crate::dms::alerts::{VoAlert, VoAlertInput};
pub use crate::dms::customers::{ContactRef, CustomerFile, CustomerPage, CustomerQuery};
pub use crate::dms::import::mapping::ImportProfile;
pub use crate::dms::import::run::{ImportPreview, ImportProgress, ImportSummary};
pub use crate::dms::import::upload::{
    ImportPreviewInput, ImportRunInput, ImportUpload, RejectsFile, RejectsFileInput, UploadState,
};
pub use crate::dms::stock::{
    StockAttach, StockInput, StockPage, StockQuery, StockRef, StockVehicle,
};
pub use crate::documents::files::{FileContent, FileRef, FileRename, FileUpload, LeadFile};
pub use crate::documents::mailing::{
    DocumentMail, MailDraft, MailDraftQuery, MailTemplates, SentMail,
};
pub use crate::documents::offer::{Offer, OfferInput, OfferQuery, OfferRef, OfferStatusInput};
pub use crate::documents::order::{Order, OrderInput, OrderRef};
pub use crate::documents::testdrive::{TestDrive, TestDriveInput};
pub use crate::documents::tradein::{ChecklistInput, TradeIn, TradeInDraft, TradeInInput};
pub use crate::documents::{LeadDeals, PdfRef};
pub use crate::followup::calls::{CallInput, CallResult};
pub use crate::followup::digest::DigestReport;
pub use crate::followup::escalation::EscalationReport;
pub use crate::followup::settings::FollowupSettings;
pub use crate::followup::tasks::{
    Agenda, AgendaQuery, Task, TaskDone, TaskInput, TaskMove, TodoList, TodoQuery,
};
pub use crate::intake::imap::{MailboxSetup, MailboxStatus, PollReport};
pub use crate::intake::quarantine::{
    InboundConvert, InboundDetail, InboundItem, InboundPage, InboundQuery, InboundRef, IntakeCounts,
};
pub use crate::kernel::app::{App, Empty};
pub use crate::kernel::backup::{BackupFile, BackupSettings, BackupStatus};
use crate::kernel::error::{ApiError, CoreError};
pub use crate::leads::closing::{CloseReason, CloseReasonsInput};
pub use crate::leads::commands::{
    ContactMadeInput, ContactMatchQuery, ContactUpdate, DeadlineInput, LeadRef, NoteInput,
    QualifyInput, StatusInput,
};
pub use crate::leads::consent::ConsentEvent;
pub use crate::leads::contact::Contact;
pub use crate::leads::lead::{Lead, NewLead};
pub use crate::leads::list::{LeadPage, LeadQuery};
pub use crate::leads::referential::MakeModels;
pub use crate::leads::timeline::Event;
pub use crate::leads::trash::{LeadIdInput, TrashItem};
pub use crate::notify::inapp::{MarkReadInput, NotificationList, NotificationQuery};
pub use crate::notify::outbox::{OutboxItem, OutboxQuery, SendReport, SmtpSetup, SmtpStatus};
pub use crate::org::absences::AbsenceInput;
pub use crate::org::audit::{JournalPage, JournalQuery};
pub use crate::org::auth::{
    AuthSettings, AuthStatus, PasswordChange, PinInput, SessionInput, SignInInput, SignedIn,
};
pub use crate::org::garage::{Garage, GarageIdentity, Logo, LogoInput};
pub use crate::org::setup::{SetupCheck, SetupInput};
pub use crate::org::site_admin::{SiteDetail, SiteInput};
pub use crate::org::team::{PasswordReset, UserInput};
use crate::org::users::MANAGER_ROLES;
pub use crate::org::users::{Role, User};
pub use crate::privacy::bloctel::{BloctelImportInput, BloctelReport, BloctelStatus};
pub use crate::privacy::erase::{EraseInput, EraseReport};
pub use crate::privacy::export::ContactExport;
pub use crate::privacy::merge::{ContactMergeInput, ContactMergeReport, DuplicateCandidate};
pub use crate::privacy::retention::{RetentionInput, RetentionReport, RetentionSettings};
pub use crate::reports::dashboard::Dashboard;
pub use crate::reports::export::{ExportDone, ExportInput};
pub use crate::reports::kpi::KpiReport;
pub use crate::reports::sales::SalesReport;
pub use crate::reports::ReportFilter;
pub use crate::routing::handover::DeactivateInput;
pub use crate::routing::reassign::AssignInput;
pub use crate::routing::rules::RoutingRules;
use access::{Access::*, ADMIN, IMPORTERS, MANAGERS};
use serde_json::Value;
use ts_rs::TS;

macro_rules! commands {
    ($($name:ident($args:ty) -> $result:ty : $access:expr $(, $effect:ident)*;)+) => {
        /// Names of every command, in table order.
        pub const COMMAND_NAMES: &[&str] = &[$(stringify!($name)),+];

        /// The effects a command declares (`changes_leads`, `polled`).
        fn effects(name: &str) -> &'static [&'static str] {
            match name {
                $(stringify!($name) => &[$(stringify!($effect)),*],)+
                _ => &[],
            }
        }

        /// Who may run a command (None: no such command).
        pub fn access_of(name: &str) -> Option<Access> {
            match name {
                $(stringify!($name) => Some($access),)+
                _ => None,
            }
        }

        /// Checks the acting user's right (roles before reading the arguments, ownership
        /// after), then runs the command.
        fn dispatch(app: &App, name: &str, args: Value) -> Result<Value, CoreError> {
            match name {
                $(stringify!($name) => {
                    let conn = app.conn()?;
                    let me = access::actor(app, &conn)?;
                    access::check_role(me.as_ref(), $access)?;
                    let args: $args = parse_args(args)?;
                    access::check_scope(&conn, me.as_ref(), $access, &args)?;
                    drop(conn);
                    let result: $result = app.$name(args)?;
                    serde_json::to_value(result).map_err(|e| CoreError::BadArguments(e.to_string()))
                })+
                _ => Err(CoreError::UnknownCommand(name.chars().take(64).collect())),
            }
        }

        /// `export type Commands = { name: { args: A, result: R }, … }` for the UI client.
        pub fn commands_ts() -> String {
            let mut out = String::from("export type Commands = {\n");
            $(out.push_str(&format!("  {}: {{ args: {}, result: {} }},\n", stringify!($name), <$args as TS>::name(&ts_config()), <$result as TS>::name(&ts_config())));)+
            out.push_str("};\n");
            out
        }

        /// Declarations of every type the commands use (and what they use).
        pub fn declarations() -> Vec<(String, String)> {
            let mut all = Vec::new();
            $(collect::<$args>(&mut all); collect::<$result>(&mut all);)+
            collect::<ApiError>(&mut all);
            collect::<Role>(&mut all);
            all
        }
    };
}

// Each command: name(arguments) -> result : who may run it [, changes_leads when lead lists must
// refresh after it] [, polled when screens run it on a timer]. The README's permission matrix
// is printed from this table.
commands! {
    auth_status(Empty) -> AuthStatus : Public;
    sign_in(SignInInput) -> SignedIn : Public;
    unlock(SessionInput) -> SignedIn : Public;
    sign_out(SessionInput) -> Empty : Public;
    lock(SessionInput) -> Empty : Public;
    setup_check(SetupCheck) -> Empty : Public;
    setup(SetupInput) -> AuthStatus : Public;
    setup_demo(SetupDemoInput) -> AuthStatus : Public, changes_leads;
    meta(Empty) -> Meta : SignedIn;
    password_change(PasswordChange) -> User : SignedIn;
    pin_set(PinInput) -> User : SignedIn;
    leads_list(LeadQuery) -> LeadPage : SignedIn;
    lead_get(LeadRef) -> LeadDetail : SignedIn;
    lead_create(NewLead) -> Lead : SignedIn, changes_leads;
    contacts_match(ContactMatchQuery) -> Vec<Contact> : SignedIn;
    lead_add_note(NoteInput) -> Event : LeadWork;
    lead_assign(AssignInput) -> Lead : LeadAssign, changes_leads;
    lead_set_status(StatusInput) -> Lead : LeadClose, changes_leads;
    lead_set_deadline(DeadlineInput) -> Lead : LeadWork, changes_leads;
    lead_mark_contact(ContactMadeInput) -> Lead : LeadWork, changes_leads;
    lead_qualify(QualifyInput) -> Lead : LeadWork, changes_leads;
    lead_delete(LeadIdInput) -> TrashItem : LeadClose, changes_leads;
    lead_restore(LeadIdInput) -> Lead : Roles(MANAGERS), changes_leads;
    trash_list(Empty) -> Vec<TrashItem> : Roles(MANAGERS);
    contact_update(ContactUpdate) -> Contact : LeadWork, changes_leads;
    notifications(NotificationQuery) -> NotificationList : SignedIn, polled;
    notifications_mark_read(MarkReadInput) -> NotificationList : SignedIn;
    intake_counts(Empty) -> IntakeCounts : SignedIn, polled;
    inbound_list(InboundQuery) -> InboundPage : SignedIn;
    inbound_get(InboundRef) -> InboundDetail : SignedIn;
    inbound_convert(InboundConvert) -> Lead : SignedIn, changes_leads;
    inbound_discard(InboundRef) -> InboundItem : Roles(MANAGERS);
    mailbox_status(Empty) -> MailboxStatus : SignedIn, polled;
    mailbox_configure(MailboxSetup) -> MailboxStatus : Roles(ADMIN);
    mailbox_poll(Empty) -> PollReport : SignedIn, changes_leads;
    smtp_status(Empty) -> SmtpStatus : SignedIn, polled;
    smtp_configure(SmtpSetup) -> SmtpStatus : Roles(ADMIN);
    outbox_send(Empty) -> SendReport : SignedIn;
    outbox_list(OutboxQuery) -> Vec<OutboxItem> : Roles(MANAGERS);
    lead_log_call(CallInput) -> CallResult : LeadWork, changes_leads;
    task_create(TaskInput) -> Task : LeadWork, changes_leads;
    task_move(TaskMove) -> Task : LeadWork, changes_leads;
    task_done(TaskDone) -> Task : LeadWork, changes_leads;
    agenda(AgendaQuery) -> Agenda : SignedIn;
    todo(TodoQuery) -> TodoList : SignedIn;
    escalations_run(Empty) -> EscalationReport : Roles(MANAGERS), changes_leads;
    digest_run(Empty) -> DigestReport : Roles(MANAGERS);
    user_set_absence(AbsenceInput) -> User : SelfOrManager;
    user_deactivate(DeactivateInput) -> User : Roles(ADMIN), changes_leads;
    user_save(UserInput) -> User : Roles(ADMIN);
    user_password_reset(PasswordReset) -> User : Roles(ADMIN);
    followup_settings(Empty) -> FollowupSettings : SignedIn;
    followup_settings_set(FollowupSettings) -> FollowupSettings : Roles(MANAGERS);
    routing_rules(Empty) -> RoutingRules : SignedIn;
    routing_rules_set(RoutingRules) -> RoutingRules : Roles(MANAGERS);
    auth_settings(Empty) -> AuthSettings : SignedIn;
    auth_settings_set(AuthSettings) -> AuthSettings : Roles(ADMIN);
    garage_get(Empty) -> Garage : SignedIn;
    garage_set(GarageIdentity) -> Garage : Roles(ADMIN);
    garage_logo(Empty) -> Option<Logo> : SignedIn;
    garage_logo_set(LogoInput) -> Garage : Roles(ADMIN);
    sites_admin(Empty) -> Vec<SiteDetail> : SignedIn;
    site_save(SiteInput) -> SiteDetail : Roles(ADMIN);
    close_reasons(Empty) -> Vec<CloseReason> : SignedIn;
    close_reasons_set(CloseReasonsInput) -> Vec<CloseReason> : Roles(ADMIN);
    journal(JournalQuery) -> JournalPage : Roles(ADMIN);
    lead_deals(LeadIdInput) -> LeadDeals : SignedIn;
    tradein_draft(LeadIdInput) -> TradeInDraft : SignedIn;
    tradein_save(TradeInInput) -> TradeIn : LeadWork, changes_leads;
    tradein_checklist(Empty) -> Vec<String> : SignedIn;
    tradein_checklist_set(ChecklistInput) -> Vec<String> : Roles(MANAGERS);
    testdrive_save(TestDriveInput) -> TestDrive : LeadWork, changes_leads;
    offers_list(OfferQuery) -> Vec<Offer> : SignedIn;
    offer_get(OfferRef) -> Offer : SignedIn;
    offer_create(OfferInput) -> Offer : LeadWork, changes_leads;
    offer_set_status(OfferStatusInput) -> Offer : LeadWork, changes_leads;
    orders_list(OfferQuery) -> Vec<Order> : SignedIn;
    order_get(OrderRef) -> Order : SignedIn;
    order_create(OrderInput) -> Order : LeadClose, changes_leads;
    pdf_generate(PdfRef) -> LeadFile : LeadWork;
    document_upload(FileUpload) -> LeadFile : LeadWork;
    document_rename(FileRename) -> LeadFile : LeadWork;
    document_delete(FileRef) -> LeadFile : LeadWork;
    document_read(FileRef) -> FileContent : SignedIn;
    document_mail_draft(MailDraftQuery) -> MailDraft : SignedIn;
    document_send(DocumentMail) -> SentMail : LeadWork;
    mail_templates(Empty) -> MailTemplates : SignedIn;
    mail_templates_set(MailTemplates) -> MailTemplates : Roles(MANAGERS);
    dashboard(ReportFilter) -> Dashboard : Roles(MANAGERS);
    kpi(ReportFilter) -> KpiReport : Roles(MANAGERS);
    sales(ReportFilter) -> SalesReport : Roles(MANAGERS);
    export_file(ExportInput) -> ExportDone : Roles(MANAGERS);
    vehicle_referential(Empty) -> Vec<MakeModels> : SignedIn;
    stock_list(StockQuery) -> StockPage : SignedIn;
    stock_get(StockRef) -> StockVehicle : SignedIn;
    stock_save(StockInput) -> StockVehicle : Roles(IMPORTERS);
    stock_attach(StockAttach) -> Lead : LeadWork, changes_leads;
    customers_list(CustomerQuery) -> CustomerPage : SignedIn;
    customer_file(ContactRef) -> CustomerFile : SignedIn;
    vo_alerts(LeadIdInput) -> Vec<VoAlert> : SignedIn;
    vo_alert_save(VoAlertInput) -> VoAlert : LeadWork;
    import_upload(ImportUpload) -> UploadState : Roles(IMPORTERS);
    import_preview(ImportPreviewInput) -> ImportPreview : Roles(IMPORTERS);
    import_run(ImportRunInput) -> ImportSummary : Roles(IMPORTERS), changes_leads;
    import_profiles(Empty) -> Vec<ImportProfile> : Roles(IMPORTERS);
    import_profile_save(ImportProfile) -> Vec<ImportProfile> : Roles(IMPORTERS);
    import_rejects_file(RejectsFileInput) -> RejectsFile : Roles(IMPORTERS);
    contact_consents(ContactRef) -> Vec<ConsentEvent> : SignedIn;
    contact_export(ContactRef) -> ContactExport : Roles(MANAGERS);
    contact_erase(EraseInput) -> EraseReport : Roles(MANAGERS), changes_leads;
    contact_duplicates(ContactRef) -> Vec<DuplicateCandidate> : SignedIn;
    contacts_merge(ContactMergeInput) -> ContactMergeReport : Roles(MANAGERS), changes_leads;
    bloctel_status(Empty) -> BloctelStatus : SignedIn;
    bloctel_import(BloctelImportInput) -> BloctelReport : Roles(MANAGERS), changes_leads;
    campaigns_list(Empty) -> Vec<Campaign> : SignedIn;
    campaign_preview(CampaignInput) -> CampaignPreview : Roles(MANAGERS);
    campaign_create(CampaignInput) -> Campaign : Roles(MANAGERS);
    campaign_calls(CampaignCallsQuery) -> Vec<CampaignCall> : SignedIn;
    campaign_call_log(CampaignCallLog) -> CampaignCall : SignedIn, changes_leads;
    retention_preview(Empty) -> RetentionReport : Roles(MANAGERS);
    retention_settings(Empty) -> RetentionSettings : Roles(MANAGERS);
    retention_settings_set(RetentionSettings) -> RetentionSettings : Roles(ADMIN);
    backup_status(Empty) -> BackupStatus : Roles(MANAGERS);
    backup_run(Empty) -> BackupFile : Roles(MANAGERS);
    backup_settings_set(BackupSettings) -> BackupStatus : Roles(ADMIN);
}

/// Whether a command changes leads: the window refreshes its lead lists after it.
pub fn changes_leads(name: &str) -> bool {
    effects(name).contains(&"changes_leads")
}

/// Whether screens run a command on a timer: it does not count as the user's activity (an idle
/// session still locks while the notification bell refreshes).
pub fn polled(name: &str) -> bool {
    effects(name).contains(&"polled")
}

/// The permission matrix as a Markdown table (printed in the README; a test keeps it in sync).
pub fn permission_matrix() -> String {
    let mut out = String::from("| command | who may run it |\n|---|---|\n");
    for name in COMMAND_NAMES {
        if let Some(access) = access_of(name) {
            out.push_str(&format!("| `{name}` | {} |\n", access.describe()));
        }
    }
    out
}

/// Constants the UI takes from the core rather than copying them: the manager roles and what
/// each error code means.
pub fn constants_ts() -> String {
    let roles: Vec<String> = MANAGER_ROLES
        .iter()
        .map(|r| format!("\"{}\"", r.as_str()))
        .collect();
    let kinds: Vec<String> = crate::kernel::error::ERROR_CODES
        .iter()
        .map(|(code, kind)| format!("\"{code}\": \"{}\"", kind.as_str()))
        .collect();
    format!(
        "export const MANAGER_ROLES: readonly Role[] = [{}];\n\n\
         export type ErrorKind = \"refused\" | \"unavailable\" | \"internal\";\n\n\
         /** What each error code means for the user: refused by a rule, a component unavailable, or an internal failure. */\n\
         export const ERROR_KINDS: Record<string, ErrorKind> = {{{}}};\n",
        roles.join(", "),
        kinds.join(", ")
    )
}

fn parse_args<T: serde::de::DeserializeOwned>(args: Value) -> Result<T, CoreError> {
    let args = if args.is_null() {
        Value::Object(Default::default())
    } else {
        args
    };
    serde_json::from_value(args).map_err(|e| CoreError::BadArguments(e.to_string()))
}

impl App {
    /// Whether the acting user may run `name` (its roles; not the ownership of a lead): for the
    /// transports that do the work themselves, like the CLI writing an export to a path.
    pub fn check_access(&self, name: &str) -> Result<(), ApiError> {
        let checked = (|| {
            let access = access_of(name)
                .ok_or_else(|| CoreError::UnknownCommand(name.chars().take(64).collect()))?;
            let conn = self.conn()?;
            let me = access::actor(self, &conn)?;
            access::check_role(me.as_ref(), access)
        })();
        checked.map_err(|e| {
            e.log(name);
            e.to_api()
        })
    }

    /// Runs a command by name with JSON arguments, as the acting user (`acting_as`; the system
    /// account by default). Failures are logged (without personal data) and returned as
    /// `{code, message, field}`.
    pub fn call(&self, name: &str, args: Value) -> Result<Value, ApiError> {
        dispatch(self, name, args).map_err(|e| {
            e.log(name);
            e.to_api()
        })
    }
}

/// The TypeScript configuration: ids and cents are below 2^53, so plain numbers.
pub fn ts_config() -> ts_rs::Config {
    ts_rs::Config::new().with_large_int("number")
}

/// Adds the declaration of `T` and of every type it depends on, once each;
/// wrappers (Vec, Option) have no declaration of their own: their parameters are visited.
fn collect<T: TS + 'static + ?Sized>(all: &mut Vec<(String, String)>) {
    struct Visit<'a>(&'a mut Vec<(String, String)>);
    impl ts_rs::TypeVisitor for Visit<'_> {
        fn visit<U: TS + 'static + ?Sized>(&mut self) {
            collect::<U>(self.0);
        }
    }
    let cfg = ts_config();
    if T::output_path().is_none() {
        T::visit_generics(&mut Visit(all));
        return;
    }
    let name = T::ident(&cfg);
    let decl = T::decl(&cfg);
    match all.iter().find(|(n, _)| *n == name) {
        None => {
            all.push((name, decl));
            T::visit_dependencies(&mut Visit(all));
        }
        // Two Rust types of the same name would give the UI one of them silently: say so (the
        // bindings test fails on it).
        Some((_, known)) if *known != decl => {
            all.push((format!("{name} (name taken twice)"), decl));
        }
        Some(_) => {}
    }
}

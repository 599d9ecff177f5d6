//! The command table: each command's name, argument type and result type, declared once.
//! It gives the JSON dispatcher used by every transport and the typed TypeScript client map.

mod views;

pub use views::{LeadCounters, LeadDetail, Meta, SetUserInput};

// Every argument and result type of the table: `use carnet_core::api::*` is what a transport needs.
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
use crate::kernel::error::{ApiError, CoreError};
pub use crate::leads::commands::{
    AssignInput, ContactMadeInput, ContactMatchQuery, ContactUpdate, DeadlineInput, LeadRef,
    NoteInput, QualifyInput, StatusInput,
};
pub use crate::leads::contact::Contact;
pub use crate::leads::lead::{Lead, NewLead};
pub use crate::leads::list::{LeadPage, LeadQuery};
pub use crate::leads::timeline::Event;
pub use crate::notify::inapp::{MarkReadInput, NotificationList, NotificationQuery};
pub use crate::notify::outbox::{SendReport, SmtpSetup, SmtpStatus};
pub use crate::org::absences::AbsenceInput;
use crate::org::users::MANAGER_ROLES;
pub use crate::org::users::{Role, User};
pub use crate::routing::handover::DeactivateInput;
pub use crate::routing::rules::RoutingRules;
use serde_json::Value;
use ts_rs::TS;

macro_rules! commands {
    (@changes_leads changes_leads) => { true };
    (@changes_leads) => { false };
    ($($name:ident($args:ty) -> $result:ty $(, $effect:ident)?;)+) => {
        /// Names of every command, in table order.
        pub const COMMAND_NAMES: &[&str] = &[$(stringify!($name)),+];

        /// Whether a command changes leads: the window refreshes its lead lists after it.
        pub fn changes_leads(name: &str) -> bool {
            match name {
                $(stringify!($name) => commands!(@changes_leads $($effect)?),)+
                _ => false,
            }
        }

        fn dispatch(app: &App, name: &str, args: Value) -> Result<Value, CoreError> {
            match name {
                $(stringify!($name) => {
                    let args: $args = parse_args(args)?;
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

// `, changes_leads` marks the commands after which lead lists must refresh.
commands! {
    meta(Empty) -> Meta;
    set_current_user(SetUserInput) -> Meta;
    leads_list(LeadQuery) -> LeadPage;
    lead_get(LeadRef) -> LeadDetail;
    lead_create(NewLead) -> Lead, changes_leads;
    contacts_match(ContactMatchQuery) -> Vec<Contact>;
    lead_add_note(NoteInput) -> Event;
    lead_assign(AssignInput) -> Lead, changes_leads;
    lead_set_status(StatusInput) -> Lead, changes_leads;
    lead_set_deadline(DeadlineInput) -> Lead, changes_leads;
    lead_mark_contact(ContactMadeInput) -> Lead, changes_leads;
    lead_qualify(QualifyInput) -> Lead, changes_leads;
    contact_update(ContactUpdate) -> Contact, changes_leads;
    notifications(NotificationQuery) -> NotificationList;
    notifications_mark_read(MarkReadInput) -> NotificationList;
    intake_counts(Empty) -> IntakeCounts;
    inbound_list(InboundQuery) -> InboundPage;
    inbound_get(InboundRef) -> InboundDetail;
    inbound_convert(InboundConvert) -> Lead, changes_leads;
    inbound_discard(InboundRef) -> InboundItem;
    mailbox_status(Empty) -> MailboxStatus;
    mailbox_configure(MailboxSetup) -> MailboxStatus;
    mailbox_poll(Empty) -> PollReport, changes_leads;
    smtp_status(Empty) -> SmtpStatus;
    smtp_configure(SmtpSetup) -> SmtpStatus;
    outbox_send(Empty) -> SendReport;
    lead_log_call(CallInput) -> CallResult, changes_leads;
    task_create(TaskInput) -> Task, changes_leads;
    task_move(TaskMove) -> Task, changes_leads;
    task_done(TaskDone) -> Task, changes_leads;
    agenda(AgendaQuery) -> Agenda;
    todo(TodoQuery) -> TodoList;
    escalations_run(Empty) -> EscalationReport, changes_leads;
    user_set_absence(AbsenceInput) -> User;
    digest_run(Empty) -> DigestReport;
    user_deactivate(DeactivateInput) -> User, changes_leads;
    followup_settings(Empty) -> FollowupSettings;
    followup_settings_set(FollowupSettings) -> FollowupSettings;
    routing_rules(Empty) -> RoutingRules;
    routing_rules_set(RoutingRules) -> RoutingRules;
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
    /// Runs a command by name with JSON arguments: the single entry point of every transport.
    /// Failures are logged (without personal data) and returned as `{code, message, field}`.
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
    if !all.iter().any(|(n, _)| *n == name) {
        all.push((name, T::decl(&cfg)));
        T::visit_dependencies(&mut Visit(all));
    }
}

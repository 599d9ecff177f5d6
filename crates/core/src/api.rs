//! The command table: each command's name, argument type and result type, declared once.
//! It gives the JSON dispatcher used by every transport and the typed TypeScript client map.

use crate::app::*;
use crate::contact::Contact;
use crate::digest::DigestReport;
use crate::error::{ApiError, CoreError};
use crate::escalation::{AbsenceInput, DeactivateInput, EscalationReport};
use crate::event::Event;
use crate::followup::{CallInput, CallResult};
use crate::lead::{Lead, NewLead};
use crate::lead_list::{LeadPage, LeadQuery};
use crate::mailbox::{MailboxSetup, MailboxStatus, PollReport};
use crate::notify::{MarkReadInput, NotificationList, NotificationQuery};
use crate::outbox::{SendReport, SmtpSetup, SmtpStatus};
use crate::quarantine::{
    InboundConvert, InboundDetail, InboundItem, InboundPage, InboundQuery, InboundRef, IntakeCounts,
};
use crate::rules::{FollowupSettings, RoutingRules};
use crate::task::{Agenda, AgendaQuery, Task, TaskDone, TaskInput, TaskMove, TodoList, TodoQuery};
use crate::user::User;
use serde_json::Value;
use ts_rs::TS;

macro_rules! commands {
    ($($name:ident($args:ty) -> $result:ty;)+) => {
        /// Names of every command, in table order.
        pub const COMMAND_NAMES: &[&str] = &[$(stringify!($name)),+];

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
            all
        }
    };
}

commands! {
    meta(Empty) -> Meta;
    set_current_user(SetUserInput) -> Meta;
    leads_list(LeadQuery) -> LeadPage;
    lead_get(LeadRef) -> LeadDetail;
    lead_create(NewLead) -> Lead;
    contacts_match(ContactMatchQuery) -> Vec<Contact>;
    lead_add_note(NoteInput) -> Event;
    lead_assign(AssignInput) -> Lead;
    lead_set_status(StatusInput) -> Lead;
    lead_set_deadline(DeadlineInput) -> Lead;
    lead_mark_contact(ContactMadeInput) -> Lead;
    lead_qualify(QualifyInput) -> Lead;
    contact_update(ContactUpdate) -> Contact;
    notifications(NotificationQuery) -> NotificationList;
    notifications_mark_read(MarkReadInput) -> NotificationList;
    intake_counts(Empty) -> IntakeCounts;
    inbound_list(InboundQuery) -> InboundPage;
    inbound_get(InboundRef) -> InboundDetail;
    inbound_convert(InboundConvert) -> Lead;
    inbound_discard(InboundRef) -> InboundItem;
    mailbox_status(Empty) -> MailboxStatus;
    mailbox_configure(MailboxSetup) -> MailboxStatus;
    mailbox_poll(Empty) -> PollReport;
    smtp_status(Empty) -> SmtpStatus;
    smtp_configure(SmtpSetup) -> SmtpStatus;
    outbox_send(Empty) -> SendReport;
    lead_log_call(CallInput) -> CallResult;
    task_create(TaskInput) -> Task;
    task_move(TaskMove) -> Task;
    task_done(TaskDone) -> Task;
    agenda(AgendaQuery) -> Agenda;
    todo(TodoQuery) -> TodoList;
    escalations_run(Empty) -> EscalationReport;
    user_set_absence(AbsenceInput) -> User;
    digest_run(Empty) -> DigestReport;
    user_deactivate(DeactivateInput) -> User;
    followup_settings(Empty) -> FollowupSettings;
    followup_settings_set(FollowupSettings) -> FollowupSettings;
    routing_rules(Empty) -> RoutingRules;
    routing_rules_set(RoutingRules) -> RoutingRules;
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
            match &e {
                CoreError::Invalid { .. } | CoreError::Refused(_) | CoreError::NotFound { .. } => {
                    tracing::info!(command = name, code = e.code(), "command refused")
                }
                _ => tracing::error!(command = name, code = e.code(), error = %e, "command failed"),
            }
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

// Generated from the Rust types by `UPDATE_BINDINGS=1 cargo test -p carnet-core --test bindings`. Do not edit.

export type AbsenceInput = { user_id: number, 
/**
 * RFC 3339; null: present.
 */
absent_until: string | null, backup_user_id?: number | null, };

export type Agenda = { tasks: Array<Task>, deadlines: Array<DeadlineItem>, };

export type AgendaQuery = { 
/**
 * RFC 3339 bounds of the period shown.
 */
from: string, to: string, 
/**
 * Users shown (empty: everybody — the shared planning).
 */
user_ids?: Array<number>, };

export type ApiError = { code: string, message: string, field: string | null, };

export type AssignInput = { lead_id: number, owner_id?: number | null, site_id?: number | null, };

export type AssignmentRule = { kind: LeadKind | null, source: string | null, site_id: number | null, user_id: number | null, to_site_id: number | null, active: boolean, };

export type AuthSettings = { pin_allowed: boolean, 
/**
 * Minutes without activity before a session locks; 0: never.
 */
idle_lock_minutes: number, };

export type AuthStatus = { 
/**
 * No one can sign in yet: the set-up wizard opens.
 */
needs_setup: boolean, 
/**
 * The database is empty: the wizard may offer the demo instead.
 */
can_seed_demo: boolean, 
/**
 * Sites exist already (a database from an older Carnet): the wizard skips the site step.
 */
has_sites: boolean, 
/**
 * On a demo database, the demo users' password (shown on the sign-in screen).
 */
demo_password: string | null, pin_allowed: boolean, 
/**
 * Active users who can sign in, for the "who are you" list.
 */
users: Array<SignInUser>, };

export type CallInput = { lead_id: number, outcome: CallOutcome, duration_s: number, note?: string | null, };

export type CallOutcome = "joint" | "messagerie" | "pas_de_reponse" | "faux_numero";

export type CallResult = { lead: Lead, 
/**
 * The call stopped the first-contact clock.
 */
counted_as_contact: boolean, 
/**
 * Failed attempts counted toward the rule since the last real contact.
 */
failed_attempts: number, prospect_mail_queued: boolean, 
/**
 * French summary for the user.
 */
message: string, };

export type CloseReason = { code: string, status: LeadStatus, label: string, active: boolean, 
/**
 * Leads closed with it: it can be retired, not deleted or renamed.
 */
in_use: number, 
/**
 * Part of a rule (the duplicate reason closes at once): it stays.
 */
required: boolean, };

export type CloseReasonEdit = { 
/**
 * None adds a reason.
 */
code?: string | null, status: LeadStatus, label: string, active: boolean, };

export type CloseReasonsInput = { reasons: Array<CloseReasonEdit>, };

export type Closure = { 
/**
 * YYYY-MM-DD.
 */
day: string, label: string, };

export type Contact = { id: number, first_name: string, last_name: string, company: string | null, phone: string | null, email: string | null, postal_code: string | null, city: string | null, consent_email: boolean, consent_sms: boolean, consent_at: string | null, created_at: string, updated_at: string, };

export type ContactInput = { first_name: string, last_name: string, company?: string | null, phone?: string | null, email?: string | null, postal_code?: string | null, city?: string | null, consent_email?: boolean, consent_sms?: boolean, };

export type ContactMadeInput = { lead_id: number, made: boolean, };

export type ContactMatchQuery = { phone?: string | null, email?: string | null, };

export type ContactUpdate = { id: number, contact: ContactInput, };

export type DayHours = { 
/**
 * 1 = Monday … 7 = Sunday.
 */
weekday: number, opens: string, closes: string, };

export type DeactivateInput = { user_id: number, 
/**
 * Who takes the user's open leads and tasks (required when there are some).
 */
reassign_to?: number | null, };

export type DeadlineInput = { lead_id: number, 
/**
 * RFC 3339; null removes the deadline.
 */
deadline_at: string | null, };

export type DeadlineItem = { lead_id: number, code: string, contact_name: string, contact_phone: string | null, owner_id: number | null, owner: string | null, deadline_at: string, interest: Interest, status: LeadStatus, site_id: number, };

export type DigestReport = { users: number, };

export type Empty = Record<symbol, never>;

export type EscalationReport = { owners_alerted: number, managers_alerted: number, reassigned: number, };

export type Event = { id: number, lead_id: number, at: string, 
/**
 * Name of the user who acted; None for the system (intake, rules).
 */
user: string | null, kind: string, 
/**
 * French summary for the timeline.
 */
text: string, };

export type FollowupSettings = { 
/**
 * Working hours after a missed deadline before the managers are alerted.
 */
escalation_delay_hours: number, 
/**
 * Hour (Paris) of the daily digest.
 */
digest_hour: number, 
/**
 * Days during which a new request from the same contact about the same vehicle is merged.
 */
dedup_days: number, 
/**
 * The site's managers are notified of every new lead, not only its owner.
 */
notify_managers: boolean, };

export type Garage = { identity: GarageIdentity, 
/**
 * The SIREN derived from the SIRET.
 */
siren: string, has_logo: boolean, 
/**
 * Every field a document needs is filled.
 */
complete: boolean, };

export type GarageIdentity = { 
/**
 * Raison sociale.
 */
legal_name: string, 
/**
 * SARL, SAS, EURL, SA, EI…
 */
legal_form: string, 
/**
 * Share capital in euros, as printed ("10 000").
 */
capital: string, 
/**
 * SIRET (14 digits); the SIREN is its first 9.
 */
siret: string, 
/**
 * City of the RCS registration ("RCS Lyon").
 */
rcs_city: string, 
/**
 * N° TVA intracommunautaire (FR + 2 + SIREN).
 */
vat_number: string, address: string, postal_code: string, city: string, phone: string, email: string, website: string, 
/**
 * Conditions générales de vente, printed on the bon de commande.
 */
cgv: string, };

export type InboundConvert = { id: number, lead: NewLead, };

export type InboundDetail = { item: InboundItem, 
/**
 * The message as plain text (HTML converted, never rendered), bounded.
 */
body_text: string, 
/**
 * What the parsers could read, to prefill the lead form (site_id 0 = to choose).
 */
prefill: NewLead | null, };

export type InboundItem = { id: number, channel: string, from: string | null, subject: string | null, mail_date: string | null, received_at: string, 
/**
 * received | lead | merged | quarantined | converted | discarded
 */
state: string, reason: string | null, parser: string | null, lead_code: string | null, size: number, };

export type InboundPage = { items: Array<InboundItem>, total: number, };

export type InboundQuery = { 
/**
 * Default: quarantined.
 */
state?: string | null, limit?: number, offset?: number, };

export type InboundRef = { id: number, };

export type IngestSummary = { files: number, leads_created: number, merged: number, duplicates: number, quarantined: number, errors: number, };

export type IntakeCounts = { received_today: number, leads_today: number, merged_today: number, quarantined: number, total: number, };

export type Interest = "chaud" | "tiede" | "froid";

export type JournalEntry = { id: number, at: string, user_id: number | null, user: string | null, kind: string, text: string, 
/**
 * `{old, new}` when the entry records a change.
 */
data: JsonValue | null, };

export type JournalPage = { items: Array<JournalEntry>, has_more: boolean, };

export type JournalQuery = { 
/**
 * A kind (`audit.user`…), or none for all.
 */
kind?: string | null, user_id?: number | null, 
/**
 * Local dates (YYYY-MM-DD), inclusive.
 */
from?: string | null, to?: string | null, limit?: number | null, offset?: number | null, };

export type JsonValue = number | string | boolean | Array<JsonValue> | { [key in string]: JsonValue } | null;

export type Lead = { id: number, code: string, status: LeadStatus, stage: LeadStage, kind: LeadKind, source: string, interest: Interest, owner_id: number | null, 
/**
 * Owner's name.
 */
owner: string | null, site_id: number, 
/**
 * Site's name.
 */
site: string, created_at: string, updated_at: string, deadline_at: string | null, contacted_at: string | null, last_activity_at: string, external_ref: string | null, message: string | null, 
/**
 * Why the lead was won or lost (label).
 */
close_reason: string | null, contact: Contact, vehicle: Vehicle | null, owned_vehicle: Vehicle | null, 
/**
 * In the corbeille since then (RFC 3339), or null.
 */
deleted_at: string | null, };

export type LeadCounters = { 
/**
 * Trade-ins, test drives and offers: null until the deal documents exist (hidden by the UI).
 */
tradeins: number | null, testdrives: number | null, offers: number | null, calls: number, failed_attempts: number, 
/**
 * Perdu may be chosen without a manager's override.
 */
may_close_lost: boolean, };

export type LeadDetail = { lead: Lead, counters: LeadCounters, events: Array<Event>, tasks: Array<Task>, };

export type LeadIdInput = { lead_id: number, };

export type LeadKind = "VN" | "VO" | "APV" | "reprise" | "RH";

export type LeadPage = { leads: Array<Lead>, 
/**
 * Exact when `total_capped` is false; otherwise there are at least this many.
 */
total: number, total_capped: boolean, };

export type LeadQuery = { status?: LeadStatus | null, kind?: LeadKind | null, source?: string | null, owner_id?: number | null, site_id?: number | null, 
/**
 * Open leads whose deadline has passed.
 */
overdue?: boolean, 
/**
 * Open leads whose deadline falls today (Paris time).
 */
due_today?: boolean, search?: string | null, sort?: LeadSort, limit?: number, offset?: number, };

export type LeadRef = { code: string, };

export type LeadSort = "recent" | "oldest" | "deadline" | "last_activity" | "name";

export type LeadStage = "contact" | "decouverte" | "essai" | "offre" | "negociation" | "commande";

export type LeadStatus = "nouveau" | "a_traiter" | "en_cours" | "gagne" | "perdu";

export type Logo = { mime: string, base64: string, };

export type LogoInput = { 
/**
 * The image file, base64; null removes the logo.
 */
base64: string | null, };

export type MailSecurity = "tls" | "plain";

export type MailboxConfig = { host: string, port: number, 
/**
 * tls (port 993) or plain (only for a server on this machine).
 */
security: MailSecurity, username: string, folder: string, poll_seconds: number, 
/**
 * PEM certificate to trust in addition to the public authorities (a garage's own server).
 */
ca_file?: string | null, };

export type MailboxSetup = { config: MailboxConfig, 
/**
 * Stored in the OS keyring; omitted = unchanged.
 */
password?: string | null, };

export type MailboxState = { last_poll_at: string | null, last_error: string | null, last_summary: IngestSummary | null, };

export type MailboxStatus = { config: MailboxConfig | null, password_set: boolean, secret_store: string, state: MailboxState, };

export type MarkReadInput = { 
/**
 * None marks every notification of the current user as read.
 */
id: number | null, };

export type Meta = { version: string, sites: Array<Site>, users: Array<User>, sources: Array<string>, lost_reasons: Array<string>, won_reasons: Array<string>, 
/**
 * The signed-in user (null for the system account).
 */
current_user_id: number | null, };

export type NewLead = { contact_id?: number | null, contact: ContactInput, kind: LeadKind, source: string, interest?: Interest, site_id: number, owner_id?: number | null, vehicle?: VehicleInput | null, owned_vehicle?: VehicleInput | null, message?: string | null, external_ref?: string | null, };

export type NoteInput = { lead_id: number, text: string, };

export type Notification = { id: number, at: string, kind: string, text: string, lead_code: string | null, read: boolean, };

export type NotificationList = { items: Array<Notification>, unread: number, };

export type NotificationQuery = { 
/**
 * Only the ones after this id (for polling).
 */
after_id?: number | null, limit?: number, };

export type PasswordChange = { current: string, new: string, };

export type PasswordReset = { user_id: number, password: string, };

export type PinInput = { 
/**
 * 4 to 6 digits; null removes the PIN.
 */
pin: string | null, };

export type PollReport = { mailbox: string, summary: IngestSummary, };

export type QualifyInput = { lead_id: number, stage?: LeadStage | null, interest?: Interest | null, };

export type Role = "hotesse" | "vendeur" | "chef_des_ventes" | "responsable_apv" | "administrateur";

export type RoutingRules = { assignment: Array<AssignmentRule>, sla: Array<SlaRule>, };

export type SendReport = { sent: number, failed: number, };

export type SessionInput = { token: string, password?: string | null, pin?: string | null, };

export type SetupCheck = { garage?: GarageIdentity | null, site?: SiteInput | null, admin?: UserInput | null, };

export type SetupDemoInput = { 
/**
 * Leads to generate (default 2,000; at most 20,000 from the window).
 */
leads?: number | null, };

export type SetupInput = { garage: GarageIdentity, 
/**
 * The first site; None when the database already has sites (`AuthStatus.has_sites`).
 */
site?: SiteInput | null, 
/**
 * The administrator (role forced to administrateur), with their password.
 */
admin: UserInput, };

export type SignInInput = { 
/**
 * E-mail or name.
 */
login: string, password?: string | null, pin?: string | null, };

export type SignInUser = { id: number, name: string, email: string, role: Role, 
/**
 * The user has a PIN (and the garage allows PINs).
 */
has_pin: boolean, };

export type SignedIn = { 
/**
 * Sent with every command of this window.
 */
token: string, user: User, };

export type Site = { id: number, name: string, city: string, phone: string | null, };

export type SiteDetail = { id: number, name: string, address: string | null, postal_code: string | null, city: string, departement: string | null, phone: string | null, email: string | null, hours: Array<DayHours>, closures: Array<Closure>, 
/**
 * Active users attached to the site.
 */
users: number, };

export type SiteInput = { 
/**
 * None creates a site.
 */
id?: number | null, name: string, address?: string | null, postal_code?: string | null, city: string, 
/**
 * Deduced from the postal code when empty (20 → 2A/2B is left to the user).
 */
departement?: string | null, phone?: string | null, email?: string | null, hours: Array<DayHours>, closures: Array<Closure>, };

export type SlaMode = "working_hours" | "next_working_day";

export type SlaRule = { source: string | null, kind: LeadKind | null, site_id: number | null, mode: SlaMode, 
/**
 * Hours counted on the days the site is open (for working_hours): "48 h" skips Sundays,
 * holidays and closing days, and ends at an opening.
 */
hours: number, };

export type SmtpConfig = { host: string, port: number, 
/**
 * tls (465), starttls (587), or plain (only a relay on this machine).
 */
security: SmtpSecurity, username?: string | null, from_address: string, from_name: string, };

export type SmtpSecurity = "tls" | "starttls" | "plain";

export type SmtpSetup = { config: SmtpConfig, 
/**
 * Stored with the secrets; omitted = unchanged.
 */
password?: string | null, };

export type SmtpStatus = { config: SmtpConfig | null, password_set: boolean, pending: number, failed: number, last_error: string | null, };

export type StatusInput = { lead_id: number, status: LeadStatus, 
/**
 * Label (or code) of a close reason; required for perdu.
 */
reason?: string | null, 
/**
 * A manager closes as perdu before the attempts rule is met.
 */
override_rule?: boolean, };

export type Task = { id: number, lead_id: number | null, lead_code: string | null, contact_name: string | null, contact_phone: string | null, interest: Interest | null, kind: TaskKind, title: string, due_at: string, duration_min: number, assignee_id: number, assignee: string, done_at: string | null, 
/**
 * The lead's owner and site, for the screens to offer only what the user may do.
 */
lead_owner_id: number | null, lead_site_id: number | null, };

export type TaskDone = { id: number, done: boolean, };

export type TaskInput = { lead_id?: number | null, kind: TaskKind, 
/**
 * Default: the kind's label and the contact's name.
 */
title?: string | null, 
/**
 * RFC 3339.
 */
due_at: string, duration_min?: number | null, 
/**
 * Default: the lead's owner, else the current user.
 */
assignee_id?: number | null, };

export type TaskKind = "appel" | "email" | "rdv" | "essai" | "relance";

export type TaskMove = { id: number, due_at: string, duration_min?: number | null, assignee_id?: number | null, };

export type TodoItem = { due_at: string, overdue: boolean, task: Task | null, deadline: DeadlineItem | null, };

export type TodoList = { items: Array<TodoItem>, overdue: number, };

export type TodoQuery = { 
/**
 * One user's to-do; None: the current user's.
 */
user_id?: number | null, 
/**
 * Everybody's (managers, call center).
 */
all_users?: boolean, sort?: TodoSort, limit?: number, };

export type TodoSort = "date" | "interest";

export type TrashItem = { lead: Lead, deleted_at: string, deleted_by: string | null, 
/**
 * The last instant a manager can restore it.
 */
restorable_until: string, restorable: boolean, };

export type User = { id: number, name: string, email: string, role: Role, site_id: number | null, active: boolean, 
/**
 * Absent until this instant (RFC 3339); their new leads and open leads go to the backup.
 */
absent_until: string | null, backup_user_id: number | null, phone: string | null, 
/**
 * A password is set: the user can sign in.
 */
has_password: boolean, has_pin: boolean, };

export type UserInput = { 
/**
 * None creates a user.
 */
id?: number | null, name: string, email: string, role: Role, site_id?: number | null, phone?: string | null, 
/**
 * Required for a new user; ignored on an edit (see `user_password_reset`).
 */
password?: string | null, };

export type Vehicle = { id: number, make: string, model: string, version: string | null, vin: string | null, plate: string | null, 
/**
 * Advertised price (TTC, cents), when the lead named one.
 */
price_cents: number | null, };

export type VehicleInput = { make: string, model: string, version?: string | null, vin?: string | null, plate?: string | null, };

export type Commands = {
  auth_status: { args: Empty, result: AuthStatus },
  sign_in: { args: SignInInput, result: SignedIn },
  unlock: { args: SessionInput, result: SignedIn },
  sign_out: { args: SessionInput, result: Empty },
  lock: { args: SessionInput, result: Empty },
  setup_check: { args: SetupCheck, result: Empty },
  setup: { args: SetupInput, result: AuthStatus },
  setup_demo: { args: SetupDemoInput, result: AuthStatus },
  meta: { args: Empty, result: Meta },
  password_change: { args: PasswordChange, result: User },
  pin_set: { args: PinInput, result: User },
  leads_list: { args: LeadQuery, result: LeadPage },
  lead_get: { args: LeadRef, result: LeadDetail },
  lead_create: { args: NewLead, result: Lead },
  contacts_match: { args: ContactMatchQuery, result: Array<Contact> },
  lead_add_note: { args: NoteInput, result: Event },
  lead_assign: { args: AssignInput, result: Lead },
  lead_set_status: { args: StatusInput, result: Lead },
  lead_set_deadline: { args: DeadlineInput, result: Lead },
  lead_mark_contact: { args: ContactMadeInput, result: Lead },
  lead_qualify: { args: QualifyInput, result: Lead },
  lead_delete: { args: LeadIdInput, result: TrashItem },
  lead_restore: { args: LeadIdInput, result: Lead },
  trash_list: { args: Empty, result: Array<TrashItem> },
  contact_update: { args: ContactUpdate, result: Contact },
  notifications: { args: NotificationQuery, result: NotificationList },
  notifications_mark_read: { args: MarkReadInput, result: NotificationList },
  intake_counts: { args: Empty, result: IntakeCounts },
  inbound_list: { args: InboundQuery, result: InboundPage },
  inbound_get: { args: InboundRef, result: InboundDetail },
  inbound_convert: { args: InboundConvert, result: Lead },
  inbound_discard: { args: InboundRef, result: InboundItem },
  mailbox_status: { args: Empty, result: MailboxStatus },
  mailbox_configure: { args: MailboxSetup, result: MailboxStatus },
  mailbox_poll: { args: Empty, result: PollReport },
  smtp_status: { args: Empty, result: SmtpStatus },
  smtp_configure: { args: SmtpSetup, result: SmtpStatus },
  outbox_send: { args: Empty, result: SendReport },
  lead_log_call: { args: CallInput, result: CallResult },
  task_create: { args: TaskInput, result: Task },
  task_move: { args: TaskMove, result: Task },
  task_done: { args: TaskDone, result: Task },
  agenda: { args: AgendaQuery, result: Agenda },
  todo: { args: TodoQuery, result: TodoList },
  escalations_run: { args: Empty, result: EscalationReport },
  digest_run: { args: Empty, result: DigestReport },
  user_set_absence: { args: AbsenceInput, result: User },
  user_deactivate: { args: DeactivateInput, result: User },
  user_save: { args: UserInput, result: User },
  user_password_reset: { args: PasswordReset, result: User },
  followup_settings: { args: Empty, result: FollowupSettings },
  followup_settings_set: { args: FollowupSettings, result: FollowupSettings },
  routing_rules: { args: Empty, result: RoutingRules },
  routing_rules_set: { args: RoutingRules, result: RoutingRules },
  auth_settings: { args: Empty, result: AuthSettings },
  auth_settings_set: { args: AuthSettings, result: AuthSettings },
  garage_get: { args: Empty, result: Garage },
  garage_set: { args: GarageIdentity, result: Garage },
  garage_logo: { args: Empty, result: Logo | null },
  garage_logo_set: { args: LogoInput, result: Garage },
  sites_admin: { args: Empty, result: Array<SiteDetail> },
  site_save: { args: SiteInput, result: SiteDetail },
  close_reasons: { args: Empty, result: Array<CloseReason> },
  close_reasons_set: { args: CloseReasonsInput, result: Array<CloseReason> },
  journal: { args: JournalQuery, result: JournalPage },
};

export const MANAGER_ROLES: readonly Role[] = ["chef_des_ventes", "responsable_apv", "administrateur"];

export type ErrorKind = "refused" | "unavailable" | "internal";

/** What each error code means for the user: refused by a rule, a component unavailable, or an internal failure. */
export const ERROR_KINDS: Record<string, ErrorKind> = {"invalid": "refused", "not_found": "refused", "refused": "refused", "forbidden": "refused", "unauthenticated": "refused", "locked": "refused", "unavailable": "unavailable", "db_busy": "unavailable", "db_corrupt": "unavailable", "db_too_new": "unavailable", "unknown_command": "internal", "bad_arguments": "internal", "db_error": "internal", "io_error": "internal", "internal": "internal"};

// Generated from the Rust types by `UPDATE_BINDINGS=1 cargo test -p carnet-core --test bindings`. Do not edit.

export type AbsenceInput = { user_id: number, 
/**
 * RFC 3339; null: present.
 */
absent_until: string | null, backup_user_id?: number | null, };

export type ActivityRow = { user_id: number, user: string, calls: number, appointments: number, testdrives: number, offers: number, orders: number, };

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

export type AssignmentRule = { kind: LeadKind | null, source: string | null, site_id: number | null, user_id: number | null, to_site_id: number | null, to_stock_manager?: boolean, active: boolean, };

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

export type BackupFile = { path: string, name: string, bytes: number, 
/**
 * RFC 3339, UTC.
 */
at: string, };

export type BackupSettings = { 
/**
 * Empty: the default folder beside the database.
 */
folder: string, keep: number, };

export type BackupStatus = { 
/**
 * The folder in use (the default one when none was chosen).
 */
folder: string, 
/**
 * No folder chosen: backups go beside the database.
 */
folder_is_default: boolean, keep: number, last: BackupFile | null, 
/**
 * The folder's backups, newest first.
 */
files: Array<BackupFile>, 
/**
 * The last `PRAGMA quick_check` (at start): "ok" or what SQLite found; None before the first.
 */
integrity: string | null, integrity_at: string | null, };

export type BloctelImportInput = { file_name: string, 
/**
 * The file's bytes, base64.
 */
base64: string, 
/**
 * Only say what the file would change.
 */
dry_run?: boolean, };

export type BloctelReport = { dry_run: boolean, 
/**
 * Distinct numbers in the file.
 */
numbers: number, 
/**
 * Numbers not on the previous list.
 */
added: number, 
/**
 * Numbers of the previous list that this file no longer holds.
 */
removed: number, 
/**
 * Contacts whose mobile or landline is on the list after this file.
 */
contacts_listed: number, };

export type BloctelStatus = { 
/**
 * Numbers on the list now.
 */
numbers: number, contacts_listed: number, 
/**
 * RFC 3339 UTC of the latest import, if any.
 */
imported_at: string | null, file_name: string | null, 
/**
 * The latest import is older than 30 days: the numbers must be checked again.
 */
stale: boolean, };

export type Buyer = { name: string, company?: string | null, address: string, postal_code: string, city: string, email?: string | null, phone?: string | null, };

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

export type Campaign = { id: number, name: string, kind: LeadKind, target: CampaignTarget, created_at: string, created_by: string | null, calls: number, 
/**
 * Not called yet, unreachable so far, or to call back.
 */
to_call: number, interested: number, not_interested: number, unreachable: number, do_not_call: number, 
/**
 * Leads created from its calls.
 */
leads: number, 
/**
 * Calls whose number went on Bloctel since: they will not be made.
 */
blocked: number, };

export type CampaignCall = { id: number, campaign_id: number, contact_id: number, name: string, 
/**
 * The mobile, else the landline (E.164). None when the number is on Bloctel now.
 */
phone: string | null, city: string | null, customer_code: string | null, assignee: string | null, outcome: CampaignOutcome | null, called_at: string | null, note: string | null, lead_code: string | null, 
/**
 * The number went on Bloctel since the campaign was made: no prospecting call.
 */
blocked: boolean, };

export type CampaignCallLog = { id: number, outcome: CampaignOutcome, note?: string | null, };

export type CampaignCallsQuery = { campaign_id: number, 
/**
 * Only the calls assigned to me (or to nobody).
 */
mine?: boolean, 
/**
 * Only the calls still to make (not called, unreachable so far, or to call back).
 */
to_call?: boolean, };

export type CampaignInput = { name: string, target: CampaignTarget, 
/**
 * The kind of the leads it creates (VN: a renewal campaign, APV: a workshop one…).
 */
kind: LeadKind, 
/**
 * The vendeurs who share the calls, in turn; none: the calls wait for whoever takes them.
 */
assignees: Array<number>, };

export type CampaignOutcome = "interesse" | "pas_interesse" | "injoignable" | "rappeler" | "ne_plus_appeler";

export type CampaignPreview = { 
/**
 * Contacts matching the criteria.
 */
matching: number, 
/**
 * Those the campaign would call.
 */
targets: number, 
/**
 * Those left out, and why (Bloctel, no phone…).
 */
excluded: Array<ExcludedCount>, };

export type CampaignTarget = { 
/**
 * Only the DMS's customers (a customer number).
 */
customers_only?: boolean, 
/**
 * Bought a vehicle from the garage between these dates (YYYY-MM-DD).
 */
bought_from?: string | null, bought_to?: string | null, 
/**
 * No workshop visit since this date (YYYY-MM-DD).
 */
no_visit_since?: string | null, 
/**
 * Postal codes starting so ("69", "691").
 */
postal_prefix?: string | null, };

export type ChecklistInput = { items: Array<string>, };

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

export type Condition = "VN" | "VO";

export type ConsentChannel = "email" | "sms";

export type ConsentEvent = { id: number, channel: ConsentChannel, old: boolean, new: boolean, source: string, 
/**
 * RFC 3339 UTC.
 */
at: string, lead_id: number | null, user: string | null, };

export type Contact = { id: number, first_name: string, last_name: string, company: string | null, phone: string | null, email: string | null, postal_code: string | null, city: string | null, consent_email: boolean, consent_sms: boolean, consent_at: string | null, created_at: string, updated_at: string, address: string | null, 
/**
 * ISO 3166 alpha-2; None means France.
 */
country: string | null, 
/**
 * Fields intake kept as written because it could not read them ("phone", "postal_code"):
 * shown « à vérifier » until someone corrects the contact.
 */
to_check: Array<string>, 
/**
 * The mobile or landline is on the Bloctel list: no prospecting call (a call answering
 * the person's own request stays allowed).
 */
bloctel: boolean, };

export type ContactExport = { 
/**
 * A file name for the download: `donnees-contact-123.json`.
 */
file_name: string, 
/**
 * The document, pretty-printed JSON (UTF-8).
 */
json: string, 
/**
 * Where the window wrote it (its Downloads folder); None from the command line.
 */
path: string | null, };

export type ContactInput = { first_name: string, last_name: string, company?: string | null, phone?: string | null, email?: string | null, postal_code?: string | null, city?: string | null, consent_email?: boolean, consent_sms?: boolean, address?: string | null, 
/**
 * ISO 3166 alpha-2 or a country name ("Belgique"); None means France.
 */
country?: string | null, };

export type ContactMadeInput = { lead_id: number, made: boolean, };

export type ContactMatchQuery = { phone?: string | null, email?: string | null, };

export type ContactMergeInput = { 
/**
 * The contact kept (its values win where both have one).
 */
keep_id: number, 
/**
 * The contact absorbed into it.
 */
merge_id: number, 
/**
 * The person confirmed (the window asks; the CLI needs --yes).
 */
confirm: boolean, };

export type ContactMergeReport = { kept_id: number, absorbed_id: number, leads: number, history: number, alerts: number, consent_events: number, 
/**
 * The consents after the merge.
 */
consent_email: boolean, consent_sms: boolean, 
/**
 * What did not fit on the kept contact (a second e-mail, a third phone, another address):
 * written on its leads' timelines and kept in the merge record.
 */
kept_aside: Array<string>, };

export type ContactRef = { contact_id: number, };

export type ContactUpdate = { id: number, contact: ContactInput, };

export type CountRow = { label: string, count: number, };

export type CustomerFile = { contact_id: number, customer_code: string | null, civility: string | null, first_name: string, last_name: string, company: string | null, address: string | null, postal_code: string | null, city: string | null, phone: string | null, landline: string | null, email: string | null, customer_since: string | null, consent_email: boolean, consent_sms: boolean, consent_at: string | null, consent_source: string | null, 
/**
 * A number of theirs is on the Bloctel list: no prospecting call.
 */
bloctel: boolean, vehicles: Array<OwnedVehicle>, 
/**
 * Newest first (at most 500 lines).
 */
history: Array<HistoryLine>, purchases_cents: number, workshop_cents: number, workshop_visits: number, leads: Array<CustomerLead>, };

export type CustomerLead = { id: number, code: string, kind: string, status: string, created_at: string, };

export type CustomerPage = { items: Array<CustomerRow>, total: number, };

export type CustomerQuery = { 
/**
 * Name, customer number, e-mail, phone or city.
 */
text?: string | null, 
/**
 * Only the contacts that came from the DMS.
 */
customers_only?: boolean, limit?: number, offset?: number, };

export type CustomerRow = { contact_id: number, customer_code: string | null, name: string, phone: string | null, email: string | null, city: string | null, last_visit: string | null, open_leads: number, 
/**
 * A number of theirs is on the Bloctel list.
 */
bloctel: boolean, };

export type DashLead = { code: string, name: string, owner: string | null, 
/**
 * The deadline, the appointment's time or the last activity, as the list needs (RFC 3339).
 */
at: string | null, detail: string, };

export type DashList = { count: number, leads: Array<DashLead>, };

export type Dashboard = { from: string, to: string, spaces: Array<SpaceCounters>, 
/**
 * Open leads past their deadline.
 */
late: DashList, 
/**
 * Open leads whose deadline is still ahead.
 */
on_time: number, 
/**
 * Chaud, at stage offre or négociation.
 */
hot: DashList, unassigned: DashList, 
/**
 * Open, contacted, and no task or appointment ahead.
 */
no_next_action: DashList, appointments_today: DashList, };

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

export type DealVehicle = { make: string, model: string, version?: string | null, vin?: string | null, plate?: string | null, 
/**
 * First registration, `YYYY-MM` or `YYYY-MM-DD` (a VO's legal detail).
 */
first_registration?: string | null, km?: number | null, 
/**
 * Essence, Diesel, Hybride, Électrique, GPL…
 */
energy?: string | null, 
/**
 * Manuelle, Automatique.
 */
gearbox?: string | null, colour?: string | null, 
/**
 * Combined consumption as printed ("5,2 l/100 km", "16 kWh/100 km").
 */
consumption?: string | null, 
/**
 * CO2 emissions in g/km (WLTP).
 */
co2_g_km?: number | null, 
/**
 * Used (VO): first registration and mileage are then required on a bon de commande.
 */
used?: boolean, };

export type DepositKind = "acompte" | "arrhes";

export type DigestReport = { users: number, };

export type DocumentMail = { lead_id: number, file_ids: Array<number>, subject: string, body: string, };

export type Driver = { name: string, licence_number: string, 
/**
 * Date the licence was issued, `YYYY-MM-DD`.
 */
licence_date: string, address?: string | null, };

export type DuplicateCandidate = { contact_id: number, name: string, phone: string | null, email: string | null, city: string | null, customer_code: string | null, leads: number, 
/**
 * What the two share: « téléphone », « e-mail », « nom ».
 */
reasons: Array<string>, };

export type Empty = Record<symbol, never>;

export type EraseInput = { contact_id: number, 
/**
 * The manager confirmed (the window asks; the CLI needs --yes).
 */
confirm: boolean, };

export type EraseReport = { contact_id: number, leads: number, events: number, mails_received: number, mails_sent: number, files: number, orders_kept: number, };

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

export type ExcludedCount = { reason: string, count: number, };

export type ExportDone = { path: string, 
/**
 * Leads written (lead exports) or leads counted (KPI workbook).
 */
rows: number, };

export type ExportInput = { what: ExportKind, filter: ReportFilter, };

export type ExportKind = "leads_xlsx" | "leads_csv" | "kpi_xlsx";

export type FileContent = { file_name: string, mime: string, base64: string, };

export type FileFormat = { 
/**
 * "CSV" or "Classeur" (XLSX, XLS, ODS).
 */
kind: string, 
/**
 * "UTF-8", "windows-1252" (CSV) or the sheet's name (workbook).
 */
encoding: string, 
/**
 * The cell separator of a CSV ("" for a workbook).
 */
delimiter: string, headers: Array<string>, 
/**
 * Line of the header row.
 */
header_line: number, };

export type FileOrigin = "upload" | "offer" | "order" | "tradein" | "testdrive";

export type FileRef = { id: number, };

export type FileRename = { id: number, title: string, };

export type FileUpload = { lead_id: number, title: string, file_name: string, 
/**
 * The file's bytes, base64.
 */
base64: string, };

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

export type ForecastRow = { 
/**
 * The lead's stage, or `acceptee` for an offer the customer accepted.
 */
stage: string, label: string, 
/**
 * Chance of an order, in percent.
 */
weight: number, offers: number, total_ttc_cents: number, weighted_cents: number, };

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

export type HistoryKind = "vente_vn" | "vente_vo" | "atelier" | "autre";

export type HistoryLine = { happened_on: string, kind: HistoryKind, kind_label: string, label: string, vin: string | null, amount_cents: number | null, km: number | null, };

export type ImportField = { key: string, label: string, required: boolean, };

export type ImportPreview = { target: ImportTarget, format: FileFormat, mapping: { [key in string]: string }, fields: Array<ImportField>, 
/**
 * The first rows, cells in the file's column order.
 */
sample: Array<Array<string>>, 
/**
 * Required fields with no column yet.
 */
missing: Array<string>, profiles: Array<string>, };

export type ImportPreviewInput = { upload_id: string, target: ImportTarget, profile?: string | null, };

export type ImportProfile = { name: string, target: ImportTarget, mapping: { [key in string]: string }, updated_at?: string, };

export type ImportRunInput = { upload_id: string, target: ImportTarget, 
/**
 * The file's name as the user chose it (shown in the history).
 */
file_name: string, mapping?: { [key in string]: string } | null, profile?: string | null, dry_run?: boolean, };

export type ImportSummary = { target: ImportTarget, file_name: string, format: FileFormat, mapping: { [key in string]: string }, dry_run: boolean, 
/**
 * Data rows read (empty lines are not rows).
 */
rows: number, inserted: number, updated: number, unchanged: number, rejected: number, 
/**
 * The first `MAX_REPORTED_ROWS` rejected rows.
 */
rejected_rows: Array<RejectedRow>, 
/**
 * Cells dropped from rows that were kept (an unreadable phone…).
 */
warnings: Array<RejectedRow>, 
/**
 * VO alerts that fired on the vehicles of this import.
 */
alerts: number, 
/**
 * The import's number in the history (None for a dry run).
 */
run_id: number | null, seconds: number, };

export type ImportTarget = "stock" | "customers" | "history";

export type ImportUpload = { 
/**
 * None for the first chunk: a new staged file.
 */
upload_id?: string | null, 
/**
 * Where this chunk starts (the bytes already received).
 */
offset: number, data_base64: string, };

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

export type IngestSummary = { files: number, leads_created: number, merged: number, duplicates: number, quarantined: number, 
/**
 * « STOP » replies: the withdrawal recorded on the contact.
 */
opt_outs: number, errors: number, };

export type InspectionItem = { item: string, state: ItemState, comment?: string | null, 
/**
 * Photos: ids of the lead's files.
 */
photos: Array<number>, };

export type IntakeCounts = { received_today: number, leads_today: number, merged_today: number, quarantined: number, 
/**
 * Stored but not processed yet (left by an older version; finished by the worker).
 */
in_progress: number, total: number, };

export type Interest = "chaud" | "tiede" | "froid";

export type ItemState = "bon" | "moyen" | "mauvais" | "non_verifie";

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

export type KeptCount = { reason: string, count: number, };

export type KpiReport = { from: string, to: string, total: KpiRow, by_source: Array<KpiRow>, by_owner: Array<KpiRow>, by_site: Array<KpiRow>, by_brand: Array<KpiRow>, by_kind: Array<KpiRow>, lost_reasons: Array<CountRow>, };

export type KpiRow = { 
/**
 * The group's value as the lead list filters it (source, owner id, site id, make, kind);
 * empty for the total.
 */
key: string, label: string, leads: number, contacted: number, contact_rate: number, 
/**
 * Working minutes from receipt to first contact: median and 90th percentile of the
 * contacted leads (null when none was contacted).
 */
first_contact_median_min: number | null, first_contact_p90_min: number | null, within_working_day: number, within_working_day_rate: number, within_48h: number, within_48h_rate: number, appointments: number, appointment_rate: number, testdrives: number, testdrive_rate: number, offers: number, offer_rate: number, orders: number, conversion_rate: number, lost: number, 
/**
 * Calls, e-mails and contacts made recorded per lead, on average.
 */
contacts_per_lead: number, };

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
deleted_at: string | null, 
/**
 * The next task or appointment not done yet (the earliest), or null.
 */
next_action: NextAction | null, };

export type LeadCounters = { 
/**
 * Trade-ins, test drives and offers (versions of one offer count once).
 */
tradeins: number, testdrives: number, offers: number, calls: number, failed_attempts: number, 
/**
 * Perdu may be chosen without a manager's override.
 */
may_close_lost: boolean, };

export type LeadDeals = { tradeins: Array<TradeIn>, testdrives: Array<TestDrive>, offers: Array<Offer>, orders: Array<Order>, files: Array<LeadFile>, mails: Array<SentMail>, };

export type LeadDetail = { lead: Lead, counters: LeadCounters, events: Array<Event>, tasks: Array<Task>, };

export type LeadFile = { id: number, lead_id: number, title: string, file_name: string, mime: string, size: number, origin: FileOrigin, 
/**
 * The trade-in, test drive, offer or order the PDF was made from.
 */
ref_id: number | null, created_by: string | null, created_at: string, };

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
due_today?: boolean, 
/**
 * Open leads without an owner.
 */
unassigned?: boolean, 
/**
 * Received on or after this local day (`YYYY-MM-DD`): the leads behind a report's figure.
 */
created_from?: string | null, 
/**
 * Received on or before this local day (`YYYY-MM-DD`).
 */
created_to?: string | null, search?: string | null, sort?: LeadSort, limit?: number, offset?: number, };

export type LeadRef = { code: string, };

export type LeadSort = "recent" | "oldest" | "deadline" | "last_activity" | "name";

export type LeadStage = "contact" | "decouverte" | "essai" | "offre" | "negociation" | "commande";

export type LeadStatus = "nouveau" | "a_traiter" | "en_cours" | "gagne" | "perdu";

export type LineKind = "vehicle" | "option" | "accessory" | "discount" | "fee" | "registration" | "malus";

export type Logo = { mime: string, base64: string, };

export type LogoInput = { 
/**
 * The image file, base64; null removes the logo.
 */
base64: string | null, };

export type MailDraft = { 
/**
 * The contact's address; null when the contact has none (nothing can be sent).
 */
to: string | null, subject: string, body: string, };

export type MailDraftQuery = { lead_id: number, 
/**
 * The files to send (the first one chooses the template).
 */
file_ids: Array<number>, };

export type MailSecurity = "tls" | "plain";

export type MailTemplates = { offer_subject: string, offer_body: string, order_subject: string, order_body: string, other_subject: string, other_body: string, };

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

export type MakeModels = { make: string, models: Array<string>, };

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

export type NextAction = { kind: string, due_at: string, };

export type NoteInput = { lead_id: number, text: string, };

export type Notification = { id: number, at: string, kind: string, text: string, lead_code: string | null, read: boolean, };

export type NotificationList = { items: Array<Notification>, unread: number, };

export type NotificationQuery = { 
/**
 * Only the ones after this id (for polling).
 */
after_id?: number | null, limit?: number, };

export type Offer = { id: number, lead_id: number, lead_code: string, 
/**
 * `OF-2026-0001`, shared by the versions.
 */
number: string, version: number, status: OfferStatus, vat_regime: VatRegime, vehicle: DealVehicle, lines: Array<OfferLine>, tradein_id: number | null, financing: string | null, valid_until: string, total_ttc_cents: number, total_vat_cents: number, trade_in_cents: number, net_cents: number, totals: Totals, created_by: string | null, created_at: string, 
/**
 * The bon de commande made from it.
 */
order_id: number | null, 
/**
 * The PDF kept in the lead's documents.
 */
file_id: number | null, };

export type OfferInput = { lead_id: number, vat_regime: VatRegime, vehicle: DealVehicle, lines: Array<OfferLine>, trade_in_cents?: number, 
/**
 * The trade-in (reprise) whose proposed price is deducted.
 */
tradein_id?: number | null, financing?: string | null, 
/**
 * `YYYY-MM-DD`; 15 days from today when omitted.
 */
valid_until?: string | null, 
/**
 * The offer this one revises (a new version of the same number).
 */
revises?: number | null, };

export type OfferLine = { kind: LineKind, label: string, qty: number, 
/**
 * Price of one unit, TTC, in cents; a discount is negative.
 */
unit_cents: number, };

export type OfferQuery = { lead_id?: number | null, };

export type OfferRef = { id: number, };

export type OfferStatus = "ouverte" | "acceptee" | "refusee" | "remplacee";

export type OfferStatusInput = { id: number, 
/**
 * `acceptee` or `refusee`.
 */
status: OfferStatus, };

export type Order = { id: number, 
/**
 * `BC-2026-0001`
 */
number: string, offer_id: number, offer_number: string, lead_id: number, lead_code: string, vat_regime: VatRegime, buyer: Buyer, delivery_date: string, payment_terms: string, deposit_cents: number, deposit_kind: DepositKind, off_premises: boolean, total_ttc_cents: number, created_by: string | null, created_at: string, file_id: number | null, };

export type OrderInput = { offer_id: number, buyer: Buyer, 
/**
 * Latest delivery date, `YYYY-MM-DD`.
 */
delivery_date: string, payment_terms: string, deposit_cents?: number, deposit_kind?: DepositKind, 
/**
 * Signed away from the showroom or at a distance: the 14-day withdrawal right applies.
 */
off_premises?: boolean, };

export type OrderRef = { id: number, };

export type OutboxItem = { id: number, kind: string, to_addr: string, subject: string, 
/**
 * pending (waits), sent, failed (given up after its attempts).
 */
state: string, attempts: number, last_error: string | null, created_at: string, sent_at: string | null, next_attempt_at: string, lead_code: string | null, };

export type OutboxQuery = { state?: string | null, };

export type OwnedVehicle = { vin: string, 
/**
 * Make, model and version when the stock knows the VIN.
 */
label: string | null, 
/**
 * The last known mileage and when it was read.
 */
last_km: number | null, last_seen: string, 
/**
 * When the garage sold it to them, if it did.
 */
bought_on: string | null, };

export type PasswordChange = { current: string, new: string, };

export type PasswordReset = { user_id: number, password: string, };

export type PdfKind = "offer" | "order" | "tradein" | "testdrive";

export type PdfRef = { kind: PdfKind, id: number, };

export type PinInput = { 
/**
 * 4 to 6 digits; null removes the PIN.
 */
pin: string | null, };

export type PollReport = { mailbox: string, summary: IngestSummary, };

export type QualifyInput = { lead_id: number, stage?: LeadStage | null, interest?: Interest | null, };

export type RejectedRow = { line: number, reason: string, 
/**
 * The row as read, cells joined with `;` (for the CSV of rejected rows).
 */
raw: string, };

export type RejectsFile = { path: string, };

export type RejectsFileInput = { rows: Array<RejectedRow>, };

export type ReportFilter = { 
/**
 * `YYYY-MM-DD`, first day included (default: 30 days before `to`).
 */
from?: string | null, 
/**
 * `YYYY-MM-DD`, last day included (default: today).
 */
to?: string | null, site_id?: number | null, owner_id?: number | null, source?: string | null, kind?: LeadKind | null, };

export type RetentionDue = { contact_id: number, name: string, customer: boolean, 
/**
 * RFC 3339 or YYYY-MM-DD: the last active contact.
 */
last_active: string, };

export type RetentionReport = { dry_run: boolean, examined: number, 
/**
 * Anonymised by this run (with --dry-run: that a run would anonymise).
 */
anonymised: number, kept: Array<KeptCount>, 
/**
 * The first 200 contacts due (the preview a manager reads before the run).
 */
due: Array<RetentionDue>, prospect_years: number, customer_years: number, };

export type RetentionSettings = { prospect_years: number, customer_years: number, };

export type Role = "hotesse" | "vendeur" | "chef_des_ventes" | "responsable_apv" | "administrateur";

export type RoutingRules = { assignment: Array<AssignmentRule>, sla: Array<SlaRule>, };

export type SalesReport = { from: string, to: string, orders: number, total_ttc_cents: number, by_brand: Array<SalesRow>, by_type: Array<SalesRow>, by_site: Array<SalesRow>, by_owner: Array<SalesRow>, 
/**
 * Offers still open today (latest version, no order), whatever the period.
 */
forecast: Array<ForecastRow>, forecast_weighted_cents: number, activity: Array<ActivityRow>, };

export type SalesRow = { key: string, label: string, orders: number, total_ttc_cents: number, };

export type SendReport = { sent: number, failed: number, };

export type SentMail = { id: number, to: string, subject: string, 
/**
 * pending, sent or failed.
 */
state: string, attempts: number, last_error: string | null, created_at: string, sent_at: string | null, attachments: Array<string>, };

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

export type SpaceCounters = { space: string, nouveau: number, a_traiter: number, en_cours: number, 
/**
 * Won or lost during the period.
 */
traite: number, };

export type StatusInput = { lead_id: number, status: LeadStatus, 
/**
 * Label (or code) of a close reason; required for perdu.
 */
reason?: string | null, 
/**
 * A manager closes as perdu before the attempts rule is met.
 */
override_rule?: boolean, };

export type StockAttach = { lead_id: number, stock_id: number, };

export type StockFields = { vin: string, reference?: string | null, plate?: string | null, make: string, model: string, version?: string | null, energy?: string | null, gearbox?: string | null, km?: number | null, 
/**
 * YYYY-MM-DD.
 */
first_registration?: string | null, colour?: string | null, price_cents?: number | null, condition?: Condition, status?: StockStatus, 
/**
 * YYYY-MM-DD.
 */
entered_on?: string | null, 
/**
 * As the DMS writes the buyer ("J. Morel").
 */
manager_name?: string | null, manager_id?: number | null, };

export type StockInput = { id?: number | null, vehicle: StockFields, };

export type StockPage = { items: Array<StockVehicle>, total: number, 
/**
 * Makes and energies present, for the filters.
 */
makes: Array<string>, energies: Array<string>, };

export type StockQuery = { 
/**
 * Words of the make, model, version, VIN, plate or reference.
 */
text?: string | null, condition?: Condition | null, status?: StockStatus | null, make?: string | null, energy?: string | null, max_price_cents?: number | null, max_km?: number | null, manager_id?: number | null, 
/**
 * "entered" (oldest entries first: the ones to sell), "price", "km", "make" (default).
 */
sort?: string | null, limit?: number, offset?: number, };

export type StockRef = { id: number, };

export type StockStatus = "disponible" | "reserve" | "vendu";

export type StockVehicle = { id: number, 
/**
 * Days since it entered the stock (None without an entry date).
 */
days_in_stock: number | null, 
/**
 * "import" or "saisie".
 */
origin: string, updated_at: string, vin: string, reference?: string | null, plate?: string | null, make: string, model: string, version?: string | null, energy?: string | null, gearbox?: string | null, km?: number | null, 
/**
 * YYYY-MM-DD.
 */
first_registration?: string | null, colour?: string | null, price_cents?: number | null, condition?: Condition, status?: StockStatus, 
/**
 * YYYY-MM-DD.
 */
entered_on?: string | null, 
/**
 * As the DMS writes the buyer ("J. Morel").
 */
manager_name?: string | null, manager_id?: number | null, };

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

export type TestDrive = { id: number, lead_id: number, lead_code: string, vehicle: DealVehicle, starts_at: string, ends_at: string, driver: Driver, km_out: number | null, km_in: number | null, fuel_out: string | null, fuel_in: string | null, damages: string | null, task_id: number | null, created_by: string | null, created_at: string, };

export type TestDriveInput = { id?: number | null, lead_id: number, vehicle: DealVehicle, 
/**
 * RFC 3339.
 */
starts_at: string, 
/**
 * 30 minutes when omitted.
 */
duration_min?: number, driver: Driver, km_out?: number | null, km_in?: number | null, 
/**
 * Fuel or charge level as noted ("1/2", "80 %").
 */
fuel_out?: string | null, fuel_in?: string | null, damages?: string | null, };

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

export type Totals = { 
/**
 * Vehicle, options, accessories, less the discounts.
 */
goods_cents: number, 
/**
 * Preparation, transport, plates…
 */
fees_cents: number, 
/**
 * Carte grise and malus (outside VAT).
 */
outside_vat_cents: number, total_ttc_cents: number, 
/**
 * VAT included in the total (only on the fees under the margin scheme).
 */
total_vat_cents: number, 
/**
 * The taxable lines without their VAT (the margin-scheme goods are not in it).
 */
total_ht_cents: number, trade_in_cents: number, 
/**
 * What remains to pay: total TTC less the trade-in.
 */
net_cents: number, };

export type TradeIn = { id: number, lead_id: number, lead_code: string, vehicle: DealVehicle, inspection: Array<InspectionItem>, repair_cents: number, market_cents: number | null, proposed_cents: number | null, valid_until: string | null, notes: string | null, created_by: string | null, created_at: string, updated_at: string, };

export type TradeInDraft = { vehicle: DealVehicle, inspection: Array<InspectionItem>, };

export type TradeInInput = { 
/**
 * Absent to create; an id to update.
 */
id?: number | null, lead_id: number, vehicle: DealVehicle, inspection: Array<InspectionItem>, repair_cents?: number, market_cents?: number | null, proposed_cents?: number | null, 
/**
 * `YYYY-MM-DD`: the proposed price holds until then.
 */
valid_until?: string | null, notes?: string | null, };

export type TrashItem = { lead: Lead, deleted_at: string, deleted_by: string | null, 
/**
 * The last instant a manager can restore it.
 */
restorable_until: string, restorable: boolean, };

export type UploadState = { upload_id: string, received: number, };

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

export type VatRegime = "normal" | "margin";

export type Vehicle = { id: number, make: string, model: string, version: string | null, vin: string | null, plate: string | null, 
/**
 * Advertised price (TTC, cents), when the lead named one.
 */
price_cents: number | null, 
/**
 * ISO 4217 of the price; None means euros.
 */
currency: string | null, 
/**
 * Model year.
 */
year: number | null, 
/**
 * First registration, YYYY-MM.
 */
first_registration: string | null, km: number | null, energy: string | null, gearbox: string | null, colour: string | null, };

export type VehicleInput = { make: string, model: string, version?: string | null, vin?: string | null, plate?: string | null, year?: number | null, 
/**
 * YYYY-MM (also read: MM/YYYY, DD/MM/YYYY, YYYY-MM-DD).
 */
first_registration?: string | null, km?: number | null, energy?: string | null, gearbox?: string | null, colour?: string | null, price_cents?: number | null, currency?: string | null, };

export type VoAlert = { id: number, contact_id: number, lead_id: number | null, owner_id: number | null, make: string | null, model: string | null, energy: string | null, max_price_cents: number | null, max_km: number | null, min_year: number | null, active: boolean, created_at: string, 
/**
 * Stock vehicles that matched, newest first.
 */
matches: Array<StockVehicle>, };

export type VoAlertInput = { id?: number | null, 
/**
 * The lead the alert belongs to (its contact and owner follow).
 */
lead_id: number, make?: string | null, model?: string | null, energy?: string | null, max_price_cents?: number | null, max_km?: number | null, 
/**
 * First registered this year or later.
 */
min_year?: number | null, active?: boolean, };

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
  outbox_list: { args: OutboxQuery, result: Array<OutboxItem> },
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
  lead_deals: { args: LeadIdInput, result: LeadDeals },
  tradein_draft: { args: LeadIdInput, result: TradeInDraft },
  tradein_save: { args: TradeInInput, result: TradeIn },
  tradein_checklist: { args: Empty, result: Array<string> },
  tradein_checklist_set: { args: ChecklistInput, result: Array<string> },
  testdrive_save: { args: TestDriveInput, result: TestDrive },
  offers_list: { args: OfferQuery, result: Array<Offer> },
  offer_get: { args: OfferRef, result: Offer },
  offer_create: { args: OfferInput, result: Offer },
  offer_set_status: { args: OfferStatusInput, result: Offer },
  orders_list: { args: OfferQuery, result: Array<Order> },
  order_get: { args: OrderRef, result: Order },
  order_create: { args: OrderInput, result: Order },
  pdf_generate: { args: PdfRef, result: LeadFile },
  document_upload: { args: FileUpload, result: LeadFile },
  document_rename: { args: FileRename, result: LeadFile },
  document_delete: { args: FileRef, result: LeadFile },
  document_read: { args: FileRef, result: FileContent },
  document_mail_draft: { args: MailDraftQuery, result: MailDraft },
  document_send: { args: DocumentMail, result: SentMail },
  mail_templates: { args: Empty, result: MailTemplates },
  mail_templates_set: { args: MailTemplates, result: MailTemplates },
  dashboard: { args: ReportFilter, result: Dashboard },
  kpi: { args: ReportFilter, result: KpiReport },
  sales: { args: ReportFilter, result: SalesReport },
  export_file: { args: ExportInput, result: ExportDone },
  vehicle_referential: { args: Empty, result: Array<MakeModels> },
  stock_list: { args: StockQuery, result: StockPage },
  stock_get: { args: StockRef, result: StockVehicle },
  stock_save: { args: StockInput, result: StockVehicle },
  stock_attach: { args: StockAttach, result: Lead },
  customers_list: { args: CustomerQuery, result: CustomerPage },
  customer_file: { args: ContactRef, result: CustomerFile },
  vo_alerts: { args: LeadIdInput, result: Array<VoAlert> },
  vo_alert_save: { args: VoAlertInput, result: VoAlert },
  import_upload: { args: ImportUpload, result: UploadState },
  import_preview: { args: ImportPreviewInput, result: ImportPreview },
  import_run: { args: ImportRunInput, result: ImportSummary },
  import_profiles: { args: Empty, result: Array<ImportProfile> },
  import_profile_save: { args: ImportProfile, result: Array<ImportProfile> },
  import_rejects_file: { args: RejectsFileInput, result: RejectsFile },
  contact_consents: { args: ContactRef, result: Array<ConsentEvent> },
  contact_export: { args: ContactRef, result: ContactExport },
  contact_erase: { args: EraseInput, result: EraseReport },
  contact_duplicates: { args: ContactRef, result: Array<DuplicateCandidate> },
  contacts_merge: { args: ContactMergeInput, result: ContactMergeReport },
  bloctel_status: { args: Empty, result: BloctelStatus },
  bloctel_import: { args: BloctelImportInput, result: BloctelReport },
  campaigns_list: { args: Empty, result: Array<Campaign> },
  campaign_preview: { args: CampaignInput, result: CampaignPreview },
  campaign_create: { args: CampaignInput, result: Campaign },
  campaign_calls: { args: CampaignCallsQuery, result: Array<CampaignCall> },
  campaign_call_log: { args: CampaignCallLog, result: CampaignCall },
  retention_preview: { args: Empty, result: RetentionReport },
  retention_settings: { args: Empty, result: RetentionSettings },
  retention_settings_set: { args: RetentionSettings, result: RetentionSettings },
  backup_status: { args: Empty, result: BackupStatus },
  backup_run: { args: Empty, result: BackupFile },
  backup_settings_set: { args: BackupSettings, result: BackupStatus },
};

export const MANAGER_ROLES: readonly Role[] = ["chef_des_ventes", "responsable_apv", "administrateur"];

export type ErrorKind = "refused" | "unavailable" | "internal";

/** What each error code means for the user: refused by a rule, a component unavailable, or an internal failure. */
export const ERROR_KINDS: Record<string, ErrorKind> = {"invalid": "refused", "not_found": "refused", "refused": "refused", "forbidden": "refused", "unauthenticated": "refused", "locked": "refused", "unavailable": "unavailable", "db_busy": "unavailable", "db_corrupt": "unavailable", "db_too_new": "unavailable", "unknown_command": "internal", "bad_arguments": "internal", "db_error": "internal", "io_error": "internal", "internal": "internal"};

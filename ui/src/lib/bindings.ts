// Generated from the Rust types by `UPDATE_BINDINGS=1 cargo test -p carnet-core --test bindings`. Do not edit.

export type ApiError = { code: string, message: string, field: string | null, };

export type AssignInput = { lead_id: number, owner_id?: number | null, site_id?: number | null, };

export type Contact = { id: number, first_name: string, last_name: string, company: string | null, phone: string | null, email: string | null, postal_code: string | null, city: string | null, consent_email: boolean, consent_sms: boolean, consent_at: string | null, created_at: string, updated_at: string, };

export type ContactInput = { first_name: string, last_name: string, company?: string | null, phone?: string | null, email?: string | null, postal_code?: string | null, city?: string | null, consent_email?: boolean, consent_sms?: boolean, };

export type ContactMadeInput = { lead_id: number, made: boolean, };

export type ContactMatchQuery = { phone?: string | null, email?: string | null, };

export type ContactUpdate = { id: number, contact: ContactInput, };

export type DeadlineInput = { lead_id: number, 
/**
 * RFC 3339; null removes the deadline.
 */
deadline_at: string | null, };

export type Empty = Record<symbol, never>;

export type Event = { id: number, lead_id: number, at: string, 
/**
 * Name of the user who acted; None for the system (intake, rules).
 */
user: string | null, kind: string, 
/**
 * French summary for the timeline.
 */
text: string, };

export type Interest = "chaud" | "tiede" | "froid";

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
close_reason: string | null, contact: Contact, vehicle: Vehicle | null, owned_vehicle: Vehicle | null, };

export type LeadCounters = { tradeins: number, testdrives: number, offers: number, };

export type LeadDetail = { lead: Lead, counters: LeadCounters, events: Array<Event>, };

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
overdue?: boolean, search?: string | null, sort?: LeadSort, limit?: number, offset?: number, };

export type LeadRef = { code: string, };

export type LeadSort = "recent" | "oldest" | "deadline" | "last_activity" | "name";

export type LeadStage = "contact" | "decouverte" | "essai" | "offre" | "negociation" | "commande";

export type LeadStatus = "nouveau" | "a_traiter" | "en_cours" | "gagne" | "perdu";

export type Meta = { version: string, sites: Array<Site>, users: Array<User>, sources: Array<string>, lost_reasons: Array<string>, won_reasons: Array<string>, current_user_id: number | null, };

export type NewLead = { contact_id?: number | null, contact: ContactInput, kind: LeadKind, source: string, interest?: Interest, site_id: number, owner_id?: number | null, vehicle?: VehicleInput | null, owned_vehicle?: VehicleInput | null, message?: string | null, external_ref?: string | null, };

export type NoteInput = { lead_id: number, text: string, };

export type QualifyInput = { lead_id: number, stage?: LeadStage | null, interest?: Interest | null, };

export type Role = "hotesse" | "vendeur" | "chef_des_ventes" | "responsable_apv" | "administrateur";

export type SetUserInput = { user_id: number, };

export type Site = { id: number, name: string, city: string, phone: string | null, };

export type StatusInput = { lead_id: number, status: LeadStatus, 
/**
 * Label (or code) of a close reason; required for perdu.
 */
reason?: string | null, };

export type User = { id: number, name: string, email: string, role: Role, site_id: number | null, active: boolean, };

export type Vehicle = { id: number, make: string, model: string, version: string | null, vin: string | null, plate: string | null, };

export type VehicleInput = { make: string, model: string, version?: string | null, vin?: string | null, plate?: string | null, };

export type Commands = {
  meta: { args: Empty, result: Meta },
  set_current_user: { args: SetUserInput, result: Meta },
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
  contact_update: { args: ContactUpdate, result: Contact },
};

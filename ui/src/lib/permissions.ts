// Who may do what, as the screens need it to hide what is not allowed. The backend is the guard
// (api/access.rs): it checks every command again and answers "forbidden". Pure functions; a
// missing user (not signed in) may do nothing.
import { MANAGER_ROLES, type DeadlineItem, type Lead, type Role, type Task, type User } from "./bindings";

/** The signed-in user, as far as rights go. */
export type Actor = Pick<User, "id" | "role" | "site_id">;
/** A lead, as far as rights go: its owner and its site. */
export type LeadScope = Pick<Lead, "owner_id" | "site_id">;
/** A task, as far as rights go: its assignee, its lead's owner and site (null without lead). */
export type TaskScope = Pick<Task, "assignee_id" | "lead_owner_id" | "lead_site_id">;

export const isManagerRole = (role: Role): boolean => MANAGER_ROLES.includes(role);

/** Chef des ventes, responsable après-vente, administrateur. */
export function isManager(me: Actor | null | undefined): boolean {
  return !!me && isManagerRole(me.role);
}

export function isAdmin(me: Actor | null | undefined): boolean {
  return me?.role === "administrateur";
}

/** The lead is on the user's site (a user without a site works on every site). */
function onMySite(me: Actor, lead: LeadScope): boolean {
  return me.site_id === null || me.site_id === lead.site_id;
}

/**
 * Working a lead (note, call, task, qualification, deadline, contact made, contact edit): its
 * owner, any vendeur for an unassigned lead of their site, the hôtesses and the managers.
 */
export function canWorkLead(me: Actor | null | undefined, lead: LeadScope): boolean {
  if (!me) return false;
  if (isManager(me) || me.role === "hotesse") return true;
  if (lead.owner_id === me.id) return true;
  return lead.owner_id === null && onMySite(me, lead);
}

/** Assigning a lead to anyone, or moving it to another site: hôtesses and managers. */
export function canAssignLead(me: Actor | null | undefined): boolean {
  return !!me && (isManager(me) || me.role === "hotesse");
}

/** "Prendre ce lead": a user who cannot assign takes an unassigned lead of their site. */
export function canTakeLead(me: Actor | null | undefined, lead: LeadScope): boolean {
  return !!me && !canAssignLead(me) && lead.owner_id === null && onMySite(me, lead);
}

/** Changing the status, closing or deleting a lead: its owner or a manager. */
export function canCloseLead(me: Actor | null | undefined, lead: LeadScope): boolean {
  return !!me && (isManager(me) || lead.owner_id === me.id);
}

/** Managers: the corbeille, quarantine discard, rules, follow-up settings, escalations. */
export const canManage = isManager;

/**
 * The outbox's list of mails (Réglages → E-mails): managers, as `outbox_list`. Sending the queue
 * now and its counts are open to everyone.
 */
export const canListOutbox = isManager;

/** Administrators: garage, sites, users, close reasons, sign-in settings, journal, mailbox and SMTP. */
export const canAdminister = isAdmin;

/**
 * The DMS data: importing files (stock, customers, history) and typing stock vehicles. The
 * administrator and the chef des ventes only (the responsable après-vente does not).
 */
export function canImport(me: Actor | null | undefined): boolean {
  return me?.role === "administrateur" || me?.role === "chef_des_ventes";
}

/** A user's absence: the user themselves or a manager. */
export function canEditAbsence(me: Actor | null | undefined, userId: number): boolean {
  return !!me && (isManager(me) || me.id === userId);
}

/** The lead a task is about, as far as rights go; null for a task without lead. */
export function taskLead(task: Pick<Task, "lead_owner_id" | "lead_site_id">): LeadScope | null {
  return task.lead_site_id === null ? null : { owner_id: task.lead_owner_id, site_id: task.lead_site_id };
}

/** The lead a deadline of the to-do list or the agenda is about. */
export function deadlineLead(d: Pick<DeadlineItem, "owner_id" | "site_id">): LeadScope {
  return { owner_id: d.owner_id, site_id: d.site_id };
}

/**
 * Marking a task done, moving or reassigning it: its assignee, or whoever may work its lead
 * (anyone for a task without lead).
 */
export function canWorkTask(me: Actor | null | undefined, task: TaskScope): boolean {
  if (!me) return false;
  const lead = taskLead(task);
  if (task.assignee_id === me.id || lead === null) return true;
  return canWorkLead(me, lead);
}

/**
 * "Appel" on a task or a deadline: logging a call works the lead, so whoever may work it (the
 * task's assignee alone may not, when the lead is someone else's). Nothing without a lead.
 */
export function canCallLead(me: Actor | null | undefined, lead: LeadScope | null): boolean {
  return lead !== null && canWorkLead(me, lead);
}

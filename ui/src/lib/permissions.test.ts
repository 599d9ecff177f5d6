import { describe, expect, it } from "vitest";
import type { Role } from "./bindings";
import {
  canAdminister,
  canCallLead,
  canAssignLead,
  canCloseLead,
  canEditAbsence,
  canImport,
  canListOutbox,
  canManage,
  canTakeLead,
  canWorkLead,
  canWorkTask,
  deadlineLead,
  isAdmin,
  isManager,
  taskLead,
  type Actor,
  type TaskScope,
} from "./permissions";

const user = (id: number, role: Role, site_id: number | null = 1): Actor => ({ id, role, site_id });
const hotesse = user(1, "hotesse");
const karim = user(2, "vendeur", 1);
const elodie = user(3, "vendeur", 2);
const roaming = user(4, "vendeur", null);
const chef = user(5, "chef_des_ventes", 1);
const apv = user(6, "responsable_apv", 2);
const admin = user(7, "administrateur", 1);

const unassigned = { owner_id: null, site_id: 1 };
const karims = { owner_id: 2, site_id: 1 };

describe("roles", () => {
  it("managers are the chef des ventes, the responsable après-vente and the administrator", () => {
    expect([hotesse, karim, chef, apv, admin].map(isManager)).toEqual([false, false, true, true, true]);
    expect([hotesse, karim, chef, apv, admin].map(isAdmin)).toEqual([false, false, false, false, true]);
    expect(canManage(chef)).toBe(true);
    expect(canAdminister(chef)).toBe(false);
    expect(canAdminister(admin)).toBe(true);
  });

  it("the outbox's list: the managers only", () => {
    expect([hotesse, karim, chef, apv, admin, null].map(canListOutbox)).toEqual([false, false, true, true, true, false]);
  });

  it("DMS imports and the stock's edits: the administrator and the chef des ventes", () => {
    expect([hotesse, karim, chef, apv, admin, null].map(canImport)).toEqual([false, false, true, false, true, false]);
  });

  it("nobody signed in may do nothing", () => {
    for (const check of [isManager, isAdmin, canAssignLead, canManage, canAdminister]) expect(check(null)).toBe(false);
    expect(canWorkLead(null, unassigned)).toBe(false);
    expect(canTakeLead(undefined, unassigned)).toBe(false);
    expect(canCloseLead(null, unassigned)).toBe(false);
    expect(canEditAbsence(null, 1)).toBe(false);
    expect(canWorkTask(null, { assignee_id: 1, lead_owner_id: null, lead_site_id: null })).toBe(false);
    expect(canCallLead(null, unassigned)).toBe(false);
  });
});

describe("working a lead", () => {
  it("belongs to its owner, the hôtesses and the managers", () => {
    expect(canWorkLead(karim, karims)).toBe(true);
    expect(canWorkLead(hotesse, karims)).toBe(true);
    expect(canWorkLead(apv, karims)).toBe(true);
    expect(canWorkLead(user(8, "vendeur", 1), karims)).toBe(false);
  });

  it("is open to any vendeur of the site while the lead is unassigned", () => {
    expect(canWorkLead(karim, unassigned)).toBe(true);
    expect(canWorkLead(elodie, unassigned)).toBe(false);
    expect(canWorkLead(roaming, unassigned)).toBe(true);
    expect(canWorkLead(roaming, karims)).toBe(false);
  });
});

describe("assigning a lead", () => {
  it("is for the hôtesses and the managers", () => {
    expect([hotesse, karim, chef, apv, admin].map((u) => canAssignLead(u))).toEqual([true, false, true, true, true]);
  });

  it("lets a vendeur take an unassigned lead of their site, and nothing else", () => {
    expect(canTakeLead(karim, unassigned)).toBe(true);
    expect(canTakeLead(roaming, unassigned)).toBe(true);
    expect(canTakeLead(elodie, unassigned)).toBe(false);
    expect(canTakeLead(karim, karims)).toBe(false);
    // Those who assign use the full dialog instead.
    expect(canTakeLead(hotesse, unassigned)).toBe(false);
    expect(canTakeLead(chef, unassigned)).toBe(false);
  });
});

describe("closing or deleting a lead", () => {
  it("is for its owner or a manager", () => {
    expect(canCloseLead(karim, karims)).toBe(true);
    expect(canCloseLead(chef, karims)).toBe(true);
    expect(canCloseLead(hotesse, karims)).toBe(false);
    expect(canCloseLead(karim, unassigned)).toBe(false);
    expect(canCloseLead(user(8, "vendeur", 1), karims)).toBe(false);
  });
});

describe("absences", () => {
  it("an absence is set by the user or a manager", () => {
    expect(canEditAbsence(karim, karim.id)).toBe(true);
    expect(canEditAbsence(karim, elodie.id)).toBe(false);
    expect(canEditAbsence(chef, elodie.id)).toBe(true);
  });

});

describe("tasks and deadlines in À faire and the agenda", () => {
  const task = (assignee_id: number, lead: { owner_id: number | null; site_id: number } | null): TaskScope => ({
    assignee_id,
    lead_owner_id: lead?.owner_id ?? null,
    lead_site_id: lead?.site_id ?? null,
  });

  it("read the task's lead from its own fields", () => {
    expect(taskLead(task(2, karims))).toEqual(karims);
    expect(taskLead(task(2, unassigned))).toEqual(unassigned);
    expect(taskLead(task(2, null))).toBeNull();
    expect(deadlineLead({ owner_id: 2, site_id: 1 })).toEqual(karims);
  });

  it("a task is done or moved by its assignee, whoever owns the lead", () => {
    expect(canWorkTask(elodie, task(elodie.id, karims))).toBe(true);
    expect(canWorkTask(karim, task(karim.id, karims))).toBe(true);
  });

  it("or by whoever may work its lead: owner, vendeur of the site when unassigned, hôtesses, managers", () => {
    // Karim owns the lead of a task given to Élodie.
    expect(canWorkTask(karim, task(elodie.id, karims))).toBe(true);
    expect(canWorkTask(hotesse, task(karim.id, karims))).toBe(true);
    expect(canWorkTask(chef, task(karim.id, karims))).toBe(true);
    expect(canWorkTask(apv, task(karim.id, karims))).toBe(true);
    expect(canWorkTask(admin, task(karim.id, karims))).toBe(true);
    // Unassigned lead of site 1: its vendeurs (and those without site), not site 2's.
    expect(canWorkTask(karim, task(elodie.id, unassigned))).toBe(true);
    expect(canWorkTask(roaming, task(elodie.id, unassigned))).toBe(true);
    expect(canWorkTask(elodie, task(karim.id, unassigned))).toBe(false);
  });

  it("is refused to another vendeur", () => {
    expect(canWorkTask(elodie, task(karim.id, karims))).toBe(false);
    expect(canWorkTask(user(8, "vendeur", 1), task(karim.id, karims))).toBe(false);
    expect(canWorkTask(roaming, task(karim.id, karims))).toBe(false);
  });

  it("a task without lead is open to all", () => {
    expect(canWorkTask(elodie, task(karim.id, null))).toBe(true);
  });

  it("Appel works the lead: the task's assignee alone is not enough", () => {
    expect(canCallLead(karim, taskLead(task(elodie.id, karims)))).toBe(true);
    expect(canCallLead(elodie, taskLead(task(elodie.id, karims)))).toBe(false);
    expect(canCallLead(hotesse, taskLead(task(karim.id, karims)))).toBe(true);
    expect(canCallLead(karim, taskLead(task(karim.id, null)))).toBe(false);
  });

  it("a deadline is called by whoever may work its lead", () => {
    const karimsDeadline = deadlineLead({ owner_id: karim.id, site_id: 1 });
    const siteTwo = deadlineLead({ owner_id: null, site_id: 2 });
    expect(canCallLead(karim, karimsDeadline)).toBe(true);
    expect(canCallLead(elodie, karimsDeadline)).toBe(false);
    expect(canCallLead(chef, karimsDeadline)).toBe(true);
    expect(canCallLead(elodie, siteTwo)).toBe(true);
    expect(canCallLead(karim, siteTwo)).toBe(false);
  });
});

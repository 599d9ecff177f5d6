import { describe, expect, it } from "vitest";
import type { CloseReason } from "./bindings";
import { canDelete, canEditLabel, canRetire, checkReasons, newReason, reasonLists, reasonsInput } from "./closeReasons";
import { moveItem } from "./rules";

const reason = (code: string, status: "gagne" | "perdu", label: string, in_use = 0, required = false, active = true): CloseReason => ({ code, status, label, active, in_use, required });

const saved = [
  reason("concurrent", "perdu", "Achat concurrent", 12),
  reason("reporte", "perdu", "Projet reporté"),
  reason("doublon", "perdu", "Doublon / erreur", 3, true),
  reason("commande", "gagne", "Commande signée", 40),
];

describe("close reason lists", () => {
  it("split the backend's list by status, keeping the order", () => {
    const lists = reasonLists(saved);
    expect(lists.gagne.map((r) => r.code)).toEqual(["commande"]);
    expect(lists.perdu.map((r) => r.code)).toEqual(["concurrent", "reporte", "doublon"]);
  });

  it("protect used and required reasons", () => {
    const [used, free, required] = reasonLists(saved).perdu;
    expect([canEditLabel(used), canDelete(used), canRetire(used)]).toEqual([false, false, true]);
    expect([canEditLabel(free), canDelete(free), canRetire(free)]).toEqual([true, true, true]);
    expect([canEditLabel(required), canDelete(required), canRetire(required)]).toEqual([false, false, false]);
    expect(canEditLabel(newReason("gagne"))).toBe(true);
  });

  it("flag empty and repeated labels within a list", () => {
    const lists = reasonLists(saved);
    const empty = newReason("perdu");
    const twice = newReason("perdu", " achat CONCURRENT ");
    const otherList = newReason("gagne", "Achat concurrent");
    lists.perdu.push(empty, twice);
    lists.gagne.push(otherList);
    expect(checkReasons(lists, { required: "vide", duplicate: "double" })).toEqual({ [empty.key]: "vide", [twice.key]: "double" });
  });

  it("save both lists in display order, new reasons without code, required ones active", () => {
    const lists = reasonLists(saved);
    lists.perdu = moveItem(lists.perdu, 1, -1);
    lists.perdu[2].active = false;
    lists.perdu[0].active = false;
    lists.gagne.push(newReason("gagne", " Reprise acceptée "));
    expect(reasonsInput(lists).reasons).toEqual([
      { code: "commande", status: "gagne", label: "Commande signée", active: true },
      { code: null, status: "gagne", label: "Reprise acceptée", active: true },
      { code: "reporte", status: "perdu", label: "Projet reporté", active: false },
      { code: "concurrent", status: "perdu", label: "Achat concurrent", active: true },
      { code: "doublon", status: "perdu", label: "Doublon / erreur", active: true },
    ]);
  });
});

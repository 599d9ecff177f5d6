import { describe, expect, it } from "vitest";
import {
  fixedWidth,
  isVisible,
  LEAD_COLUMN_IDS,
  LEAD_COLUMNS,
  LEAD_COLUMNS_KEY,
  loadColumnChoice,
  nextActionCell,
  parseColumnChoice,
  saveColumnChoice,
  setColumn,
  tableMinWidth,
  visibleColumns,
} from "./leadColumns";

const ids = (choice: Parameters<typeof visibleColumns>[0]) => visibleColumns(choice).map((c) => c.id);

/** A Storage stand-in. */
function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    removeItem: (k: string) => void data.delete(k),
  };
}

describe("lead list columns", () => {
  it("defines every column once, in display order", () => {
    expect(LEAD_COLUMNS.map((c) => c.id)).toEqual([...LEAD_COLUMN_IDS]);
    for (const c of LEAD_COLUMNS) expect(c.label).not.toBe("");
  });

  it("shows by default what people sort and act by, without phone, source, vehicle and site", () => {
    expect(ids({})).toEqual(["code", "status", "interest", "name", "kind", "owner", "created", "deadline", "activity", "next"]);
  });

  it("leaves the name room at 1366 px: the default fixed columns take at most 1000 px", () => {
    // 1366 - 168 (sidebar) - 32 (padding) - 2 (borders) - 15 (scrollbar) = 1149 px for the table.
    const available = 1366 - 168 - 32 - 2 - 15;
    expect(fixedWidth(visibleColumns({}))).toBeLessThanOrEqual(1000);
    expect(available - fixedWidth(visibleColumns({}))).toBeGreaterThanOrEqual(145);
    expect(tableMinWidth(visibleColumns({}))).toBeLessThanOrEqual(available);
  });

  it("keeps room for the name when every column is shown (the table then grows)", () => {
    const all = visibleColumns({ phone: true, source: true, vehicle: true, site: true });
    expect(all).toHaveLength(LEAD_COLUMNS.length);
    expect(tableMinWidth(all)).toBe(fixedWidth(all) + 130);
  });

  it("shows and hides columns, keeping only the choices that differ from the default", () => {
    let choice = setColumn({}, "phone", true);
    expect(choice).toEqual({ phone: true });
    expect(ids(choice)).toContain("phone");
    expect(ids(choice).indexOf("phone")).toBe(ids(choice).indexOf("name") + 1);
    choice = setColumn(choice, "owner", false);
    expect(isVisible(choice, "owner")).toBe(false);
    choice = setColumn(choice, "phone", false);
    expect(choice).toEqual({ owner: false });
  });

  it("never hides the name", () => {
    expect(setColumn({}, "name", false)).toEqual({});
    expect(ids({ name: false })).toContain("name");
    expect(isVisible({ name: false }, "name")).toBe(true);
  });

  it("reads the stored choice, ignoring anything unknown or malformed", () => {
    expect(parseColumnChoice(null)).toEqual({});
    expect(parseColumnChoice("not json")).toEqual({});
    expect(parseColumnChoice("[1,2]")).toEqual({});
    expect(parseColumnChoice('{"phone":true,"site":"yes","color":true,"owner":false}')).toEqual({ phone: true, owner: false });
  });

  it("is remembered in localStorage under carnet.leadColumns", () => {
    const storage = memoryStorage();
    saveColumnChoice(storage, { phone: true });
    expect(storage.data.get(LEAD_COLUMNS_KEY)).toBe('{"phone":true}');
    expect(loadColumnChoice(storage)).toEqual({ phone: true });
    saveColumnChoice(storage, {});
    expect(storage.data.has(LEAD_COLUMNS_KEY)).toBe(false);
    expect(loadColumnChoice(null)).toEqual({});
  });

  it("survives a storage that throws", () => {
    const broken = {
      getItem: () => {
        throw new Error("denied");
      },
      setItem: () => {
        throw new Error("full");
      },
      removeItem: () => {},
    };
    expect(loadColumnChoice(broken)).toEqual({});
    expect(() => saveColumnChoice(broken, { phone: true })).not.toThrow();
  });
});

describe("next action cell", () => {
  const now = Date.parse("2026-03-12T09:00:00Z"); // 10:00 in Paris

  it("is empty without a next action", () => {
    expect(nextActionCell(null, now)).toBeNull();
  });

  it("shows the kind and its Paris date and time", () => {
    expect(nextActionCell({ kind: "rdv", due_at: "2026-03-12T13:30:00Z" }, now)).toEqual({ text: "RDV 12/03 14:30", title: "Rendez-vous 12/03 14:30", late: false });
    expect(nextActionCell({ kind: "appel", due_at: "2026-03-13T08:00:00Z" }, now)?.text).toBe("Appel 13/03 09:00");
  });

  it("is late once its time has passed", () => {
    expect(nextActionCell({ kind: "relance", due_at: "2026-03-12T08:59:00Z" }, now)).toEqual({ text: "Relance 12/03 09:59", title: "Relance 12/03 09:59", late: true });
  });

  it("writes the year out when it is not the current one, and an unknown kind as given", () => {
    expect(nextActionCell({ kind: "visio", due_at: "2027-01-05T09:00:00Z" }, now)).toEqual({ text: "visio 05/01/2027 10:00", title: "visio 05/01/2027 10:00", late: false });
  });
});

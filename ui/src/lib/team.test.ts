import { describe, expect, it } from "vitest";
import type { User } from "./bindings";
import { absenceUntilUtc, checkFollowup, isPastDay, otherActiveUsers, todayKey, tomorrowKey } from "./team";

const at = (iso: string) => Date.parse(iso);

describe("absenceUntilUtc: 23:59 Paris of the chosen day", () => {
  it("winter (UTC+1) and summer (UTC+2)", () => {
    expect(absenceUntilUtc("2026-01-15")).toBe("2026-01-15T22:59:00Z");
    expect(absenceUntilUtc("2026-07-01")).toBe("2026-07-01T21:59:00Z");
  });

  it("days of the clock changes", () => {
    // 29/03/2026: 02:00 → 03:00, the evening is already in summer time.
    expect(absenceUntilUtc("2026-03-28")).toBe("2026-03-28T22:59:00Z");
    expect(absenceUntilUtc("2026-03-29")).toBe("2026-03-29T21:59:00Z");
    // 25/10/2026: 03:00 → 02:00, the evening is back in winter time.
    expect(absenceUntilUtc("2026-10-24")).toBe("2026-10-24T21:59:00Z");
    expect(absenceUntilUtc("2026-10-25")).toBe("2026-10-25T22:59:00Z");
  });

  it("year end and leap day", () => {
    expect(absenceUntilUtc("2026-12-31")).toBe("2026-12-31T22:59:00Z");
    expect(absenceUntilUtc("2028-02-29")).toBe("2028-02-29T22:59:00Z");
  });

  it("rejects empty and invalid days", () => {
    expect(absenceUntilUtc("")).toBeNull();
    expect(absenceUntilUtc("2026-02-30")).toBeNull();
    expect(absenceUntilUtc("15/01/2026")).toBeNull();
    expect(absenceUntilUtc("2026-01-15T10:00")).toBeNull();
  });
});

describe("days relative to today (Paris)", () => {
  it("today and tomorrow follow the Paris calendar, not UTC", () => {
    // 23:30 UTC on 14/01 is already 15/01 in Paris.
    const now = at("2026-01-14T23:30:00Z");
    expect(todayKey(now)).toBe("2026-01-15");
    expect(tomorrowKey(now)).toBe("2026-01-16");
  });

  it("only days before today are past", () => {
    const now = at("2026-07-01T10:00:00Z");
    expect(isPastDay("2026-06-30", now)).toBe(true);
    expect(isPastDay("2026-07-01", now)).toBe(false);
    expect(isPastDay("2026-07-02", now)).toBe(false);
  });
});

describe("otherActiveUsers", () => {
  const user = (id: number, name: string, active = true): User => ({ id, name, email: `${id}@x.fr`, role: "vendeur", site_id: 1, active, absent_until: null, backup_user_id: null, phone: null, has_password: true, has_pin: false });
  it("keeps active users other than the given one, by name", () => {
    const users = [user(1, "Zoé"), user(2, "Élodie"), user(3, "Aline", false), user(4, "Bruno")];
    expect(otherActiveUsers(users, 4).map((u) => u.id)).toEqual([2, 1]);
    expect(otherActiveUsers(users, 9).map((u) => u.name)).toEqual(["Bruno", "Élodie", "Zoé"]);
  });
});

describe("checkFollowup", () => {
  const messages = { escalation_delay_hours: "e", digest_hour: "h", dedup_days: "d" };

  it("accepts the bounds", () => {
    expect(checkFollowup({ escalation_delay_hours: 0, digest_hour: 0, dedup_days: 1, notify_managers: false }, messages)).toEqual({
      ok: true,
      settings: { escalation_delay_hours: 0, digest_hour: 0, dedup_days: 1, notify_managers: false },
    });
    expect(checkFollowup({ escalation_delay_hours: 720, digest_hour: 23, dedup_days: 365, notify_managers: true }, messages).ok).toBe(true);
  });

  it("names every invalid field", () => {
    expect(checkFollowup({ escalation_delay_hours: 721, digest_hour: 24, dedup_days: 0, notify_managers: false }, messages)).toEqual({
      ok: false,
      errors: { escalation_delay_hours: "e", digest_hour: "h", dedup_days: "d" },
    });
    expect(checkFollowup({ escalation_delay_hours: null, digest_hour: 7.5, dedup_days: -1, notify_managers: false }, messages)).toEqual({
      ok: false,
      errors: { escalation_delay_hours: "e", digest_hour: "h", dedup_days: "d" },
    });
  });
});

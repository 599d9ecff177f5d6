// Call logging helpers: the duration typed by the user ("2:05", "125", "2 min 05") and the
// stopwatch display. Pure functions.

/** Longest call the backend accepts (6 h). */
export const MAX_CALL_SECONDS = 6 * 3600;
/** Manufacturers validate a call from this duration (time to leave a message). */
export const CONTACT_SECONDS = 15;

/**
 * A call duration typed as seconds ("125"), mm:ss ("2:05"), h:mm:ss ("1:02:05") or in words
 * ("2 min 05", "2min", "45 s", "2 min 5 s") → seconds. Empty text → 0. Invalid → null.
 */
export function parseCallDuration(text: string): number | null {
  const s = text.trim().toLowerCase().replace(",", ".");
  if (s === "") return 0;
  let seconds: number | null = null;
  let m: RegExpExecArray | null;
  if (/^\d+$/.test(s)) seconds = Number(s);
  else if ((m = /^(\d+):([0-5]?\d)$/.exec(s))) seconds = Number(m[1]) * 60 + Number(m[2]);
  else if ((m = /^(\d+):([0-5]?\d):([0-5]\d)$/.exec(s))) seconds = Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]);
  else if ((m = /^(?:(\d+)\s*(?:min|mn|m|')\s*)?(?:(\d+)\s*(?:s|sec|secondes?|")?)?$/.exec(s)) && (m[1] || m[2])) {
    // "2 min 05", "2min", "45 s", "2 min 5 s" — a bare number after minutes is seconds.
    if (!m[1] && !/[s"]/.test(s.replace(/\d/g, ""))) return null;
    seconds = Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0);
  }
  if (seconds === null || !Number.isFinite(seconds) || seconds > MAX_CALL_SECONDS) return null;
  return seconds;
}

/** Seconds → "m:ss" ("0:45", "2:05", "75:00"). */
export function formatCallDuration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

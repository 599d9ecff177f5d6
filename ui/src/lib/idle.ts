// The idle lock of the window: no pointer or keyboard activity for the garage's delay locks the
// session (`lock`) and shows the lock screen. The backend keeps its own idle delay too (polled
// commands do not count as activity there), and then answers "locked" to the next command.

/** Events that count as activity. */
export const ACTIVITY_EVENTS = ["pointerdown", "pointermove", "keydown", "wheel", "touchstart"] as const;

/** How often the delay is checked. */
const CHECK_MS = 10_000;

/** Whether `minutes` without activity have passed since `lastActivity` (0 minutes: never). */
export function isIdle(lastActivity: number, now: number, minutes: number): boolean {
  return minutes > 0 && now - lastActivity >= minutes * 60_000;
}

/**
 * Calls `onIdle` once after `minutes` without activity on `target` (0: never). Returns the stop
 * function. `now` is injectable for tests.
 */
export function watchIdle(
  minutes: number,
  onIdle: () => void,
  target: Pick<EventTarget, "addEventListener" | "removeEventListener"> = window,
  now: () => number = Date.now,
): () => void {
  if (!(minutes > 0)) return () => {};
  let last = now();
  const touch = () => {
    last = now();
  };
  for (const name of ACTIVITY_EVENTS) target.addEventListener(name, touch, { passive: true, capture: true });
  const stop = () => {
    clearInterval(timer);
    for (const name of ACTIVITY_EVENTS) target.removeEventListener(name, touch, { capture: true });
  };
  const timer = setInterval(() => {
    if (isIdle(last, now(), minutes)) {
      stop();
      onIdle();
    }
  }, Math.min(CHECK_MS, minutes * 60_000));
  return stop;
}

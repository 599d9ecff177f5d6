import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { isIdle, watchIdle } from "./idle";

describe("isIdle", () => {
  it("counts whole minutes without activity; 0 never locks", () => {
    expect(isIdle(0, 4 * 60_000, 5)).toBe(false);
    expect(isIdle(0, 5 * 60_000, 5)).toBe(true);
    expect(isIdle(0, 10 * 60 * 60_000, 0)).toBe(false);
  });
});

describe("watchIdle", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("calls back once after the delay without activity", () => {
    const target = new EventTarget();
    const onIdle = vi.fn();
    watchIdle(2, onIdle, target);
    vi.advanceTimersByTime(60_000);
    expect(onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(60_000);
    expect(onIdle).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(10 * 60_000);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it("starts over on keyboard or pointer activity", () => {
    const target = new EventTarget();
    const onIdle = vi.fn();
    watchIdle(2, onIdle, target);
    vi.advanceTimersByTime(90_000);
    target.dispatchEvent(new Event("keydown"));
    vi.advanceTimersByTime(90_000);
    expect(onIdle).not.toHaveBeenCalled();
    target.dispatchEvent(new Event("pointermove"));
    vi.advanceTimersByTime(119_000);
    expect(onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(11_000);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it("does nothing when the delay is 0, or once stopped", () => {
    const target = new EventTarget();
    const onIdle = vi.fn();
    watchIdle(0, onIdle, target)();
    const stop = watchIdle(1, onIdle, target);
    stop();
    vi.advanceTimersByTime(60 * 60_000);
    expect(onIdle).not.toHaveBeenCalled();
  });
});

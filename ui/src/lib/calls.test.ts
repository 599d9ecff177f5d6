import { describe, expect, it } from "vitest";
import { formatCallDuration, parseCallDuration } from "./calls";

describe("call duration", () => {
  it("reads seconds and mm:ss", () => {
    expect(parseCallDuration("125")).toBe(125);
    expect(parseCallDuration("2:05")).toBe(125);
    expect(parseCallDuration(" 0:45 ")).toBe(45);
    expect(parseCallDuration("12:5")).toBe(725);
    expect(parseCallDuration("1:02:05")).toBe(3725);
    expect(parseCallDuration("0")).toBe(0);
  });

  it("reads French words", () => {
    expect(parseCallDuration("2 min 05")).toBe(125);
    expect(parseCallDuration("2min")).toBe(120);
    expect(parseCallDuration("45 s")).toBe(45);
    expect(parseCallDuration("2 min 5 s")).toBe(125);
    expect(parseCallDuration("3 mn")).toBe(180);
  });

  it("treats empty text as no duration", () => {
    expect(parseCallDuration("")).toBe(0);
    expect(parseCallDuration("   ")).toBe(0);
  });

  it("rejects nonsense and impossible values", () => {
    expect(parseCallDuration("abc")).toBeNull();
    expect(parseCallDuration("2:75")).toBeNull();
    expect(parseCallDuration("-5")).toBeNull();
    expect(parseCallDuration("1.5")).toBeNull();
    expect(parseCallDuration("7:00:00")).toBeNull();
    expect(parseCallDuration("min")).toBeNull();
  });

  it("formats as m:ss", () => {
    expect(formatCallDuration(0)).toBe("0:00");
    expect(formatCallDuration(125)).toBe("2:05");
    expect(formatCallDuration(4500)).toBe("75:00");
    expect(formatCallDuration(59.9)).toBe("0:59");
  });
});

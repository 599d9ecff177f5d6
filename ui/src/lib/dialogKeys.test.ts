import { describe, expect, it } from "vitest";
import { enterAction, type KeyPress } from "./dialogKeys";

const press = (tagName: string, over: Partial<KeyPress> = {}): KeyPress => ({ key: "Enter", ctrlKey: false, metaKey: false, tagName, ...over });

describe("Enter in a dialog", () => {
  it("submits from choices and selects, lets text inputs submit natively, Ctrl+Enter from anywhere", () => {
    expect(enterAction(press("INPUT", { inputType: "radio" }), true)).toBe("submit");
    expect(enterAction(press("INPUT", { inputType: "checkbox" }), true)).toBe("submit");
    expect(enterAction(press("SELECT"), true)).toBe("submit");
    expect(enterAction(press("INPUT", { inputType: "text" }), true)).toBe("default");
    expect(enterAction(press("TEXTAREA"), true)).toBe("default");
    expect(enterAction(press("BUTTON"), true)).toBe("default");
    expect(enterAction(press("TEXTAREA", { ctrlKey: true }), true)).toBe("submit");
    expect(enterAction(press("BUTTON", { metaKey: true }), true)).toBe("submit");
  });

  it("never submits without a button when the dialog opts out", () => {
    for (const k of [press("INPUT", { inputType: "radio" }), press("INPUT", { inputType: "text" }), press("INPUT", { inputType: "date" }), press("SELECT"), press("TEXTAREA", { ctrlKey: true }), press("INPUT", { ctrlKey: true })]) {
      expect(enterAction(k, false)).toBe("block");
    }
    // A button still acts on Enter (« Fusionner les fiches », « Annuler »); a textarea takes a new line.
    expect(enterAction(press("BUTTON"), false)).toBe("default");
    expect(enterAction(press("TEXTAREA"), false)).toBe("default");
  });

  it("ignores other keys", () => {
    expect(enterAction(press("INPUT", { key: "a", inputType: "radio" }), true)).toBe("default");
    expect(enterAction(press("SELECT", { key: " " }), false)).toBe("default");
  });
});

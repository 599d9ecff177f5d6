// What Enter does in a form dialog (components/Dialog.svelte). Pure, so that it can be tested
// without a browser.

/** What the dialog does with a key press: submit the form, swallow the key, or let it be. */
export type EnterAction = "submit" | "block" | "default";

/** The parts of a keydown that matter: the key, the modifiers and the element it happened on. */
export type KeyPress = { key: string; ctrlKey: boolean; metaKey: boolean; tagName: string; inputType?: string };

/**
 * By default Enter submits from selects, radio buttons and checkboxes too, a text input submits
 * natively, and Ctrl+Enter submits from anywhere (textareas). With `submitOnEnter` false (an
 * action that cannot be undone, a form in several steps) only a click or Enter on a button acts:
 * Enter anywhere else is swallowed, so that the browser's implicit submission never fires.
 */
export function enterAction(k: KeyPress, submitOnEnter: boolean): EnterAction {
  if (k.key !== "Enter") return "default";
  const tag = k.tagName.toUpperCase();
  const modified = k.ctrlKey || k.metaKey;
  if (!submitOnEnter) {
    if (tag === "BUTTON" || (tag === "TEXTAREA" && !modified)) return "default";
    return "block";
  }
  const isChoice = tag === "INPUT" && (k.inputType === "radio" || k.inputType === "checkbox");
  if (modified || isChoice || (tag !== "TEXTAREA" && tag !== "BUTTON" && tag !== "INPUT")) return "submit";
  return "default";
}

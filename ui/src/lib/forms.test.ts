import { describe, expect, it } from "vitest";
import { ApiFailure } from "./api";
import { passwordChangeErrors } from "./forms";

describe("passwordChangeErrors", () => {
  it("puts a wrong current password and a weak new one on their fields", () => {
    const wrong = new ApiFailure({ code: "invalid", message: "Mot de passe actuel incorrect.", field: "current" });
    expect(passwordChangeErrors(wrong)).toEqual({ fields: { current: "Mot de passe actuel incorrect." }, general: null });
    const weak = new ApiFailure({ code: "invalid", message: "8 caractères au moins.", field: "new" });
    expect(passwordChangeErrors(weak)).toEqual({ fields: { new: "8 caractères au moins." }, general: null });
  });

  it("shows the wait after too many failures on top, never on a field", () => {
    const message = "Trop d'essais manqués : réessayez dans 30 s.";
    expect(passwordChangeErrors(new ApiFailure({ code: "refused", message, field: null }))).toEqual({ fields: {}, general: message });
    // Even should a refusal name a field, it is not the field's fault.
    expect(passwordChangeErrors(new ApiFailure({ code: "refused", message, field: "current" }))).toEqual({ fields: {}, general: message });
  });

  it("shows other failures on top", () => {
    expect(passwordChangeErrors(new ApiFailure({ code: "invalid", message: "Champ inconnu.", field: "other" })).general).toBe("Champ inconnu.");
    expect(passwordChangeErrors(new Error("boom")).general).toBeTruthy();
  });
});

// The makes and models Carnet knows (`vehicle_referential`), loaded once per window for the
// autocompletion of the stock form and the VO alerts.
import { call } from "./api";
import type { MakeModels } from "./bindings";

let loading: Promise<MakeModels[]> | null = null;

/** The referential; a failed load is tried again next time (the inputs still work without it). */
export function loadReferential(): Promise<MakeModels[]> {
  if (!loading) {
    loading = call("vehicle_referential", {}).catch((e: unknown) => {
      loading = null;
      throw e;
    });
  }
  return loading;
}

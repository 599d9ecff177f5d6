// The merge dialog's state: the two files, which one is kept (by default as `defaultKeepId`
// says), and the merge itself. A refusal (both are DMS customers, an erased contact) is kept as
// the core words it.
import { call, errorMessage } from "./api";
import type { ContactMergeReport } from "./bindings";
import { defaultKeepId, mergeInput, type MergeSide } from "./contactMerge";

export class MergeFlow {
  readonly current: MergeSide;
  readonly other: MergeSide;
  keepId = $state(0);
  busy = $state(false);
  error = $state<string | null>(null);

  constructor(current: MergeSide, other: MergeSide) {
    this.current = current;
    this.other = other;
    this.keepId = defaultKeepId(current, other);
  }

  /** Merges; resolves to the report, or null after a refusal (then in `error`). */
  async run(): Promise<ContactMergeReport | null> {
    if (this.busy) return null;
    this.busy = true;
    this.error = null;
    try {
      return await call("contacts_merge", mergeInput(this.keepId, this.current, this.other));
    } catch (e) {
      this.error = errorMessage(e);
      return null;
    } finally {
      this.busy = false;
    }
  }
}

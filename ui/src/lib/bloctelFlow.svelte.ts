// The Bloctel block of Réglages → Confidentialité: the list's state, and an import in two steps
// (the file checked at once, a dry run whose counts are shown; « Importer » then imports it for
// good and the state is read again). A refusal is kept as the core words it: nothing imported.
import { call, errorMessage } from "./api";
import type { BloctelReport, BloctelStatus } from "./bindings";
import { bloctelFile, bloctelInput, type BloctelFile } from "./bloctel";

export class BloctelFlow {
  status = $state<BloctelStatus | null>(null);
  statusError = $state<string | null>(null);
  /** The file checked, waiting for « Importer » or « Annuler », with what it would change. */
  pending = $state<{ file: BloctelFile; report: BloctelReport } | null>(null);
  /** The last import done. */
  done = $state<BloctelReport | null>(null);
  /** The core's refusal (the faulty lines), in full. */
  error = $state<string | null>(null);
  busy = $state<"checking" | "importing" | null>(null);
  private statusSeq = 0;

  async loadStatus() {
    const mine = ++this.statusSeq;
    try {
      const s = await call("bloctel_status", {});
      if (mine !== this.statusSeq) return;
      this.status = s;
      this.statusError = null;
    } catch (e) {
      if (mine === this.statusSeq) this.statusError = errorMessage(e);
    }
  }

  /** A file chosen: a dry run, whose counts wait for confirmation. */
  async check(fileName: string, bytes: Uint8Array) {
    if (this.busy) return;
    this.reset();
    this.busy = "checking";
    const file = bloctelFile(fileName, bytes);
    try {
      this.pending = { file, report: await call("bloctel_import", bloctelInput(file, true)) };
    } catch (e) {
      this.error = errorMessage(e);
    } finally {
      this.busy = null;
    }
  }

  /** « Importer »: the file checked replaces the list. */
  async confirm() {
    const pending = this.pending;
    if (!pending || this.busy) return;
    this.busy = "importing";
    this.error = null;
    try {
      this.done = await call("bloctel_import", bloctelInput(pending.file, false));
      this.pending = null;
    } catch (e) {
      this.error = errorMessage(e);
      this.pending = null;
    } finally {
      this.busy = null;
    }
    await this.loadStatus();
  }

  /** « Annuler »: the file checked is dropped. */
  cancel() {
    if (this.busy) return;
    this.reset();
  }

  /** A file that could not be read. */
  unreadable(message: string) {
    this.reset();
    this.error = message;
  }

  private reset() {
    this.pending = null;
    this.done = null;
    this.error = null;
  }
}

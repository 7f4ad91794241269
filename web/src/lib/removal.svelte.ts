// Removing a row of a table (a coordinator, a member, one's own sign-up, a shift) after a
// confirmation in the row. The row's button has the id `${name}-${id}`, the confirmation's
// `${name}-confirm-${id}`; the focus moves between the two, so that keyboard users stay where
// they were.
import { tick } from 'svelte';
import { FormState } from './form.svelte';

export class Removal {
  /** The row whose removal waits for confirmation. */
  confirming = $state<string | null>(null);
  /** Busy flag and the failure's summary (its ErrorSummary stands above the table). */
  readonly form: FormState<never>;

  constructor(readonly name: string) {
    this.form = new FormState<never>(name, {});
  }

  buttonId(id: string): string {
    return `${this.name}-${id}`;
  }

  confirmId(id: string): string {
    return `${this.name}-confirm-${id}`;
  }

  async ask(id: string): Promise<void> {
    this.form.reset();
    this.confirming = id;
    await tick();
    document.getElementById(this.confirmId(id))?.focus();
  }

  async cancel(id: string): Promise<void> {
    this.confirming = null;
    await tick();
    document.getElementById(this.buttonId(id))?.focus();
  }

  /** Runs the removal and closes the confirmation; returns whether it succeeded. */
  async run(action: () => Promise<void>): Promise<boolean> {
    const ok = await this.form.submit(action);
    this.confirming = null;
    return ok;
  }
}

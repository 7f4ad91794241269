// Removing a person from a table (coordinators, members) after a confirmation in their row.
// The row's button has the id `${name}-${userId}`, the confirmation's `${name}-confirm-${userId}`;
// the focus moves between the two, so that keyboard users stay where they were.
import { tick } from 'svelte';
import { FormState } from './form.svelte';

export class Removal {
  /** The user whose removal waits for confirmation. */
  confirming = $state<string | null>(null);
  /** Busy flag and the failure's summary (its ErrorSummary stands above the table). */
  readonly form: FormState<never>;

  constructor(readonly name: string) {
    this.form = new FormState<never>(name, {});
  }

  buttonId(userId: string): string {
    return `${this.name}-${userId}`;
  }

  confirmId(userId: string): string {
    return `${this.name}-confirm-${userId}`;
  }

  async ask(userId: string): Promise<void> {
    this.form.reset();
    this.confirming = userId;
    await tick();
    document.getElementById(this.confirmId(userId))?.focus();
  }

  async cancel(userId: string): Promise<void> {
    this.confirming = null;
    await tick();
    document.getElementById(this.buttonId(userId))?.focus();
  }

  /** Runs the removal and closes the confirmation; returns whether it succeeded. */
  async run(action: () => Promise<void>): Promise<boolean> {
    const ok = await this.form.submit(action);
    this.confirming = null;
    return ok;
  }
}

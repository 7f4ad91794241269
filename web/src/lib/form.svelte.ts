// State of one form: busy flag, the summary at the top and the messages at the fields. Errors
// of the server (problem+json) are mapped onto the fields by their JSON name; the rest is
// listed in the summary, which receives the focus so that screen readers read it at once.
import { tick } from 'svelte';
import { ApiError } from './api';
import { formatWait } from './format';
import { t } from './i18n.svelte';

export interface ListedError {
  id: string;
  message: string;
}

export class FormState<F extends string> {
  busy = $state(false);
  /** The message at the top of the form, or null when there is nothing to report. */
  summary = $state<string | null>(null);
  fields = $state<Partial<Record<F, string>>>({});
  /** Errors that belong to no field of this form. */
  others = $state<string[]>([]);
  /** The summary's element, bound by ErrorSummary. */
  element = $state<HTMLElement | null>(null);
  /** The last failure's HTTP status (0: offline), or null. */
  status = $state<number | null>(null);
  /** The last failure's problem code (`urn:helferkarte:problem:CODE`), or null. */
  code = $state<string | null>(null);

  /**
   * @param name prefix of the ids of this form's elements (unique on the page)
   * @param ids the input id of every field
   * @param aliases server field names that differ from the field keys (`center.lat` -> `lat`)
   */
  constructor(
    readonly name: string,
    readonly ids: Record<F, string>,
    private readonly aliases: Record<string, F> = {},
  ) {}

  /** The field errors in the order of the form, for the summary's list of links. */
  get listed(): ListedError[] {
    return (Object.keys(this.ids) as F[])
      .filter((f) => this.fields[f])
      .map((f) => ({ id: this.ids[f], message: this.fields[f]! }));
  }

  private field(name: string): F | null {
    if (name in this.aliases) return this.aliases[name];
    return name in this.ids ? (name as F) : null;
  }

  reset(): void {
    this.summary = null;
    this.fields = {};
    this.others = [];
    this.status = null;
    this.code = null;
  }

  async show(summary: string, fields: Partial<Record<F, string>> = {}, others: string[] = []): Promise<void> {
    this.summary = summary;
    this.fields = fields;
    this.others = others;
    await tick();
    this.element?.focus();
  }

  /** Shows an error of an API call (or anything else that went wrong). */
  async fail(error: unknown): Promise<void> {
    if (!(error instanceof ApiError)) {
      this.status = null;
      this.code = null;
      await this.show(t('form.errorUnknown'));
      return;
    }
    const problem = error.problem;
    this.status = error.status;
    this.code = error.code;
    if (error.offline) {
      await this.show(t('form.errorOffline'));
    } else if (error.status === 422) {
      const fields: Partial<Record<F, string>> = {};
      const others: string[] = [];
      for (const e of problem?.errors ?? []) {
        const f = this.field(e.field);
        if (f && !fields[f]) fields[f] = e.message;
        else others.push(e.message);
      }
      await this.show(problem?.detail ?? problem?.title ?? t('form.errorCheckFields'), fields, others);
    } else if (error.status === 429) {
      const message =
        error.retryAfter !== null && error.retryAfter > 0
          ? t('form.errorRateLimitedWait', { wait: formatWait(error.retryAfter) })
          : (problem?.detail ?? t('form.errorRateLimited'));
      await this.show(message);
    } else if (error.status === 401) {
      await this.show(problem?.detail ?? t('form.errorSignedOut'));
    } else {
      await this.show(problem?.detail ?? problem?.title ?? t('form.errorUnknown'));
    }
  }

  /**
   * Runs a submission: checks the fields first (validate returns the messages of bad fields),
   * then the action; failures are shown. Returns whether the action succeeded.
   */
  async submit(action: () => Promise<void>, validate?: () => Partial<Record<F, string>>): Promise<boolean> {
    if (this.busy) return false;
    const invalid = validate?.() ?? {};
    if (Object.keys(invalid).length > 0) {
      this.status = null;
      this.code = null;
      await this.show(t('form.errorCheckFields'), invalid);
      return false;
    }
    this.busy = true;
    try {
      await action();
      this.reset();
      return true;
    } catch (error) {
      await this.fail(error);
      return false;
    } finally {
      this.busy = false;
    }
  }
}

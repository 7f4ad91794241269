// State of data a page loads from the API: loading, loaded, not there or failed (and why), and
// for paged lists the pages loaded so far.
import type { Page } from './api';
import { ApiError } from './api';
import { t } from './i18n.svelte';

export type LoadStatus = 'loading' | 'loaded' | 'missing' | 'error';

export interface LoadOptions {
  /** HTTP statuses that mean the thing is not there (404): the page says so, status 'missing'. */
  missing?: readonly number[];
  /** The page is for signed-in users: a 401 is left to the guard, which sends to the login. */
  signedIn?: boolean;
}

/** What to tell about a failed load: offline, the server's detail, or that it is unknown. */
export function loadErrorText(error: unknown): string {
  const problem = error instanceof ApiError ? error.problem : null;
  return error instanceof ApiError && error.offline ? t('form.errorOffline') : (problem?.detail ?? t('form.errorUnknown'));
}

export class LoadState {
  status = $state<LoadStatus>('loading');
  /** The message of the last failure. */
  error = $state('');

  constructor(private readonly options: LoadOptions = {}) {}

  fail(error: unknown): void {
    const status = error instanceof ApiError ? error.status : null;
    if (status !== null && this.options.missing?.includes(status)) {
      this.status = 'missing';
    } else if (!(status === 401 && this.options.signedIn)) {
      this.error = loadErrorText(error);
      this.status = 'error';
    }
  }

  /** Runs a load; a failure is kept with its message. Returns whether it succeeded. */
  async run(action: () => Promise<void>): Promise<boolean> {
    this.status = 'loading';
    try {
      await action();
      this.status = 'loaded';
      return true;
    } catch (error) {
      this.fail(error);
      return false;
    }
  }

  private latest: AbortController | undefined;

  /**
   * Runs a load that replaces the one under way: that one is cancelled, and its outcome (also
   * its failure) no longer counts. Returns whether this load succeeded.
   */
  async runLatest(action: (signal: AbortSignal) => Promise<void>): Promise<boolean> {
    this.cancel();
    const mine = new AbortController();
    this.latest = mine;
    this.status = 'loading';
    try {
      await action(mine.signal);
      if (mine.signal.aborted) return false;
      this.status = 'loaded';
      return true;
    } catch (error) {
      if (!mine.signal.aborted) this.fail(error);
      return false;
    }
  }

  /** Cancels the load started by runLatest, when one is under way. */
  cancel() {
    this.latest?.abort();
  }
}

/** A list loaded page by page; a new first load cancels the one still under way. */
export class PagedList<T> extends LoadState {
  items = $state<T[]>([]);
  nextCursor = $state<string | null>(null);
  private controller: AbortController | undefined;

  /** Loads the first page (cursor null) or appends the page at the cursor. */
  async load(fetchPage: (cursor: string | null, signal: AbortSignal) => Promise<Page<T>>, cursor: string | null = null) {
    this.controller?.abort();
    const mine = new AbortController();
    this.controller = mine;
    this.status = 'loading';
    try {
      const page = await fetchPage(cursor, mine.signal);
      this.items = cursor ? [...this.items, ...page.items] : page.items;
      this.nextCursor = page.nextCursor ?? null;
      this.status = 'loaded';
    } catch (error) {
      if (mine.signal.aborted) return;
      this.fail(error);
    }
  }

  abort(): void {
    this.controller?.abort();
  }
}

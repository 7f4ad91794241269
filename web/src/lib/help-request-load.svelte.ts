// The help request a coordinator's page shows (the request's page, the call sheet): read by the
// id in the address once the session is known, and read again when the id changes or the page
// asks (after an action, the retry). `print` tells the audit log that the call sheet was read.
import { untrack } from 'svelte';
import { getHelpRequest, type HelpRequest } from './hotline';
import { LoadState } from './load.svelte';
import { session } from './session.svelte';

export class HelpRequestLoad extends LoadState {
  item = $state<HelpRequest | null>(null);

  /** Made while the page is set up: it follows `requestId` for as long as the page lives. */
  constructor(
    private readonly requestId: () => string,
    private readonly purpose: 'print' | null = null,
  ) {
    super({ missing: [404], signedIn: true });
    $effect(() => {
      const id = requestId();
      if (session.status !== 'authenticated' || !id) return;
      untrack(() => void this.load(id));
    });
  }

  async load(id: string = this.requestId()): Promise<void> {
    await this.run(async () => {
      this.item = await getHelpRequest(id, this.purpose);
    });
  }
}

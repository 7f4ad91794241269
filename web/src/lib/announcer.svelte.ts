// A polite live region for messages that have no place on the page (signed in, signed out).
export const announcer = $state({ message: '' });

let timer: ReturnType<typeof setTimeout> | undefined;

export function announce(message: string): void {
  // Clearing first makes screen readers repeat an identical message.
  announcer.message = '';
  clearTimeout(timer);
  timer = setTimeout(() => {
    announcer.message = message;
  }, 100);
}

// Whether the browser believes it is online; drives the offline notice.
export const network = $state({ online: navigator.onLine });

export function watchNetwork(): void {
  window.addEventListener('online', () => (network.online = true));
  window.addEventListener('offline', () => (network.online = false));
}

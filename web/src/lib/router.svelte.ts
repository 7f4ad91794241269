// Own small client router on the History API. Links to routes of the app are intercepted so
// that pages change without reloading; back/forward arrive as popstate.

export type RouteName = 'start' | 'login' | 'imprint' | 'privacy' | 'accessibility' | 'notFound';

export const paths: Record<Exclude<RouteName, 'notFound'>, string> = {
  start: '/',
  login: '/anmelden',
  imprint: '/impressum',
  privacy: '/datenschutz',
  accessibility: '/barrierefreiheit',
};

const byPath = new Map<string, RouteName>(
  Object.entries(paths).map(([name, path]) => [path, name as RouteName]),
);

function normalize(pathname: string): string {
  return pathname.length > 1 ? pathname.replace(/\/+$/, '') || '/' : pathname;
}

export function match(pathname: string): RouteName {
  return byPath.get(normalize(pathname)) ?? 'notFound';
}

export const router = $state({
  path: location.pathname,
  route: match(location.pathname),
  /** Counts client-side navigations (0 = the page as first loaded). */
  navigations: 0,
});

function update(): void {
  router.path = location.pathname;
  router.route = match(location.pathname);
}

/** Navigates within the app. */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  const url = new URL(to, location.href);
  const target = url.pathname + url.search + url.hash;
  const current = location.pathname + location.search + location.hash;
  if (options.replace) history.replaceState(null, '', target);
  else if (target !== current) history.pushState(null, '', target);
  update();
  router.navigations += 1;
  if (!url.hash) window.scrollTo(0, 0);
}

function isAppLink(url: URL): boolean {
  if (url.origin !== location.origin) return false; // other sites, mailto:, tel:
  if (url.pathname === '/api' || url.pathname.startsWith('/api/')) return false;
  return !/\.[a-z0-9]+$/i.test(url.pathname); // files such as /sw.js or /manifest.webmanifest
}

function onClick(event: MouseEvent): void {
  if (event.defaultPrevented || event.button !== 0) return;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const target = event.target instanceof Element ? event.target : null;
  const anchor = target?.closest('a');
  if (!(anchor instanceof HTMLAnchorElement) || !anchor.hasAttribute('href')) return;
  if ((anchor.target && anchor.target !== '_self') || anchor.hasAttribute('download')) return;
  const url = new URL(anchor.href, location.href);
  if (!isAppLink(url)) return;
  // A link to a place on the same page (such as the skip link) is left to the browser.
  if (url.hash && url.pathname === location.pathname && url.search === location.search) return;
  event.preventDefault();
  navigate(url.pathname + url.search + url.hash);
}

function onPopState(): void {
  if (normalize(location.pathname) === normalize(router.path)) return; // only the #fragment changed
  update();
  router.navigations += 1;
}

export function startRouter(): void {
  document.addEventListener('click', onClick);
  window.addEventListener('popstate', onPopState);
}

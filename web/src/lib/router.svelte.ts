// Own small client router on the History API. Links to routes of the app are intercepted so
// that pages change without reloading; back/forward arrive as popstate. Paths may hold
// parameters (`:id`); the query string is parsed into `router.query`.

export type RouteName =
  | 'start'
  | 'login'
  | 'register'
  | 'verifyEmail'
  | 'forgotPassword'
  | 'resetPassword'
  | 'profile'
  | 'applyOrganization'
  | 'coordination'
  | 'coordinationOrganization'
  | 'coordinationAddOrganization'
  | 'coordinationAudit'
  | 'coordinationMunicipality'
  | 'organizationAdmin'
  | 'organizationNeeds'
  | 'needCreate'
  | 'needManage'
  | 'coordinationNeeds'
  | 'coordinationDashboard'
  | 'coordinationHotline'
  | 'coordinationHotlineNew'
  | 'coordinationHotlineRequest'
  | 'coordinationHotlineSheet'
  | 'helpRequest'
  | 'myData'
  | 'municipalityImprint'
  | 'municipalityPrivacy'
  | 'municipalityAccessibility'
  | 'barrierReport'
  | 'settings'
  | 'easyLanguage'
  | 'platformAdmin'
  | 'imprint'
  | 'privacy'
  | 'accessibility'
  | 'need'
  | 'myEngagements'
  | 'certificate'
  | 'signupLink'
  | 'notFound';

/** Routes without parameters, by name; use `href()` for the others. */
export const paths = {
  start: '/',
  login: '/anmelden',
  register: '/registrieren',
  verifyEmail: '/konto/bestaetigen',
  forgotPassword: '/passwort-vergessen',
  resetPassword: '/passwort-neu',
  profile: '/profil',
  applyOrganization: '/organisation-registrieren',
  coordination: '/koordination',
  coordinationAddOrganization: '/koordination/organisation-anlegen',
  coordinationAudit: '/koordination/protokoll',
  coordinationMunicipality: '/koordination/kommune',
  coordinationNeeds: '/koordination/gesuche',
  coordinationDashboard: '/koordination/uebersicht',
  coordinationHotline: '/koordination/hilfetelefon',
  coordinationHotlineNew: '/koordination/hilfetelefon/neu',
  platformAdmin: '/verwaltung',
  imprint: '/impressum',
  privacy: '/datenschutz',
  accessibility: '/barrierefreiheit',
  myEngagements: '/meine-einsaetze',
  certificate: '/meine-einsaetze/nachweis',
  signupLink: '/einsatz',
  myData: '/meine-daten',
  barrierReport: '/barriere-melden',
  settings: '/einstellungen',
  easyLanguage: '/leichte-sprache',
} as const satisfies Partial<Record<RouteName, string>>;

const patterns: Record<Exclude<RouteName, 'notFound'>, string> = {
  ...paths,
  coordinationOrganization: '/koordination/organisationen/:id',
  organizationAdmin: '/organisationen/:id/verwaltung',
  organizationNeeds: '/organisationen/:id/gesuche',
  // Before needManage: "neu" is no need's id.
  needCreate: '/organisationen/:id/gesuche/neu',
  needManage: '/organisationen/:id/gesuche/:needId',
  need: '/gesuche/:id',
  // After coordinationHotlineNew: "neu" is no request's id.
  coordinationHotlineRequest: '/koordination/hilfetelefon/:id',
  coordinationHotlineSheet: '/koordination/hilfetelefon/:id/anrufbogen',
  helpRequest: '/hilfeanfragen/:id',
  municipalityImprint: '/kommunen/:id/impressum',
  municipalityPrivacy: '/kommunen/:id/datenschutz',
  municipalityAccessibility: '/kommunen/:id/barrierefreiheit',
};

type Params = Record<string, string>;
type Query = Record<string, string | number | null | undefined>;

interface CompiledRoute {
  name: RouteName;
  segments: string[];
}

function splitPath(pathname: string): string[] {
  return pathname.split('/').filter((s) => s.length > 0);
}

const compiled: CompiledRoute[] = Object.entries(patterns).map(([name, pattern]) => ({
  name: name as RouteName,
  segments: splitPath(pattern),
}));

export interface Match {
  name: RouteName;
  params: Params;
}

/** Finds the route of a path (without query string); unknown paths give `notFound`. */
export function matchRoute(pathname: string): Match {
  let segments: string[];
  try {
    segments = splitPath(pathname).map((s) => decodeURIComponent(s));
  } catch {
    return { name: 'notFound', params: {} }; // malformed %-escape
  }
  for (const route of compiled) {
    if (route.segments.length !== segments.length) continue;
    const params: Params = {};
    const fits = route.segments.every((part, i) => {
      if (part.startsWith(':')) {
        params[part.slice(1)] = segments[i];
        return true;
      }
      return part === segments[i];
    });
    if (fits) return { name: route.name, params };
  }
  return { name: 'notFound', params: {} };
}

/** The route of an app link such as `/koordination?kommune=1`. */
export function match(href: string): RouteName {
  return matchRoute(new URL(href, location.origin).pathname).name;
}

/** Builds a path from a route name, its parameters and an optional query. */
export function href(name: Exclude<RouteName, 'notFound'>, params: Params = {}, query: Query = {}): string {
  const path = patterns[name].replace(/:(\w+)/g, (_, key: string) => {
    const value = params[key];
    if (value === undefined) throw new Error(`route ${name} needs the parameter ${key}`);
    return encodeURIComponent(value);
  });
  return path + queryString(query);
}

/** `?a=1&b=2` from the non-empty values, or the empty string. */
export function queryString(query: Query): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== null && value !== undefined && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

function parseQuery(search: string): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(search));
}

function current(): Match & { path: string; query: Record<string, string> } {
  return { ...matchRoute(location.pathname), path: location.pathname, query: parseQuery(location.search) };
}

const initial = current();

export const router = $state({
  path: initial.path,
  route: initial.name,
  params: initial.params,
  query: initial.query,
  /** Counts client-side navigations (0 = the page as first loaded). */
  navigations: 0,
});

function update(): void {
  const now = current();
  router.path = now.path;
  router.route = now.name;
  router.params = now.params;
  router.query = now.query;
}

function normalize(pathname: string): string {
  return pathname.length > 1 ? pathname.replace(/\/+$/, '') || '/' : pathname;
}

/** Navigates within the app. */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  const url = new URL(to, location.href);
  const target = url.pathname + url.search + url.hash;
  const here = location.pathname + location.search + location.hash;
  if (options.replace) history.replaceState(null, '', target);
  else if (target !== here) history.pushState(null, '', target);
  update();
  router.navigations += 1;
  if (!url.hash) window.scrollTo(0, 0);
}

/**
 * Changes the query of the current page (a filter, a chosen municipality) without counting a
 * navigation: the page stays, the focus stays where the user is, and the URL can be shared.
 */
export function setQuery(query: Query): void {
  const target = location.pathname + queryString(query);
  if (target !== location.pathname + location.search) history.pushState(null, '', target);
  update();
}

/**
 * A path of this app to return to after login, taken from ?next=. Anything that could lead
 * elsewhere (another origin, `//host`, the API, a file) is refused.
 */
export function safeNext(next: string | undefined): string | null {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return null;
  let url: URL;
  try {
    url = new URL(next, location.origin);
  } catch {
    return null;
  }
  if (!isAppLink(url)) return null;
  return url.pathname + url.search + url.hash;
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
  const samePath = normalize(location.pathname) === normalize(router.path);
  const sameQuery = new URLSearchParams(location.search).toString() === new URLSearchParams(router.query).toString();
  if (samePath && sameQuery) return; // only the #fragment changed
  update();
  // A changed query on the same page (a filter) is no new page: the focus stays.
  if (!samePath) router.navigations += 1;
}

export function startRouter(): void {
  document.addEventListener('click', onClick);
  window.addEventListener('popstate', onPopState);
}

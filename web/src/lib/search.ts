// The search side of the app: needs around a point (radius search and the "Entdecken" feed),
// places by name for the place field, places near a point for the map's outline, and what the
// app needs to know of this installation (map tiles, the places' licence). A position sent
// here goes only into the one request; nothing of it is stored in the browser or the URL.
import { request, withQuery, type Page } from './api';
import { currentLang } from './i18n.svelte';
import type { Need } from './needs';

/** A need as the search lists it: the full need plus its distance from the search point. */
export type NeedListItem = Need & {
  /** Kilometres (two decimals) from the search point; null for a search without a point. */
  distanceKm: number | null;
};

export interface Place {
  name: string;
  lat: number;
  lon: number;
  state: string;
  population: number;
}

export interface Site {
  map: { tileUrl: string | null; attribution: string | null };
  places: { source: string; sourceUrl: string; license: string; licenseUrl: string };
}

export interface Point {
  lat: number;
  lon: number;
}

/** The radius the API accepts, in km. */
export const RADIUS_MIN = 0.5;
export const RADIUS_MAX = 100;
export const RADIUS_DEFAULT = 10;

export type RemoteFilter = 'all' | 'onsite' | 'remote';

export interface SearchQuery {
  center: Point | null;
  radiusKm: number;
  categories: readonly string[];
  q: string;
  remote: RemoteFilter;
  /** Berlin days "YYYY-MM-DD", or empty. */
  from: string;
  to: string;
}

// Five decimals are about a metre: more says nothing more about where one is.
function coordinate(value: number): string {
  return value.toFixed(5);
}

function remoteParam(remote: RemoteFilter): string | null {
  return remote === 'all' ? null : String(remote === 'remote');
}

/** Whether the API can answer the query: it needs a point or a keyword. */
export function searchable(query: SearchQuery): boolean {
  return query.center !== null || query.q.trim().length > 0;
}

/** Needs around the point (nearest first) or, without a point, matching the keywords (newest first). */
export function searchNeeds(
  query: SearchQuery,
  cursor: string | null,
  signal?: AbortSignal,
): Promise<Page<NeedListItem>> {
  const { center } = query;
  return request(
    'GET',
    withQuery('/api/v1/needs', {
      lat: center ? coordinate(center.lat) : null,
      lon: center ? coordinate(center.lon) : null,
      radiusKm: center ? query.radiusKm : null,
      category: query.categories.join(','),
      q: query.q.trim(),
      remote: remoteParam(query.remote),
      from: query.from,
      to: query.to,
      limit: 20,
      cursor,
    }),
    { signal },
  );
}

/** The "Entdecken" feed: a varied first screen of needs around the point. */
export function discoverNeeds(
  query: { center: Point; radiusKm: number; categories: readonly string[]; seed: string | null },
  signal?: AbortSignal,
): Promise<{ items: NeedListItem[] }> {
  return request(
    'GET',
    withQuery('/api/v1/needs/discover', {
      lat: coordinate(query.center.lat),
      lon: coordinate(query.center.lon),
      radiusKm: query.radiusKm,
      category: query.categories.join(','),
      seed: query.seed,
      limit: 24,
    }),
    { signal },
  );
}

/** Places whose name starts with the text (suggestions of the place field). */
export function findPlaces(q: string, signal?: AbortSignal): Promise<{ items: Place[] }> {
  return request('GET', withQuery('/api/v1/places', { q: q.trim(), limit: 8 }), { signal });
}

/** Places near a point, biggest first (the map's outline when it has no tiles). */
export function placesNear(
  query: { lat: number; lon: number; radiusKm: number; minPopulation?: number; limit?: number },
  signal?: AbortSignal,
): Promise<{ items: Place[] }> {
  return request(
    'GET',
    withQuery('/api/v1/places', {
      lat: coordinate(query.lat),
      lon: coordinate(query.lon),
      radiusKm: query.radiusKm,
      minPopulation: query.minPopulation,
      limit: query.limit,
    }),
    { signal },
  );
}

let site: Promise<Site> | null = null;

/** What this installation offers (map tiles, the places' licence); asked once per visit. */
export function getSite(): Promise<Site> {
  site ??= request<Site>('GET', '/api/v1/site').catch((error: unknown) => {
    site = null; // a failure is not remembered: the next caller asks again
    throw error;
  });
  return site;
}

const SEED_KEY = 'helferkarte.discoverSeed';
const SEED_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/**
 * The random seed of the "Entdecken" order, kept in this browser so the order stays the same
 * for a day. It says nothing about the person; without storage a new one is used per visit.
 */
let seedOfVisit: string | null = null;

export function discoverSeed(): string {
  try {
    const stored = localStorage.getItem(SEED_KEY);
    if (stored && /^[A-Za-z0-9_-]{1,64}$/.test(stored)) return stored;
  } catch {
    // Storage disabled: fall through to a seed for this visit.
  }
  if (!seedOfVisit) {
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    seedOfVisit = Array.from(bytes, (b) => SEED_ALPHABET[b % SEED_ALPHABET.length]).join('');
  }
  try {
    localStorage.setItem(SEED_KEY, seedOfVisit);
  } catch {
    // Not kept: the order may change with the next visit.
  }
  return seedOfVisit;
}

function localeTag(): string {
  return currentLang() === 'de' ? 'de-DE' : 'en-GB';
}

/** "1,2 km" / "1.2 km"; below one km one decimal, from ten km whole numbers. */
export function formatKm(km: number): string {
  const digits = km < 10 ? 1 : 0;
  return `${new Intl.NumberFormat(localeTag(), { maximumFractionDigits: digits }).format(km)} km`;
}

/** The Berlin day `days` after the Berlin day "YYYY-MM-DD". */
export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

// Helpers of the discovery tests (search, Entdecken, places, open data): distances on the
// sphere, German folding as the server does it, places around which a test owns every need,
// and municipalities with a coordinator and an approved group.
import assert from 'node:assert/strict';
import type { Server } from '../support/server.ts';
import { approvedGroup, createNeed, verifiedFast, type Group } from './needs-support.ts';
import { call, expectJson, uniqueAgs, type Actor } from './support.ts';

export interface Point { lat: number; lon: number }

/** The centre of Gütersloh the issue names. */
export const GUETERSLOH: Point = { lat: 51.9066, lon: 8.3785 };

// Far from the demo data and from each other (more than 100 km from Gütersloh, more than
// 20 km apart): each test that needs to know every need in its circle gets its own place.
export const MUNICH: Point = { lat: 48.1372, lon: 11.5756 };
export const AUGSBURG: Point = { lat: 48.3705, lon: 10.8978 };
export const INGOLSTADT: Point = { lat: 48.7665, lon: 11.4258 };
export const REGENSBURG: Point = { lat: 49.0134, lon: 12.1016 };
export const PASSAU: Point = { lat: 48.5665, lon: 13.4312 };
export const LANDSHUT: Point = { lat: 48.5442, lon: 12.1469 };

const EARTH_RADIUS_KM = 6371.01; // S2's mean radius; the server rounds to 0.01 km

/** Great-circle distance in kilometres. */
export function distanceKm(a: Point, b: Point): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The point `km` kilometres north of `p`. */
export function north(p: Point, km: number): Point {
  return { lat: p.lat + (km / (EARTH_RADIUS_KM * Math.PI)) * 180, lon: p.lon };
}

/** A need's location at `p` (for needBody/createNeed). */
export function at(p: Point, placeName = 'Testort'): { location: Record<string, unknown>; remote: false } {
  return { remote: false, location: { lat: p.lat, lon: p.lon, address: `Teststraße 1, ${placeName}`, placeName } };
}

/** As domain::fold_german: lower case, ä/ö/ü → ae/oe/ue, ß → ss, other accents dropped. */
export function foldGerman(text: string): string {
  return text.toLowerCase().replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/ß/g, 'ss')
    .normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}

/** The words of folded text: runs of letters and digits. */
export function wordsOf(folded: string): string[] {
  return folded.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/** A query string from a record; undefined values are left out. */
export function query(params: Record<string, string | number | boolean | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) q.set(k, String(v));
  return q.toString();
}

/** One answer of GET /api/v1/needs, expecting 200. */
export async function searchPage(base: string, params: Record<string, string | number | boolean | undefined>, who: Actor | null = null) {
  const path = `/api/v1/needs?${query(params)}`;
  return expectJson(await call(base, 'GET', path, { as: who }), 200, `GET ${path}`);
}

/** Every item of a search, following nextCursor (at most 100 pages). */
export async function searchAll(base: string, params: Record<string, string | number | boolean | undefined>, pageSize = 100): Promise<any[]> {
  const items: any[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 100; page++) {
    const body = await searchPage(base, { ...params, limit: pageSize, cursor });
    assert.ok(body.items.length <= pageSize, `a page holds at most limit=${pageSize} items`);
    items.push(...body.items);
    if (body.nextCursor === null) return items;
    assert.equal(typeof body.nextCursor, 'string', 'nextCursor is a string or null');
    cursor = body.nextCursor;
  }
  assert.fail('more than 100 pages');
}

export const ids = (items: any[]): string[] => items.map((n) => n.id);

/** Asserts the radius-search properties: within the radius, ascending, rounded, true to the places. */
export function assertNearestFirst(items: any[], center: Point, radiusKm: number, centreOf: (n: any) => Point | null, where: string) {
  let last = -1;
  for (const n of items) {
    assert.equal(typeof n.distanceKm, 'number', `${where}: ${n.id} has a distanceKm`);
    assert.ok(n.distanceKm <= radiusKm, `${where}: ${n.id} at ${n.distanceKm} km lies within ${radiusKm} km`);
    assert.ok(n.distanceKm >= last, `${where}: nearest first (${n.distanceKm} after ${last})`);
    assert.equal(Math.round(n.distanceKm * 100) / 100, n.distanceKm, `${where}: distanceKm rounded to 2 decimals (${n.distanceKm})`);
    last = n.distanceKm;
    const p = n.location ? { lat: n.location.lat, lon: n.location.lon } : centreOf(n);
    if (p) {
      const d = distanceKm(center, p);
      assert.ok(Math.abs(d - n.distanceKm) <= 0.02, `${where}: ${n.id} is ${d.toFixed(3)} km away, answered ${n.distanceKm}`);
    }
  }
}

export interface Town { id: string; center: Point; coordinator: Actor; group: Group }

/** A municipality at `center` (created by the platform admin) with a coordinator and an approved group. */
export async function town(server: Server, platformAdmin: Actor, name: string, center: Point, moderation = 'none'): Promise<Town> {
  const m = await expectJson(await call(server.url, 'POST', '/api/v1/municipalities', {
    as: platformAdmin,
    body: { name, ags: uniqueAgs(), center, contactEmail: `rathaus@${name.toLowerCase().replace(/[^a-z]/g, '')}.example`, moderation },
  }), 201, `create the municipality ${name}`);
  const coordinator = await verifiedFast(server, `coordinator-${name.toLowerCase().replace(/[^a-z]/g, '')}`);
  const granted = await call(server.url, 'POST', `/api/v1/municipalities/${m.id}/coordinators`, { as: platformAdmin, body: { email: coordinator.email } });
  assert.equal((await expectJson(granted, 201, `coordinator of ${name}`)).status, 'granted');
  const group = await approvedGroup(server, coordinator, m.id, `Verein ${name}`);
  return { id: m.id, center, coordinator, group };
}

/** A published need of `group` at `p` (or remote), with `extra` fields. */
export async function needAt(base: string, group: Group, p: Point | 'remote', extra: Record<string, unknown> = {}) {
  const where = p === 'remote' ? { remote: true, location: null } : at(p);
  const need = await createNeed(base, group.admin, group.id, { ...where, ...extra });
  assert.equal(need.status, 'published', `the need ${need.title} is published`);
  return need;
}

/** The centre of a municipality (for the distance of its remote needs). */
export async function municipalityCentre(base: string, id: string): Promise<Point> {
  const m = await expectJson(await call(base, 'GET', `/api/v1/municipalities/${id}`), 200, `municipality ${id}`);
  return m.center;
}

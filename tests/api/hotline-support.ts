// Helpers of the hotline tests: a caller whose data is easy to search for, valid intake
// bodies, the distance between points, the audit log in full, the documented schemas, and the
// check that a text holds nothing of a caller. The database itself: tests/support/db.ts.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../support/server.ts';
import { Validator } from './schema.ts';
import { call, expectJson, type Actor } from './support.ts';
import { daysAhead, HOUR, iso } from './needs-support.ts';

/** Where the demo callers live: Kattenstroth, a district of Gütersloh. */
export const KATTENSTROTH = { lat: 51.9161, lon: 8.4072 };

export interface Caller {
  name: string;
  phone: string;
  address: string;
  details: string;
}

let callerCounter = 0;
/**
 * A caller whose name, phone, address and details are unique in the run (plain ASCII, so that
 * they read the same in JSON, mail bodies, calendar files and database dumps).
 */
export function newCaller(tag = 'A'): Caller {
  callerCounter += 1;
  const n = `${process.pid % 1000}${callerCounter}`.padStart(5, '0');
  return {
    name: `Hertha Quendelmoor${tag}${n}`,
    phone: `05241 97${n}`,
    address: `Quendelweg ${n}b, 33330 Kattenstroth`,
    details: `Schluessel liegt beim Nachbarn Zumbruch${n}`,
  };
}

/** The caller's data in every form a leak could take: each field, and the phone's digits alone. */
export function callerStrings(c: Caller): string[] {
  return [c.name, c.phone, c.phone.replace(/\D/g, ''), c.address, c.address.split(',')[0], c.details];
}

/** Asserts that `text` holds nothing of the caller (white space runs count as one space). */
export function assertNoCallerData(text: string, c: Caller, where: string) {
  const flat = text.replace(/\s+/g, ' ');
  const digits = text.replace(/\D/g, '');
  for (const s of callerStrings(c)) {
    assert.ok(!flat.includes(s), `${where}: holds the caller's ${JSON.stringify(s)}:\n${text.slice(0, 2000)}`);
  }
  assert.ok(!digits.includes(c.phone.replace(/\D/g, '')), `${where}: holds the caller's phone digits`);
}

/** An intake body: the caller, a weekly-shopping summary, Kattenstroth, a time in three days. */
export function helpRequestBody(c: Caller, extra: Record<string, unknown> = {}): Record<string, any> {
  const start = daysAhead(3, 9);
  return {
    caller: { name: c.name, phone: c.phone, address: c.address },
    summary: 'Einkauf im Supermarkt für eine ältere Dame, etwa eine Stunde.',
    details: c.details,
    category: 'shopping',
    area: 'Kattenstroth',
    location: KATTENSTROTH,
    when: { start: iso(start), end: iso(start + HOUR) },
    recurrence: 'once',
    ...extra,
  };
}

/** Records a call as `who` in municipality `m`; expects 201 and returns the request. */
export async function createHelpRequest(base: string, who: Actor, m: string, c: Caller, extra: Record<string, unknown> = {}) {
  const res = await call(base, 'POST', `/api/v1/municipalities/${m}/help-requests`, { as: who, body: helpRequestBody(c, extra) });
  const r = await expectJson(res, 201, `record a call for ${c.name}`);
  expectSchema(r, 'HelpRequest', 'created request');
  return r;
}

export async function getHelpRequest(base: string, who: Actor, id: string, query = '') {
  return expectJson(await call(base, 'GET', `/api/v1/help-requests/${id}${query}`, { as: who }), 200, `GET help request ${id}${query}`);
}

/** Great-circle distance in metres (haversine, mean earth radius). */
export function metresBetween(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = (d: number) => (d * Math.PI) / 180;
  const dLat = rad(b.lat - a.lat);
  const dLon = rad(b.lon - a.lon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.sqrt(h));
}

/** Every entry of a municipality's audit log (all pages), newest first, and the raw texts. */
export async function auditLog(base: string, who: Actor, m: string): Promise<{ items: any[]; texts: string[] }> {
  const items: any[] = [];
  const texts: string[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 1000; page++) {
    const q: string = cursor ? `?limit=100&cursor=${encodeURIComponent(cursor)}` : '?limit=100';
    const res = await call(base, 'GET', `/api/v1/municipalities/${m}/audit-log${q}`, { as: who });
    const text = await res.text();
    assert.equal(res.status, 200, `audit log of ${m}: ${text.slice(0, 300)}`);
    const body = JSON.parse(text);
    expectSchema(body, 'AuditLog', 'audit log');
    items.push(...body.items);
    texts.push(text);
    cursor = body.nextCursor;
    if (!cursor) return { items, texts };
  }
  assert.fail('the audit log has no end');
}

/** The `help_request.caller_viewed` entries of request `id` with `reason`. */
export function callerViews(items: any[], id: string, reason: string): number {
  return items.filter((e) => e.action === 'help_request.caller_viewed' && e.subjectId === id && e.reason === reason).length;
}

// ---------------------------------------------------------------------------------------------
// The documented schemas

const doc = JSON.parse(readFileSync(join(repoRoot, 'openapi', 'openapi.json'), 'utf8'));
const validator = new Validator(doc, true);

/** Asserts that `value` fits `components.schemas[name]` (undeclared properties count as errors). */
export function expectSchema(value: unknown, name: string, where: string) {
  const errors = validator.validate(value, { $ref: `#/components/schemas/${name}` });
  assert.deepEqual(errors, [], `${where}: does not fit the schema ${name}:\n  ${errors.join('\n  ')}`);
}

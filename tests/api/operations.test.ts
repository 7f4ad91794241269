// Health checks and Prometheus metrics.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { startServer, type Server } from '../support/server.ts';
import { http, mediaType } from './support.ts';

let server: Server;
before(async () => {
  server = await startServer({ demo: true });
});
after(async () => {
  await server?.stop();
});

describe('health checks', () => {
  test('GET /healthz → 200 {"status":"ok"}', async () => {
    const res = await http(server.url, '/healthz');
    assert.equal(res.status, 200);
    assert.equal(mediaType(res), 'application/json');
    assert.deepEqual(await res.json(), { status: 'ok' });
  });

  test('GET /readyz → 200 {"status":"ready"} on a migrated database', async () => {
    const res = await http(server.url, '/readyz');
    assert.equal(res.status, 200);
    assert.equal(mediaType(res), 'application/json');
    assert.deepEqual(await res.json(), { status: 'ready' });
  });

  test('HEAD /healthz → 200 without a body', async () => {
    const res = await http(server.url, '/healthz', { method: 'HEAD' });
    assert.equal(res.status, 200);
    assert.equal(await res.text(), '');
  });
});

interface Sample { name: string; labels: Record<string, string>; value: number }

function parseMetrics(text: string): Sample[] {
  const out: Sample[] = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})?\s+(\S+)(\s+\d+)?$/.exec(line);
    assert.ok(m, `not a Prometheus sample line: ${JSON.stringify(line)}`);
    const labels: Record<string, string> = {};
    if (m[3]) {
      for (const l of m[3].matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]] = l[2];
    }
    const raw = m[4];
    const value = raw === '+Inf' ? Infinity : raw === '-Inf' ? -Infinity : Number(raw);
    assert.ok(!Number.isNaN(value) || raw === 'NaN', `bad sample value in ${JSON.stringify(line)}`);
    out.push({ name: m[1], labels, value });
  }
  return out;
}

describe('GET /metrics', () => {
  const unknown = `/api/v1/nope-${randomUUID()}`;
  let text = '';
  let samples: Sample[] = [];
  let municipalityId = '';

  before(async () => {
    for (let i = 0; i < 3; i++) assert.equal((await http(server.url, '/healthz')).status, 200);
    const list = await (await http(server.url, '/api/v1/municipalities')).json();
    municipalityId = list.items[0].id;
    assert.equal((await http(server.url, `/api/v1/municipalities/${encodeURIComponent(municipalityId)}`)).status, 200);
    assert.equal((await http(server.url, unknown)).status, 404);
    const res = await http(server.url, '/metrics');
    assert.equal(res.status, 200, 'GET /metrics from loopback → 200');
    const ct = res.headers.get('content-type') ?? '';
    assert.ok(ct.startsWith('text/plain') && /version=0\.0\.4/.test(ct), `content type text/plain; version=0.0.4 (got ${ct})`);
    text = await res.text();
    samples = parseMetrics(text);
  });

  test('counts requests per route, method and status', () => {
    const healthz = samples.filter((s) => s.name === 'helferkarte_http_requests_total' &&
      s.labels.route === '/healthz' && s.labels.method === 'GET' && s.labels.status === '200');
    assert.equal(healthz.length, 1, `one series helferkarte_http_requests_total{route="/healthz",method="GET",status="200"}; metrics:\n${text.slice(0, 3000)}`);
    assert.ok(healthz[0].value >= 3, `at least 3 requests counted (got ${healthz[0].value})`);
  });

  test('the route label is the route pattern, not the raw path', () => {
    const byId = samples.filter((s) => s.name === 'helferkarte_http_requests_total' && s.labels.route === '/api/v1/municipalities/{id}');
    assert.ok(byId.some((s) => s.labels.status === '200' && s.value >= 1),
      `a series with route="/api/v1/municipalities/{id}" status="200"; routes seen: ${[...new Set(samples.map((s) => s.labels.route).filter(Boolean))].join(', ')}`);
    const routes = samples.map((s) => s.labels.route ?? '');
    assert.ok(!routes.includes(`/api/v1/municipalities/${municipalityId}`), 'the raw municipality path is not a route label');
    assert.ok(!text.includes(unknown), `the raw unknown path ${unknown} must not become a label (unbounded cardinality)`);
  });

  test('a latency histogram', () => {
    const buckets = samples.filter((s) => s.name === 'helferkarte_http_request_duration_seconds_bucket');
    assert.ok(buckets.length > 0, 'helferkarte_http_request_duration_seconds_bucket present');
    assert.ok(buckets.every((b) => 'le' in b.labels), 'every bucket has an le label');
    const inf = buckets.filter((b) => b.labels.le === '+Inf');
    assert.ok(inf.length > 0, 'buckets with le="+Inf"');
    assert.ok(samples.some((s) => s.name === 'helferkarte_http_request_duration_seconds_count'), '_count present');
    assert.ok(samples.some((s) => s.name === 'helferkarte_http_request_duration_seconds_sum'), '_sum present');
    // Within one series buckets are cumulative, and +Inf equals _count.
    const key = (l: Record<string, string>) => JSON.stringify(Object.entries(l).filter(([k]) => k !== 'le').sort());
    const series = new Map<string, Sample[]>();
    for (const b of buckets) series.set(key(b.labels), [...(series.get(key(b.labels)) ?? []), b]);
    for (const [k, list] of series) {
      const sorted = [...list].sort((a, b) => Number(a.labels.le.replace('+Inf', 'Infinity')) - Number(b.labels.le.replace('+Inf', 'Infinity')));
      for (let i = 1; i < sorted.length; i++) assert.ok(sorted[i].value >= sorted[i - 1].value, `buckets of ${k} are cumulative`);
      const count = samples.find((s) => s.name === 'helferkarte_http_request_duration_seconds_count' && key(s.labels) === k);
      assert.ok(count, `_count for ${k}`);
      assert.equal(sorted[sorted.length - 1].labels.le, '+Inf', `${k} has a +Inf bucket`);
      assert.equal(sorted[sorted.length - 1].value, count.value, `+Inf bucket of ${k} equals _count`);
    }
  });

  test('worker pool gauges', () => {
    const gauge = (name: string) => {
      const s = samples.filter((x) => x.name === name);
      assert.equal(s.length, 1, `${name} present once`);
      return s[0].value;
    };
    const capacity = gauge('helferkarte_pool_capacity');
    const busy = gauge('helferkarte_pool_busy');
    const queued = gauge('helferkarte_pool_queued');
    assert.ok(capacity >= 1, `capacity ≥ 1 (got ${capacity})`);
    assert.ok(busy >= 0 && busy <= capacity, `0 ≤ busy ≤ capacity (got ${busy})`);
    assert.ok(queued >= 0, `queued ≥ 0 (got ${queued})`);
  });
});

describe('GET /metrics through a reverse proxy on the same host', () => {
  for (const header of ['X-Forwarded-For: 203.0.113.7', 'Forwarded: for=203.0.113.7', 'X-Real-IP: 203.0.113.7']) {
    test(`a relayed request (${header.split(':')[0]}) gets 404, not the metrics`, async () => {
      const [name, value] = header.split(': ');
      const res = await http(server.url, '/metrics', { headers: { [name]: value } });
      assert.equal(res.status, 404);
      const text = await res.text();
      assert.ok(!text.includes('helferkarte_http_requests_total'), 'no metrics in the body');
    });
  }
});

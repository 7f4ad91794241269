// Several servers on one PostgreSQL (issue 8): requests per second and latency with one
// server process and with two, the clients spread round-robin over them.
//   reads:  anonymous radius search GET /api/v1/needs?lat=..&lon=..&radiusKm=25 (the response
//           cache off, so every read reaches the database)
//   writes: sign-ups POST /api/v1/shifts/ID/signups, each a new (volunteer, shift) pair, each
//           client on shifts of its own; a 201 counts
// scripts/bench-cluster.sh starts the throw-away PostgreSQL (HELFERKARTE_TEST_PG_DIR) and runs
// this with `node --import tsx bench/cluster.ts`. Settings (environment): BENCH_SECONDS
// (default 10 per measurement), BENCH_CLIENTS (default 32 concurrent clients), BENCH_SERVERS
// (default "1,2"), HELFERKARTE_BIN (the binary, default build/helferkarte).
import { runCli, startServer, type Server } from '../tests/support/server.ts';
import { createPostgresDatabase, dropDatabase, testPostgres } from '../tests/support/db.ts';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createNeed, manyVerified, shiftAt, type Group, approvedGroup } from '../tests/api/needs-support.ts';
import { DEMO, demoActor, guetersloh, MANY_ACCOUNTS, type Actor } from '../tests/api/support.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const clients = Number(process.env.BENCH_CLIENTS ?? 32);
const serverCounts = (process.env.BENCH_SERVERS ?? '1,2').split(',').map(Number);
const maxServers = Math.max(...serverCounts);
const VOLUNTEERS = 200;
const NEEDS = 4; // of 50 shifts each (the most one need may have): 200 × 200 = 40,000 sign-ups
const SHIFTS_PER_NEED = 50;
const READ_PATH = '/api/v1/needs?lat=51.9&lon=8.38&radiusKm=25';
const REQUEST_TIMEOUT_MS = 30_000;

interface Result { ok: number; other: Map<number | string, number>; latencies: number[]; elapsed: number; cpu: Cpu }

// CPU time of the parts during a measurement, in cores (1.0 = one core busy all the time):
// where the machine's cores went shows what bounds the numbers on a small machine.
interface Cpu { servers: number; postgres: number; client: number }
const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** User + system CPU seconds of a process from /proc (0 once it is gone). */
function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // from the state on
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** The postmaster and its children (backends, walwriter, ...). */
function postgresPids(): number[] {
  const pg = testPostgres();
  if (!pg) return [];
  const postmaster = Number(readFileSync(join(pg.host, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
  const pids = [postmaster];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === postmaster) pids.push(Number(name));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

function cpuNow(serverPids: number[]) {
  const u = process.cpuUsage();
  return {
    servers: serverPids.reduce((sum, pid) => sum + cpuSeconds(pid), 0),
    postgres: postgresPids().reduce((sum, pid) => sum + cpuSeconds(pid), 0),
    client: (u.user + u.system) / 1e6,
  };
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/**
 * `clients` loops, each sending one request after the other for `durationMs`; `send(client,
 * server)` makes one request. Requests go round-robin over `servers` (one counter for all).
 */
async function load(
  servers: string[], durationMs: number, okStatus: number,
  send: (client: number, base: string) => Promise<Response>,
): Promise<Result> {
  const result: Result = { ok: 0, other: new Map(), latencies: [], elapsed: 0, cpu: { servers: 0, postgres: 0, client: 0 } };
  const serverPids = started.filter((s) => servers.includes(s.url)).map((s) => s.process.pid!);
  const cpu0 = cpuNow(serverPids);
  let next = 0;
  const start = performance.now();
  const end = start + durationMs;
  await Promise.all(Array.from({ length: clients }, async (_, client) => {
    while (performance.now() < end) {
      const base = servers[next++ % servers.length];
      const t0 = performance.now();
      let status: number | string;
      try {
        const res = await send(client, base);
        await res.arrayBuffer();
        status = res.status;
      } catch (e) {
        status = (e as Error).name;
      }
      const t1 = performance.now();
      if (status === okStatus) {
        result.ok += 1;
        result.latencies.push(t1 - t0);
      } else {
        result.other.set(status, (result.other.get(status) ?? 0) + 1);
      }
    }
  }));
  result.elapsed = (performance.now() - start) / 1000;
  const cpu1 = cpuNow(serverPids);
  for (const k of ['servers', 'postgres', 'client'] as const) result.cpu[k] = (cpu1[k] - cpu0[k]) / result.elapsed;
  result.latencies.sort((a, b) => a - b);
  return result;
}

function line(what: string, n: number, r: Result): string {
  const other = [...r.other].map(([s, c]) => `${s}×${c}`).join(' ') || '-';
  return `${what.padEnd(7)} ${String(n).padStart(7)}  ${(r.ok / r.elapsed).toFixed(0).padStart(8)}` +
    `  ${quantile(r.latencies, 0.5).toFixed(1).padStart(8)}  ${quantile(r.latencies, 0.99).toFixed(1).padStart(8)}` +
    `  ${r.cpu.servers.toFixed(2).padStart(7)} ${r.cpu.postgres.toFixed(2).padStart(8)} ${r.cpu.client.toFixed(2).padStart(6)}  ${other}`;
}

const env = {
  ...MANY_ACCOUNTS,
  HELFERKARTE_LOG_LEVEL: 'warn', // no access log: node would collect every line of it
  HELFERKARTE_HTTP_CACHE_SECONDS: '0',
  HELFERKARTE_JOBS_INTERVAL_SECONDS: '0',
};

const database = createPostgresDatabase();
const started: Server[] = [];
try {
  const demo = runCli(['demo', '--database', database]);
  if (demo.status !== 0) throw new Error(`helferkarte demo: ${demo.stderr}`);
  started.push(await startServer({ database, env }));
  const first = started[0];

  // Setup through the first server: a group with NEEDS × SHIFTS_PER_NEED shifts that each
  // hold every volunteer, and VOLUNTEERS verified, logged-in accounts.
  const t0 = performance.now();
  const coordinator = await demoActor(first.url, DEMO.coordinator);
  const group: Group = await approvedGroup(first, coordinator, await guetersloh(first.url), 'Lasttest');
  const shiftIds: string[] = [];
  for (let n = 0; n < NEEDS; n++) {
    const shifts = Array.from({ length: SHIFTS_PER_NEED }, (_, s) => shiftAt(s + 1, 500, 6 + n * 3, 2));
    const need = await createNeed(first.url, group.admin, group.id, { title: `Lasttest ${n + 1}`, shifts, waitlist: false });
    shiftIds.push(...need.shifts.map((s: { id: string }) => s.id));
  }
  const volunteers: Actor[] = await manyVerified(first, VOLUNTEERS, 'lasttest', 16);
  // The others only now: every server sends mails from the outbox, each into its own folder,
  // and the setup reads the verification mails from the first one's.
  for (let i = 1; i < maxServers; i++) started.push(await startServer({ database, env }));
  console.log(`setup: ${shiftIds.length} shifts, ${volunteers.length} verified volunteers in ` +
    `${((performance.now() - t0) / 1000).toFixed(0)} s`);

  // Client c joins the shifts with index ≡ c (mod clients), every volunteer on one shift
  // before the next; its cursor carries over from one measurement to the next, so no pair
  // is sent twice.
  const cursor = new Array<number>(clients).fill(0);
  const ownShifts = Array.from({ length: clients }, (_, c) => shiftIds.filter((_, i) => i % clients === c));
  if (ownShifts.some((s) => s.length === 0)) throw new Error(`at most ${shiftIds.length} clients`);
  const joinNext = (client: number, base: string) => {
    const k = cursor[client]++;
    const mine = ownShifts[client];
    const shift = mine[Math.floor(k / VOLUNTEERS)];
    if (shift === undefined) throw new Error(`client ${client} has joined all its shifts`);
    const v = volunteers[(k + client) % VOLUNTEERS];
    return fetch(new URL(`/api/v1/shifts/${shift}/signups`, base), {
      method: 'POST',
      headers: { Cookie: v.session.cookie, 'X-CSRF-Token': v.session.csrfToken, 'Content-Type': 'application/json' },
      body: '{}',
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  };
  const read = (_client: number, base: string) =>
    fetch(new URL(READ_PATH, base), { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });

  const probe = await (await read(0, first.url)).json() as { items: unknown[] };
  console.log(`reads: GET ${READ_PATH} (${probe.items.length} needs in the answer)`);
  console.log(`${clients} concurrent clients, ${seconds} s per measurement, round-robin over the servers`);
  console.log('                                            CPU in cores');
  console.log('what    servers     req/s   p50 ms    p99 ms  servers postgres client  other answers');
  for (const n of serverCounts) {
    const servers = started.slice(0, n).map((s) => s.url);
    await load(servers, 1000, 200, read); // warm-up: connections, caches
    console.log(line('reads', n, await load(servers, seconds * 1000, 200, read)));
    console.log(line('joins', n, await load(servers, seconds * 1000, 201, joinNext)));
  }
} finally {
  await Promise.all(started.map((s) => s.stop()));
  dropDatabase(database);
}

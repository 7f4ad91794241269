// No request to third parties: the server and the `jobs run` command, each under strace, go
// through a broad session (account, search, Entdecken, places, a need, a shift, calendars, open
// data, the hotline, the jobs, the dashboard, the export) and connect to nothing but loopback —
// no name lookup either, not even over a local resolver or nscd. A second server, with SMTP at a
// loopback address nobody listens on, shows that the trace does record a real connect.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { binary, startServer, type Server } from '../support/server.ts';
import {
  call, DEMO, demoActor, expectJson, guetersloh, http, MANY_ACCOUNTS, sleep, uniqueEmail, verifiedUser,
  register, type Actor,
} from './support.ts';
import { DAY, iso, mailFiles, newMailTo, verifiedFast } from './needs-support.ts';
import { createHelpRequest, KATTENSTROTH, newCaller } from './hotline-support.ts';

const haveStrace = spawnSync('strace', ['-V']).status === 0;
const skip = haveStrace ? false : 'strace is not on PATH (scripts/setup.sh installs it)';

const traceDir = mkdtempSync(join(tmpdir(), 'helferkarte-outbound-'));
after(() => rmSync(traceDir, { recursive: true, force: true }));

/** strace, following threads and children, writing the calls that reach another socket to `file`. */
function strace(file: string): string[] {
  return ['strace', '-f', '-qq', '-s', '32', '-e', 'trace=execve,connect,sendto,sendmsg', '-o', file];
}

interface Peer { pid: string; call: string; family: string; address: string; port: number | null; line: string }

/**
 * The socket addresses in a strace output: the target of each connect(), and the destination of
 * each sendto()/sendmsg() that names one (a write to a connected socket names none).
 */
function peers(text: string): Peer[] {
  const out: Peer[] = [];
  for (const line of text.split('\n')) {
    const m = /^(\d+)\s+(connect|sendto|sendmsg)\(/.exec(line);
    if (!m) continue;
    const fam = /\{(?:sa_family|nl_family)=(AF_[A-Z0-9]+)/.exec(line);
    if (!fam) continue;
    const family = fam[1];
    let address = '';
    let port: number | null = null;
    if (family === 'AF_INET') {
      address = /sin_addr=inet_addr\("([^"]*)"\)/.exec(line)?.[1] ?? '?';
      port = Number(/sin_port=htons\((\d+)\)/.exec(line)?.[1] ?? NaN);
    } else if (family === 'AF_INET6') {
      address = /inet_pton\(AF_INET6, "([^"]*)"/.exec(line)?.[1] ?? '?';
      port = Number(/sin6_port=htons\((\d+)\)/.exec(line)?.[1] ?? NaN);
    } else if (family === 'AF_UNIX') {
      address = /sun_path=(@?"[^"]*"|[^,}]*)/.exec(line)?.[1] ?? '';
    }
    out.push({ pid: m[1], call: m[2], family, address, port, line });
  }
  return out;
}

function isLoopback(p: Peer): boolean {
  if (p.family === 'AF_INET') return /^127\.\d+\.\d+\.\d+$/.test(p.address);
  if (p.family === 'AF_INET6') return p.address === '::1' || /^::ffff:127\.\d+\.\d+\.\d+$/i.test(p.address);
  return false;
}

/** What in a trace breaks the rule: an address off this machine, or a name lookup. */
function violations(list: Peer[]): string[] {
  const bad: string[] = [];
  for (const p of list) {
    if (p.family === 'AF_INET' || p.family === 'AF_INET6') {
      if (!isLoopback(p)) bad.push(`${p.call} to ${p.address}:${p.port} (not loopback): ${p.line}`);
      else if (p.port === 53) bad.push(`${p.call} to ${p.address}:53 (a DNS lookup): ${p.line}`);
    } else if (p.family === 'AF_UNIX') {
      if (/nscd|resolve|dbus/i.test(p.address)) bad.push(`${p.call} to ${p.address} (a name lookup): ${p.line}`);
    } else if (p.family !== 'AF_NETLINK') {
      bad.push(`${p.call} with family ${p.family}: ${p.line}`);
    }
  }
  return bad;
}

function readTrace(file: string): string {
  assert.ok(existsSync(file), `strace wrote ${file}`);
  return readFileSync(file, 'utf8');
}

/** A command of the binary under strace, to completion. */
function tracedCli(file: string, args: string[]) {
  const r = spawnSync(strace(file)[0], [...strace(file).slice(1), binary, ...args], {
    encoding: 'utf8', env: { ...process.env, HELFERKARTE_LOG_FORMAT: 'json' }, timeout: 60_000,
  });
  assert.equal(r.status, 0, `helferkarte ${args.join(' ')} under strace failed: ${r.stderr}\n${r.stdout}`);
  return r;
}

/** Waits (bounded) until the server's log holds `pattern`. */
async function logged(server: Server, pattern: RegExp, what: string, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!pattern.test(server.stderr())) {
    if (Date.now() > deadline) assert.fail(`${what}: not in the log within ${timeoutMs / 1000} s:\n${server.stderr().slice(-3000)}`);
    await sleep(100);
  }
}

describe('outbound connections', { skip }, () => {
  describe('a broad session connects to loopback only', () => {
    const serverTrace = join(traceDir, 'serve.trace');
    const jobsTrace = join(traceDir, 'jobs.trace');
    let server: Server;
    let serverText = '';
    let jobsText = '';

    before(async () => {
      server = await startServer({
        demo: true,
        wrap: strace(serverTrace),
        // A tile server configured by the operator: the browser fetches tiles, the server never.
        env: { ...MANY_ACCOUNTS, HELFERKARTE_MAP_TILE_URL: 'https://tiles.example.org/{z}/{x}/{y}.png' },
      });
      try {
        await session(server, jobsTrace);
      } finally {
        // strace exits with the server, so the trace is complete once stop() resolves.
        const code = await server.stop();
        serverText = readTrace(serverTrace);
        assert.equal(code, 0, `the server stopped cleanly under strace:\n${server.stderr().slice(-2000)}`);
      }
      jobsText = readTrace(jobsTrace);
    });

    test('strace traced the server and the jobs command', () => {
      assert.match(serverText, /^\d+\s+execve\("[^"]*helferkarte", \[[^\]]*"serve"/m, 'the server was started under strace');
      assert.match(jobsText, /^\d+\s+execve\("[^"]*helferkarte", \[[^\]]*"jobs", "run"/m, 'jobs run was started under strace');
      // The server answers through its sockets with sendmsg(); those lines show it was traced
      // throughout, not only at the start.
      assert.ok(/^\d+\s+sendmsg\(/m.test(serverText) || /^\d+\s+sendto\(/m.test(serverText),
        `the server's answers appear in the trace:\n${serverText.slice(0, 2000)}`);
    });

    test('the server connects to nothing outside this machine and resolves no name', () => {
      const list = peers(serverText);
      const bad = violations(list);
      const unix = [...new Set(list.filter((p) => p.family === 'AF_UNIX').map((p) => p.address))];
      assert.deepEqual(bad, [], `outbound traffic of the server (AF_UNIX paths seen: ${JSON.stringify(unix)})`);
    });

    test('jobs run connects to nothing outside this machine and resolves no name', () => {
      const list = peers(jobsText);
      const unix = [...new Set(list.filter((p) => p.family === 'AF_UNIX').map((p) => p.address))];
      assert.deepEqual(violations(list), [], `outbound traffic of jobs run (AF_UNIX paths seen: ${JSON.stringify(unix)})`);
    });
  });

  describe('positive control: a configured SMTP server', () => {
    const file = join(traceDir, 'smtp.trace');
    let text = '';

    before(async () => {
      // 127.0.0.2 is loopback but not where the test server listens: the only way to it is the
      // mail transport. Nobody listens on port 1, so the attempt fails and is retried later.
      const server = await startServer({
        demo: false,
        wrap: strace(file),
        mailTransport: 'smtp',
        env: {
          ...MANY_ACCOUNTS,
          HELFERKARTE_SMTP_HOST: '127.0.0.2',
          HELFERKARTE_SMTP_PORT: '1',
          HELFERKARTE_SMTP_SECURITY: 'none',
        },
      });
      try {
        const email = uniqueEmail('outbound-smtp');
        await expectJson(await register(server.url, email, 'Sommer-Regen-Smtp-2026!', 'Test SMTP'), 201, 'register');
        await logged(server, /attempt 1 failed/, 'the failed SMTP attempt');
      } finally {
        await server.stop();
      }
      text = readTrace(file);
    });

    test('the connect to 127.0.0.2:1 is in the trace, and the parser flags a non-loopback address', () => {
      const list = peers(text);
      assert.ok(list.some((p) => p.call === 'connect' && p.family === 'AF_INET' && p.address === '127.0.0.2' && p.port === 1),
        `a connect to 127.0.0.2:1 among ${JSON.stringify(list.map((p) => p.line), null, 1).slice(0, 3000)}`);
      assert.deepEqual(violations(list), [], 'SMTP to the configured loopback address is allowed');
      // The same line pointed elsewhere, and a DNS query, are caught.
      const line = list.find((p) => p.address === '127.0.0.2')!.line;
      assert.equal(violations(peers(line.replace('127.0.0.2', '192.0.2.7'))).length, 1, 'a foreign address is flagged');
      assert.equal(violations(peers(line.replace('htons(1)', 'htons(53)'))).length, 1, 'port 53 is flagged');
    });
  });
});

/** The session: everything a visitor, a volunteer, a coordinator and the jobs do. */
async function session(server: Server, jobsTrace: string) {
  const base = server.url;
  const M = await guetersloh(base);
  const coordinator = await demoActor(base, DEMO.coordinator);

  // An account: register, confirm with the link from the mail, log in.
  const volunteer: Actor = await verifiedUser(server, 'outbound-v', { displayName: 'Olga Ausgang' });

  // Search by position and keyword, Entdecken, places, the start page and a need page.
  const near = await expectJson(await http(base, `/api/v1/needs?lat=${KATTENSTROTH.lat}&lon=${KATTENSTROTH.lon}&radiusKm=25`), 200, 'search near');
  assert.ok(near.items.length > 0, 'the demo has needs near Gütersloh');
  await expectJson(await http(base, '/api/v1/needs?q=Tafel'), 200, 'keyword search');
  await expectJson(await http(base, `/api/v1/needs/discover?lat=${KATTENSTROTH.lat}&lon=${KATTENSTROTH.lon}`), 200, 'Entdecken');
  await expectJson(await http(base, '/api/v1/places?q=G%C3%BCtersloh'), 200, 'places by name');
  await expectJson(await http(base, `/api/v1/places?lat=${KATTENSTROTH.lat}&lon=${KATTENSTROTH.lon}`), 200, 'places by position');
  await expectJson(await http(base, '/api/v1/site'), 200, 'site');
  assert.equal((await http(base, '/')).status, 200, 'the start page');

  // Join an open shift of a demo need, with its confirmation mail.
  let joined: any = null;
  for (const item of near.items) {
    const need = await expectJson(await http(base, `/api/v1/needs/${item.id}`), 200, 'a need');
    assert.equal((await http(base, `/gesuche/${need.id}`)).status, 200, 'the need page');
    const shift = (need.shifts ?? []).find((s: any) => Date.parse(s.start) > Date.now() && (s.capacity == null || s.taken == null || s.taken < s.capacity));
    if (!shift) continue;
    const before = mailFiles(server.mailDir);
    const res = await call(base, 'POST', `/api/v1/shifts/${shift.id}/signups`, { as: volunteer, body: {} });
    if (res.status !== 201) { await res.text(); continue; }
    joined = { need, signup: await res.json() };
    await newMailTo(server.mailDir, before, volunteer.email);
    break;
  }
  assert.ok(joined, 'joined a shift of a demo need');

  // Calendars: the need's .ics, a personal feed, the municipality's open data.
  assert.equal((await http(base, `/api/v1/needs/${joined.need.id}/calendar.ics`)).status, 200, 'need .ics');
  const feed = await expectJson(await call(base, 'POST', '/api/v1/me/calendar-feed', { as: volunteer }), 201, 'calendar feed');
  assert.equal((await http(base, new URL(feed.url).pathname)).status, 200, 'the calendar feed');
  assert.equal((await http(base, `/api/v1/municipalities/${M}/needs.geojson`)).status, 200, 'open data geojson');
  assert.equal((await http(base, `/api/v1/municipalities/${M}/needs.ics`)).status, 200, 'open data ics');

  // The hotline: record and publish a call, a volunteer offers, the coordinator matches, the
  // helper reads the contact, the coordinator closes.
  const helper = await verifiedFast(server, 'outbound-h', { displayName: 'Hanno Helfer' });
  const r = await createHelpRequest(base, coordinator, M, newCaller('Aus'), { publish: true });
  const hotlineNeed = await expectJson(await http(base, `/api/v1/needs/${r.needId}`), 200, 'hotline need');
  await expectJson(await call(base, 'POST', `/api/v1/shifts/${hotlineNeed.shifts[0].id}/signups`, { as: helper, body: {} }), 201, 'offer');
  const beforeMatch = mailFiles(server.mailDir);
  await expectJson(await call(base, 'POST', `/api/v1/help-requests/${r.id}/match`, { as: coordinator, body: { userId: helper.id } }), 200, 'match');
  await newMailTo(server.mailDir, beforeMatch, helper.email);
  await expectJson(await call(base, 'GET', `/api/v1/help-requests/${r.id}`, { as: helper }), 200, 'helper reads');
  await expectJson(await call(base, 'POST', `/api/v1/help-requests/${r.id}/close`, { as: coordinator, body: { outcome: 'done' } }), 200, 'close');

  // The jobs (reminders, completion, retention, …) a day and a week ahead, under strace too;
  // the server sends what they put into the outbox.
  const beforeJobs = mailFiles(server.mailDir);
  tracedCli(jobsTrace, ['jobs', 'run', '--database', server.database, '--at', iso(Date.now() + 8 * DAY)]);
  await waitForOutbox(server, beforeJobs);

  // The dashboard and the exports.
  await expectJson(await call(base, 'GET', `/api/v1/municipalities/${M}/dashboard`, { as: coordinator }), 200, 'dashboard');
  await expectJson(await call(base, 'GET', '/api/v1/me/export', { as: volunteer }), 200, 'export volunteer');
  await expectJson(await call(base, 'GET', '/api/v1/me/export', { as: coordinator }), 200, 'export coordinator');
}

/** Gives the outbox time to send what the jobs queued: waits for a new mail, if any comes. */
async function waitForOutbox(server: Server, before: Set<string>) {
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline) {
    if ([...mailFiles(server.mailDir)].some((f) => !before.has(f))) return;
    await sleep(200);
  }
}

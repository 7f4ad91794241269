// Mails as the tests see them: the .eml files of the server's `log` transport (one per mail,
// renamed into place when complete) and a real local SMTP server (tests/support/smtp-sink.py)
// that keeps what it receives in the same form.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export interface ReceivedMail {
  file: string; // file name in the folder
  raw: string; // the message as written, CRLF line ends
  headers: Map<string, string>; // lower-case names; unfolded, encoded words decoded
  from: string;
  to: string;
  subject: string;
  body: string; // "\n" line ends
}

/** Decodes RFC 2047 encoded words (=?UTF-8?B?...?= and =?UTF-8?Q?...?=). */
export function decodeHeader(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?') // white space between encoded words is not part of the text
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_, kind: string, text: string) => {
      if (kind.toLowerCase() === 'b') return Buffer.from(text, 'base64').toString('utf8');
      const bytes = text.replace(/_/g, ' ').replace(/=([0-9a-f]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
      return Buffer.from(bytes, 'latin1').toString('utf8');
    });
}

export function parseMail(file: string, raw: string): ReceivedMail {
  let split = raw.indexOf('\r\n\r\n');
  let gap = 4;
  if (split < 0) { split = raw.indexOf('\n\n'); gap = 2; }
  if (split < 0) { split = raw.length; gap = 0; }
  const head = raw.slice(0, split).replace(/\r?\n[ \t]/g, ' '); // unfold
  const headers = new Map<string, string>();
  for (const line of head.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), decodeHeader(line.slice(colon + 1).trim()));
  }
  return {
    file, raw, headers,
    from: headers.get('from') ?? '',
    to: headers.get('to') ?? '',
    subject: headers.get('subject') ?? '',
    body: raw.slice(split + gap).replace(/\r\n/g, '\n'),
  };
}

/** Every complete mail in the folder, oldest first (file names sort by time). */
export function readMails(dir: string): ReceivedMail[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.eml') && !name.startsWith('.'))
    .sort()
    .map((name) => parseMail(name, readFileSync(join(dir, name), 'utf8')));
}

/**
 * Polls `dir` until a mail matches `predicate` and returns the newest that does; fails after
 * `timeoutMs` listing the mails that are there.
 */
export async function waitForMail(
  dir: string, predicate: (mail: ReceivedMail) => boolean, timeoutMs = 15_000,
): Promise<ReceivedMail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = readMails(dir).filter(predicate);
    if (found.length > 0) return found[found.length - 1];
    if (Date.now() > deadline) {
      const seen = readMails(dir).map((m) => `${m.file}: to ${m.to}: ${m.subject}`);
      throw new Error(`no matching mail in ${dir} after ${timeoutMs} ms; there are ${seen.length}:\n  ${seen.join('\n  ')}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Every http(s) link in a body (links stand on their own line and are never broken). */
export function linksIn(body: string): URL[] {
  return [...body.matchAll(/https?:\/\/[^\s<>"]+/g)].map((m) => new URL(m[0]));
}

export interface SmtpSink {
  port: number;
  dir: string; // NNNNNN.eml and NNNNNN.json ({mail_from, rcpt_tos}) per message
  envelope(mail: ReceivedMail): { mail_from: string; rcpt_tos: string[] };
  stop(): Promise<void>;
}

// Debian's interpreter, which has python3-aiosmtpd; a python3 earlier on PATH may not.
const python = process.env.HELFERKARTE_PYTHON ?? (existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3');
const sinkScript = resolve(import.meta.dirname, 'smtp-sink.py');

/** Starts a local SMTP server on a free port that stores each message it receives. */
export async function startSmtpSink(): Promise<SmtpSink> {
  const dir = mkdtempSync(join(tmpdir(), 'helferkarte-smtp-'));
  const child: ChildProcess = spawn(python, [sinkScript, dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (d: string) => { err += d; });
  const exited = new Promise<void>((res) => child.on('exit', () => res()));
  const port = await new Promise<number>((res, rej) => {
    let out = '';
    const timer = setTimeout(() => rej(new Error(`smtp-sink did not start: ${err}`)), 10_000);
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (d: string) => {
      out += d;
      const m = /listening on (\d+)/.exec(out);
      if (m) { clearTimeout(timer); res(Number(m[1])); }
    });
    child.on('exit', (code) => { clearTimeout(timer); rej(new Error(`smtp-sink exited with ${code}: ${err}`)); });
  });
  return {
    port, dir,
    envelope: (mail) => JSON.parse(readFileSync(join(dir, mail.file.replace(/\.eml$/, '.json')), 'utf8')),
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// RFC 5545 as far as the API tests need it: CRLF line ends, lines of at most 75 octets folded
// with a leading space (never inside a UTF-8 sequence), content lines NAME;PARAM=...:VALUE,
// nested BEGIN/END components, TEXT escapes. Shared by the calendar and open-data tests.
import assert from 'node:assert/strict';

export interface Property { name: string; params: Record<string, string>; value: string }
export interface Component { name: string; props: Property[]; children: Component[] }

export function unescapeText(v: string): string {
  return v.replace(/\\([\\;,nN])/g, (_m, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

export function parseIcs(bytes: Buffer, where: string): Component {
  const text = bytes.toString('utf8');
  assert.ok(!text.includes('\uFFFD'), `${where}: valid UTF-8 (no fold inside a character)`);
  assert.ok(text.endsWith('\r\n'), `${where}: ends with CRLF`);
  assert.ok(!/\r(?!\n)|(?<!\r)\n/.test(text), `${where}: every line ends with CRLF, no bare CR or LF`);
  const physical = text.slice(0, -2).split('\r\n');
  for (const line of physical) {
    assert.ok(Buffer.byteLength(line, 'utf8') <= 75, `${where}: line longer than 75 octets (${Buffer.byteLength(line)}): ${line}`);
  }
  const logical: string[] = [];
  for (const line of physical) {
    if (line.startsWith(' ') || line.startsWith('\t')) {
      assert.ok(logical.length > 0, `${where}: continuation without a line before`);
      logical[logical.length - 1] += line.slice(1);
    } else {
      logical.push(line);
    }
  }
  const root: Component = { name: '', props: [], children: [] };
  const stack: Component[] = [root];
  for (const line of logical) {
    const m = /^([A-Za-z0-9-]+)((?:;[A-Za-z0-9-]+=(?:"[^"]*"|[^";:,]*)(?:,(?:"[^"]*"|[^";:,]*))*)*):(.*)$/.exec(line);
    assert.ok(m, `${where}: not a content line: ${JSON.stringify(line)}`);
    const name = m[1].toUpperCase();
    const params: Record<string, string> = {};
    for (const p of m[2].split(';').slice(1)) {
      const eq = p.indexOf('=');
      params[p.slice(0, eq).toUpperCase()] = p.slice(eq + 1).replace(/^"|"$/g, '');
    }
    const value = m[3];
    const top = stack[stack.length - 1];
    if (name === 'BEGIN') {
      const c: Component = { name: value.toUpperCase(), props: [], children: [] };
      top.children.push(c);
      stack.push(c);
    } else if (name === 'END') {
      assert.equal(value.toUpperCase(), top.name, `${where}: END:${value} closes BEGIN:${top.name}`);
      stack.pop();
    } else {
      assert.ok(stack.length > 1, `${where}: property outside any component: ${line}`);
      top.props.push({ name, params, value });
    }
  }
  assert.equal(stack.length, 1, `${where}: every BEGIN has its END`);
  assert.equal(root.children.length, 1, `${where}: one VCALENDAR`);
  const cal = root.children[0];
  assert.equal(cal.name, 'VCALENDAR');
  assert.equal(prop(cal, 'VERSION'), '2.0');
  assert.ok(prop(cal, 'PRODID'), `${where}: PRODID`);
  return cal;
}

export function prop(c: Component, name: string): string | undefined {
  return c.props.find((p) => p.name === name)?.value;
}

export function events(cal: Component): Component[] {
  return cal.children.filter((c) => c.name === 'VEVENT');
}

/** "20261203T090000Z" → "2026-12-03T09:00:00Z" (fails on anything but UTC date-time). */
export function utc(value: string | undefined, where: string): string {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value ?? '');
  assert.ok(m, `${where}: a UTC date-time, got ${value}`);
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`;
}

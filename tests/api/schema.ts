// A small JSON Schema (2020-12 subset) validator, enough to check real responses against the
// schemas of openapi/openapi.json. `strict` also reports properties that the schema does not
// declare, so that the document stays complete.

type Schema = Record<string, any> | boolean;

/** Resolves a local JSON pointer such as "#/components/schemas/Problem". */
export function resolvePointer(root: unknown, ref: string): unknown {
  if (!ref.startsWith('#')) throw new Error(`not a local reference: ${ref}`);
  const pointer = decodeURIComponent(ref.slice(1));
  if (pointer === '') return root;
  if (!pointer.startsWith('/')) throw new Error(`bad JSON pointer: ${ref}`);
  let node: any = root;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object' || !Object.prototype.hasOwnProperty.call(node, key)) {
      return undefined;
    }
    node = node[key];
  }
  return node;
}

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function matchesType(v: unknown, t: string): boolean {
  const actual = typeOf(v);
  if (t === 'number') return actual === 'number' || actual === 'integer';
  return actual === t;
}

export class Validator {
  constructor(private readonly root: unknown, private readonly strict = true) {}

  private deref(s: Schema): Schema {
    let cur = s;
    for (let i = 0; i < 32 && typeof cur === 'object' && cur.$ref; i++) {
      const next = resolvePointer(this.root, cur.$ref) as Schema | undefined;
      if (next === undefined) throw new Error(`unresolvable $ref ${cur.$ref}`);
      // Sibling keywords of $ref apply too (3.1); merge them shallowly.
      const { $ref, ...rest } = cur;
      cur = typeof next === 'object' ? { ...next, ...rest } : next;
    }
    return cur;
  }

  /** Property names an object schema declares, including through allOf. */
  private declared(s: Schema): Set<string> | null {
    const d = this.deref(s);
    if (typeof d !== 'object') return null;
    if (d.additionalProperties !== undefined && d.additionalProperties !== false) return null;
    if (d.patternProperties) return null;
    const out = new Set<string>(Object.keys(d.properties ?? {}));
    for (const sub of d.allOf ?? []) {
      const inner = this.declared(sub);
      if (inner === null) return null;
      for (const k of inner) out.add(k);
    }
    return out;
  }

  validate(value: unknown, schema: Schema, path = '$', ownStrict = true): string[] {
    const s = this.deref(schema);
    if (s === true) return [];
    if (s === false) return [`${path}: no value is allowed here`];
    const errors: string[] = [];
    const t = typeOf(value);

    if (s.type !== undefined) {
      const types: string[] = Array.isArray(s.type) ? s.type : [s.type];
      if (!types.some((x) => matchesType(value, x))) {
        return [`${path}: expected type ${types.join('|')}, got ${t} (${JSON.stringify(value)?.slice(0, 80)})`];
      }
    }
    if (s.const !== undefined && JSON.stringify(value) !== JSON.stringify(s.const)) {
      errors.push(`${path}: expected ${JSON.stringify(s.const)}, got ${JSON.stringify(value)}`);
    }
    if (s.enum !== undefined && !s.enum.some((e: unknown) => JSON.stringify(e) === JSON.stringify(value))) {
      errors.push(`${path}: ${JSON.stringify(value)} is not one of ${JSON.stringify(s.enum)}`);
    }
    if (t === 'string') {
      const str = value as string;
      if (s.minLength !== undefined && [...str].length < s.minLength) errors.push(`${path}: shorter than ${s.minLength}`);
      if (s.maxLength !== undefined && [...str].length > s.maxLength) errors.push(`${path}: longer than ${s.maxLength}`);
      if (s.pattern !== undefined && !new RegExp(s.pattern, 'u').test(str)) errors.push(`${path}: ${JSON.stringify(str)} does not match ${s.pattern}`);
      if (s.format === 'email' && !/^[^@\s]+@[^@\s]+$/.test(str)) errors.push(`${path}: ${JSON.stringify(str)} is not an e-mail address`);
      if (s.format === 'uri' && !/^[a-z][a-z0-9+.-]*:/i.test(str)) errors.push(`${path}: ${JSON.stringify(str)} is not a URI`);
    }
    if (t === 'number' || t === 'integer') {
      const n = value as number;
      if (s.minimum !== undefined && n < s.minimum) errors.push(`${path}: ${n} < minimum ${s.minimum}`);
      if (s.maximum !== undefined && n > s.maximum) errors.push(`${path}: ${n} > maximum ${s.maximum}`);
    }
    if (t === 'array') {
      const arr = value as unknown[];
      if (s.minItems !== undefined && arr.length < s.minItems) errors.push(`${path}: fewer than ${s.minItems} items`);
      if (s.maxItems !== undefined && arr.length > s.maxItems) errors.push(`${path}: more than ${s.maxItems} items`);
      if (s.items !== undefined) arr.forEach((item, i) => errors.push(...this.validate(item, s.items, `${path}[${i}]`)));
    }
    if (t === 'object') {
      const obj = value as Record<string, unknown>;
      for (const req of s.required ?? []) {
        if (!(req in obj)) errors.push(`${path}: required property "${req}" missing`);
      }
      const props: Record<string, Schema> = s.properties ?? {};
      for (const [k, v] of Object.entries(obj)) {
        if (k in props) errors.push(...this.validate(v, props[k], `${path}.${k}`));
        else if (typeof s.additionalProperties === 'object' || s.additionalProperties === false) {
          errors.push(...this.validate(v, s.additionalProperties, `${path}.${k}`));
        }
      }
      if (this.strict && ownStrict && (s.properties || s.allOf)) {
        const known = this.declared(s);
        if (known) {
          for (const k of Object.keys(obj)) {
            if (!known.has(k)) errors.push(`${path}: property "${k}" is not declared in the schema`);
          }
        }
      }
    }
    for (const sub of s.allOf ?? []) {
      // Strictness is judged on the whole allOf above; the branches only check their own parts.
      errors.push(...this.validate(value, sub, path, false));
    }
    if (s.anyOf) {
      const results = s.anyOf.map((sub: Schema) => this.validate(value, sub, path));
      if (!results.some((r: string[]) => r.length === 0)) {
        errors.push(`${path}: matches none of anyOf: ${results.map((r: string[]) => r.join('; ')).join(' | ')}`);
      }
    }
    if (s.oneOf) {
      const results = s.oneOf.map((sub: Schema) => this.validate(value, sub, path));
      const ok = results.filter((r: string[]) => r.length === 0).length;
      if (ok !== 1) errors.push(`${path}: matches ${ok} of oneOf (must be exactly 1): ${results.map((r: string[]) => r.join('; ')).join(' | ')}`);
    }
    return errors;
  }
}

/** Every "$ref" string anywhere in a document, with the JSON path where it occurs. */
export function collectRefs(node: unknown, path = '$', out: { path: string; ref: string }[] = []) {
  if (Array.isArray(node)) node.forEach((v, i) => collectRefs(v, `${path}[${i}]`, out));
  else if (node !== null && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') out.push({ path, ref: v });
      else collectRefs(v, `${path}.${k}`, out);
    }
  }
  return out;
}

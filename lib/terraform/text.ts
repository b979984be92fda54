/**
 * Three-valued logic and pattern matching over partly known strings.
 *
 * Terraform JSON is known only in part before apply: a KMS key ARN is
 * `arn:aws:kms:us-east-1:222222222222:key/<key id>` where the key id exists only after apply.
 * Such a value is a `Text`: literal parts and holes. A hole that names a resource attribute
 * (`id`) stands for one value unique to that resource, so two different keys never share it; a
 * hole without an id is anything at all. Matching a pattern (an IAM `Resource`, `Action` or
 * condition value, with `*` and `?` wildcards) against a Text answers `yes` (matches whatever the
 * holes turn out to be), `no` (cannot match) or `maybe`.
 */

/** Three-valued truth: `maybe` is what an analysis says when it cannot decide. */
export type Tri = 'yes' | 'maybe' | 'no';

const RANK: Record<Tri, number> = { no: 0, maybe: 1, yes: 2 };
const BY_RANK: readonly Tri[] = ['no', 'maybe', 'yes'];

/** Logical and: `no` wins, then `maybe`. */
export function triAnd(...values: readonly Tri[]): Tri {
  return BY_RANK[Math.min(2, ...values.map((v) => RANK[v]))];
}

/** Logical or: `yes` wins, then `maybe`. */
export function triOr(...values: readonly Tri[]): Tri {
  return BY_RANK[Math.max(0, ...values.map((v) => RANK[v]))];
}

/** Logical not: `maybe` stays `maybe`. */
export function triNot(value: Tri): Tri {
  return value === 'yes' ? 'no' : value === 'no' ? 'yes' : 'maybe';
}

/** `yes` becomes `maybe`; the others stay. */
export function triCap(value: Tri): Tri {
  return value === 'yes' ? 'maybe' : value;
}

/**
 * A piece of a partly known string. In `text`, `*` and `?` are wildcards where the reader treats
 * them so (IAM `Resource`, `Action`, `...Like` operators); `literal` never has wildcards (IAM's
 * `${*}`, `${?}`); a `hole` is an unknown value.
 */
export type TextPart =
  | { readonly kind: 'text'; readonly value: string }
  | { readonly kind: 'literal'; readonly value: string }
  | {
      readonly kind: 'hole';
      /** Shown in evidence, e.g. `aws_kms_key.DataKey.key_id`. */
      readonly label: string;
      /** Identity of a value unique to one resource attribute; two different ids never match each other. @default - any value */
      readonly id?: string;
      /**
       * The question is whether SOME value of the hole matches (an object key of a bucket, a
       * database user), not whether all do: an Allow on `bucket/reports/*` reaches some objects.
       * @default false
       */
      readonly exists?: boolean;
    };

/** A partly known string. */
export type Text = readonly TextPart[];

/** A fully known Text. */
export function text(value: string): Text {
  return value === '' ? [] : [{ kind: 'text', value }];
}

/** A hole. */
export function hole(label: string, id?: string, exists?: boolean): Text {
  return [{ kind: 'hole', label, ...(id ? { id } : {}), ...(exists ? { exists } : {}) }];
}

/** Joins Texts, merging neighbouring text parts. */
export function concat(...parts: ReadonlyArray<Text | string>): Text {
  const out: TextPart[] = [];
  for (const piece of parts) {
    for (const part of typeof piece === 'string' ? text(piece) : piece) {
      const last = out[out.length - 1];
      if (part.kind !== 'hole' && last && last.kind === part.kind) out[out.length - 1] = { kind: part.kind, value: last.value + part.value };
      else if (part.kind === 'hole' || part.value !== '') out.push(part);
    }
  }
  return out;
}

/** The string when the Text has no holes. */
export function concrete(value: Text): string | undefined {
  if (value.some((p) => p.kind === 'hole')) return undefined;
  return value.map((p) => (p.kind === 'hole' ? '' : p.value)).join('');
}

/** A readable rendering: holes as `<label>`. */
export function show(value: Text): string {
  return value.map((p) => (p.kind === 'hole' ? `<${p.label}>` : p.value)).join('');
}

type Token = { readonly t: 'char'; readonly c: string } | { readonly t: 'star' } | { readonly t: 'one' } | { readonly t: 'hole'; readonly id?: string; readonly exists: boolean };

export interface MatchOptions {
  /** `*` and `?` in the pattern's text parts are wildcards. @default true */
  readonly wildcards?: boolean;
  /** Compare case-insensitively (IAM actions, `...IgnoreCase`). @default false */
  readonly ignoreCase?: boolean;
  /**
   * Holes marked `exists` in the subject count as matched when some value matches (use for
   * Allow statements; a Deny must cover every value, so leave this off there). @default false
   */
  readonly existential?: boolean;
}

function tokens(value: Text, wildcards: boolean, ignoreCase: boolean): Token[] {
  const out: Token[] = [];
  for (const part of value) {
    if (part.kind === 'hole') {
      out.push({ t: 'hole', id: part.id, exists: part.exists === true });
      continue;
    }
    const chars = ignoreCase ? part.value.toLowerCase() : part.value;
    for (const c of chars) {
      if (wildcards && part.kind === 'text' && c === '*') out.push({ t: 'star' });
      else if (wildcards && part.kind === 'text' && c === '?') out.push({ t: 'one' });
      else out.push({ t: 'char', c });
    }
  }
  return out;
}

/**
 * Matches `pattern` against `subject`. `yes` means every value of the subject's holes (and of
 * the pattern's) matches; `maybe` that some might; `no` that none can.
 */
export function matchText(pattern: Text, subject: Text, options: MatchOptions = {}): Tri {
  const ignoreCase = options.ignoreCase ?? false;
  const wildcards = options.wildcards ?? true;
  if (wildcards && pattern.length === 1 && pattern[0].kind === 'text' && pattern[0].value === '*') return 'yes';
  const plainPattern = concrete(pattern);
  const plainSubject = concrete(subject);
  if (plainPattern !== undefined && plainSubject !== undefined) {
    const a = ignoreCase ? plainPattern.toLowerCase() : plainPattern;
    const b = ignoreCase ? plainSubject.toLowerCase() : plainSubject;
    if (!wildcards || !pattern.some((part) => part.kind === 'text' && /[*?]/.test(part.value))) return a === b ? 'yes' : 'no';
  }
  const p = tokens(pattern, wildcards, ignoreCase);
  const s = tokens(subject, false, ignoreCase);
  const memo = new Map<number, Tri>();
  // A subject hole consumed only in part: the answer can no longer be certain, unless the question
  // is existential for that hole.
  const cap = (tok: Token, value: Tri): Tri => (tok.t === 'hole' && tok.exists && options.existential ? value : triCap(value));

  const go = (i: number, j: number, partial: boolean): Tri => {
    const key = (i * (s.length + 1) + j) * 2 + (partial ? 1 : 0);
    const known = memo.get(key);
    if (known) return known;
    memo.set(key, 'no');
    const result = step(i, j, partial);
    memo.set(key, result);
    return result;
  };

  // Anonymous holes may be empty; a resource's own value (a hole with an id) never is, unless part
  // of it was already consumed by a wildcard.
  const skippable = (j: number, partial: boolean): boolean => {
    const t = s[j];
    return t !== undefined && t.t === 'hole' && (t.id === undefined || partial);
  };

  const step = (i: number, j: number, partial: boolean): Tri => {
    const sub = s[j];
    if (i === p.length) {
      if (j === s.length) return 'yes';
      for (let k = j; k < s.length; k++) if (!skippable(k, k === j && partial)) return 'no';
      return cap(sub, 'yes');
    }
    const pat = p[i];
    const options: Tri[] = [];
    if (skippable(j, partial)) options.push(cap(sub, go(i, j + 1, false)));
    const uniqueSubject = sub !== undefined && sub.t === 'hole' && sub.id !== undefined && !partial;
    if (pat.t === 'hole' && pat.id !== undefined && uniqueSubject) {
      // Two resources' own values: equal for the same resource attribute, never otherwise.
      if (sub.t === 'hole' && pat.id === sub.id) options.push(go(i + 1, j + 1, false));
      return triOr(...options);
    }
    switch (pat.t) {
      case 'star':
        options.push(go(i + 1, j, partial));
        if (sub) options.push(go(i, j + 1, false));
        if (sub && sub.t === 'hole') options.push(cap(sub, go(i + 1, j, true)));
        break;
      case 'one':
      case 'char':
        if (!sub) return triOr(...options);
        if (sub.t === 'char') {
          if (pat.t === 'one' || pat.c === sub.c) options.push(go(i + 1, j + 1, false));
        } else if (sub.t === 'hole') {
          options.push(cap(sub, go(i + 1, j + 1, false)), cap(sub, go(i + 1, j, true)));
        }
        break;
      case 'hole':
        // An unknown pattern value: like `*`, but never certain.
        options.push(triCap(go(i + 1, j, partial)));
        if (sub) options.push(triCap(go(i, j + 1, false)));
        if (sub && sub.t === 'hole') options.push(triCap(go(i + 1, j, true)));
        break;
    }
    return triOr(...options);
  };

  return go(0, 0, false);
}

/** Matches a plain string pattern against a plain string (IAM glob: `*`, `?`). */
export function globMatch(pattern: string, value: string, ignoreCase = false): boolean {
  return matchText(text(pattern), text(value), { ignoreCase }) === 'yes';
}

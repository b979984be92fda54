/**
 * An IAM policy evaluator for the subset of the policy language that synthesized Terraform gives
 * us, with one rule above all: what cannot be decided is never taken as a proof of isolation.
 *
 * Why not @cloud-copilot/iam-simulate: it is licensed AGPL-3.0-or-later, which a commercial HIPAA
 * toolkit cannot ship as a dependency; and it answers allowed/denied for a fully known request,
 * whereas before `terraform apply` many values are still unknown (key ids, references) and we
 * need a third answer, "might allow", wherever a value, a condition key or an operator is unknown.
 *
 * Evaluation follows the documented IAM logic:
 * - an explicit Deny that certainly applies wins; a Deny that only might apply is NOT counted
 *   (fail closed: an unresolvable deny never proves isolation);
 * - within one account, an Allow in either the identity policy or the resource policy suffices,
 *   except for KMS, where the key policy must allow: naming the principal directly is enough,
 *   naming the account (`arn:aws:iam::<account>:root`) delegates to IAM, so the identity policy
 *   must allow too;
 * - across accounts, both the resource policy (naming the principal or its account) and the
 *   identity policy must allow;
 * - a permissions boundary, when present, must also allow what the identity policy allows.
 * An Allow that might apply makes the answer `might-allow`.
 */
import { Text, Tri, concat, concrete, hole, matchText, text, triAnd, triCap, triNot, triOr } from './text';

export type Effect = 'Allow' | 'Deny';

/** One `operator: { key: values }` entry of a Condition block. */
export interface ConditionEntry {
  readonly operator: string;
  readonly key: string;
  readonly values: readonly Text[];
}

/** A `Principal` or `NotPrincipal` element: `*`, or values by type (`AWS`, `Service`, ...). */
export type PrincipalSpec = '*' | Readonly<Record<string, readonly Text[]>>;

/** One policy statement, with every string a (possibly partly known) Text. */
export interface Statement {
  readonly sid?: string;
  readonly effect: Effect;
  readonly principal?: PrincipalSpec;
  readonly notPrincipal?: PrincipalSpec;
  readonly action?: readonly Text[];
  readonly notAction?: readonly Text[];
  readonly resource?: readonly Text[];
  readonly notResource?: readonly Text[];
  readonly conditions: readonly ConditionEntry[];
  /** Why part of the statement could not be read; such a statement might apply. @default - fully read */
  readonly unreadable?: string;
}

/** A policy document and where it came from (an address, for evidence). */
export interface Policy {
  readonly source: string;
  readonly statements: readonly Statement[];
  /** Why the document could not be read at all; it then might allow anything. @default - read */
  readonly unreadable?: string;
  /**
   * Why the policy might not apply to the caller at all (an attachment that could not be
   * resolved): its Allows then at most might apply and its Denies are not counted.
   * @default - it applies
   */
  readonly uncertain?: string;
}

/** A request-context value: known values, known to be absent, or unknown. */
export type ContextValue = { readonly kind: 'known'; readonly values: readonly string[] } | { readonly kind: 'absent' } | { readonly kind: 'unknown' };

/** The request context of one request: condition keys are case-insensitive. */
export interface RequestContext {
  get(key: string): ContextValue;
}

/**
 * A request context from known values. A key mapped to `undefined` is known to be absent; keys
 * starting with one of `families` (e.g. `aws:PrincipalTag/`) are absent unless given; every other
 * key is unknown.
 */
export function requestContext(values: Readonly<Record<string, string | readonly string[] | undefined>>, families: readonly string[] = []): RequestContext {
  const table = new Map<string, ContextValue>();
  for (const [k, v] of Object.entries(values)) {
    table.set(k.toLowerCase(), v === undefined ? { kind: 'absent' } : { kind: 'known', values: typeof v === 'string' ? [v] : [...v] });
  }
  const prefixes = families.map((f) => f.toLowerCase());
  return {
    get(key: string): ContextValue {
      const k = key.toLowerCase();
      const hit = table.get(k);
      if (hit) return hit;
      return prefixes.some((p) => k.startsWith(p)) ? { kind: 'absent' } : { kind: 'unknown' };
    },
  };
}

/** The caller: an IAM role (its sessions act with the role's ARN as `aws:PrincipalArn`). */
export interface Caller {
  readonly arn: Text;
  /** @default - unknown */
  readonly account?: string;
  /** The role name, to recognise `assumed-role/<name>/...` session ARNs. @default - unknown */
  readonly roleName?: string;
  /** @default 'aws' */
  readonly partition?: string;
}

export interface AccessRequest {
  readonly action: string;
  readonly resource: Text;
  readonly caller: Caller;
  readonly context: RequestContext;
}

// ---------------------------------------------------------------------------------------------
// Reading policies

/** Turns a policy object (parsed JSON) into statements; `toText` reads each string. */
export function readPolicy(document: unknown, source: string, toText: (value: string) => Text = text): Policy {
  if (!isRecord(document)) return { source, statements: [], unreadable: 'not a JSON object' };
  const raw = document.Statement;
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return { source, statements: list.map((s) => readStatement(s, toText)) };
}

function readStatement(raw: unknown, toText: (value: string) => Text): Statement {
  if (!isRecord(raw)) return { effect: 'Allow', conditions: [], unreadable: 'statement is not an object' };
  const problems: string[] = [];
  const strings = (name: string): Text[] | undefined => {
    const v = raw[name];
    if (v === undefined) return undefined;
    const items = Array.isArray(v) ? v : [v];
    if (items.some((i) => typeof i !== 'string')) problems.push(`${name} is not a string list`);
    return items.filter((i): i is string => typeof i === 'string').map(toText);
  };
  const principal = (name: string): PrincipalSpec | undefined => {
    const v = raw[name];
    if (v === undefined) return undefined;
    if (v === '*') return '*';
    if (!isRecord(v)) {
      problems.push(`${name} is not "*" or an object`);
      return {};
    }
    const out: Record<string, Text[]> = {};
    for (const [type, ids] of Object.entries(v)) {
      const items = Array.isArray(ids) ? ids : [ids];
      if (items.some((i) => typeof i !== 'string')) problems.push(`${name}.${type} is not a string list`);
      out[type] = items.filter((i): i is string => typeof i === 'string').map(toText);
    }
    return out;
  };
  const effect = raw.Effect;
  if (effect !== 'Allow' && effect !== 'Deny') problems.push(`Effect ${JSON.stringify(effect)}`);
  const conditions: ConditionEntry[] = [];
  if (raw.Condition !== undefined) {
    if (!isRecord(raw.Condition)) problems.push('Condition is not an object');
    else {
      for (const [operator, block] of Object.entries(raw.Condition)) {
        if (!isRecord(block)) {
          problems.push(`Condition.${operator} is not an object`);
          continue;
        }
        for (const [key, v] of Object.entries(block)) {
          const items = Array.isArray(v) ? v : [v];
          conditions.push({ operator, key, values: items.map((i) => (typeof i === 'string' ? toText(i) : text(String(i)))) });
        }
      }
    }
  }
  const statement: Statement = {
    sid: typeof raw.Sid === 'string' ? raw.Sid : undefined,
    effect: effect === 'Deny' ? 'Deny' : 'Allow',
    principal: principal('Principal'),
    notPrincipal: principal('NotPrincipal'),
    action: strings('Action'),
    notAction: strings('NotAction'),
    resource: strings('Resource'),
    notResource: strings('NotResource'),
    conditions,
  };
  if (!statement.action && !statement.notAction) problems.push('no Action or NotAction');
  return problems.length > 0 ? { ...statement, unreadable: problems.join('; ') } : statement;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// ---------------------------------------------------------------------------------------------
// Policy variables

const VARIABLE = /\$\{([^}]*)\}/g;

/**
 * Substitutes IAM policy variables (`${aws:PrincipalTag/Tenant}`, `${aws:username, 'default'}`,
 * `${*}`, `${?}`, `${$}`) from the request context. A variable whose key is unknown, multi-valued,
 * or absent without a default becomes an unknown value.
 */
export function substituteVariables(value: Text, context: RequestContext): Text {
  const pieces: Array<Text | string> = [];
  for (const part of value) {
    if (part.kind !== 'text') {
      pieces.push([part]);
      continue;
    }
    let last = 0;
    for (const m of part.value.matchAll(VARIABLE)) {
      pieces.push(part.value.slice(last, m.index));
      last = (m.index ?? 0) + m[0].length;
      pieces.push(variableValue(m[1], context));
    }
    pieces.push(part.value.slice(last));
  }
  return concat(...pieces);
}

function variableValue(body: string, context: RequestContext): Text {
  const inner = body.trim();
  if (inner === '*' || inner === '?' || inner === '$') return [{ kind: 'literal', value: inner }];
  const m = /^([^,]+?)\s*(?:,\s*'((?:[^']|'')*)')?$/.exec(inner);
  if (!m) return hole(`\${${inner}}`);
  const key = m[1].trim();
  const fallback = m[2]?.replace(/''/g, "'");
  const v = context.get(key);
  if (v.kind === 'known' && v.values.length === 1) return [{ kind: 'literal', value: v.values[0] }];
  if (v.kind === 'absent' && fallback !== undefined) return [{ kind: 'literal', value: fallback }];
  return hole(`\${${key}}`);
}

// ---------------------------------------------------------------------------------------------
// Conditions

/** Condition operators evaluated exactly; each also with `IfExists` (except `Null`) and the `ForAnyValue:` / `ForAllValues:` prefixes. */
export const SUPPORTED_CONDITION_OPERATORS = [
  'StringEquals',
  'StringNotEquals',
  'StringEqualsIgnoreCase',
  'StringNotEqualsIgnoreCase',
  'StringLike',
  'StringNotLike',
  'ArnEquals',
  'ArnLike',
  'ArnNotEquals',
  'ArnNotLike',
  'Bool',
  'Null',
] as const;

type BaseOperator = (typeof SUPPORTED_CONDITION_OPERATORS)[number];

function isBaseOperator(op: string): op is BaseOperator {
  return (SUPPORTED_CONDITION_OPERATORS as readonly string[]).includes(op);
}

/** Evaluates one condition entry. Unknown keys, values or operators give `maybe`. */
export function evaluateCondition(entry: ConditionEntry, context: RequestContext): Tri {
  let op = entry.operator;
  let set: 'any' | 'all' | undefined;
  if (op.startsWith('ForAnyValue:')) {
    set = 'any';
    op = op.slice('ForAnyValue:'.length);
  } else if (op.startsWith('ForAllValues:')) {
    set = 'all';
    op = op.slice('ForAllValues:'.length);
  }
  const ifExists = op.endsWith('IfExists');
  if (ifExists) op = op.slice(0, -'IfExists'.length);
  if (!isBaseOperator(op) || (op === 'Null' && (ifExists || set))) return 'maybe';
  const actual = context.get(entry.key);
  const expected = entry.values.map((v) => substituteVariables(v, context));

  if (op === 'Null') {
    if (actual.kind === 'unknown') return 'maybe';
    const absent = actual.kind === 'absent' || actual.values.length === 0;
    return triOr(
      ...expected.map((e) => {
        const want = concrete(e)?.toLowerCase();
        if (want === undefined) return 'maybe';
        return (want === 'true') === absent ? 'yes' : 'no';
      }),
    );
  }
  if (actual.kind === 'unknown') return 'maybe';
  const negated = op.includes('Not');
  const one = (v: string): Tri => {
    const positive = triOr(...expected.map((e) => matchValue(op as BaseOperator, e, v)));
    return negated ? triNot(positive) : positive;
  };
  if (actual.kind === 'absent' || actual.values.length === 0) {
    if (set === 'all') return 'yes';
    if (set === 'any') return 'no';
    return ifExists || negated ? 'yes' : 'no';
  }
  if (set === 'all') return triAnd(...actual.values.map(one));
  return triOr(...actual.values.map(one));
}

function matchValue(op: BaseOperator, expected: Text, actual: string): Tri {
  switch (op) {
    case 'StringEquals':
    case 'StringNotEquals':
      return matchText(expected, text(actual), { wildcards: false });
    case 'StringEqualsIgnoreCase':
    case 'StringNotEqualsIgnoreCase':
      return matchText(expected, text(actual), { wildcards: false, ignoreCase: true });
    case 'StringLike':
    case 'StringNotLike':
      return matchText(expected, text(actual));
    case 'ArnEquals':
    case 'ArnLike':
    case 'ArnNotEquals':
    case 'ArnNotLike':
      return matchArn(expected, actual);
    case 'Bool': {
      const want = concrete(expected);
      return want === undefined ? 'maybe' : want.toLowerCase() === actual.toLowerCase() ? 'yes' : 'no';
    }
    case 'Null':
      return 'maybe';
  }
}

/** ARN operators compare the six colon-separated parts one by one, each with `*` and `?`. */
function matchArn(pattern: Text, actual: string): Tri {
  const whole = concrete(pattern);
  if (whole === undefined) return triCap(matchText(pattern, text(actual)));
  const ps = splitArn(whole);
  const as = splitArn(actual);
  if (!ps || !as) return 'no';
  return triAnd(...ps.map((p, i) => matchText(text(p), text(as[i]))));
}

function splitArn(value: string): string[] | undefined {
  const parts = value.split(':');
  if (parts.length < 6) return undefined;
  return [...parts.slice(0, 5), parts.slice(5).join(':')];
}

// ---------------------------------------------------------------------------------------------
// Statements

/** How one statement relates to a request. For resource policies, `direct` and `account` say whether it grants the caller itself or its account. */
export interface StatementMatch {
  readonly applies: Tri;
  readonly direct: Tri;
  readonly account: Tri;
}

const NO_MATCH: StatementMatch = { applies: 'no', direct: 'no', account: 'no' };

/**
 * Whether a statement applies to a request. `existential` is on for Allow questions over a hole
 * that stands for "some object" (see `TextPart.exists`).
 */
export function matchStatement(statement: Statement, request: AccessRequest, kind: 'identity' | 'resource', existential: boolean): StatementMatch {
  // Cheapest tests first: a resource-policy statement that cannot name the caller, or a statement
  // whose actions cannot include the request's, does not apply whatever its resources and conditions.
  const who =
    kind === 'identity'
      ? undefined
      : statement.principal
        ? matchPrincipal(statement.principal, request.caller)
        : statement.notPrincipal
          ? notPrincipal(statement.notPrincipal, request.caller)
          : { direct: 'maybe' as Tri, account: 'no' as Tri };
  if (who && who.direct === 'no' && who.account === 'no' && !statement.unreadable) return NO_MATCH;
  const action = matchList(statement.action, statement.notAction, text(request.action), { ignoreCase: true, wildcards: true });
  if (action === 'no' && !statement.unreadable) return NO_MATCH;
  const resources = (list: readonly Text[] | undefined) => list?.map((r) => substituteVariables(r, request.context));
  const inResource = resources(statement.resource);
  const notResource = resources(statement.notResource);
  let resource: Tri;
  if (inResource) resource = triOr(...inResource.map((r) => matchText(r, request.resource, { existential })));
  else if (notResource) resource = triNot(triOr(...notResource.map((r) => matchText(r, request.resource, { existential: !existential }))));
  else resource = kind === 'resource' ? 'yes' : 'maybe';
  const condition = triAnd(...statement.conditions.map((c) => evaluateCondition(c, request.context)));
  let applies = triAnd(action, resource, condition);
  if (statement.unreadable) applies = triCap(triOr(applies, 'maybe'));
  if (!who) return { applies, direct: 'no', account: 'no' };
  return { applies: triAnd(applies, triOr(who.direct, who.account)), direct: triAnd(applies, who.direct), account: triAnd(applies, who.account) };
}

function matchList(list: readonly Text[] | undefined, notList: readonly Text[] | undefined, value: Text, options: { ignoreCase: boolean; wildcards: boolean }): Tri {
  if (list) return triOr(...list.map((p) => matchText(p, value, options)));
  if (notList) return triNot(triOr(...notList.map((p) => matchText(p, value, options))));
  return 'maybe';
}

/** Whether a `Principal` names the caller directly or names its account. */
export function matchPrincipal(spec: PrincipalSpec, caller: Caller): { direct: Tri; account: Tri } {
  if (spec === '*') return { direct: 'yes', account: 'no' };
  const partition = caller.partition ?? 'aws';
  const accountTexts: Text[] = caller.account ? [text(caller.account), text(`arn:${partition}:iam::${caller.account}:root`)] : [];
  let direct: Tri = 'no';
  let account: Tri = 'no';
  for (const value of spec.AWS ?? []) {
    const whole = concrete(value);
    if (whole === '*') {
      direct = 'yes';
      continue;
    }
    direct = triOr(direct, matchText(value, caller.arn, { wildcards: false }));
    if (whole !== undefined && caller.roleName && caller.account && whole.startsWith(`arn:${partition}:sts::${caller.account}:assumed-role/${caller.roleName}/`)) {
      // One named session of the role: some sessions are the caller.
      direct = triOr(direct, 'maybe');
    }
    if (whole !== undefined && /^AROA[A-Z0-9]+$/.test(whole)) direct = triOr(direct, 'maybe');
    if (caller.account) account = triOr(account, ...accountTexts.map((a) => matchText(value, a, { wildcards: false })));
    else if (whole === undefined || /^\d{12}$/.test(whole) || /^arn:[\w-]+:iam::\d{12}:root$/.test(whole)) account = triOr(account, 'maybe');
  }
  return { direct, account };
}

/**
 * `NotPrincipal` applies to everyone not listed. A role session is a different principal from
 * the role, so listing the role (or its account) may or may not exempt it: `maybe`.
 */
function notPrincipal(spec: PrincipalSpec, caller: Caller): { direct: Tri; account: Tri } {
  if (spec === '*') return { direct: 'no', account: 'no' };
  const listed = matchPrincipal(spec, caller);
  const anyListed = triOr(listed.direct, listed.account);
  return { direct: anyListed === 'no' ? 'yes' : 'maybe', account: 'no' };
}

// ---------------------------------------------------------------------------------------------
// Decisions

/** A statement that applies (or might): `<source>#<Sid or index>`. */
function label(policy: Policy, statement: Statement, index: number): string {
  return `${policy.source}#${statement.sid ?? `Statement[${index}]`}`;
}

interface PolicySetResult {
  allow: Tri;
  direct: Tri;
  account: Tri;
  deny: Tri;
  allowedBy: string[];
  deniedBy: string[];
  mightDenyBy: string[];
}

function evaluateSet(policies: readonly Policy[], request: AccessRequest, kind: 'identity' | 'resource'): PolicySetResult {
  const out: PolicySetResult = { allow: 'no', direct: 'no', account: 'no', deny: 'no', allowedBy: [], deniedBy: [], mightDenyBy: [] };
  for (const policy of policies) {
    if (policy.unreadable) {
      out.allow = triOr(out.allow, 'maybe');
      out.direct = triOr(out.direct, kind === 'resource' ? 'maybe' : 'no');
      out.allowedBy.push(`${policy.source} (unreadable: ${policy.unreadable})`);
      continue;
    }
    policy.statements.forEach((statement, index) => {
      const allow = statement.effect === 'Allow';
      const exact = matchStatement(statement, request, kind, allow);
      const m = policy.uncertain ? { applies: triCap(exact.applies), direct: triCap(exact.direct), account: triCap(exact.account) } : exact;
      if (m.applies === 'no') return;
      const where = `${label(policy, statement, index)}${m.applies === 'maybe' ? ' (might apply)' : ''}`;
      if (allow) {
        out.allow = triOr(out.allow, m.applies);
        out.direct = triOr(out.direct, m.direct);
        out.account = triOr(out.account, m.account);
        out.allowedBy.push(kind === 'resource' ? `${where} [${m.direct !== 'no' ? 'principal' : 'account'}]` : where);
      } else if (m.applies === 'yes') {
        out.deny = 'yes';
        out.deniedBy.push(where);
      } else {
        out.mightDenyBy.push(where);
      }
    });
  }
  return out;
}

export type AccessVerdict = 'allow' | 'might-allow' | 'deny';

export interface AccessInput {
  readonly request: AccessRequest;
  /** The caller's identity policies (inline, attached, managed). */
  readonly identity: readonly Policy[];
  /** The caller's permissions boundary. @default - none */
  readonly boundary?: Policy;
  /** The resource's policies (key policy, bucket policy, secret policy). @default - none */
  readonly resourcePolicies?: readonly Policy[];
  /** Grants that name the caller directly (KMS grants): source and whether each applies. @default - none */
  readonly grants?: ReadonlyArray<{ readonly source: string; readonly applies: Tri }>;
  /** KMS requires the key policy to allow; other services accept either policy in the same account. */
  readonly service: 'kms' | 'other';
  /** The resource's account; with the caller's, decides same- or cross-account. @default - unknown (same-account rules, the more permissive) */
  readonly resourceAccount?: string;
}

export interface AccessDecision {
  readonly verdict: AccessVerdict;
  /** Statement labels and reasons. */
  readonly reasons: readonly string[];
}

/** Decides one request. */
export function decideAccess(input: AccessInput): AccessDecision {
  const { request } = input;
  const identity = evaluateSet(input.identity, request, 'identity');
  const boundary = input.boundary ? evaluateSet([input.boundary], request, 'identity') : undefined;
  const resource = evaluateSet(input.resourcePolicies ?? [], request, 'resource');
  const mightDeny = [...identity.mightDenyBy, ...(boundary?.mightDenyBy ?? []), ...resource.mightDenyBy].map((d) => `not counted: ${d}`);
  const denies = [...identity.deniedBy, ...(boundary?.deniedBy ?? []), ...resource.deniedBy];
  if (denies.length > 0) return { verdict: 'deny', reasons: denies.map((d) => `explicit deny ${d}`) };

  const grants = input.grants ?? [];
  const grantTri = triOr(...grants.map((g) => g.applies));
  const direct = triOr(resource.direct, grantTri);
  const identityAllow = boundary ? triAnd(identity.allow, boundary.allow) : identity.allow;
  const cross = input.resourceAccount !== undefined && request.caller.account !== undefined && input.resourceAccount !== request.caller.account;
  const hasResourcePolicy = (input.resourcePolicies ?? []).length > 0 || grants.length > 0;
  let result: Tri;
  if (input.service === 'kms') {
    result = cross ? triAnd(triOr(direct, resource.account), identityAllow) : triOr(direct, triAnd(resource.account, identityAllow));
  } else if (cross) {
    result = hasResourcePolicy ? triAnd(triOr(direct, resource.account), identityAllow) : 'no';
  } else {
    result = triOr(direct, identityAllow);
  }
  const reasons: string[] = [];
  if (result === 'no') {
    reasons.push(
      `no allow${cross ? ' (cross-account: needs resource and identity policy)' : input.service === 'kms' ? ' (the key policy must allow the role, or the account and an identity policy)' : ''}`,
    );
  } else {
    reasons.push(...resource.allowedBy.map((a) => `resource ${a}`));
    reasons.push(...grants.filter((g) => g.applies !== 'no').map((g) => `grant ${g.source}`));
    reasons.push(...identity.allowedBy.map((a) => `identity ${a}`));
    if (boundary) reasons.push(...boundary.allowedBy.map((a) => `boundary ${a}`));
  }
  reasons.push(...mightDeny);
  return { verdict: result === 'yes' ? 'allow' : result === 'maybe' ? 'might-allow' : 'deny', reasons };
}

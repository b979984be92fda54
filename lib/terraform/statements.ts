/**
 * IAM policy documents, whether written as a JSON string or as a reference to an
 * `aws_iam_policy_document` data source, normalised to one statement shape.
 */
import type { JsonObject, JsonValue, Resource } from './types';
import { blocks, hasDynamic, isExpression, isObject, parseReference } from './values';

export interface Principal {
  /** `*`, `AWS`, `Service`, `Federated`, `CanonicalUser`. */
  readonly type: string;
  readonly identifiers: readonly string[];
}

export interface PolicyCondition {
  readonly test: string;
  readonly variable: string;
  readonly values: readonly string[];
}

export interface PolicyStatement {
  readonly effect: string;
  readonly actions?: readonly string[];
  readonly notActions?: readonly string[];
  readonly resources?: readonly string[];
  readonly notResources?: readonly string[];
  readonly principals?: readonly Principal[];
  readonly notPrincipals?: readonly Principal[];
  readonly conditions: readonly PolicyCondition[];
}

export type ParsedPolicy =
  | { readonly ok: true; readonly absent: boolean; readonly statements: readonly PolicyStatement[] }
  | { readonly ok: false; readonly reason: string };

/** Looks up a resource or data source by address in the same module as `from`. */
export type Lookup = (from: Resource, address: string) => Resource | undefined;

function list(value: JsonValue | undefined): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
  return [JSON.stringify(value)];
}

function jsonPrincipals(value: JsonValue | undefined): Principal[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return [{ type: value === '*' ? '*' : 'AWS', identifiers: [value] }];
  if (!isObject(value)) return [{ type: 'AWS', identifiers: list(value) ?? [] }];
  return Object.keys(value).map((type) => ({ type, identifiers: list(value[type]) ?? [] }));
}

function jsonConditions(value: JsonValue | undefined): PolicyCondition[] {
  if (!isObject(value)) return [];
  const out: PolicyCondition[] = [];
  for (const test of Object.keys(value)) {
    const vars = value[test];
    if (!isObject(vars)) continue;
    for (const variable of Object.keys(vars)) {
      out.push({ test, variable, values: list(vars[variable]) ?? [] });
    }
  }
  return out;
}

function fromJsonStatement(s: JsonObject): PolicyStatement {
  return {
    effect: typeof s.Effect === 'string' ? s.Effect : 'Allow',
    actions: list(s.Action),
    notActions: list(s.NotAction),
    resources: list(s.Resource),
    notResources: list(s.NotResource),
    principals: jsonPrincipals(s.Principal),
    notPrincipals: jsonPrincipals(s.NotPrincipal),
    conditions: jsonConditions(s.Condition),
  };
}

function fromDataPrincipals(value: JsonValue | undefined): Principal[] | undefined {
  const bs = blocks(value);
  if (bs.length === 0) return undefined;
  return bs.map((b) => ({ type: typeof b.type === 'string' ? b.type : 'AWS', identifiers: list(b.identifiers) ?? [] }));
}

function fromDataStatement(s: JsonObject): PolicyStatement {
  return {
    effect: typeof s.effect === 'string' ? s.effect : 'Allow',
    actions: list(s.actions),
    notActions: list(s.not_actions),
    resources: list(s.resources),
    notResources: list(s.not_resources),
    principals: fromDataPrincipals(s.principals),
    notPrincipals: fromDataPrincipals(s.not_principals),
    conditions: blocks(s.condition).map((c) => ({
      test: typeof c.test === 'string' ? c.test : '',
      variable: typeof c.variable === 'string' ? c.variable : '',
      values: list(c.values) ?? [],
    })),
  };
}

/** Parses a literal JSON policy document. */
export function parsePolicyJson(text: string): ParsedPolicy {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'the policy is not valid JSON' };
  }
  if (!isObject(doc)) return { ok: false, reason: 'the policy is not a JSON object' };
  const statements = blocks(doc.Statement).map(fromJsonStatement);
  return { ok: true, absent: false, statements };
}

/**
 * Parses the policy in `value` (an argument of `from`): a JSON string, a reference to an
 * `aws_iam_policy_document` (its `statement` blocks, `source_policy_documents` and
 * `override_policy_documents` followed), or a reference to another resource's `policy`.
 */
export function parsePolicy(from: Resource, value: JsonValue | undefined, lookup: Lookup, depth = 0): ParsedPolicy {
  if (value === undefined || value === null || value === '') return { ok: true, absent: true, statements: [] };
  if (typeof value !== 'string') return { ok: false, reason: 'the policy is not a string' };
  if (depth > 5) return { ok: false, reason: 'the policy references are nested too deeply' };
  const ref = parseReference(value);
  if (ref) {
    const target = ref.kind === 'resource' || ref.kind === 'data' ? lookup(from, ref.address) : undefined;
    if (!target) return { ok: false, reason: `the policy is ${value}, which is not defined in this stack` };
    if (target.mode === 'data' && target.type === 'aws_iam_policy_document') {
      return fromPolicyDocument(target, lookup, depth);
    }
    if (ref.attribute === 'policy' && typeof target.config.policy === 'string') {
      return parsePolicy(target, target.config.policy, lookup, depth + 1);
    }
    return { ok: false, reason: `the policy is ${value}, which the engine cannot evaluate` };
  }
  if (isExpression(value) && !value.trim().startsWith('{')) {
    return { ok: false, reason: `the policy is the expression ${value.slice(0, 60)}, which the engine cannot evaluate` };
  }
  return parsePolicyJson(value);
}

function fromPolicyDocument(doc: Resource, lookup: Lookup, depth: number): ParsedPolicy {
  const cfg = doc.config;
  if (hasDynamic(cfg, 'statement')) {
    return { ok: false, reason: `${doc.address} builds statements with a dynamic block` };
  }
  const statements: PolicyStatement[] = [];
  for (const key of ['source_policy_documents', 'override_policy_documents'] as const) {
    const sources = cfg[key];
    if (sources === undefined || sources === null) continue;
    if (!Array.isArray(sources)) return { ok: false, reason: `${doc.address}.${key} is an expression` };
    for (const s of sources) {
      const parsed = parsePolicy(doc, s, lookup, depth + 1);
      if (!parsed.ok) return parsed;
      statements.push(...parsed.statements);
    }
  }
  for (const key of ['source_json', 'override_json'] as const) {
    if (cfg[key] !== undefined && cfg[key] !== null) {
      const parsed = parsePolicy(doc, cfg[key], lookup, depth + 1);
      if (!parsed.ok) return parsed;
      statements.push(...parsed.statements);
    }
  }
  statements.push(...blocks(cfg.statement).map(fromDataStatement));
  return { ok: true, absent: false, statements };
}

/** IAM-style wildcard match, case-insensitive (actions are case-insensitive in IAM). */
export function wildcardMatch(pattern: string, value: string): boolean {
  if (pattern === '*') return true;
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i');
  return re.test(value);
}

/** Whether an Allow/Deny statement applies to `action` (honours NotAction). */
export function coversAction(s: PolicyStatement, action: string): boolean {
  if (s.actions) return s.actions.some((a) => wildcardMatch(a, action));
  if (s.notActions) return !s.notActions.some((a) => wildcardMatch(a, action));
  return false;
}

/** Whether the statement names the public (`*`) principal, as `"*"` or `{"AWS": "*"}`. */
export function isPublicPrincipal(s: PolicyStatement): boolean {
  if (s.notPrincipals && s.notPrincipals.length > 0) return true;
  return (s.principals ?? []).some((p) => (p.type === '*' || p.type === 'AWS') && p.identifiers.includes('*'));
}

export function isAllow(s: PolicyStatement): boolean {
  return s.effect.toLowerCase() === 'allow';
}

export function isDeny(s: PolicyStatement): boolean {
  return s.effect.toLowerCase() === 'deny';
}

/** Every action pattern of an Allow statement that grants `service:*` or `*`. */
export function fullAccessActions(s: PolicyStatement): string[] {
  if (!isAllow(s)) return [];
  if (s.notActions) return ['NotAction (allows everything not listed)'];
  return (s.actions ?? []).filter((a) => a === '*' || /^[a-z0-9-]+:\*$/i.test(a));
}

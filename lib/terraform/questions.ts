/**
 * Questions rules ask of a policy, answered by the one IAM policy evaluator (`policy.ts`) over
 * policies read by `TerraformIndex.policy()`: "who may do X on this resource, and does anything
 * provably restrict them?", "does this deny cover every request without TLS?".
 *
 * The answers fail closed. A condition counts as restricting only when it provably narrows who
 * the caller is (an account, an organization, a principal or source ARN, a VPC endpoint, the
 * calling service), with literal values; every other condition (`aws:SecureTransport`,
 * `aws:SourceIp`, `...IfExists`, `Null`, `ForAllValues:`, unknown operators or keys, anything with
 * an unknown value) is taken as restricting nothing. A policy or statement that could not be read
 * might grant anything to anyone.
 */
import { type ConditionEntry, type Policy, type PrincipalSpec, type Statement, matchStatement, requestContext } from './policy';
import { PARTITIONS } from './partition';
import { type Text, type Tri, concat, concrete, hole, matchText, show, text, triAnd, triNot, triOr } from './text';

// ---------------------------------------------------------------------------------------------
// Conditions that restrict the principal

/**
 * Condition keys that name who calls, or from where, with a value the caller cannot choose freely.
 * IAM User Guide, "AWS global condition context keys"; AWS KMS Developer Guide, "kms:CallerAccount",
 * "kms:ViaService".
 */
export const RESTRICTING_KEYS = [
  'aws:PrincipalAccount',
  'aws:SourceAccount',
  'aws:PrincipalOrgID',
  'aws:PrincipalArn',
  'aws:SourceArn',
  'aws:SourceVpce',
  'aws:SourceVpc',
  'kms:CallerAccount',
  'kms:ViaService',
] as const;

const RESTRICTING = new Set(RESTRICTING_KEYS.map((k) => k.toLowerCase()));
const ARN_KEYS = new Set(['aws:principalarn', 'aws:sourcearn']);
/** Operators whose match narrows the key to the listed values (no `IfExists`, no set prefix). */
const EQUALS = new Set(['StringEquals', 'ArnEquals']);
const LIKE = new Set(['StringLike', 'ArnLike']);

/** `*`, `**`, `?*`: a glob that matches every non-empty value. */
function allWildcard(value: string): boolean {
  return /^[*?]*\*[*?]*$/.test(value) || value === '';
}

/**
 * Whether one pattern value of a restricting key provably narrows it. For ARN keys the account
 * (or, for account-less ARNs such as S3 buckets, the resource) must be literal: `arn:aws:iam::*:role/x`
 * matches a role named `x` that anyone can create in their own account.
 */
function narrows(key: string, operator: string, value: Text): boolean {
  const v = concrete(value);
  if (v === undefined || v.includes('${')) return false;
  const wild = /[*?]/.test(v);
  // StringEquals compares literally; a wildcard there is a mistake, never counted as narrowing.
  if (operator === 'StringEquals') return v !== '' && !wild;
  // ArnEquals matches wildcards like ArnLike (IAM User Guide, "ARN condition operators").
  if (allWildcard(v)) return false;
  if (!ARN_KEYS.has(key)) return true;
  const parts = v.split(':');
  if (parts.length < 6) return !wild;
  const account = parts[4];
  const resource = parts.slice(5).join(':');
  if (account !== '') return !/[*?]/.test(account);
  return resource !== '' && !/[*?]/.test(resource);
}

/**
 * Whether a condition entry provably restricts the principal: a restricting key under
 * `StringEquals`/`ArnEquals` (or `StringLike`/`ArnLike`) with every value literal and narrowing.
 */
export function restrictsPrincipal(entry: ConditionEntry): boolean {
  const key = entry.key.toLowerCase();
  if (!RESTRICTING.has(key)) return false;
  if (!EQUALS.has(entry.operator) && !LIKE.has(entry.operator)) return false;
  if (entry.values.length === 0) return false;
  return entry.values.every((v) => narrows(key, entry.operator, v));
}

function showCondition(entry: ConditionEntry): string {
  return `${entry.operator} ${entry.key} ${entry.values.map(show).join(', ')}`;
}

// ---------------------------------------------------------------------------------------------
// Principals

/** Whether a principal value is everyone: `*` yes; an unknown value (a variable) maybe. */
function everyoneValue(value: Text): Tri {
  const v = concrete(value);
  if (v !== undefined) return v.trim() === '*' ? 'yes' : 'no';
  // A value that is wholly unknown (no literal part, no resource identity) might be `*`.
  return value.every((p) => p.kind === 'hole' && p.id === undefined) ? 'maybe' : 'no';
}

/** Whether a `Principal` element names everyone (`"*"`, `{"AWS": "*"}`, `*` under any type). */
export function namesEveryone(spec: PrincipalSpec | undefined): Tri {
  if (spec === undefined) return 'no';
  if (spec === '*') return 'yes';
  return triOr(...Object.values(spec).flatMap((values) => values.map(everyoneValue)));
}

function showPrincipal(spec: PrincipalSpec | undefined): string {
  if (spec === undefined) return 'none';
  if (spec === '*') return '*';
  return Object.entries(spec)
    .map(([type, values]) => `${type}: ${values.map(show).join(', ')}`)
    .join('; ');
}

// ---------------------------------------------------------------------------------------------
// Who may do what

/** Actions a question asks about: a list (IAM action names, matched with wildcards), or any action. */
export type ActionQuestion = readonly string[] | 'any';

export interface GrantQuestion {
  readonly actions: ActionQuestion;
  /**
   * The resources asked about; a statement applies when it might cover any of them.
   * @default - the resource the policy is attached to (a statement without `Resource` covers it)
   */
  readonly resources?: readonly Text[];
}

/** One Allow statement that might grant an asked action on an asked resource. */
export interface Grant {
  /** `<source>#<Sid or Statement[i]>`. */
  readonly where: string;
  readonly statement: Statement;
  /** Whether the statement covers an asked action and resource (conditions and principal aside). */
  readonly covers: Tri;
  /** The asked actions it covers (or `any`). */
  readonly actions: readonly string[];
  /** The principal, as written (`NotPrincipal: ...` for an exclusion). */
  readonly principal: string;
  /** Whether the grant reaches everyone: `Principal "*"`, `{AWS: "*"}`, any `NotPrincipal`, or an unreadable statement. */
  readonly everyone: Tri;
  /** The conditions that provably restrict the principal; empty when nothing does. */
  readonly restrictedBy: readonly string[];
  /** The conditions that restrict nothing provable (shown as evidence). */
  readonly notRestricting: readonly string[];
}

function label(policy: Policy, statement: Statement, index: number): string {
  return `${policy.source}#${statement.sid ?? `Statement[${index}]`}`;
}

/** The resource an unspecific question stands for: one value the policy's own resource has. */
const THIS_RESOURCE: Text = hole('this resource', undefined, true);
/** Probe caller for the evaluator; principal and conditions are judged separately. */
const ANYONE = { arn: hole('any principal') };
const UNKNOWN_CONTEXT = requestContext({});

/** Whether a statement covers `action` on `resource`, ignoring principal and conditions (the evaluator's match). */
function coversRequest(statement: Statement, action: string, resource: Text, existential: boolean): Tri {
  const bare: Statement = { ...statement, principal: '*', notPrincipal: undefined, conditions: [] };
  return matchStatement(bare, { action, resource, caller: ANYONE, context: UNKNOWN_CONTEXT }, 'resource', existential).applies;
}

/** Whether a statement's Action/NotAction could include some action at all. */
function anyAction(statement: Statement): Tri {
  if (statement.action) return statement.action.length > 0 ? 'yes' : 'no';
  if (statement.notAction) return triNot(triOr(...statement.notAction.map((p) => matchText(p, hole('some action', undefined, true), { ignoreCase: true, existential: true }))));
  return 'maybe';
}

/**
 * Every Allow statement of `policy` that might grant an asked action on an asked resource, with its
 * principal, whether that is everyone, and the conditions that provably restrict it.
 */
export function whoMay(policy: Policy, question: GrantQuestion): Grant[] {
  const resources = question.resources ?? [THIS_RESOURCE];
  const out: Grant[] = [];
  policy.statements.forEach((statement, index) => {
    if (statement.effect !== 'Allow' && !statement.unreadable) return;
    let covers: Tri = 'no';
    const actions: string[] = [];
    if (question.actions === 'any') {
      const resource = triOr(...resources.map((r) => coversRequest({ ...statement, action: [text('*')], notAction: undefined }, 'any:Action', r, true)));
      covers = triAnd(anyAction(statement), resource);
      if (covers !== 'no') actions.push('any action');
    } else {
      for (const action of question.actions) {
        const c = triOr(...resources.map((r) => coversRequest(statement, action, r, true)));
        if (c !== 'no') actions.push(action);
        covers = triOr(covers, c);
      }
    }
    if (statement.unreadable) covers = triOr(covers, 'maybe');
    if (covers === 'no') return;
    const restrictedBy = statement.unreadable ? [] : statement.conditions.filter(restrictsPrincipal).map(showCondition);
    const notRestricting = statement.conditions.filter((c) => !restrictsPrincipal(c)).map(showCondition);
    const everyone: Tri = statement.unreadable
      ? 'maybe'
      : statement.notPrincipal !== undefined
        ? 'yes'
        : statement.principal === undefined
          ? 'maybe'
          : namesEveryone(statement.principal);
    const principal = statement.notPrincipal !== undefined ? `NotPrincipal ${showPrincipal(statement.notPrincipal)}` : showPrincipal(statement.principal);
    out.push({ where: label(policy, statement, index), statement, covers, actions, principal, everyone, restrictedBy, notRestricting });
  });
  return out;
}

/** What `grantsBeyond` found: `yes` a grant to everyone that nothing restricts; `maybe` one that might be. */
export interface BeyondAnswer {
  readonly answer: Tri;
  /** The grants that reach (or might reach) beyond the allowed principals unrestricted. */
  readonly grants: readonly Grant[];
  /** Why the answer is `maybe`, when it is. */
  readonly reason?: string;
}

export interface BeyondQuestion extends GrantQuestion {
  /**
   * Principals that may hold the grant (`AWS`/`Service` values, exact strings); a grant that names
   * only these is not beyond them. A grant to everyone is always beyond.
   * @default - none: only grants to everyone are asked about
   */
  readonly allowedPrincipals?: readonly string[];
}

function onlyAllowed(spec: PrincipalSpec | undefined, allowed: readonly string[]): boolean {
  if (spec === undefined || spec === '*') return false;
  return Object.values(spec).every((values) =>
    values.every((v) => {
      const c = concrete(v);
      return c !== undefined && allowed.includes(c);
    }),
  );
}

/**
 * Whether the policy grants an asked action on an asked resource to anyone beyond the allowed
 * principals without a condition that provably restricts who: a grant to everyone (or to an
 * unlisted principal, when `allowedPrincipals` is given) that only unprovable conditions guard.
 */
export function grantsBeyond(policy: Policy, question: BeyondQuestion): BeyondAnswer {
  if (policy.unreadable) return { answer: 'maybe', grants: [], reason: `${policy.source} could not be read (${policy.unreadable})` };
  const allowed = question.allowedPrincipals;
  const grants = whoMay(policy, question).filter((g) => {
    if (g.restrictedBy.length > 0) return false;
    if (allowed === undefined) return g.everyone !== 'no';
    return g.everyone !== 'no' || g.statement.notPrincipal !== undefined || !onlyAllowed(g.statement.principal, allowed);
  });
  const certain = grants.filter((g) => g.covers === 'yes' && (allowed !== undefined ? g.everyone !== 'maybe' : g.everyone === 'yes') && !g.statement.unreadable);
  if (certain.length > 0) return { answer: 'yes', grants: certain };
  if (grants.length > 0) {
    const g = grants[0];
    const why = g.statement.unreadable
      ? `it could not be read (${g.statement.unreadable})`
      : g.everyone === 'maybe'
        ? `its principal ${g.principal} is not known`
        : 'its actions or resources are not known';
    return { answer: 'maybe', grants, reason: `${g.where} might grant ${g.actions.join(', ')} to everyone: ${why}` };
  }
  return { answer: 'no', grants: [] };
}

/** One sentence for a grant: `<where> allows <action> to everyone (and ...) without a condition` (or which conditions restrict nothing). */
export function describeGrant(g: Grant): string {
  const who =
    g.statement.notPrincipal !== undefined ? `everyone except ${showPrincipal(g.statement.notPrincipal)} (NotPrincipal)` : g.everyone === 'yes' ? 'everyone' : g.principal;
  const written = g.statement.action?.map(show) ?? (g.statement.notAction ? [`NotAction ${g.statement.notAction.map(show).join(', ')}`] : ['an unreadable action']);
  const [first, ...rest] = g.actions.length === 1 && g.actions[0] === 'any action' ? written : g.actions;
  const more = rest.length > 0 ? ` (and ${rest.join(', ')})` : '';
  const cond = g.notRestricting.length > 0 ? `; its conditions (${g.notRestricting.join('; ')}) do not restrict who` : ' without a condition';
  return `${g.where} allows ${first} to ${who}${more}${cond}`;
}

// ---------------------------------------------------------------------------------------------
// Denies

export interface DenyAnswer {
  readonly answer: Tri;
  /** The statement that proves the deny, or why none does. */
  readonly detail: string;
}

function actionsCoverService(statement: Statement, service: string): Tri {
  if (statement.action) {
    return triOr(
      ...statement.action.map((a) => {
        const c = concrete(a)?.toLowerCase();
        if (c === undefined) return 'maybe';
        return c === '*' || c === `${service}:*` ? 'yes' : 'no';
      }),
    );
  }
  if (statement.notAction) {
    // A NotAction deny covers every action of the service when no listed pattern can name one.
    const someServiceAction = concat(`${service}:`, hole(`${service} action`, undefined, true));
    return triNot(triOr(...statement.notAction.map((p) => matchText(p, someServiceAction, { ignoreCase: true, existential: true }))));
  }
  return 'no';
}

/**
 * Whether `pattern` matches every value of `subject`: a partial match (`phi/reports/*` of
 * `phi/<any key>`) is `no`; only a pattern with an unknown part (a variable) is `maybe`.
 */
function coversAll(pattern: Text, subject: Text): Tri {
  const m = matchText(pattern, subject);
  if (m !== 'maybe') return m;
  return pattern.some((p) => p.kind === 'hole' && p.id === undefined) ? 'maybe' : 'no';
}

function resourcesCover(statement: Statement, resource: Text): Tri {
  if (statement.resource) return triOr(...statement.resource.map((r) => coversAll(r, resource)));
  if (statement.notResource) return triNot(triOr(...statement.notResource.map((r) => matchText(r, resource, { existential: true }))));
  return 'yes';
}

function principalEveryone(statement: Statement): Tri {
  if (statement.notPrincipal !== undefined) return 'no';
  if (statement.principal === undefined) return 'no';
  return namesEveryone(statement.principal);
}

/** `Bool aws:SecureTransport false` (also `BoolIfExists`, which denies the absent key too). */
function isTlsCondition(entry: ConditionEntry): Tri {
  if (entry.key.toLowerCase() !== 'aws:securetransport') return 'no';
  if (entry.operator !== 'Bool' && entry.operator !== 'BoolIfExists') return 'no';
  return triOr(
    ...entry.values.map((v) => {
      const c = concrete(v);
      return c === undefined ? 'maybe' : c.toLowerCase() === 'false' ? 'yes' : 'no';
    }),
  );
}

/**
 * Whether the policy denies every S3 request without TLS on `bucketArn` and every object in it:
 * a Deny for everyone (`*` or `{AWS: "*"}`), on all of `s3:*` (`s3:*`, `*`, or a NotAction that
 * excludes no S3 action), on the bucket and `bucket/*`, under exactly `Bool aws:SecureTransport
 * false` and no other condition. Amazon S3 User Guide, "Bucket policy examples: Managing access
 * based on HTTP or HTTPS requests"; AWS Config rule `s3-bucket-ssl-requests-only`.
 */
export function deniesInsecureTransport(policy: Policy, bucketArn: Text): DenyAnswer {
  const objects = concat(bucketArn, '/', hole('every object key'));
  let best: Tri = 'no';
  let why = 'no Deny statement for aws:SecureTransport = false covers the bucket and its objects';
  policy.statements.forEach((statement, index) => {
    if (statement.unreadable) {
      if (best === 'no') why = `${label(policy, statement, index)} could not be read (${statement.unreadable})`;
      best = triOr(best, 'maybe');
      return;
    }
    if (statement.effect !== 'Deny') return;
    const tls = statement.conditions.filter((c) => isTlsCondition(c) !== 'no');
    if (tls.length === 0) return;
    const where = label(policy, statement, index);
    const others = statement.conditions.filter((c) => isTlsCondition(c) === 'no');
    const parts: Array<[Tri, string]> = [
      [principalEveryone(statement), `applies to ${showPrincipal(statement.principal ?? statement.notPrincipal)}, not everyone`],
      [actionsCoverService(statement, 's3'), 'does not cover every s3 action'],
      [triAnd(resourcesCover(statement, bucketArn), resourcesCover(statement, objects)), 'does not cover the bucket and all its objects'],
      [triOr(...tls.map(isTlsCondition)), 'has an aws:SecureTransport value that is not known'],
      [others.length === 0 ? 'yes' : 'no', `is narrowed by ${others.map(showCondition).join('; ')}`],
    ];
    const answer = triAnd(...parts.map(([t]) => t));
    if (answer === 'yes') {
      if (best !== 'yes') why = `${where} denies every s3 action without TLS on the bucket and its objects`;
      best = 'yes';
      return;
    }
    const failed = parts.find(([t]) => t !== 'yes');
    if (best === 'no' || (best === 'maybe' && answer === 'maybe')) why = `${where} ${failed ? failed[1] : ''}`.trim();
    best = triOr(best, answer);
  });
  if (policy.unreadable) {
    return { answer: best === 'no' ? 'maybe' : best === 'yes' ? 'maybe' : best, detail: `${policy.source} could not be read in full (${policy.unreadable})` };
  }
  return { answer: best, detail: why };
}

/**
 * Whether the policy denies `action` on every resource to everyone, with no condition: a vault
 * policy that stops the deletion of recovery points (AWS Backup Developer Guide, "Access policies").
 */
export function deniesEveryone(policy: Policy, action: string): DenyAnswer {
  if (policy.unreadable) return { answer: 'maybe', detail: `${policy.source} could not be read (${policy.unreadable})` };
  let best: Tri = 'no';
  let why = `no Deny statement for ${action}`;
  const anyResource = hole('any resource');
  policy.statements.forEach((statement, index) => {
    const where = label(policy, statement, index);
    if (statement.unreadable) {
      best = triOr(best, 'maybe');
      why = `${where} could not be read (${statement.unreadable})`;
      return;
    }
    if (statement.effect !== 'Deny') return;
    const covers = coversRequest(statement, action, anyResource, false);
    if (covers === 'no') return;
    const parts: Array<[Tri, string]> = [
      [covers, `does not cover ${action} on every resource`],
      [principalEveryone(statement), `applies to ${showPrincipal(statement.principal ?? statement.notPrincipal)}, not everyone`],
      [statement.conditions.length === 0 ? 'yes' : 'no', `is narrowed by ${statement.conditions.map(showCondition).join('; ')}`],
    ];
    const answer = triAnd(...parts.map(([t]) => t));
    if (answer === 'yes') {
      best = 'yes';
      why = `${where} denies ${action} to everyone`;
      return;
    }
    if (best !== 'yes') why = `${where} ${parts.find(([t]) => t !== 'yes')?.[1] ?? ''}`.trim();
    best = triOr(best, answer);
  });
  return { answer: best, detail: why };
}

/**
 * Whether an identity policy denies every action (Action `*`, or NotAction listing the MFA
 * self-service calls) on every resource whenever the caller signed in without MFA: the
 * "force MFA" policy of the IAM User Guide ("AWS: Allows MFA-authenticated IAM users to manage
 * their own credentials"). Judged with the evaluator under `aws:MultiFactorAuthPresent = false`;
 * any other condition leaves the deny unproven.
 */
export function deniesWithoutMfa(policy: Policy): Tri {
  if (policy.unreadable) return 'maybe';
  const noMfa = requestContext({ 'aws:MultiFactorAuthPresent': 'false' });
  let best: Tri = 'no';
  for (const statement of policy.statements) {
    if (statement.effect !== 'Deny' || statement.unreadable) continue;
    const mentions = statement.conditions.some((c) => c.key.toLowerCase() === 'aws:multifactorauthpresent');
    if (!mentions) continue;
    const everyAction = statement.notAction !== undefined ? 'yes' : triOr(...(statement.action ?? []).map((a) => (concrete(a) === '*' ? 'yes' : 'no')));
    const everywhere = resourcesCover(statement, hole('any resource'));
    const condition = triAnd(
      ...statement.conditions.map((c) => {
        const probe = matchStatement(
          { ...statement, action: [text('*')], notAction: undefined, resource: [text('*')], notResource: undefined, conditions: [c] },
          { action: 'any:Action', resource: hole('any resource'), caller: ANYONE, context: noMfa },
          'identity',
          false,
        );
        return probe.applies;
      }),
    );
    best = triOr(best, triAnd(everyAction, everywhere, condition));
  }
  return best;
}

// ---------------------------------------------------------------------------------------------
// Identity-policy breadth

/**
 * Judges a partly known glob by its widest reading: an unknown value (a variable) might be `*`,
 * a resource's own value (a hole with an id) is one specific value. `yes` only when known.
 */
function widest(pattern: Text, test: (glob: string) => boolean): Tri {
  const c = concrete(pattern);
  if (c !== undefined) return test(c) ? 'yes' : 'no';
  const wide = pattern.map((p) => (p.kind === 'hole' ? (p.id === undefined ? '*' : 'x') : p.value)).join('');
  return test(wide) ? 'maybe' : 'no';
}

/** Whether a glob matches everything: `*` yes, a variable maybe. */
export function matchesEverything(pattern: Text): Tri {
  return widest(pattern, (g) => g !== '' && allWildcard(g));
}

/** `service:*` (or `*`, `service:?*`): every action of a service; a variable maybe. */
function fullServiceAction(pattern: Text): Tri {
  return widest(pattern, (g) => {
    if (allWildcard(g)) return true;
    const i = g.indexOf(':');
    return i > 0 && allWildcard(g.slice(i + 1));
  });
}

export interface BreadthAnswer {
  readonly answer: Tri;
  readonly detail: string;
}

/** Every Allow statement that grants all actions (`*`) on all resources (`*`), conditions aside. */
export function allowsAdmin(policy: Policy): BreadthAnswer {
  if (policy.unreadable) return { answer: 'maybe', detail: `${policy.source} could not be read (${policy.unreadable})` };
  let best: BreadthAnswer = { answer: 'no', detail: 'no statement allows * on *' };
  policy.statements.forEach((s, index) => {
    if (s.effect !== 'Allow' && !s.unreadable) return;
    const actions = s.unreadable ? 'maybe' : triOr(...(s.action ?? []).map(matchesEverything));
    const resources = s.unreadable ? 'maybe' : triOr(...(s.resource ?? []).map(matchesEverything));
    const a = triAnd(actions, resources);
    if (a === 'yes' && best.answer !== 'yes') best = { answer: 'yes', detail: `${label(policy, s, index)} allows * on *` };
    else if (a === 'maybe' && best.answer === 'no')
      best = { answer: 'maybe', detail: `${label(policy, s, index)} might allow * on * (${s.unreadable ?? 'its actions or resources are not known'})` };
  });
  return best;
}

/** Allow statements granting every action of a service (`service:*`, `*`) or using NotAction. */
export function allowsFullServiceAccess(policy: Policy): BreadthAnswer {
  if (policy.unreadable) return { answer: 'maybe', detail: `${policy.source} could not be read (${policy.unreadable})` };
  const wide: string[] = [];
  let maybe: string | undefined;
  policy.statements.forEach((s, index) => {
    if (s.unreadable) {
      maybe ??= `${label(policy, s, index)} could not be read (${s.unreadable})`;
      return;
    }
    if (s.effect !== 'Allow') return;
    if (s.notAction !== undefined) {
      wide.push('NotAction (allows everything not listed)');
      return;
    }
    for (const a of s.action ?? []) {
      const t = fullServiceAction(a);
      if (t === 'yes') wide.push(show(a));
      else if (t === 'maybe') maybe ??= `${label(policy, s, index)} allows ${show(a)}, which is not known`;
    }
  });
  if (wide.length > 0) return { answer: 'yes', detail: `allows ${[...new Set(wide)].join(', ')}` };
  if (maybe) return { answer: 'maybe', detail: maybe };
  return { answer: 'no', detail: 'no statement allows all actions of a service' };
}

/** KMS key ARNs no policy can name by reference, one per partition: the question "every key?" is asked of them. */
const ANY_KEYS: readonly Text[] = PARTITIONS.map((p) =>
  concat(`arn:${p}:kms:`, hole('region', 'probe:region'), ':', hole('account', 'probe:account'), ':key/', hole('key id', 'probe:key')),
);
const ANY_KEY = ANY_KEYS[0];

/** Whether an Allow statement lets the caller decrypt (`kms:Decrypt`, `kms:ReEncryptFrom`) with every KMS key. */
export function allowsDecryptOnAllKeys(policy: Policy): BreadthAnswer {
  if (policy.unreadable) return { answer: 'maybe', detail: `${policy.source} could not be read (${policy.unreadable})` };
  let best: BreadthAnswer = { answer: 'no', detail: 'decryption is scoped to specific keys' };
  policy.statements.forEach((s, index) => {
    if (s.effect !== 'Allow' && !s.unreadable) return;
    let a: Tri;
    if (s.unreadable) a = 'maybe';
    else {
      const decrypt = triOr(
        ...['kms:Decrypt', 'kms:ReEncryptFrom'].map((action) => coversRequest({ ...s, resource: [text('*')], notResource: undefined }, action, ANY_KEY, false)),
      );
      const allKeys = s.resource
        ? triOr(
            ...s.resource.map((r) => {
              const m = triOr(...ANY_KEYS.map((k) => matchText(r, k)));
              return m === 'yes' ? 'yes' : m === 'maybe' && r.some((p) => p.kind === 'hole' && p.id === undefined) ? 'maybe' : 'no';
            }),
          )
        : s.notResource
          ? 'yes'
          : 'maybe';
      a = triAnd(decrypt, allKeys);
    }
    if (a === 'yes' && best.answer !== 'yes') best = { answer: 'yes', detail: `${label(policy, s, index)} allows kms:Decrypt or kms:ReEncrypt* on all keys` };
    else if (a === 'maybe' && best.answer === 'no')
      best = {
        answer: 'maybe',
        detail: `${label(policy, s, index)} might allow kms:Decrypt or kms:ReEncrypt* on all keys (${s.unreadable ?? 'its actions or resources are not known'})`,
      };
  });
  return best;
}

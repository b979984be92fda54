/**
 * The access review: for every tenant's keys, secrets, buckets and databases, who besides the
 * tenant can reach them, with which actions, through which policy statement, under which
 * conditions, and whether that is allowed by design (with the reason) or a violation.
 *
 * Principals are everything the output creates or names: roles of no tenant (admin, deployer,
 * service and hand-made roles), IAM users, the members of IAM groups, roles and users only named
 * in policies or in a provider's `assume_role` (their identity policies are outside the output,
 * so they might allow anything), account roots (delegation to every IAM principal of the
 * account, now or later), other accounts, `*`, service and federated principals, and KMS grants.
 * Trust policies say who can become a tenant role; whoever can become one reaches what it reaches.
 *
 * The allow-list is `DESIGN_RULES`, derived from what our constructs grant (HipaaKey, LogGroup,
 * HipaaSecret, the tenant stack's deployer statement, the service roles' trust policies). Any other
 * principal that can (or might) reach a tenant resource with a data action is a violation.
 */
import { AccessDecision, ConditionEntry, Policy, Statement } from '../../terraform/policy';
import { TerraformIndex, TfResource } from '../../terraform/resolve';
import { Text, Tri, concat, concrete, hole, matchText, show, text } from '../../terraform/text';
import type { DataResource, IsolationKind, Principal, PrincipalKind } from './analyze';
import { attachedPolicy, identityPolicies, namesRole } from './analyze';

export type DataKind = Exclude<IsolationKind, 'network'>;
export type ReviewVerdict = 'by-design' | 'violation';

/**
 * The allow-list: what our constructs grant on tenant resources on purpose, and why. Nothing
 * else that reaches a tenant resource with a data action passes.
 */
export const DESIGN_RULES = {
  'key-administration':
    "key administration only (kms:Create*, kms:Describe*, kms:Enable*, kms:List*, kms:Put*, kms:Update*, kms:Revoke*, kms:Disable*, kms:Get*, kms:Delete*, kms:ScheduleKeyDeletion, ...), never kms:Encrypt, kms:Decrypt, kms:ReEncrypt* or kms:GenerateDataKey*, for the key's own account (HipaaKey AccountRootAdministersOnly / KeyAdministrators). kms:Create* includes kms:CreateGrant and kms:Put* kms:PutKeyPolicy, so an administrator can widen the key: CloudTrail records it",
  'logs-encryption-context':
    'CloudWatch Logs (logs.<region>.amazonaws.com) encrypting the tenant\'s own log groups: the kms:EncryptionContext:aws:logs:arn condition names log groups of the key\'s account, so the service cannot use the key for any other log group (LogGroup -> HipaaKey.grantToService; AWS: "Encrypt log data in CloudWatch Logs using AWS KMS")',
  'service-confused-deputy': "an AWS service principal limited to this account's resources by aws:SourceAccount or aws:SourceArn (the confused-deputy conditions AWS recommends)",
  'via-aws-service':
    "a role of the same account that may use the key only through AWS services (kms:ViaService lists service endpoints, kms:CallerAccount the account): the deploying role creating the tenant's database, master secret, backups and logs (tenant stack DeployerThroughAwsServices; AWS: kms:ViaService condition key)",
  'dedicated-account-delegation':
    "the key of a dedicated tenant (its stack holds no other tenant's data) delegates to its account's IAM (HipaaKey EnableAccountIamPolicies, the default key policy shape): each IAM principal of the account the output creates is judged on its own identity policies below",
  'deployer-dedicated':
    "the deploying role (the stack provider's assume_role) of a dedicated tenant's account, through the key's delegation to the account or, on a resource with no policy naming it, by its own identity policies (same-account access): it administers that account; its identity policies are outside this output",
  'deployer-database-connect':
    "the deploying role (the stack provider's assume_role, identity policies outside this output) administers the account, so rds-db:connect might be allowed to it; IAM database authentication also needs a database user granted rds_iam inside the database, which this output does not create",
  'principal-arn-pinned': "the account root narrowed by an aws:PrincipalArn condition to the tenant's own principals (HipaaSecret SecretRead*), with no wildcard",
  'service-trust':
    "an AWS service may assume the tenant role for the tenant's own workloads (EC2 instance profiles, ECS tasks, Lambda, AWS Backup, RDS enhanced monitoring); handing the role to the service needs iam:PassRole in the account",
  'own-tenant-trust': "the tenant's own principal may assume the tenant role",
} as const;
export type DesignRuleId = keyof typeof DESIGN_RULES;

export interface AccessEntry {
  /** The tenant resource (`<stack>/<type>.<name>`). */
  readonly resource: string;
  readonly tenant: string;
  readonly kind: DataKind;
  /** Who, in words an auditor reads (kind, ARN, address). */
  readonly principal: string;
  readonly principalKind: PrincipalKind;
  /** The tenant the principal acts for, when it is another tenant's (that pair is also in the matrix). */
  readonly otherTenant?: string;
  readonly actions: readonly string[];
  /** Policy statements (`<source>#<Sid>`), identity policies and grants that let it. */
  readonly via: readonly string[];
  readonly conditions: readonly string[];
  readonly reach: 'allow' | 'might-allow';
  readonly verdict: ReviewVerdict;
  /** The allow-list rule, when by design. @default - a violation */
  readonly rule?: DesignRuleId;
  readonly reason: string;
}

/** One principal that a tenant role's trust policy lets assume it. */
export interface TrustEntry {
  readonly role: string;
  readonly tenant: string;
  readonly principal: string;
  readonly principalKind: PrincipalKind;
  readonly via: string;
  readonly conditions: readonly string[];
  readonly verdict: ReviewVerdict;
  readonly rule?: DesignRuleId;
  readonly reason: string;
}

export interface ResourceReview {
  readonly address: string;
  readonly tenant: string;
  readonly kind: DataKind;
  /** Who besides the tenant reaches it (data actions), and who administers it. */
  readonly entries: readonly AccessEntry[];
}

export interface AccessReview {
  /** How many principals of each kind were considered. */
  readonly principals: Readonly<Partial<Record<PrincipalKind, number>>>;
  readonly resources: readonly ResourceReview[];
  readonly trust: readonly TrustEntry[];
  /** Entries that are not by design (other tenants' principals included). */
  readonly violations: readonly AccessEntry[];
  readonly trustViolations: readonly TrustEntry[];
}

export interface ReviewInput {
  readonly index: TerraformIndex;
  readonly data: readonly DataResource[];
  readonly tenantPrincipals: readonly Principal[];
  readonly candidatesOf: (p: Principal) => Iterable<DataResource>;
  /** Decisions of the matrix where one tenant's principal reaches another tenant's resource. */
  readonly crossTenant: ReadonlyArray<{ readonly p: Principal; readonly r: DataResource; readonly label: string; readonly decision: AccessDecision }>;
}

/** The actions that read or write a resource's data, per kind (what the review lists). */
const DATA_ACTIONS: Record<DataKind, readonly string[]> = {
  kms: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:GenerateDataKeyWithoutPlaintext', 'kms:GenerateDataKeyPair', 'kms:ReEncryptFrom', 'kms:ReEncryptTo'],
  secret: ['secretsmanager:GetSecretValue', 'secretsmanager:PutSecretValue', 'kms:Decrypt'],
  bucket: ['s3:GetObject', 's3:GetObjectVersion', 's3:PutObject'],
  database: ['rds-db:connect'],
};

const TRUST_ACTIONS = ['sts:AssumeRole', 'sts:AssumeRoleWithWebIdentity', 'sts:AssumeRoleWithSAML'];

/** Builds the access review (see the module comment). */
export function reviewAccess(input: ReviewInput): AccessReview {
  const { index, data } = input;
  const counts: Partial<Record<PrincipalKind, number>> = {};
  const count = (k: PrincipalKind) => (counts[k] = (counts[k] ?? 0) + 1);
  const entries = new Map<DataResource, AccessEntry[]>(data.map((r) => [r, []]));
  const push = (r: DataResource, e: Omit<AccessEntry, 'resource' | 'tenant' | 'kind'>) =>
    entries.get(r)?.push({ resource: r.resource.address, tenant: r.tenant, kind: r.kind, ...e });

  // Who is whose: concrete ARNs of every tenant principal.
  const tenantsOfArn = new Map<string, Set<string>>();
  const tenantAddresses = new Set<string>();
  for (const p of input.tenantPrincipals) {
    tenantAddresses.add(p.address);
    const arn = concrete(p.caller.arn);
    if (arn) tenantsOfArn.set(arn, new Set([...(tenantsOfArn.get(arn) ?? []), p.tenant]));
    count('role');
  }
  const stackTenants = new Map<string, Set<string>>();
  for (const r of data) stackTenants.set(r.resource.stack, new Set([...(stackTenants.get(r.resource.stack) ?? []), r.tenant]));
  const dedicated = (r: DataResource) => (stackTenants.get(r.resource.stack)?.size ?? 0) === 1;
  const deployers = deployerArns(input.index);

  // 1. Principals of no tenant in the output, and principals only named.
  const others = otherPrincipals(index, tenantAddresses);
  const known = new Set<string>([...tenantsOfArn.keys(), ...others.map((p) => concrete(p.caller.arn)).filter((a): a is string => a !== undefined)]);
  const named = new Set<string>(deployers);
  for (const r of data)
    for (const pol of r.policies)
      for (const st of pol.statements) for (const v of st.principal !== undefined && st.principal !== '*' ? (st.principal.AWS ?? []) : []) named.add(concrete(v) ?? '');
  for (const p of input.tenantPrincipals) {
    const trust = trustPolicy(index, p);
    for (const st of trust?.statements ?? []) for (const v of st.principal !== undefined && st.principal !== '*' ? (st.principal.AWS ?? []) : []) named.add(concrete(v) ?? '');
  }
  for (const arn of [...named].sort()) {
    const m = /^arn:([\w-]+):iam::(\d{12}):(role|user)\/(?:.*\/)?([^/]+)$/.exec(arn);
    if (!m || known.has(arn)) continue;
    known.add(arn);
    others.push({
      address: arn,
      kind: 'external',
      tenant: '',
      caller: { arn: text(arn), account: m[2], partition: m[1], roleName: m[3] === 'role' ? m[4] : undefined },
      principalType: m[3] === 'role' ? 'AssumedRole' : 'User',
      tags: {},
      identity: [{ source: `${arn} (identity policies outside this output)`, statements: [], unreadable: 'its identity policies are not in this output' }],
    });
  }
  for (const p of others) count(p.kind);

  // 2. Each of them against every resource it could reach.
  for (const p of others) {
    const deployer = deployers.has(concrete(p.caller.arn) ?? '');
    for (const r of input.candidatesOf(p)) {
      for (const { label, decision } of r.check(p)) {
        if (decision.verdict === 'deny') continue;
        push(r, { principal: describe(p, deployer), principalKind: p.kind, actions: [label], ...judgeEvaluated(p, r, decision, deployer, deployer && dedicated(r)) });
      }
    }
  }
  for (const { p, r, label, decision } of input.crossTenant) {
    if (decision.verdict === 'deny') continue;
    push(r, {
      principal: describe(p, false),
      principalKind: p.kind,
      otherTenant: p.tenant,
      actions: [label],
      via: allowingLabels(decision),
      conditions: [],
      reach: decision.verdict,
      verdict: 'violation',
      reason: `a principal of tenant ${p.tenant}`,
    });
  }

  // 3. What the resource policies name directly: accounts, everyone, services, federated, unknowns.
  const arnsOfTenant = new Map<string, Set<string>>();
  for (const [arn, ts] of tenantsOfArn) for (const t of ts) arnsOfTenant.set(t, (arnsOfTenant.get(t) ?? new Set<string>()).add(arn));
  for (const r of data) {
    const ownArns = arnsOfTenant.get(r.tenant) ?? new Set<string>();
    for (const pol of r.policies) {
      if (pol.unreadable !== undefined) {
        push(r, {
          principal: `whoever ${pol.source} allows`,
          principalKind: 'unresolved',
          actions: [...DATA_ACTIONS[r.kind]],
          via: [pol.source],
          conditions: [],
          reach: 'might-allow',
          verdict: 'violation',
          reason: `the policy could not be read (${pol.unreadable}): it might allow anyone`,
        });
        continue;
      }
      pol.statements.forEach((st, i) => {
        if (st.effect !== 'Allow') return;
        const via = [`${pol.source}#${st.sid ?? `Statement[${i}]`}`];
        const conditions = st.conditions.map(showCondition);
        const reach = conditions.length === 0 && st.unreadable === undefined ? 'allow' : 'might-allow';
        const actions = statementDataActions(st, r.kind);
        if (st.unreadable !== undefined) {
          push(r, {
            principal: `whoever ${via[0]} names`,
            principalKind: 'unresolved',
            actions: [...DATA_ACTIONS[r.kind]],
            via,
            conditions,
            reach: 'might-allow',
            verdict: 'violation',
            reason: `the statement could not be read (${st.unreadable}): it might allow anyone`,
          });
          return;
        }
        if (actions.length === 0) {
          // No data action: key administration (listed on the key itself only).
          if (r.kind === 'kms' && r.resource.type === 'aws_kms_key') for (const e of administration(st, r, ownArns)) push(r, { ...e, via, conditions, reach });
          return;
        }
        if (st.notPrincipal !== undefined || st.principal === '*') {
          push(r, {
            principal: st.principal === '*' ? 'anyone ("*")' : 'anyone not listed in NotPrincipal',
            principalKind: 'anyone',
            actions,
            via,
            conditions,
            reach,
            verdict: 'violation',
            reason: 'open to every principal; conditions that cannot be proven to restrict it to the tenant do not count',
          });
          count('anyone');
          return;
        }
        if (st.principal === undefined) return;
        for (const [type, values] of Object.entries(st.principal)) {
          for (const v of values) {
            const whole = concrete(v);
            if (type === 'Service') {
              count('service');
              push(r, { principal: `service ${whole ?? show(v)}`, principalKind: 'service', actions, via, conditions, reach, ...judgeService(st, whole, r) });
            } else if (type === 'AWS') {
              const account = whole === undefined ? undefined : (/^(\d{12})$/.exec(whole)?.[1] ?? /^arn:[\w-]+:iam::(\d{12}):root$/.exec(whole)?.[1]);
              if (whole === '*') {
                count('anyone');
                push(r, {
                  principal: 'anyone (AWS "*")',
                  principalKind: 'anyone',
                  actions,
                  via,
                  conditions,
                  reach,
                  verdict: 'violation',
                  reason: 'open to every AWS principal; conditions that cannot be proven to restrict it to the tenant do not count',
                });
              } else if (account !== undefined) {
                count('account');
                push(r, {
                  principal: `account ${account} root: every IAM principal of the account its identity policies allow, now or later`,
                  principalKind: 'account',
                  actions,
                  via,
                  conditions,
                  reach,
                  ...judgeAccount(st, account, r, ownArns, dedicated(r)),
                });
              } else if (whole === undefined || /[*?]/.test(whole) || !known.has(whole)) {
                count('unresolved');
                push(r, {
                  principal: `${show(v)} (cannot be tied to a principal of the output)`,
                  principalKind: 'unresolved',
                  actions,
                  via,
                  conditions,
                  reach: 'might-allow',
                  verdict: 'violation',
                  reason: 'a principal that is not a role or user of this output (a pattern, a session, an id, or unresolved): it might be anyone',
                });
              }
              // Roles and users of the output and named roles were judged in step 2.
            } else {
              count(type === 'Federated' ? 'federated' : 'unresolved');
              push(r, {
                principal: `${type} ${whole ?? show(v)}`,
                principalKind: type === 'Federated' ? 'federated' : 'unresolved',
                actions,
                via,
                conditions,
                reach,
                verdict: 'violation',
                reason: `a ${type} principal is not tied to the tenant`,
              });
            }
          }
        }
      });
    }
  }

  // 4. KMS grants that name no principal of the output (those were judged in step 2).
  for (const g of index.resources('aws_kms_grant')) {
    const target = index.target(g.stack, g.body.key_id)?.resource;
    const grantee = typeof g.body.grantee_principal === 'string' ? index.toText(g.stack, g.body.grantee_principal) : hole('grantee');
    const whole = concrete(grantee);
    const operations = Array.isArray(g.body.operations) ? g.body.operations.filter((o): o is string => typeof o === 'string') : [];
    const dataOps = operations.map((o) => `kms:${o}`).filter((o) => DATA_ACTIONS.kms.includes(o));
    if (dataOps.length === 0 && operations.length > 0) continue;
    if (whole !== undefined && known.has(whole) && target !== undefined) continue;
    count('grant');
    for (const r of data) {
      if (r.kind !== 'kms' || (target !== undefined && target !== r.resource)) continue;
      if (whole !== undefined && tenantsOfArn.get(whole)?.has(r.tenant)) continue;
      push(r, {
        principal: `grantee ${show(grantee)} of ${g.address}`,
        principalKind: 'grant',
        actions: dataOps.length > 0 ? dataOps : ['(operations unknown)'],
        via: [g.address],
        conditions: [],
        reach: target === undefined || whole === undefined ? 'might-allow' : 'allow',
        verdict: 'violation',
        reason: target === undefined ? 'a grant on a key that cannot be resolved might be on this key' : "a grant to a principal that is not the tenant's",
      });
    }
  }

  // 5. Trust: who can become each tenant role, and what that gives them.
  const trust: TrustEntry[] = [];
  const byTenant = new Map<string, DataResource[]>();
  for (const r of data) byTenant.set(r.tenant, [...(byTenant.get(r.tenant) ?? []), r]);
  const seenRoles = new Set<string>();
  for (const p of input.tenantPrincipals) {
    const key = `${p.address}\u0000${p.tenant}`;
    if (seenRoles.has(key)) continue;
    seenRoles.add(key);
    const found = trustEntries(index, p, tenantsOfArn);
    trust.push(...found);
    const open = found.filter((t) => t.verdict === 'violation');
    if (open.length === 0) continue;
    for (const r of byTenant.get(p.tenant) ?? []) {
      for (const { label, decision } of r.check(p)) {
        if (decision.verdict === 'deny') continue;
        for (const t of open) {
          push(r, {
            principal: t.principal,
            principalKind: t.principalKind,
            actions: [label],
            via: [`${t.via} (becomes ${p.address})`, ...allowingLabels(decision)],
            conditions: t.conditions,
            reach: decision.verdict,
            verdict: 'violation',
            reason: `can assume the tenant role ${p.address}: ${t.reason}`,
          });
        }
      }
    }
  }

  const resources = data.map((r) => ({ address: r.resource.address, tenant: r.tenant, kind: r.kind, entries: merged(entries.get(r) ?? []) }));
  return {
    principals: counts,
    resources,
    trust,
    violations: resources.flatMap((r) => r.entries.filter((e) => e.verdict === 'violation')),
    trustViolations: trust.filter((t) => t.verdict === 'violation'),
  };
}

/** Entries that differ only in the action, merged into one. */
function merged(list: readonly AccessEntry[]): AccessEntry[] {
  const out = new Map<string, AccessEntry>();
  for (const e of list) {
    const key = JSON.stringify([e.principal, e.via, e.conditions, e.verdict, e.reach, e.reason]);
    const prev = out.get(key);
    out.set(key, prev ? { ...prev, actions: [...new Set([...prev.actions, ...e.actions])] } : e);
  }
  return [...out.values()];
}

function describe(p: Principal, deployer: boolean): string {
  const arn = concrete(p.caller.arn) ?? show(p.caller.arn);
  if (p.kind === 'external')
    return deployer
      ? `deploying role ${arn} (a provider's assume_role; not created by this output)`
      : `${p.principalType === 'User' ? 'user' : 'role'} ${arn} (named in a policy; not created by this output)`;
  if (p.kind === 'group') return `members of group ${p.address}`;
  return `${p.kind} ${arn} (${p.address})`;
}

function showCondition(c: ConditionEntry): string {
  return `${c.operator} ${c.key} ${c.values.map(show).join(', ')}`;
}

/** The labels in a decision that allowed (resource statements, grants, identity policies). */
function allowingLabels(decision: AccessDecision): string[] {
  return decision.reasons.filter((x) => /^(resource|grant|identity|boundary) /.test(x));
}

/** Whether an action pattern matches an action: 'maybe' when the pattern is partly unknown. */
function actionMatch(pattern: Text, action: string): Tri {
  const whole = concrete(pattern);
  if (whole !== undefined) return globRegExp(whole).test(action) ? 'yes' : 'no';
  return matchText(pattern, text(action), { ignoreCase: true, wildcards: true });
}

const GLOBS = new Map<string, RegExp>();

/** An IAM action glob (`*`, `?`, case-insensitive) as a regular expression (cached). */
function globRegExp(glob: string): RegExp {
  let re = GLOBS.get(glob);
  if (!re) {
    re = new RegExp(
      `^${glob
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '.*')
        .replace(/\?/g, '.')}$`,
      'i',
    );
    GLOBS.set(glob, re);
  }
  return re;
}

const matches = (patterns: readonly Text[] | undefined, action: string) => (patterns ?? []).some((a) => actionMatch(a, action) !== 'no');

const DATA_ACTIONS_OF = new WeakMap<Statement, Map<DataKind, string[]>>();

/** The data actions of `kind` a statement might allow (memoised: key policies are shared by a key and its database). */
function statementDataActions(st: Statement, kind: DataKind): string[] {
  const byKind = DATA_ACTIONS_OF.get(st) ?? new Map<DataKind, string[]>();
  DATA_ACTIONS_OF.set(st, byKind);
  const cached = byKind.get(kind);
  if (cached) return cached;
  const found = DATA_ACTIONS[kind].filter((a) => (st.action ? matches(st.action, a) : st.notAction ? !st.notAction.some((n) => actionMatch(n, a) === 'yes') : true));
  byKind.set(kind, found);
  return found;
}

function accountOfArn(value: string): string | undefined {
  return /^(\d{12})$/.exec(value)?.[1] ?? /^arn:[\w-]+:[\w-]*:[\w-]*:(\d{12}):/.exec(value)?.[1];
}

/** Key-administration statements: by design for the key's own account only. */
function administration(st: Statement, r: DataResource, ownArns: ReadonlySet<string>): Array<Omit<AccessEntry, 'resource' | 'tenant' | 'kind' | 'via' | 'conditions' | 'reach'>> {
  const account = r.resource.provider.account;
  const actions = (st.action ?? []).map(show);
  if (st.notAction !== undefined || st.notPrincipal !== undefined || st.principal === '*' || st.principal === undefined) {
    return [
      {
        principal: st.principal === '*' || st.notPrincipal !== undefined ? 'anyone' : 'anyone (no Principal)',
        principalKind: 'anyone',
        actions: actions.length > 0 ? actions : ['(NotAction)'],
        verdict: 'violation',
        reason: 'key administration open to every principal: an administrator can rewrite the key policy',
      },
    ];
  }
  return Object.entries(st.principal).flatMap(([type, values]) =>
    values
      .filter((v) => !(type === 'AWS' && ownArns.has(concrete(v) ?? '')))
      .map((v) => {
        const whole = concrete(v);
        const own = type === 'AWS' && whole !== undefined && account !== undefined && accountOfArn(whole) === account;
        return {
          principal:
            type === 'AWS' && whole !== undefined && /(^\d{12}$|:root$)/.test(whole)
              ? `account ${accountOfArn(whole)} root (administers)`
              : `${type} ${whole ?? show(v)} (administers)`,
          principalKind: (type === 'AWS' ? (whole && /(^\d{12}$|:root$)/.test(whole) ? 'account' : 'role') : type === 'Service' ? 'service' : 'unresolved') as PrincipalKind,
          actions,
          verdict: own ? ('by-design' as const) : ('violation' as const),
          ...(own ? { rule: 'key-administration' as const } : {}),
          reason: own
            ? DESIGN_RULES['key-administration']
            : "key administration by a principal outside the key's account (or one that cannot be resolved): an administrator can rewrite the key policy",
        };
      }),
  );
}

type Judgement = Pick<AccessEntry, 'verdict' | 'rule' | 'reason'>;
const byDesign = (rule: DesignRuleId): Judgement => ({ verdict: 'by-design', rule, reason: DESIGN_RULES[rule] });

const POSITIVE = /^(StringEquals|StringLike|ArnEquals|ArnLike)$/;

/** A condition key's values under a positive operator, when every value is concrete. */
function positiveValues(st: Statement, key: string): string[] | undefined {
  const found = st.conditions.filter((c) => c.key.toLowerCase() === key.toLowerCase() && POSITIVE.test(c.operator));
  if (found.length === 0) return undefined;
  const values = found.flatMap((c) => c.values.map(concrete));
  return values.every((v): v is string => v !== undefined) ? (values as string[]) : undefined;
}

function judgeService(st: Statement, service: string | undefined, r: DataResource): Judgement {
  const account = r.resource.provider.account;
  if (service !== undefined && account !== undefined) {
    const logGroups = /^logs\.[a-z0-9-]+\.amazonaws\.com$/.test(service) ? positiveValues(st, 'kms:EncryptionContext:aws:logs:arn') : undefined;
    if (logGroups && logGroups.length > 0 && logGroups.every((v) => new RegExp(`^arn:[\\w-]+:logs:[a-z0-9-]+:${account}:log-group:[^*?]+$`).test(v)))
      return byDesign('logs-encryption-context');
    const sourceAccount = positiveValues(st, 'aws:SourceAccount');
    const sourceArn = positiveValues(st, 'aws:SourceArn');
    if ((sourceAccount && sourceAccount.every((v) => v === account)) || (sourceArn && sourceArn.every((v) => accountOfArn(v) === account)))
      return byDesign('service-confused-deputy');
  }
  return { verdict: 'violation', reason: "a service principal without a condition that ties it to this account's own resources (confused deputy)" };
}

function judgeAccount(st: Statement, account: string, r: DataResource, ownArns: ReadonlySet<string>, isDedicated: boolean): Judgement {
  if (r.resource.provider.account !== undefined && account !== r.resource.provider.account) {
    return { verdict: 'violation', reason: `another account (${account}) may reach the tenant resource` };
  }
  const pinned = positiveValues(st, 'aws:PrincipalArn');
  if (pinned && pinned.length > 0 && pinned.every((a) => !/[*?]/.test(a) && ownArns.has(a))) return byDesign('principal-arn-pinned');
  if (isDedicated && (r.kind === 'kms' || (r.kind === 'secret' && r.resource.type === 'aws_db_instance'))) return byDesign('dedicated-account-delegation');
  return {
    verdict: 'violation',
    reason:
      'account-root delegation with data actions on a key or resource of a shared (pooled) stack: an open door for any principal of the account whose identity policy allows it, now or later; only the key-administration statement may name the root',
  };
}

/** Whether a statement lets its principals use the key only through AWS service endpoints. */
function viaServiceOnly(st: Statement, r: DataResource): boolean {
  const services = positiveValues(st, 'kms:ViaService');
  const callers = positiveValues(st, 'kms:CallerAccount');
  return (
    services !== undefined &&
    services.length > 0 &&
    services.every((s) => /^[a-z0-9-]+\.[a-z0-9-]+\.amazonaws\.com$/.test(s)) &&
    callers !== undefined &&
    callers.every((c) => c === r.resource.provider.account)
  );
}

const LABELLED = new WeakMap<DataResource, Map<string, Statement>>();

/** The resource policy statements of `r` by the label the evaluator gives them (`<source>#<Sid>`). */
function statementsByLabel(r: DataResource): Map<string, Statement> {
  let out = LABELLED.get(r);
  if (!out) {
    const built = new Map<string, Statement>();
    for (const pol of r.policies) pol.statements.forEach((st, i) => built.set(`${pol.source}#${st.sid ?? `Statement[${i}]`}`, st));
    LABELLED.set(r, built);
    out = built;
  }
  return out;
}

const RESOURCE_LABEL = /^resource (.+#\S+?)(?: \(might apply\))? \[(principal|account)\]$/;

/** A principal of no tenant that might reach `r`: by design only through the allow-listed statements. */
function judgeEvaluated(
  p: Principal,
  r: DataResource,
  decision: AccessDecision,
  deployer: boolean,
  dedicatedDeployer: boolean,
): Pick<AccessEntry, 'via' | 'conditions' | 'reach' | 'verdict' | 'rule' | 'reason'> {
  const via = allowingLabels(decision);
  const statements = statementsByLabel(r);
  const resourceHits = via.map((v) => RESOURCE_LABEL.exec(v)).filter((m): m is RegExpExecArray => m !== null);
  const others = via.filter((v) => !RESOURCE_LABEL.test(v) && !v.startsWith('identity ') && !v.startsWith('boundary '));
  const conditions = resourceHits.flatMap((m) => (statements.get(m[1])?.conditions ?? []).map(showCondition));
  const base = { via, conditions, reach: decision.verdict as 'allow' | 'might-allow' };
  if (deployer && p.kind === 'external' && r.kind === 'database' && resourceHits.length === 0 && others.length === 0) return { ...base, ...byDesign('deployer-database-connect') };
  if (dedicatedDeployer && p.kind === 'external' && resourceHits.length === 0 && others.length === 0) return { ...base, ...byDesign('deployer-dedicated') };
  if (resourceHits.length > 0 && others.length === 0) {
    const rules = resourceHits.map((m): DesignRuleId | undefined => {
      const st = statements.get(m[1]);
      if (!st) return undefined;
      if (m[2] === 'principal' && viaServiceOnly(st, r)) return 'via-aws-service';
      if (m[2] === 'account' && dedicatedDeployer) return 'deployer-dedicated';
      return undefined;
    });
    if (rules.every((x): x is DesignRuleId => x !== undefined)) return { ...base, ...byDesign(rules[0]) };
  }
  const what = p.kind === 'external' ? 'a principal whose identity policies are outside this output' : `a ${p.kind} of no tenant`;
  const how = resourceHits.some((m) => m[2] === 'account')
    ? 'through the account-root delegation of the resource policy and its identity policy'
    : resourceHits.length > 0
      ? 'named by the resource policy'
      : 'by its identity policy alone (same-account resources accept it)';
  return { ...base, verdict: 'violation', reason: `${what} may reach the tenant resource ${how}` };
}

const TRUST = new WeakMap<TfResource, Policy>();

/** A role's trust policy (read once: a role used by two tenants is a principal of both). */
function trustPolicy(index: TerraformIndex, p: Principal): Policy | undefined {
  const role = p.resource;
  if (!role || role.type !== 'aws_iam_role') return undefined;
  const cached = TRUST.get(role);
  if (cached) return cached;
  const read = index.policy(role.stack, role.body.assume_role_policy, `${role.address}.assume_role_policy`);
  TRUST.set(role, read);
  return read;
}

function trustEntries(index: TerraformIndex, p: Principal, tenantsOfArn: ReadonlyMap<string, ReadonlySet<string>>): TrustEntry[] {
  const policy = trustPolicy(index, p);
  if (!policy) return [];
  const entry = (principal: string, principalKind: PrincipalKind, via: string, conditions: string[], j: Judgement): TrustEntry => ({
    role: p.address,
    tenant: p.tenant,
    principal,
    principalKind,
    via,
    conditions,
    ...j,
  });
  const violation = (reason: string): Judgement => ({ verdict: 'violation', reason });
  if (policy.unreadable !== undefined)
    return [
      entry(
        `whoever ${policy.source} allows`,
        'unresolved',
        policy.source,
        [],
        violation(`the trust policy could not be read (${policy.unreadable}): anyone might assume the role`),
      ),
    ];
  const out: TrustEntry[] = [];
  policy.statements.forEach((st, i) => {
    if (st.effect !== 'Allow') return;
    const via = `${policy.source}#${st.sid ?? `Statement[${i}]`}`;
    const conditions = st.conditions.map(showCondition);
    if (st.unreadable !== undefined) {
      out.push(entry(`whoever ${via} names`, 'unresolved', via, conditions, violation(`the statement could not be read (${st.unreadable})`)));
      return;
    }
    if (!TRUST_ACTIONS.some((a) => (st.action ? matches(st.action, a) : true))) return;
    if (st.notPrincipal !== undefined || st.principal === '*' || st.principal === undefined) {
      out.push(
        entry('anyone ("*")', 'anyone', via, conditions, violation('every principal may assume the tenant role; conditions that cannot be proven to restrict it do not count')),
      );
      return;
    }
    for (const [type, values] of Object.entries(st.principal)) {
      for (const v of values) {
        const whole = concrete(v);
        if (type === 'Service' && whole !== undefined && /^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$/.test(whole)) {
          const deputy = conditions.some((c) => /aws:Source(Account|Arn)/i.test(c));
          out.push(
            entry(`service ${whole}`, 'service', via, conditions, {
              ...byDesign('service-trust'),
              reason: `${DESIGN_RULES['service-trust']}; ${deputy ? 'limited by a confused-deputy condition' : 'no aws:SourceAccount/aws:SourceArn condition'}`,
            }),
          );
        } else if (type === 'AWS' && whole !== undefined && tenantsOfArn.get(whole)?.has(p.tenant) && tenantsOfArn.get(whole)?.size === 1) {
          out.push(entry(`role ${whole}`, 'role', via, conditions, byDesign('own-tenant-trust')));
        } else if (type === 'AWS') {
          const account = whole === undefined ? undefined : (/^(\d{12})$/.exec(whole)?.[1] ?? /^arn:[\w-]+:iam::(\d{12}):root$/.exec(whole)?.[1]);
          const kind: PrincipalKind = whole === '*' ? 'anyone' : account ? 'account' : whole && tenantsOfArn.has(whole) ? 'role' : 'unresolved';
          const label =
            whole === '*' ? 'anyone (AWS "*")' : account ? `account ${account} root: every IAM principal of the account its identity policies allow` : `${whole ?? show(v)}`;
          const why =
            whole === '*'
              ? 'every AWS principal may assume the tenant role'
              : account
                ? 'account-root trust lets any principal of that account with sts:AssumeRole become the tenant role'
                : whole && tenantsOfArn.has(whole)
                  ? `a principal of tenant ${[...(tenantsOfArn.get(whole) ?? [])].join(', ')} may become this tenant's role`
                  : "a principal that is not this tenant's may become the tenant role";
          out.push(entry(label, kind, via, conditions, violation(why)));
        } else {
          out.push(
            entry(`${type} ${whole ?? show(v)}`, type === 'Federated' ? 'federated' : 'unresolved', via, conditions, violation(`a ${type} principal is not tied to the tenant`)),
          );
        }
      }
    }
  });
  return out;
}

/** The role ARNs the stacks' AWS providers assume to deploy, from the model's provider reader. */
function deployerArns(index: TerraformIndex): Set<string> {
  return new Set([...index.model.modules.values()].flatMap((m) => [...m.assumedRoles]));
}

/** Roles of no tenant, IAM users, and the members of IAM groups, with their identity policies. */
function otherPrincipals(index: TerraformIndex, tenantAddresses: ReadonlySet<string>): Principal[] {
  const out: Principal[] = [];
  for (const role of index.resources('aws_iam_role')) {
    if (tenantAddresses.has(role.address)) continue;
    const { identity, boundary } = identityPolicies(index, role);
    out.push({
      resource: role,
      address: role.address,
      kind: 'role',
      tenant: '',
      caller: { arn: index.roleArn(role), account: role.provider.account, roleName: index.literal(role, 'name'), partition: role.provider.partition },
      principalType: 'AssumedRole',
      tags: index.tags(role),
      identity,
      boundary,
    });
  }
  const groups = index.resources('aws_iam_group');
  for (const user of index.resources('aws_iam_user')) {
    const identity = entityPolicies(index, user, 'user');
    for (const g of groups) {
      const member = membership(index, user, g);
      if (member !== 'no')
        identity.push(...entityPolicies(index, g, 'group').map((pol) => (member === 'maybe' ? { ...pol, uncertain: `membership of ${g.address} could not be decided` } : pol)));
    }
    const boundaryArn = user.body.permissions_boundary;
    const boundary = typeof boundaryArn === 'string' && boundaryArn !== '' ? attachedPolicy(index, user, boundaryArn) : undefined;
    out.push({
      resource: user,
      address: user.address,
      kind: 'user',
      tenant: '',
      caller: { arn: userArn(index, user), account: user.provider.account, partition: user.provider.partition },
      principalType: 'User',
      tags: index.tags(user),
      identity,
      ...(boundary ? { boundary } : {}),
    });
  }
  for (const g of groups) {
    const p = g.provider;
    // Any user, now or later, that joins the group: a user ARN no policy names.
    const arn = concat(`arn:${p.partition}:iam::`, p.account ? text(p.account) : hole('account'), ':user/', hole(`a member of ${g.address}`));
    out.push({
      resource: g,
      address: g.address,
      kind: 'group',
      tenant: '',
      caller: { arn, account: p.account, partition: p.partition },
      principalType: 'User',
      tags: {},
      identity: entityPolicies(index, g, 'group'),
    });
  }
  return out;
}

function userArn(index: TerraformIndex, user: TfResource): Text {
  const p = user.provider;
  const name = index.literal(user, 'name');
  const path = index.literal(user, 'path') ?? '/';
  return concat(`arn:${p.partition}:iam::`, p.account ? text(p.account) : hole('account'), `:user${path}`, name !== undefined ? text(name) : hole(`${user.address}.name`));
}

/** Whether `user` is in `group` (group memberships and user group memberships). */
function membership(index: TerraformIndex, user: TfResource, group: TfResource): Tri {
  let result: Tri = 'no';
  const up = (t: Tri) => (result = result === 'yes' || t === 'no' ? result : t);
  for (const m of index.resources('aws_iam_group_membership')) {
    const inGroup = namesRole(index, m, m.body.group, group);
    if (inGroup === 'no') continue;
    const users = Array.isArray(m.body.users) ? m.body.users : [undefined];
    for (const u of users) {
      const named = namesRole(index, m, u, user);
      up(named === 'yes' && inGroup === 'yes' ? 'yes' : named === 'no' ? 'no' : 'maybe');
    }
  }
  for (const m of index.resources('aws_iam_user_group_membership')) {
    const isUser = namesRole(index, m, m.body.user, user);
    if (isUser === 'no') continue;
    const list = Array.isArray(m.body.groups) ? m.body.groups : [undefined];
    for (const gv of list) {
      const named = namesRole(index, m, gv, group);
      up(named === 'yes' && isUser === 'yes' ? 'yes' : named === 'no' ? 'no' : 'maybe');
    }
  }
  return result;
}

/** The identity policies of a user or group: inline, attached, and shared attachments. */
function entityPolicies(index: TerraformIndex, entity: TfResource, kind: 'user' | 'group'): Policy[] {
  const out: Policy[] = [];
  const add = (policy: Policy, attached: Tri, what: string) => {
    if (attached === 'no') return;
    out.push(attached === 'maybe' ? { ...policy, uncertain: `${what} could not be tied to a ${kind}` } : policy);
  };
  for (const rp of index.resources(`aws_iam_${kind}_policy`)) add(index.policy(rp.stack, rp.body.policy, rp.address), namesRole(index, rp, rp.body[kind], entity), rp.address);
  for (const att of index.resources(`aws_iam_${kind}_policy_attachment`)) {
    const attached = namesRole(index, att, att.body[kind], entity);
    if (attached !== 'no') add(attachedPolicy(index, att, att.body.policy_arn), attached, att.address);
  }
  for (const att of index.resources('aws_iam_policy_attachment')) {
    const list = att.body[`${kind}s`];
    const values = Array.isArray(list) ? list : [];
    const attached = values.reduce<Tri>((acc, v) => (acc === 'yes' ? acc : namesRole(index, att, v, entity) === 'no' ? acc : namesRole(index, att, v, entity)), 'no');
    if (attached !== 'no') add(attachedPolicy(index, att, att.body.policy_arn), attached, att.address);
  }
  return out;
}

/**
 * "Can a principal of tenant X reach the data of tenant Y?", answered for every ordered pair of
 * tenants from the synthesized Terraform JSON alone.
 *
 * Tenants come from `Tenant` tags. A resource's tenant is its own `Tenant` tag, or the stack's
 * provider `default_tags` when it has none; only values that appear as a resource's own tag
 * somewhere (or are given in `opts.tenants`) are tenants, so stack-level values such as
 * `pool:shared` or a peering id never are.
 *
 * Principals are the IAM roles of each tenant. Data is each tenant's KMS keys, secrets (including
 * the master secrets RDS keeps for databases with `manage_master_user_password`), S3 buckets and
 * databases; networks are the tenants' VPCs. Each check is decided by the evaluator in
 * `policy.ts` or the network model in `network.ts`, both of which answer `might-allow` where the
 * Terraform leaves something unknown.
 */
import { AccessDecision, AccessVerdict, Caller, Policy, RequestContext, Statement, decideAccess, evaluateCondition, matchPrincipal, requestContext } from '../../terraform/policy';
import { awsManagedPolicy, awsManagedPolicyName } from '../../terraform/managed-policies';
import { NetworkModel } from './network';
import { SynthesizedStack, TerraformIndex, TfResource, wholeReference } from '../../terraform/resolve';
import { Text, Tri, concat, concrete, hole, matchText, show, text } from '../../terraform/text';
import { AccessReview, ReviewInput, reviewAccess } from './access';

export type IsolationKind = 'kms' | 'secret' | 'bucket' | 'database' | 'network';
export type IsolationVerdict = 'deny' | 'allow' | 'might-allow' | 'declared';

/** The resource kinds of the matrix, in report order. */
export const ISOLATION_KINDS: readonly IsolationKind[] = ['kms', 'secret', 'bucket', 'database', 'network'];

export interface IsolationCell {
  /** The tenant whose principals (or network) try to reach. */
  readonly principalTenant: string;
  /** The tenant whose data (or network) is reached for. */
  readonly resourceTenant: string;
  readonly kind: IsolationKind;
  readonly verdict: IsolationVerdict;
  /** Addresses (`<stack>/<type>.<name>`), statement Sids and reasons. */
  readonly evidence: readonly string[];
}

/** Above this many tenants the matrix lists only evaluated cells (every other cell is deny). */
export const DENSE_LIMIT = 60;

export interface IsolationMatrix {
  readonly tenants: readonly string[];
  /**
   * One cell per ordered pair of different tenants and kind when `dense`; otherwise only the cells
   * something was evaluated for, and every cell not listed is deny.
   */
  readonly cells: readonly IsolationCell[];
  /** Whether `cells` lists every pair. */
  readonly dense: boolean;
  /** Number of cross-tenant cells: tenants x (tenants - 1) x kinds. */
  readonly checks: number;
  /**
   * What fails the proof: cells where a tenant may reach another's data (`allow` or `might-allow`;
   * for networks an undeclared path), then every access-review finding that is not by design: a
   * principal of no tenant reaching a tenant resource (`principalTenant` then names the principal),
   * or a principal that is not the tenant's able to assume a tenant role (kind `trust`).
   */
  readonly violations: readonly IsolationViolation[];
  /** Who besides each tenant can reach its keys, secrets, buckets and databases, and why. */
  readonly access: AccessReview;
  /**
   * Data resources (keys, secrets, buckets, databases) in stacks that hold tenants but that belong
   * to no tenant: neither tagged nor used by a tenant's resource. They are not in the matrix;
   * review them (a pool's own flow-log key is expected here).
   */
  readonly unattributed: readonly string[];
}

/** A finding that fails the proof: a matrix cell, or an access-review finding. */
export interface IsolationViolation {
  /** The tenant whose principals reach, or (access review) the principal of no tenant that does. */
  readonly principalTenant: string;
  readonly resourceTenant: string;
  readonly kind: IsolationKind | 'trust';
  readonly verdict: IsolationVerdict;
  readonly evidence: readonly string[];
  /** Where it comes from. */
  readonly source: 'matrix' | 'access-review';
}

export interface AnalyzeOptions {
  /**
   * The tenants to check; resources tagged with other values are ignored.
   * @default - every value of a `Tenant` tag written on a resource
   */
  readonly tenants?: readonly string[];
}

const RANK: Record<IsolationVerdict, number> = { deny: 0, declared: 1, 'might-allow': 2, allow: 3 };

/** The stronger of two verdicts (allow > might-allow > declared > deny). */
export function worstVerdict(a: IsolationVerdict, b: IsolationVerdict): IsolationVerdict {
  return RANK[a] >= RANK[b] ? a : b;
}

/** What a principal is, for the access review. */
export type PrincipalKind = 'role' | 'user' | 'group' | 'external' | 'account' | 'anyone' | 'service' | 'federated' | 'grant' | 'unresolved';

export interface Principal {
  /** The role, user or group in the output; none for a principal only named (an external role). */
  readonly resource?: TfResource;
  /** Its address, or its ARN when it is not in the output. */
  readonly address: string;
  readonly kind: PrincipalKind;
  /** The tenant it acts for; '' for a principal of no tenant (admin, deployer, hand-made role, user). */
  readonly tenant: string;
  readonly caller: Caller;
  /** `aws:PrincipalType` of its requests. */
  readonly principalType: 'AssumedRole' | 'User';
  readonly tags: Record<string, string>;
  readonly identity: Policy[];
  readonly boundary?: Policy;
}

export interface DataResource {
  readonly resource: TfResource;
  readonly tenant: string;
  readonly kind: Exclude<IsolationKind, 'network'>;
  /** The requests the checks make (action on an ARN), for finding candidate principals. */
  readonly requests: ReadonlyArray<{ readonly action: string; readonly arn: Text; readonly service: Service; readonly via?: string }>;
  /** Resource policies the checks consult. */
  readonly policies: readonly Policy[];
  /** Check every principal against it (grants, unresolvable keys). */
  readonly always?: boolean;
  /** Evaluates one principal against this resource. */
  readonly check: (p: Principal) => Array<{ label: string; decision: AccessDecision }>;
}

/** The principals of each tenant (a role used by two tenants appears once per tenant). */
export function tenantPrincipals(index: TerraformIndex, tenantOf: (r: TfResource) => string | undefined, users: Map<string, Set<string>>): Principal[] {
  return index.resources('aws_iam_role').flatMap((role): Principal[] => {
    const own = tenantOf(role);
    const tenantsOfRole = own ? [own] : [...(users.get(role.address) ?? [])].sort();
    if (tenantsOfRole.length === 0) return [];
    const { identity, boundary } = identityPolicies(index, role);
    const name = index.literal(role, 'name');
    return tenantsOfRole.map((tenant) => ({
      resource: role,
      address: role.address,
      kind: 'role' as const,
      tenant,
      caller: { arn: index.roleArn(role), account: role.provider.account, roleName: name, partition: role.provider.partition },
      principalType: 'AssumedRole' as const,
      tags: index.tags(role),
      identity,
      boundary,
    }));
  });
}

/** Builds the tenant x tenant isolation matrix of a set of synthesized stacks. */
export function analyzeIsolation(stacks: readonly SynthesizedStack[], opts: AnalyzeOptions = {}): IsolationMatrix {
  const index = new TerraformIndex(stacks);
  const tenants = opts.tenants ? [...opts.tenants] : discoverTenants(index);
  const known = new Set(tenants);
  const tenantOf = (r: TfResource): string | undefined => {
    const t = index.tags(r).Tenant;
    return t !== undefined && known.has(t) ? t : undefined;
  };

  const owners = dataOwners(index, tenantOf);
  const users = roleUsers(index, tenantOf, owners.of);
  const principals = tenantPrincipals(index, tenantOf, users);
  const data = dataResources(index, owners.of);

  const results = new Map<string, { verdict: IsolationVerdict; evidence: string[] }>();
  const cellKey = (from: string, to: string, kind: IsolationKind) => `${from}\u0000${to}\u0000${kind}`;
  // Checks that no policy could allow are counted, not listed (at 100 tenants that is ~80,000 lines);
  // every line from a full evaluation (allow, might-allow, explicit deny, declared) is kept.
  const denies = new Map<string, number>();
  const explained = new Set<string>();
  const record = (from: string, to: string, kind: IsolationKind, verdict: IsolationVerdict, line: () => string, quick?: string) => {
    const key = cellKey(from, to, kind);
    const cell = results.get(key) ?? { verdict: 'deny' as IsolationVerdict, evidence: [] };
    cell.verdict = worstVerdict(cell.verdict, verdict);
    // A quick deny is explained once per resource and check; the rest are counted.
    if (quick === undefined || !explained.has(`${key}\u0000${quick}`)) {
      cell.evidence.push(line());
      if (quick !== undefined) explained.add(`${key}\u0000${quick}`);
    } else {
      denies.set(key, (denies.get(key) ?? 0) + 1);
    }
    results.set(key, cell);
  };

  const candidatesOf = candidateIndex(data);
  const crossTenant: Array<ReviewInput['crossTenant'][number]> = [];
  for (const p of principals) {
    for (const r of candidatesOf(p)) {
      if (r.tenant === p.tenant) continue;
      for (const { label, decision } of r.check(p)) {
        if (decision.verdict !== 'deny') crossTenant.push({ p, r, label, decision });
        record(
          p.tenant,
          r.tenant,
          r.kind,
          decision.verdict,
          () => `${p.address} -> ${r.resource.address} ${label}: ${decision.verdict}: ${decision.reasons.join('; ')}`,
          decision === QUICK_DENY ? `${r.resource.address} ${label}` : undefined,
        );
      }
    }
  }
  for (const path of new NetworkModel(index, tenantOf).paths()) {
    if (known.has(path.from) && known.has(path.to) && path.from !== path.to) record(path.from, path.to, 'network', path.verdict, () => `${path.verdict}: ${path.evidence}`);
  }

  // Up to DENSE_LIMIT tenants every cell is listed; above it, only cells that something was
  // evaluated for (any other cell is deny), so a thousand tenants do not make five million cells.
  const dense = tenants.length <= DENSE_LIMIT;
  const cells: IsolationCell[] = [];
  if (!dense) {
    for (const [key, hit] of results) {
      const [from, to, kind] = key.split('\u0000') as [string, string, IsolationKind];
      const denied = denies.get(key) ?? 0;
      cells.push({
        principalTenant: from,
        resourceTenant: to,
        kind,
        verdict: hit.verdict,
        evidence: [...new Set(hit.evidence), ...(denied > 0 ? [`and ${denied} more checks where no policy could allow`] : [])],
      });
    }
    cells.sort(
      (a, b) =>
        a.principalTenant.localeCompare(b.principalTenant) || a.resourceTenant.localeCompare(b.resourceTenant) || ISOLATION_KINDS.indexOf(a.kind) - ISOLATION_KINDS.indexOf(b.kind),
    );
  }
  for (const from of dense ? tenants : []) {
    for (const to of tenants) {
      if (from === to) continue;
      for (const kind of ISOLATION_KINDS) {
        const hit = results.get(cellKey(from, to, kind));
        const denied = denies.get(cellKey(from, to, kind)) ?? 0;
        const evidence = hit
          ? [...new Set(hit.evidence), ...(denied > 0 ? [`and ${denied} more checks where no policy could allow`] : [])]
          : [emptyEvidence(kind, from, to, principals, data)];
        cells.push({ principalTenant: from, resourceTenant: to, kind, verdict: hit?.verdict ?? 'deny', evidence });
      }
    }
  }
  const access = reviewAccess({ index, data, tenantPrincipals: principals, candidatesOf, crossTenant });
  const violations: IsolationViolation[] = [
    ...cells.filter((c) => c.verdict === 'allow' || c.verdict === 'might-allow').map((c) => ({ ...c, source: 'matrix' as const })),
    ...access.violations
      .filter((e) => e.otherTenant === undefined)
      .map((e) => ({
        principalTenant: e.principal,
        resourceTenant: e.tenant,
        kind: e.kind,
        verdict: e.reach,
        evidence: [
          `${e.resource} ${e.actions.join(', ')}: ${e.reach} via ${e.via.join('; ')}${e.conditions.length > 0 ? ` when ${e.conditions.join(' and ')}` : ''}`,
          `not by design: ${e.reason}`,
        ],
        source: 'access-review' as const,
      })),
    ...access.trustViolations.map((t) => ({
      principalTenant: t.principal,
      resourceTenant: t.tenant,
      kind: 'trust' as const,
      verdict: 'allow' as const,
      evidence: [`may assume ${t.role} via ${t.via}${t.conditions.length > 0 ? ` when ${t.conditions.join(' and ')}` : ''}`, `not by design: ${t.reason}`],
      source: 'access-review' as const,
    })),
  ];
  return { tenants, cells, dense, checks: tenants.length * (tenants.length - 1) * ISOLATION_KINDS.length, violations, access, unattributed: owners.unattributed };
}

/** Context keys set by the principal and the call alone. */
function principalValues(p: Principal, service: Service, viaService?: string): Record<string, string | undefined> {
  const values: Record<string, string | undefined> = {
    'aws:PrincipalType': p.principalType,
    'aws:PrincipalIsAWSService': 'false',
    'aws:SecureTransport': 'true',
    'aws:ViaAWSService': viaService ? 'true' : 'false',
  };
  const arn = concrete(p.caller.arn);
  if (arn) values['aws:PrincipalArn'] = arn;
  if (p.caller.account) values['aws:PrincipalAccount'] = p.caller.account;
  for (const [k, v] of Object.entries(p.tags)) values[`aws:PrincipalTag/${k}`] = v;
  if (service === 'kms') {
    values['kms:ViaService'] = viaService;
    if (p.caller.account) values['kms:CallerAccount'] = p.caller.account;
  }
  return values;
}

/** The request context of a principal's call before the resource is known (resource keys unknown). */
function principalContext(p: Principal, service: Service, viaService?: string): RequestContext {
  return requestContext(principalValues(p, service, viaService), ['aws:PrincipalTag/']);
}

/** The leading known text of an ARN (up to its first unknown part or wildcard). */
function leading(value: Text): { prefix: string; thenHole?: string; exact: boolean } {
  let prefix = '';
  for (const part of value) {
    if (part.kind === 'hole') return { prefix, thenHole: part.id, exact: false };
    const cut = part.kind === 'text' ? part.value.search(/[*?]|\$\{/) : -1;
    if (cut >= 0) return { prefix: prefix + part.value.slice(0, cut), exact: false };
    prefix += part.value;
  }
  return { prefix, exact: true };
}

/**
 * Which data resources a principal must be evaluated against. Any other pair is deny: an allow
 * needs a resource policy that names the principal, or an identity statement whose action and
 * resource could match, and this index over-approximates both (wildcards, variables and
 * unreadable policies make a resource or statement match everything). It keeps the proof close
 * to linear in tenants instead of quadratic.
 */
interface Target {
  readonly r: DataResource;
  readonly arn: ReturnType<typeof leading>;
}

/** Targets of one call that share an account and a known ARN prefix. */
interface PrefixGroup {
  readonly prefix: string;
  readonly all: Target[];
  /** By the resource-unique value right after the prefix. */
  readonly byHole: Map<string, Target[]>;
  /** Targets with no resource-unique value right after the prefix. */
  readonly noHole: Target[];
}

export function candidateIndex(data: readonly DataResource[]): (p: Principal) => Iterable<DataResource> {
  const always = new Set<DataResource>();
  const named = new Map<string, DataResource[]>();
  const add = <K>(map: Map<K, DataResource[]>, k: K, r: DataResource) => map.set(k, [...(map.get(k) ?? []), r]);
  // Call kind -> account ('' when unknown) -> ARN prefix -> targets.
  const byAction = new Map<string, { action: string; service: Service; via?: string; byAccount: Map<string, Map<string, PrefixGroup>> }>();
  for (const r of data) {
    if (r.always) always.add(r);
    for (const pol of r.policies) {
      if (pol.unreadable !== undefined || pol.uncertain !== undefined) always.add(r);
      for (const st of pol.statements) {
        if (st.effect !== 'Allow') continue;
        if (st.unreadable !== undefined || st.notPrincipal !== undefined || st.principal === undefined || st.principal === '*') {
          always.add(r);
          continue;
        }
        for (const v of st.principal.AWS ?? []) {
          const whole = concrete(v);
          if (whole === undefined || /[*?]/.test(whole) || whole.includes(':sts::') || /^AROA/.test(whole)) always.add(r);
          else add(named, whole, r);
        }
      }
    }
    for (const req of r.requests) {
      const k = `${req.action}\u0000${req.service}\u0000${req.via ?? ''}`;
      const call = byAction.get(k) ?? { action: req.action, service: req.service, via: req.via, byAccount: new Map<string, Map<string, PrefixGroup>>() };
      byAction.set(k, call);
      const account = r.resource.provider.account ?? '';
      const groups = call.byAccount.get(account) ?? new Map<string, PrefixGroup>();
      call.byAccount.set(account, groups);
      const arn = leading(req.arn);
      const group = groups.get(arn.prefix) ?? { prefix: arn.prefix, all: [], byHole: new Map<string, Target[]>(), noHole: [] };
      groups.set(arn.prefix, group);
      const t = { r, arn };
      group.all.push(t);
      if (arn.thenHole) group.byHole.set(arn.thenHole, [...(group.byHole.get(arn.thenHole) ?? []), t]);
      else group.noHole.push(t);
    }
  }

  /** The targets of `groups` a statement resource could match (see the rules in the loop). */
  const matching = (groups: Map<string, PrefixGroup>, pattern: ReturnType<typeof leading>): Target[] => {
    const out: Target[] = [];
    for (const g of groups.values()) {
      // Known prefixes that disagree never match.
      if (!g.prefix.startsWith(pattern.prefix) && !pattern.prefix.startsWith(g.prefix)) continue;
      if (g.prefix === pattern.prefix) {
        // Equal prefixes followed by two different resource-unique values never match.
        if (pattern.thenHole) out.push(...(g.byHole.get(pattern.thenHole) ?? []), ...g.noHole);
        else out.push(...g.all);
      } else {
        // Two fully known ARNs with different prefixes never match.
        out.push(...(pattern.exact ? g.all.filter((t) => !t.arn.exact) : g.all));
      }
    }
    return out;
  };

  return (p) => {
    const out = new Set<DataResource>(always);
    const arn = concrete(p.caller.arn);
    const account = p.caller.account;
    for (const r of (arn && named.get(arn)) || []) out.add(r);
    // Naming the principal's account allows nothing by itself: an identity policy must allow too.
    const accountNamed = new Set<DataResource>();
    for (const n of [account, account ? `arn:${p.caller.partition ?? 'aws'}:iam::${account}:root` : undefined]) for (const r of (n && named.get(n)) || []) accountNamed.add(r);
    for (const { action, service, via, byAccount } of byAction.values()) {
      // Across accounts an identity policy alone never allows: the resource policy must name the
      // principal or its account, which the lookups above already found.
      const groups = account ? [byAccount.get(account), byAccount.get('')] : [...byAccount.values()];
      const crossNamed = [...accountNamed].filter((r) => r.resource.provider.account !== account && r.requests.some((q) => q.action === action));
      const allowing = identityAllowStatements(p, action);
      // Conditions decided by the principal and the call alone (such as kms:ViaService) rule a
      // statement out for every resource; resource-dependent keys stay unknown and keep it in.
      const skeleton = principalContext(p, service, via);
      const statements = allowing === 'any' ? allowing : allowing.filter((st) => st.conditions.every((c) => evaluateCondition(c, skeleton) !== 'no'));
      if (statements !== 'any' && statements.length === 0) continue;
      crossNamed.forEach((r) => out.add(r));
      for (const g of groups) {
        if (!g) continue;
        if (statements === 'any') {
          for (const group of g.values()) group.all.forEach((t) => out.add(t.r));
          continue;
        }
        for (const st of statements) {
          const patterns = st.resource ? st.resource.map(leading) : [{ prefix: '', exact: false }];
          for (const pattern of patterns) for (const t of matching(g, pattern)) out.add(t.r);
        }
      }
    }
    return out;
  };
}

function emptyEvidence(kind: IsolationKind, from: string, to: string, principals: readonly Principal[], data: readonly DataResource[]): string {
  if (kind === 'network') return `no route and security group rule together lead from ${from} to ${to}`;
  const count = data.filter((d) => d.kind === kind && d.tenant === to).length;
  if (count === 0) return `tenant ${to} has no ${kind} resources`;
  if (!principals.some((p) => p.tenant === from)) return `tenant ${from} has no IAM roles`;
  return `no policy could let a principal of ${from} reach ${to}'s ${kind}: no identity statement of theirs matches it and no resource policy names them`;
}

function discoverTenants(index: TerraformIndex): string[] {
  const found = new Set<string>();
  for (const type of TAGGED_TYPES) {
    for (const r of index.resources(type)) {
      const t = index.ownTags(r).Tenant;
      if (t && !t.includes(':')) found.add(t);
    }
  }
  return [...found].sort();
}

const TAGGED_TYPES = [
  'aws_iam_role',
  'aws_kms_key',
  'aws_secretsmanager_secret',
  'aws_s3_bucket',
  'aws_db_instance',
  'aws_security_group',
  'aws_vpc',
  'aws_backup_vault',
  'aws_instance',
  'aws_db_subnet_group',
];

const DATA_TYPES = ['aws_kms_key', 'aws_secretsmanager_secret', 'aws_s3_bucket', 'aws_db_instance'];

/**
 * The tenants whose data a resource holds: its `Tenant` tag; or, untagged, the tenants of the
 * resources that use it (a pool's per-tenant key is used by that tenant's database, vault and
 * logs). IAM and KMS resources do not count as use: a policy naming a key grants, it does not
 * store data with it.
 */
function dataOwners(index: TerraformIndex, tenantOf: (r: TfResource) => string | undefined): { of: (r: TfResource) => string[]; unattributed: string[] } {
  const users = new Map<string, Set<string>>();
  for (const type of index.resourceTypes()) {
    if (type.startsWith('aws_iam_') || type.startsWith('aws_kms_')) continue;
    for (const r of index.resources(type)) {
      const tenant = tenantOf(r);
      if (!tenant) continue;
      for (const m of JSON.stringify(r.body).matchAll(/\$\{(aws_[a-z0-9_]+)\.([A-Za-z0-9_-]+)\./g)) {
        if (!DATA_TYPES.includes(m[1])) continue;
        const key = `${r.stack}/${m[1]}.${m[2]}`;
        users.set(key, new Set([...(users.get(key) ?? []), tenant]));
      }
    }
  }
  const of = (r: TfResource): string[] => {
    const own = tenantOf(r);
    return own ? [own] : [...(users.get(r.address) ?? [])].sort();
  };
  const tenantStacks = new Set(
    index
      .resources('aws_iam_role')
      .filter((r) => tenantOf(r))
      .map((r) => r.stack),
  );
  const unattributed = DATA_TYPES.flatMap((type) =>
    index
      .resources(type)
      .filter((r) => tenantStacks.has(r.stack) && of(r).length === 0)
      .map((r) => r.address),
  );
  return { of, unattributed };
}

/**
 * The tenants that use a role with no tenant of its own: those whose resources reference it or
 * name its ARN (a key policy granting it, an instance profile, a task definition). A role used by
 * two tenants is a principal of both, so whatever it reaches of one is reachable from the other.
 */
function roleUsers(index: TerraformIndex, tenantOf: (r: TfResource) => string | undefined, ownersOf: (r: TfResource) => string[]): Map<string, Set<string>> {
  const byArn = new Map<string, string>();
  for (const role of index.resources('aws_iam_role')) {
    const arn = concrete(index.roleArn(role));
    if (arn && !tenantOf(role)) byArn.set(arn, role.address);
  }
  const users = new Map<string, Set<string>>();
  const add = (address: string, tenants: readonly string[]) => users.set(address, new Set([...(users.get(address) ?? []), ...tenants]));
  for (const type of index.resourceTypes()) {
    for (const r of index.resources(type)) {
      const own = tenantOf(r);
      const tenants = own ? [own] : DATA_TYPES.includes(r.type) ? ownersOf(r) : [];
      if (tenants.length === 0) continue;
      const body = JSON.stringify(r.body);
      for (const m of body.matchAll(/\$\{aws_iam_role\.([A-Za-z0-9_-]+)\./g)) {
        const address = `${r.stack}/aws_iam_role.${m[1]}`;
        if (address !== r.address) add(address, tenants);
      }
      for (const [arn, address] of byArn) if (address !== r.address && body.includes(arn)) add(address, tenants);
    }
  }
  return users;
}

// ---------------------------------------------------------------------------------------------
// Identity policies

/** Whether an attachment's `role` (`user`, `group`) value names `role` (a role, user or group). */
export function namesRole(index: TerraformIndex, attachment: TfResource, value: unknown, role: TfResource): Tri {
  const ref = wholeReference(value);
  if (ref) {
    if (ref.type !== role.type || ref.data) return 'maybe';
    const target = index.get(attachment.stack, ref.type, ref.name);
    if (!target) return 'maybe';
    return target === role ? 'yes' : 'no';
  }
  if (typeof value !== 'string' || value.includes('${')) return 'maybe';
  if (attachment.provider.account && role.provider.account && attachment.provider.account !== role.provider.account) return 'no';
  const name = index.literal(role, 'name');
  if (!name) return 'maybe';
  return value === name ? 'yes' : 'no';
}

export function attachedPolicy(index: TerraformIndex, attachment: TfResource, arn: unknown): Policy {
  const source = attachment.address;
  const ref = wholeReference(arn);
  if (ref && ref.type === 'aws_iam_policy' && !ref.data && (ref.attr === 'arn' || ref.attr === 'id')) {
    const policy = index.get(attachment.stack, ref.type, ref.name);
    if (policy) return index.policy(policy.stack, policy.body.policy, policy.address);
  }
  if (typeof arn === 'string' && !arn.includes('${')) {
    if (awsManagedPolicyName(arn)) return awsManagedPolicy(arn, source);
    const m = /^arn:[\w-]+:iam::(\d{12}):policy(\/.*\/|\/)([^/]+)$/.exec(arn);
    const found = m
      ? index.resources('aws_iam_policy').find((p) => p.provider.account === m[1] && index.literal(p, 'name') === m[3] && (index.literal(p, 'path') ?? '/') === m[2])
      : undefined;
    if (found) return index.policy(found.stack, found.body.policy, found.address);
  }
  return { source, statements: [], unreadable: `policy ${typeof arn === 'string' ? arn : 'reference'} could not be resolved` };
}

const ROLE_LINKS = new WeakMap<TerraformIndex, { byStack: Map<string, TfResource[]>; byLiteral: Map<string, TfResource[]>; other: TfResource[] }>();

/**
 * Role policies and attachments grouped by where the role they name can be: a reference names a
 * role of its own stack, a literal names a role by name anywhere; anything else could be any role.
 * Looking only there keeps the attachment search linear instead of roles x attachments.
 */
function roleLinks(index: TerraformIndex): { byStack: Map<string, TfResource[]>; byLiteral: Map<string, TfResource[]>; other: TfResource[] } {
  const cached = ROLE_LINKS.get(index);
  if (cached) return cached;
  const byStack = new Map<string, TfResource[]>();
  const byLiteral = new Map<string, TfResource[]>();
  const other: TfResource[] = [];
  const push = (map: Map<string, TfResource[]>, k: string, r: TfResource) => map.set(k, [...(map.get(k) ?? []), r]);
  for (const type of ['aws_iam_role_policy', 'aws_iam_role_policy_attachment', 'aws_iam_policy_attachment']) {
    for (const r of index.resources(type)) {
      const values: unknown[] = type === 'aws_iam_policy_attachment' ? (Array.isArray(r.body.roles) ? r.body.roles : []) : [r.body.role];
      for (const v of values) {
        if (typeof v !== 'string') other.push(r);
        else if (/^\$\{aws_iam_role\.[A-Za-z0-9_-]+\.(name|id)\}$/.test(v)) push(byStack, r.stack, r);
        else if (!v.includes('${')) push(byLiteral, v, r);
        else other.push(r);
      }
    }
  }
  const links = { byStack, byLiteral, other };
  ROLE_LINKS.set(index, links);
  return links;
}

export function identityPolicies(index: TerraformIndex, role: TfResource): { identity: Policy[]; boundary?: Policy } {
  const identity: Policy[] = [];
  const add = (policy: Policy, attached: Tri, what: string) => {
    if (attached === 'no') return;
    identity.push(attached === 'maybe' ? { ...policy, uncertain: `${what} could not be tied to a role` } : policy);
  };
  const inline = Array.isArray(role.body.inline_policy) ? role.body.inline_policy : [];
  inline.forEach((block, i) => {
    if (typeof block === 'object' && block !== null && 'policy' in block)
      add(index.policy(role.stack, (block as { policy: unknown }).policy, `${role.address}.inline_policy[${i}]`), 'yes', 'inline policy');
  });
  for (const arn of Array.isArray(role.body.managed_policy_arns) ? role.body.managed_policy_arns : []) add(attachedPolicy(index, role, arn), 'yes', 'managed policy');
  const links = roleLinks(index);
  const name = index.literal(role, 'name');
  const nearby = new Set<TfResource>([...(links.byStack.get(role.stack) ?? []), ...((typeof name === 'string' && links.byLiteral.get(name)) || []), ...links.other]);
  const linked = (type: string) => [...nearby].filter((r) => r.type === type);
  for (const rp of linked('aws_iam_role_policy')) {
    add(index.policy(rp.stack, rp.body.policy, rp.address), namesRole(index, rp, rp.body.role, role), rp.address);
  }
  for (const att of linked('aws_iam_role_policy_attachment')) {
    const attached = namesRole(index, att, att.body.role, role);
    if (attached !== 'no') add(attachedPolicy(index, att, att.body.policy_arn), attached, att.address);
  }
  for (const att of linked('aws_iam_policy_attachment')) {
    const roles = Array.isArray(att.body.roles) ? att.body.roles : [];
    const attached = roles.reduce<Tri>((acc, r) => (acc === 'yes' ? acc : namesRole(index, att, r, role) === 'no' ? acc : namesRole(index, att, r, role)), 'no');
    if (attached !== 'no') add(attachedPolicy(index, att, att.body.policy_arn), attached, att.address);
  }
  const boundaryArn = role.body.permissions_boundary;
  const boundary = typeof boundaryArn === 'string' && boundaryArn !== '' ? attachedPolicy(index, role, boundaryArn) : undefined;
  return boundary ? { identity, boundary } : { identity };
}

// ---------------------------------------------------------------------------------------------
// Resources and their checks

/** Services whose resources carry `aws:ResourceTag/*` in the request context for the actions checked. */
type Service = 'kms' | 'secretsmanager' | 's3' | 'rds-db';

const CONTEXTS = new WeakMap<Principal, Map<string, RequestContext>>();

/** The request context of a principal acting on a resource (memoised: each pair is asked per action). */
function contextFor(p: Principal, resource: TfResource, resourceTags: Record<string, string>, service: Service, viaService?: string): RequestContext {
  const byResource = CONTEXTS.get(p) ?? new Map<string, RequestContext>();
  CONTEXTS.set(p, byResource);
  const key = `${resource.stack}\u0000${resource.address}\u0000${service}\u0000${viaService ?? ''}`;
  const cached = byResource.get(key);
  if (cached) return cached;
  const context = buildContext(p, resource, resourceTags, service, viaService);
  byResource.set(key, context);
  return context;
}

function buildContext(p: Principal, resource: TfResource, resourceTags: Record<string, string>, service: Service, viaService?: string): RequestContext {
  const values = principalValues(p, service, viaService);
  if (resource.provider.account) values['aws:ResourceAccount'] = resource.provider.account;
  if (resource.provider.region) values['aws:RequestedRegion'] = resource.provider.region;
  const families = ['aws:PrincipalTag/'];
  if (service === 'kms' || service === 'secretsmanager') {
    for (const [k, v] of Object.entries(resourceTags)) values[`aws:ResourceTag/${k}`] = v;
    families.push('aws:ResourceTag/');
  }
  return requestContext(values, families);
}

export function keyPolicies(index: TerraformIndex, key: TfResource): Policy[] {
  const standalone = index.resources('aws_kms_key_policy').filter((kp) => index.target(kp.stack, kp.body.key_id)?.resource === key);
  if (standalone.length > 0) return standalone.map((kp) => index.policy(kp.stack, kp.body.policy, kp.address));
  if (key.body.policy !== undefined) return [index.policy(key.stack, key.body.policy, key.address)];
  // No policy argument: AWS applies the default key policy, which delegates to the account.
  const account = key.provider.account ?? '*';
  return [
    {
      source: `${key.address} (default key policy)`,
      statements: [
        {
          sid: 'DefaultKeyPolicy',
          effect: 'Allow',
          principal: { AWS: [text(`arn:${key.provider.partition}:iam::${account}:root`)] },
          action: [text('kms:*')],
          resource: [text('*')],
          conditions: [],
        },
      ],
    },
  ];
}

function keyGrants(index: TerraformIndex, key: TfResource, p: Principal, action: string): Array<{ source: string; applies: Tri }> {
  return index
    .resources('aws_kms_grant')
    .filter((g) => index.target(g.stack, g.body.key_id)?.resource === key)
    .map((g) => {
      const grantee = typeof g.body.grantee_principal === 'string' ? index.toText(g.stack, g.body.grantee_principal) : hole('grantee');
      const operations = Array.isArray(g.body.operations) ? g.body.operations.filter((o): o is string => typeof o === 'string') : [];
      const op = action.replace(/^kms:/, '');
      const covers = operations.some((o) => o === op) ? 'yes' : 'no';
      const who = matchText(grantee, p.caller.arn, { wildcards: false });
      return { source: g.address, applies: covers === 'yes' ? who : 'no' };
    });
}

const KEY_POLICIES = new WeakMap<TfResource, Policy[]>();
const KEY_GRANTS = new WeakMap<TfResource, boolean>();

function hasGrants(index: TerraformIndex, key: TfResource): boolean {
  const cached = KEY_GRANTS.get(key);
  if (cached !== undefined) return cached;
  const found = index.resources('aws_kms_grant').some((g) => index.target(g.stack, g.body.key_id)?.resource === key || typeof g.body.key_id !== 'string');
  KEY_GRANTS.set(key, found);
  return found;
}

const IDENTITY_ALLOWS = new WeakMap<Principal, Map<string, readonly Statement[] | 'any'>>();

/** The identity Allow statements of `p` whose actions might include `action` ('any': unreadable). */
function identityAllowStatements(p: Principal, action: string): readonly Statement[] | 'any' {
  const byAction = IDENTITY_ALLOWS.get(p) ?? new Map<string, readonly Statement[] | 'any'>();
  IDENTITY_ALLOWS.set(p, byAction);
  const cached = byAction.get(action);
  if (cached !== undefined) return cached;
  const wanted = text(action);
  const actionMatches = (st: Statement) =>
    st.action
      ? st.action.some((a) => matchText(a, wanted, { ignoreCase: true, wildcards: true }) !== 'no')
      : st.notAction
        ? !st.notAction.some((a) => matchText(a, wanted, { ignoreCase: true, wildcards: true }) === 'yes')
        : true;
  const result: readonly Statement[] | 'any' = p.identity.some(
    (pol) => pol.unreadable !== undefined || pol.uncertain !== undefined || pol.statements.some((st) => st.unreadable !== undefined),
  )
    ? 'any'
    : p.identity.flatMap((pol) => pol.statements.filter((st) => st.effect === 'Allow' && actionMatches(st)));
  byAction.set(action, result);
  return result;
}

/**
 * Whether an identity policy of `p` might allow `action` on `resource`, judged on actions and
 * resources alone (conditions and denies can only narrow it). Resources holding a policy variable
 * might match anything.
 */
function identityMayAllow(p: Principal, action: string, resource: Text): boolean {
  const statements = identityAllowStatements(p, action);
  if (statements === 'any') return true;
  return statements.some((st) => {
    if (!st.resource) return true;
    return st.resource.some((r) => r.some((part) => part.kind === 'text' && part.value.includes('${')) || matchText(r, resource, { existential: true }) !== 'no');
  });
}

/**
 * Without an identity policy that could allow the action, only a key policy statement naming the
 * role itself (or everyone) could. When none can, the answer is deny without building the request:
 * the same verdict the full evaluation reaches, found in a fraction of the time.
 */
function keyNamesCallerDirectly(policies: readonly Policy[], p: Principal): boolean {
  return policies.some(
    (pol) =>
      pol.unreadable !== undefined ||
      pol.uncertain !== undefined ||
      pol.statements.some(
        (st) =>
          st.effect === 'Allow' &&
          (st.unreadable !== undefined ||
            st.notPrincipal !== undefined ||
            (st.principal !== undefined && matchPrincipal(st.principal, p.caller).direct !== 'no') ||
            (st.principal === undefined && st.notPrincipal === undefined)),
      ),
  );
}

const QUICK_DENY: AccessDecision = { verdict: 'deny', reasons: ['no allow (no identity policy allows this action, and no resource policy names the role)'] };

/**
 * Every way to an allow needs either an identity policy that allows the action or a resource
 * policy (or grant) that names the caller itself; when neither exists the verdict is deny.
 */
function quickDeny(p: Principal, action: string, resource: Text, resourcePolicies: readonly Policy[]): boolean {
  return !identityMayAllow(p, action, resource) && !keyNamesCallerDirectly(resourcePolicies, p);
}

function decideKey(index: TerraformIndex, key: TfResource, p: Principal, action: string, viaService?: string): AccessDecision {
  const tags = index.tags(key);
  const policies = KEY_POLICIES.get(key) ?? keyPolicies(index, key);
  KEY_POLICIES.set(key, policies);
  if (quickDeny(p, action, index.keyArn(key), policies) && !hasGrants(index, key)) return QUICK_DENY;
  return decideAccess({
    request: { action, resource: index.keyArn(key), caller: p.caller, context: contextFor(p, key, tags, 'kms', viaService) },
    identity: p.identity,
    boundary: p.boundary,
    resourcePolicies: policies,
    grants: keyGrants(index, key, p, action),
    service: 'kms',
    resourceAccount: key.provider.account,
  });
}

/** Reading and writing objects; `s3:GetObjectVersion` reads any version, the current one included. */
const BUCKET_ACTIONS = ['s3:GetObject', 's3:GetObjectVersion', 's3:PutObject'];

function dataResources(index: TerraformIndex, ownersOf: (r: TfResource) => string[]): DataResource[] {
  const out: DataResource[] = [];
  const tagged = (type: string) => index.resources(type).flatMap((r) => ownersOf(r).map((tenant) => ({ r, tenant })));

  for (const { r: key, tenant } of tagged('aws_kms_key')) {
    out.push({
      resource: key,
      tenant,
      kind: 'kms',
      requests: ['kms:Decrypt', 'kms:GenerateDataKey'].map((action) => ({ action, arn: index.keyArn(key), service: 'kms' as const })),
      policies: KEY_POLICIES.get(key) ?? keyPolicies(index, key),
      always: hasGrants(index, key),
      check: (p) => ['kms:Decrypt', 'kms:GenerateDataKey'].map((action) => ({ label: action, decision: decideKey(index, key, p, action) })),
    });
  }

  for (const { r: secret, tenant } of tagged('aws_secretsmanager_secret')) {
    const policies = [
      ...(secret.body.policy !== undefined ? [index.policy(secret.stack, secret.body.policy, secret.address)] : []),
      ...index
        .resources('aws_secretsmanager_secret_policy')
        .filter((sp) => index.target(sp.stack, sp.body.secret_arn)?.resource === secret)
        .map((sp) => index.policy(sp.stack, sp.body.policy, sp.address)),
    ];
    out.push({
      resource: secret,
      tenant,
      kind: 'secret',
      requests: [{ action: 'secretsmanager:GetSecretValue', arn: index.secretArn(secret), service: 'secretsmanager' as const }],
      policies,
      check: (p) => [
        {
          label: 'secretsmanager:GetSecretValue',
          decision: quickDeny(p, 'secretsmanager:GetSecretValue', index.secretArn(secret), policies)
            ? QUICK_DENY
            : decideAccess({
                request: {
                  action: 'secretsmanager:GetSecretValue',
                  resource: index.secretArn(secret),
                  caller: p.caller,
                  context: contextFor(p, secret, index.tags(secret), 'secretsmanager'),
                },
                identity: p.identity,
                boundary: p.boundary,
                resourcePolicies: policies,
                service: 'other',
                resourceAccount: secret.provider.account,
              }),
        },
      ],
    });
  }

  for (const { r: db, tenant } of tagged('aws_db_instance')) {
    if (db.body.manage_master_user_password === true) {
      const target = index.target(db.stack, db.body.master_user_secret_kms_key_id)?.resource;
      const viaKey = target !== undefined && target.type === 'aws_kms_key';
      out.push({
        resource: db,
        tenant,
        kind: 'secret',
        requests: viaKey
          ? [undefined, `secretsmanager.${target.provider.region ?? db.provider.region}.amazonaws.com`].map((via) => ({
              action: 'kms:Decrypt',
              arn: index.keyArn(target),
              service: 'kms' as const,
              via,
            }))
          : [{ action: 'secretsmanager:GetSecretValue', arn: text('*'), service: 'secretsmanager' as const }],
        policies: viaKey ? (KEY_POLICIES.get(target) ?? keyPolicies(index, target)) : [],
        always: !viaKey || hasGrants(index, target),
        check: (p) => masterSecretCheck(index, db, p),
      });
    }
    const p = db.provider;
    const acct = p.account ? text(p.account) : hole('account');
    const userArn = concat(
      `arn:${p.partition}:rds-db:`,
      p.region ? text(p.region) : hole('region'),
      ':',
      acct,
      ':dbuser:',
      hole(`${db.type}.${db.name}.resource_id`, `${db.address}.resource_id`),
      '/',
      hole('database user', undefined, true),
    );
    out.push({
      resource: db,
      tenant,
      kind: 'database',
      requests: [{ action: 'rds-db:connect', arn: userArn, service: 'rds-db' as const }],
      policies: [],
      check: (principal) => [
        {
          label: 'rds-db:connect',
          decision: quickDeny(principal, 'rds-db:connect', userArn, [])
            ? QUICK_DENY
            : decideAccess({
                request: { action: 'rds-db:connect', resource: userArn, caller: principal.caller, context: contextFor(principal, db, index.tags(db), 'rds-db') },
                identity: principal.identity,
                boundary: principal.boundary,
                service: 'other',
                resourceAccount: db.provider.account,
              }),
        },
      ],
    });
  }

  for (const { r: bucket, tenant } of tagged('aws_s3_bucket')) {
    const policies = [
      ...(bucket.body.policy !== undefined ? [index.policy(bucket.stack, bucket.body.policy, bucket.address)] : []),
      ...index
        .resources('aws_s3_bucket_policy')
        .filter((bp) => index.target(bp.stack, bp.body.bucket)?.resource === bucket || (typeof bp.body.bucket === 'string' && bp.body.bucket === bucket.body.bucket))
        .map((bp) => index.policy(bp.stack, bp.body.policy, bp.address)),
    ];
    const objects = concat(`arn:${bucket.provider.partition}:s3:::`, index.bucketName(bucket), '/', hole('object key', undefined, true));
    out.push({
      resource: bucket,
      tenant,
      kind: 'bucket',
      requests: BUCKET_ACTIONS.map((action) => ({ action, arn: objects, service: 's3' as const })),
      policies,
      check: (p) =>
        BUCKET_ACTIONS.map((action) => ({
          label: action,
          decision: quickDeny(p, action, objects, policies)
            ? QUICK_DENY
            : decideAccess({
                request: { action, resource: objects, caller: p.caller, context: contextFor(p, bucket, index.tags(bucket), 's3') },
                identity: p.identity,
                boundary: p.boundary,
                resourcePolicies: policies,
                service: 'other',
                resourceAccount: bucket.provider.account,
              }),
        })),
    });
  }
  return out;
}

/**
 * The master secret RDS keeps for a database: reading it needs `kms:Decrypt` on
 * `master_user_secret_kms_key_id`, directly or through Secrets Manager, so it is reachable iff the
 * principal can decrypt with that key (the stronger of the two).
 */
function masterSecretCheck(index: TerraformIndex, db: TfResource, p: Principal): Array<{ label: string; decision: AccessDecision }> {
  const keyRef = db.body.master_user_secret_kms_key_id;
  const target = index.target(db.stack, keyRef)?.resource;
  if (target && target.type === 'aws_kms_key') {
    const region = target.provider.region ?? db.provider.region;
    const direct = decideKey(index, target, p, 'kms:Decrypt');
    const via = decideKey(index, target, p, 'kms:Decrypt', region ? `secretsmanager.${region}.amazonaws.com` : undefined);
    const order: AccessVerdict[] = ['deny', 'might-allow', 'allow'];
    const best = order.indexOf(via.verdict) > order.indexOf(direct.verdict) ? via : direct;
    return [{ label: `master user secret (kms:Decrypt on ${target.address})`, decision: best }];
  }
  if (keyRef === undefined) {
    // The AWS-managed aws/secretsmanager key: anyone the secret's identity policies let read it.
    const p2 = db.provider;
    const arn = concat(
      `arn:${p2.partition}:secretsmanager:`,
      p2.region ?? '*',
      ':',
      p2.account ?? '*',
      ':secret:rds!db-',
      hole(`${db.address}.master_user_secret`, `${db.address}.master_user_secret`),
    );
    return [
      {
        label: 'master user secret (secretsmanager:GetSecretValue)',
        decision: quickDeny(p, 'secretsmanager:GetSecretValue', arn, [])
          ? QUICK_DENY
          : decideAccess({
              request: { action: 'secretsmanager:GetSecretValue', resource: arn, caller: p.caller, context: contextFor(p, db, index.tags(db), 'secretsmanager') },
              identity: p.identity,
              boundary: p.boundary,
              service: 'other',
              resourceAccount: db.provider.account,
            }),
      },
    ];
  }
  return [
    {
      label: 'master user secret',
      decision: {
        verdict: 'might-allow',
        reasons: [`master_user_secret_kms_key_id ${show(typeof keyRef === 'string' ? index.toText(db.stack, keyRef) : text('?'))} could not be resolved`],
      },
    },
  ];
}

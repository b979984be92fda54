/**
 * Config -> stacks. Pure wiring: placement, CIDRs and peerings are decided by lib/plan, module
 * composition by lib/constructs/registry; this file only turns the plan into stacks.
 */
import { recordAuditRetention, recordConfigSuppressions } from '../lib/constructs/kernel/suppress';
import { App } from 'cdktf';
import { HipaaConfig } from '../lib/config/schema';
import { HipaaValidationError, Problem } from '../lib/errors';
import { HipaaPlan, PlacementLock } from '../lib/plan/types';
import { plan as makePlan } from '../lib/plan';
import { baselineStackName } from '../lib/plan/naming';
import { ResolvedModule } from '../lib/constructs/registry/registry';
import { TenantContext } from '../lib/constructs/registry/context';
import { CATALOG, DEFAULT_TENANT_MODULES } from '../lib/constructs/registry/catalog';
import { AccountBaselineStack } from './account-baseline-stack';
import { HipaaStack } from './hipaa-stack';
import { TenantStack } from './tenant-stack';
import { PeeringStack } from './peering-stack';

export interface BuildOptions {
  /** Where synth writes. */
  readonly outdir: string;
  /** The placement lock from the previous run (keeps every placed VPC where it is). */
  readonly lock?: PlacementLock;
  /** AWS Config conformance pack template for each baseline. */
  readonly conformancePackTemplate?: string;
}

export interface BuiltApp {
  readonly app: App;
  readonly plan: HipaaPlan;
  readonly stacks: HipaaStack[];
  /** Stack name -> the stacks it must be applied after. */
  readonly dependencies: Record<string, string[]>;
}

/** Stacks in an order that applies every stack after the stacks it depends on (stable by name). */
export function applyOrder(dependencies: Record<string, string[]>): string[][] {
  const waves: string[][] = [];
  const done = new Set<string>();
  let left = Object.keys(dependencies).sort();
  while (left.length > 0) {
    const wave = left.filter((n) => dependencies[n].every((d) => done.has(d)));
    if (wave.length === 0) throw new Error(`stack dependencies form a cycle: ${left.join(', ')}`);
    wave.forEach((n) => done.add(n));
    waves.push(wave);
    left = left.filter((n) => !done.has(n));
  }
  return waves;
}

/** Common tags of every resource of the configuration. */
export function baseTags(config: HipaaConfig): Record<string, string> {
  return { ManagedBy: 'hipaa-cdktf', Environment: config.environment, Organization: config.organization, ...config.tags };
}

/** Resolves every tenant's modules against the registry; throws one error listing every problem. */
export function resolveTenantModules(config: HipaaConfig): Map<string, ResolvedModule<TenantContext>[]> {
  const problems: Problem[] = [];
  const resolved = new Map<string, ResolvedModule<TenantContext>[]>();
  config.tenants.forEach((t, i) => {
    const uses = t.modules ?? DEFAULT_TENANT_MODULES[t.mode];
    const scope = t.mode === 'pooled' ? 'pooled-tenant' : 'dedicated-tenant';
    const r = CATALOG.resolve(uses, scope, `tenants[${i}].modules`, `tenant "${t.id}"`);
    problems.push(...r.problems);
    resolved.set(t.id, r.modules);
  });
  if (problems.length > 0) throw new HipaaValidationError('Configuration', problems);
  return resolved;
}

/** Builds every stack of a configuration into a new App (does not synthesize). */
export function buildApp(config: HipaaConfig, options: BuildOptions): BuiltApp {
  let plan: HipaaPlan | undefined;
  let modules: Map<string, ResolvedModule<TenantContext>[]> | undefined;
  const problems: Problem[] = [];
  for (const step of [() => (plan = makePlan(config, options.lock)), () => (modules = resolveTenantModules(config))]) {
    try {
      step();
    } catch (e) {
      if (!(e instanceof HipaaValidationError)) throw e;
      problems.push(...e.problems);
    }
  }
  if (problems.length > 0 || !plan || !modules) throw new HipaaValidationError('Configuration', problems);

  const app = new App({ outdir: options.outdir, skipValidation: true, stackTraces: false });
  const stacks: HipaaStack[] = [];
  const dependencies: Record<string, string[]> = {};
  const tags = baseTags(config);
  const common = { backend: config.backend, organization: config.organization };
  const baselineOf = (accountName: string) => baselineStackName(accountName);

  for (const account of config.accounts) {
    stacks.push(
      new AccountBaselineStack(app, baselineStackName(account.name), {
        ...common,
        account,
        region: config.homeRegion,
        tags: { ...tags, DataClassification: 'Audit', Tenant: 'shared' },
        baseline: {
          auditRetentionDays: config.auditRetentionDays,
          auditRetentionAcknowledgement: config.auditRetentionAcknowledgement,
          additionalRegions: account.regions,
          alarmEndpoints: config.alarms,
          autoScalingServiceLinkedRole: account.autoScalingServiceLinkedRole,
          conformancePackTemplate: options.conformancePackTemplate,
        },
      }),
    );
    dependencies[baselineStackName(account.name)] = [];
  }
  const tenantsByVpc = new Map<string, HipaaPlan['tenants']>();
  for (const t of plan.tenants) tenantsByVpc.set(t.vpcId, [...(tenantsByVpc.get(t.vpcId) ?? []), t]);
  for (const vpc of plan.vpcs) {
    const tenants = (tenantsByVpc.get(vpc.id) ?? []).map((t) => ({ plan: t, modules: (modules as Map<string, ResolvedModule<TenantContext>[]>).get(t.id) ?? [] }));
    stacks.push(
      new TenantStack(app, vpc.stackName, {
        ...common,
        config,
        vpc,
        tenants,
        inboundPeers: plan.peerings.flatMap((p) => p.rules.filter((r) => r.to === vpc.id).map((r) => ({ name: r.from, cidr: r.fromCidr, ports: r.ports }))),
        tags: { ...tags, DataClassification: 'PHI', Tenant: vpc.kind === 'pool' ? `pool:${vpc.id}` : vpc.id },
      }),
    );
    dependencies[vpc.stackName] = [baselineOf(vpc.account.name)];
  }
  for (const peering of plan.peerings) {
    stacks.push(new PeeringStack(app, peering.stackName, { ...common, config, peering, tags: { ...tags, DataClassification: 'PHI', Tenant: peering.id } }));
    dependencies[peering.stackName] = [peering.requester.stackName, peering.accepter.stackName];
  }
  // Declared to cdktf too, so manifest.json lists them and `cdktf deploy` applies in order.
  const byName = new Map(stacks.map((st) => [st.stackName, st]));
  for (const [name, deps] of Object.entries(dependencies)) {
    for (const dep of deps) byName.get(name)?.addDependency(byName.get(dep) as HipaaStack);
  }
  // Carried in each stack's JSON, so any stack checked alone gets the synth verdict.
  const configSuppressions = config.suppressions.map((s) => ({ rule: s.rule, reason: s.reason, expires: s.expires, resources: s.resources }));
  for (const stack of stacks) {
    recordConfigSuppressions(stack, configSuppressions);
    recordAuditRetention(stack, config.auditRetentionDays);
  }
  return { app, plan, stacks, dependencies };
}

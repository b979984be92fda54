/**
 * Config -> stacks. Pure wiring: every decision (placement, CIDRs, peerings) is made by lib/plan.
 */
import { App } from 'cdktf';
import { HipaaConfig } from '../lib/config/schema';
import { AccountBaselineStack } from './account-baseline-stack';
import { HipaaStack } from './hipaa-stack';
import { baselineStackName } from '../lib/plan/naming';

export interface BuildOptions {
  /** Where synth writes. */
  readonly outdir: string;
  /** AWS Config conformance pack template for each baseline. */
  readonly conformancePackTemplate?: string;
}

export interface BuiltApp {
  readonly app: App;
  readonly stacks: HipaaStack[];
}

/** Common tags of every resource of the configuration. */
export function baseTags(config: HipaaConfig): Record<string, string> {
  return { ManagedBy: 'hipaa-cdktf', Environment: config.environment, Organization: config.organization, ...config.tags };
}

/** Builds every stack of a configuration into a new App (does not synthesize). */
export function buildApp(config: HipaaConfig, options: BuildOptions): BuiltApp {
  const app = new App({ outdir: options.outdir, skipValidation: false });
  const stacks: HipaaStack[] = [];
  for (const account of config.accounts) {
    const name = baselineStackName(account.name);
    stacks.push(
      new AccountBaselineStack(app, name, {
        account,
        region: config.homeRegion,
        backend: config.backend,
        organization: config.organization,
        tags: { ...baseTags(config), DataClassification: 'Audit', Tenant: 'shared' },
        baseline: {
          auditRetentionDays: config.auditRetentionDays,
          auditRetentionAcknowledgement: config.auditRetentionAcknowledgement,
          additionalRegions: account.regions,
          conformancePackTemplate: options.conformancePackTemplate,
        },
      }),
    );
  }
  return { app, stacks };
}

import { Construct } from 'constructs';
import { LocalBackend, S3Backend, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { BackendConfig, HipaaConfig } from '../lib/config/schema';
import { DeploymentTarget, resolveDeploymentTarget } from '../lib/constructs/kernel/context';
import { workspaceNameOf } from '../lib/plan/naming';
import { partitionOf } from '../lib/config/regions';

export interface StackAccount {
  readonly name: string;
  readonly id: string;
  readonly roleName: string;
}

export interface HipaaStackProps {
  /** Where the stack deploys. */
  readonly account: StackAccount;
  readonly region: string;
  /** Where its state lives. */
  readonly backend: BackendConfig;
  /** Tags on every resource, through the provider's `default_tags`. */
  readonly tags: Record<string, string>;
  /** Organization slug (default Terraform Cloud workspace prefix). */
  readonly organization: string;
}

/** Where a stack of `config` deploys: an account and Region, with the configuration's audit retention. */
export function configTarget(config: HipaaConfig, accountId: string, region: string, stackName: string): DeploymentTarget {
  return resolveDeploymentTarget(
    { accountId, region, auditRetentionDays: config.auditRetentionDays, auditRetentionAcknowledgement: config.auditRetentionAcknowledgement },
    `stack ${stackName}`,
  );
}

/** The role Terraform assumes in a stack's account. */
export function assumeRoleArn(region: string, account: StackAccount): string {
  return `arn:${partitionOf(region)}:iam::${account.id}:role/${account.roleName}`;
}

/**
 * A deployable unit: one AWS provider pinned to its account (assumed role plus
 * `allowed_account_ids`, so a plan against the wrong credentials fails), tags on everything, and
 * the backend chosen in the configuration.
 */
export class HipaaStack extends TerraformStack {
  public readonly provider: AwsProvider;
  public readonly stackName: string;

  constructor(scope: Construct, name: string, props: HipaaStackProps) {
    super(scope, name);
    this.stackName = name;
    this.provider = new AwsProvider(this, 'aws', {
      region: props.region,
      allowedAccountIds: [props.account.id],
      assumeRole: [
        {
          roleArn: assumeRoleArn(props.region, props.account),
          sessionName: `hipaa-${name}`.slice(0, 64),
        },
      ],
      defaultTags: [{ tags: props.tags }],
    });
    // `source = "aws"` works only through Terraform's implicit namespace; spell it out.
    this.addOverride('terraform.required_providers.aws.source', 'hashicorp/aws');
    configureBackend(this, name, props.backend, props.organization);
  }
}

/** Writes the configured backend into the stack's `terraform` block. */
export function configureBackend(stack: TerraformStack, name: string, backend: BackendConfig, organization: string): void {
  switch (backend.type) {
    case 'local':
      // Relative to cdktf.out/stacks/<name>: state lives at the project root, so re-synthesizing
      // (which replaces cdktf.out) never touches it, and no absolute path leaks into the output.
      new LocalBackend(stack, { path: `../../../terraform.${name}.tfstate` });
      return;
    case 's3':
      new S3Backend(stack, {
        bucket: backend.bucket,
        key: `${backend.keyPrefix}/${name}.tfstate`,
        region: backend.region,
        encrypt: true,
        kmsKeyId: backend.kmsKeyId,
        ...(backend.dynamodbTable ? { dynamodbTable: backend.dynamodbTable } : { useLockfile: true }),
        ...(backend.roleArn ? { assumeRole: { roleArn: backend.roleArn } } : {}),
      });
      return;
    case 'tfc':
      // Written as a plain `cloud` block: cdktf's CloudBackend adds a synth-time validation that
      // shells out to `terraform version`, which a synth must not depend on.
      stack.addOverride('terraform.cloud', {
        organization: backend.organization,
        hostname: backend.hostname,
        workspaces: {
          name: workspaceNameOf(backend, organization, name),
          ...(backend.project ? { project: backend.project } : {}),
        },
      });
      return;
  }
}

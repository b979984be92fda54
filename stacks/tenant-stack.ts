import { Construct } from 'constructs';
import { TerraformOutput } from 'cdktf';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { HipaaStack, HipaaStackProps, configTarget } from './hipaa-stack';
import { HipaaConfig } from '../lib/config/schema';
import { DeploymentTarget } from '../lib/constructs/kernel/context';
import { HipaaKey } from '../lib/constructs/security/hipaa-key';
import { PeerAccess, TenantNetwork } from '../lib/constructs/network/tenant-network';
import { tenantNetworkOutputs } from '../lib/constructs/network/outputs';
import { TenantPlan, VpcPlan } from '../lib/plan/types';
import { ResolvedModule } from '../lib/constructs/registry/registry';
import { TenantContext } from '../lib/constructs/registry/context';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { RolePolicy } from '../lib/constructs/security/role-policy';
import { PolicyDocument, PolicyStatement } from '../lib/constructs/security/policy-document';
import { HipaaDatabase } from '../lib/constructs/data/hipaa-database';

export interface TenantStackProps extends Omit<HipaaStackProps, 'account' | 'region'> {
  readonly config: HipaaConfig;
  /** The planned VPC (a dedicated tenant's own, or a pool's). */
  readonly vpc: VpcPlan;
  /** The tenants living in this stack, with their resolved modules. */
  readonly tenants: ReadonlyArray<{ readonly plan: TenantPlan; readonly modules: readonly ResolvedModule<TenantContext>[] }>;
  /**
   * Peered networks that may open connections into this VPC (the app tier's network ACL admits
   * their CIDRs on their declared ports).
   * @default - none
   */
  readonly inboundPeers?: readonly PeerAccess[];
}

/**
 * A workload stack: a dedicated tenant (`tenant-<id>`: its own VPC, key, database, backups and
 * bastion) or a pool (`pool-<id>`: one shared VPC, and per pooled tenant its own key, database,
 * secrets and role). Construct ids derive from tenant ids only, so adding or removing a tenant never
 * moves another tenant's resources.
 */
export class TenantStack extends HipaaStack {
  public readonly target: DeploymentTarget;
  public readonly network: TenantNetwork;
  /** Each tenant's customer-managed key, by tenant id. */
  public readonly keys: Record<string, HipaaKey> = {};
  /** Each tenant's context after its modules were built, by tenant id. */
  public readonly contexts: Record<string, TenantContext> = {};
  /** Each tenant's workload role, by tenant id. */
  public readonly roles: Record<string, IamRole> = {};
  private readonly deployerRoleName: string;

  constructor(scope: Construct, name: string, props: TenantStackProps) {
    super(scope, name, { ...props, account: props.vpc.account, region: props.vpc.region });
    const { config, vpc } = props;
    this.target = configTarget(config, vpc.account.id, vpc.region, name);
    const pooled = vpc.kind === 'pool';
    // A pool's network has its own key; a dedicated tenant's network uses the tenant's key.
    const networkKey = pooled
      ? new HipaaKey(this, 'NetworkKey', { target: this.target, alias: `${config.organization}/pool/${vpc.id}/network`, description: `Flow logs of pool ${vpc.id}` })
      : undefined;

    const first = props.tenants[0];
    this.deployerRoleName = vpc.account.roleName;
    const dedicatedKey = pooled ? undefined : this.tenantKey(this, first.plan, config, false);
    this.network = new TenantNetwork(this, 'Network', {
      target: this.target,
      name: vpc.id,
      cidr: vpc.cidr,
      subnets: vpc.subnets,
      egress: vpc.egress,
      flowLogKey: (networkKey ?? dedicatedKey) as HipaaKey,
      inboundPeers: props.inboundPeers,
    });
    tenantNetworkOutputs(this, this.network);

    for (const t of props.tenants) {
      const tenantScope = pooled ? new Construct(this, `Tenant-${t.plan.id}`) : this;
      const key = pooled ? this.tenantKey(tenantScope, t.plan, config, true) : (dedicatedKey as HipaaKey);
      const workload = new SecurityGroup(tenantScope, 'WorkloadSecurityGroup', {
        name: `${t.plan.id}-workload`,
        description: `Workloads of tenant ${t.plan.id}; the tenant's databases admit only this group`,
        vpcId: this.network.vpcId,
        tags: { Name: `${t.plan.id}-workload`, Tenant: t.plan.id },
      });
      new VpcSecurityGroupEgressRule(tenantScope, 'WorkloadEgressHttps', {
        securityGroupId: workload.id,
        description: 'HTTPS to the VPC (AWS API endpoints)',
        ipProtocol: 'tcp',
        fromPort: 443,
        toPort: 443,
        cidrIpv4: vpc.cidr,
      });
      // The S3 gateway endpoint is reached at S3's public addresses, named by its prefix list.
      new VpcSecurityGroupEgressRule(tenantScope, 'WorkloadEgressS3', {
        securityGroupId: workload.id,
        description: 'HTTPS to S3 through the gateway endpoint',
        ipProtocol: 'tcp',
        fromPort: 443,
        toPort: 443,
        prefixListId: this.network.s3GatewayEndpoint.prefixListId,
      });
      const role = this.tenantRole(tenantScope, t.plan, config);
      key.grantEncryptDecrypt('TenantWorkloadRole', [role.arn]);
      key.dependOn(role.resource);
      const ctx: TenantContext = {
        scope: tenantScope,
        config,
        tenant: t.plan,
        target: this.target,
        key,
        network: this.network,
        workloadSecurityGroupId: workload.id,
        tenantRoleArn: role.arn,
        tags: { Tenant: t.plan.id, DataClassification: 'PHI' },
        built: new Map(),
      };
      for (const m of t.modules) m.definition.factory(ctx, m.inputs);
      // Security groups are enforced on both ends: every port the data tier admits from this group
      // needs the matching egress here, or the workload can never open the connection.
      const database = ctx.built.get('database') as HipaaDatabase | undefined;
      if (database) {
        this.network.allowDatabasePort(database.port);
        new VpcSecurityGroupEgressRule(tenantScope, 'WorkloadEgressDatabase', {
          securityGroupId: workload.id,
          description: `${database.engine} to ${database.identifier}`,
          ipProtocol: 'tcp',
          fromPort: database.port,
          toPort: database.port,
          referencedSecurityGroupId: database.securityGroupId,
        });
      }
      this.contexts[t.plan.id] = ctx;
      this.roles[t.plan.id] = role.resource;
      const prefix = pooled ? `${t.plan.id}_` : '';
      new TerraformOutput(this, `${prefix}kms_key_arn`, { value: key.keyArn, description: `Customer-managed key of tenant ${t.plan.id}`, staticId: true });
      new TerraformOutput(this, `${prefix}workload_role_arn`, { value: role.arn, description: `IAM role for tenant ${t.plan.id} workloads`, staticId: true });
      new TerraformOutput(this, `${prefix}workload_security_group_id`, { value: workload.id, description: `Security group for tenant ${t.plan.id} workloads`, staticId: true });
    }
    // Every tenant role may use only resources tagged with its own tenant (ABAC), and is denied
    // everything of the other tenants in this stack by name.
    for (const t of props.tenants) this.workloadAccessPolicy(t.plan.id);
  }

  /**
   * The workload role's identity policy: attribute-based allows (the resource's `Tenant` tag must
   * equal the role's), `rds-db:connect` to its own database only, and explicit denies of the other
   * tenants' keys and databases in the same stack.
   */
  private workloadAccessPolicy(tenantId: string): void {
    const ctx = this.contexts[tenantId];
    // IAM policy variables, resolved by IAM at request time, not Terraform interpolations.
    // eslint-disable-next-line no-template-curly-in-string
    const sameTenant = { StringEquals: { 'aws:ResourceTag/Tenant': '${aws:PrincipalTag/Tenant}' } };
    // eslint-disable-next-line no-template-curly-in-string
    const otherTenant = { StringNotEquals: { 'aws:ResourceTag/Tenant': '${aws:PrincipalTag/Tenant}' } };
    const { partition, region, accountId } = this.target;
    const dbOf = (id: string) => this.contexts[id].built.get('database') as HipaaDatabase | undefined;
    const others = Object.keys(this.contexts).filter((id) => id !== tenantId);
    const own = dbOf(tenantId);
    const secretPrefix = `arn:${partition}:secretsmanager:${region}:${accountId}:secret:${ctx.config.organization}/${tenantId}/*`;
    const statements: PolicyStatement[] = [
      {
        Sid: 'UseOwnTenantKey',
        Effect: 'Allow',
        Action: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
        Resource: ctx.key.keyArn,
        Condition: sameTenant,
      },
      { Sid: 'ReadOwnTenantSecrets', Effect: 'Allow', Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], Resource: secretPrefix, Condition: sameTenant },
      { Sid: 'DenyOtherTenantsKeysAndSecrets', Effect: 'Deny', Action: ['kms:*', 'secretsmanager:*'], Resource: '*', Condition: otherTenant },
    ];
    if (own) {
      statements.push({
        Sid: 'ConnectOwnDatabase',
        Effect: 'Allow',
        Action: 'rds-db:connect',
        Resource: `arn:${partition}:rds-db:${region}:${accountId}:dbuser:${own.resourceId}/*`,
      });
    }
    const otherKeys = others.map((id) => this.contexts[id].key.keyArn);
    const otherDbs = others.map(dbOf).filter((d): d is HipaaDatabase => d !== undefined);
    if (otherKeys.length > 0) statements.push({ Sid: 'DenyOtherTenantsKeys', Effect: 'Deny', Action: 'kms:*', Resource: otherKeys });
    if (otherDbs.length > 0) {
      statements.push({
        Sid: 'DenyOtherTenantsDatabases',
        Effect: 'Deny',
        Action: ['rds-db:connect', 'rds:*'],
        Resource: otherDbs.flatMap((d) => [d.arn, `arn:${partition}:rds-db:${region}:${accountId}:dbuser:${d.resourceId}/*`]),
      });
    }
    new RolePolicy(ctx.scope, 'WorkloadAccess', {
      policyName: `${ctx.config.organization}-${tenantId}-app-data-access`,
      description: `Tenant ${tenantId}: its own keys, secrets and database only`,
      roleName: this.roles[tenantId].name,
      document: new PolicyDocument(statements),
    });
  }

  /** The tenant's workload role: EC2 and ECS tasks in this account may assume it; tagged with the tenant. */
  private tenantRole(scope: Construct, tenant: TenantPlan, config: HipaaConfig): { resource: IamRole; arn: string } {
    const name = `${config.organization}-${tenant.id}-app`;
    const resource = new IamRole(scope, 'WorkloadRole', {
      name,
      description: `Workloads of tenant ${tenant.id}`,
      assumeRolePolicy: new PolicyDocument([
        {
          Sid: 'WorkloadsAssume',
          Effect: 'Allow',
          Principal: { Service: ['ec2.amazonaws.com', 'ecs-tasks.amazonaws.com'] },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'aws:SourceAccount': this.target.accountId } },
        },
      ]).toString(),
      tags: { Tenant: tenant.id },
    });
    return { resource, arn: `arn:${this.target.partition}:iam::${this.target.accountId}:role/${name}` };
  }

  /**
   * The tenant's data key. A pooled tenant's key does not delegate to the account: only the tenant's
   * own roles, the services acting for them, and the deploying role through AWS services may use it.
   */
  private tenantKey(scope: Construct, tenant: TenantPlan, config: HipaaConfig, pooled: boolean): HipaaKey {
    const key = new HipaaKey(scope, 'DataKey', {
      target: this.target,
      alias: tenant.names.kmsAlias.replace(/^alias\//, ''),
      description: `Data of tenant ${tenant.id} (${config.organization})`,
      allowAccountRoot: !pooled,
      tags: { Tenant: tenant.id },
    });
    if (pooled) {
      const { partition, region, accountId } = this.target;
      key.addToPolicy({
        Sid: 'DeployerThroughAwsServices',
        Effect: 'Allow',
        Principal: { AWS: `arn:${partition}:iam::${accountId}:role/${this.deployerRoleName}` },
        Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey', 'kms:CreateGrant'],
        Resource: '*',
        Condition: {
          StringEquals: {
            'kms:CallerAccount': accountId,
            'kms:ViaService': ['rds', 'secretsmanager', 'backup', 'logs'].map((s) => `${s}.${region}.amazonaws.com`),
          },
        },
      });
    }
    this.keys[tenant.id] = key;
    return key;
  }
}

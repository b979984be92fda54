import { App, TerraformStack, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { StackDoc } from '../../../lib/analyze/guard';

/** How a realistic tenant stack is varied between the previous and the new output. */
export interface TenantVariant {
  /** Construct id of the database (renaming it changes its Terraform address). */
  readonly databaseId?: string;
  /** How the rename is declared, if at all. */
  readonly move?: 'none' | 'moveFromId' | 'moveTo' | 'override';
  /** Which key encrypts the database. */
  readonly databaseKey?: 'Key' | 'OtherKey';
  readonly bucketName?: string;
  /** Port opened by the (non-stateful) security group rule. */
  readonly port?: number;
  /** Leave the bucket out of this stack, forgetting it (removed block, destroy = false) instead of destroying it. */
  readonly forgetBucket?: boolean;
}

/** A tenant stack with a KMS key, an S3 bucket, an RDS instance and a security group rule. */
export class TenantStack extends TerraformStack {
  public readonly database: DbInstance;

  constructor(scope: Construct, id: string, v: TenantVariant = {}) {
    super(scope, id);
    new AwsProvider(this, 'aws', { region: 'us-east-1' });
    const key = new KmsKey(this, 'Key', { description: `${id} data key`, enableKeyRotation: true });
    const otherKey = new KmsKey(this, 'OtherKey', { description: `${id} second key`, enableKeyRotation: true });
    if (v.forgetBucket) this.addOverride('removed', [{ from: 'aws_s3_bucket.Bucket', lifecycle: [{ destroy: false }] }]);
    else new S3Bucket(this, 'Bucket', { bucket: v.bucketName ?? `${id}-phi-exports` });
    const sg = new SecurityGroup(this, 'DatabaseSg', { name: `${id}-db`, description: 'database' });
    new VpcSecurityGroupIngressRule(this, 'DatabaseIngress', {
      securityGroupId: sg.id,
      ipProtocol: 'tcp',
      fromPort: v.port ?? 5432,
      toPort: v.port ?? 5432,
      cidrIpv4: '10.0.0.0/16',
    });
    const databaseId = v.databaseId ?? 'Database';
    this.database = new DbInstance(this, databaseId, {
      identifier: `${id}-db`,
      engine: 'postgres',
      engineVersion: '16.4',
      instanceClass: 'db.t4g.medium',
      allocatedStorage: 20,
      storageEncrypted: true,
      kmsKeyId: (v.databaseKey === 'OtherKey' ? otherKey : key).arn,
      manageMasterUserPassword: true,
      username: 'app',
      vpcSecurityGroupIds: [sg.id],
    });
    if (databaseId !== 'Database') {
      const to = `aws_db_instance.${this.database.friendlyUniqueId}`;
      if (v.move === 'moveFromId') this.database.moveFromId('aws_db_instance.Database');
      if (v.move === 'override') this.addOverride('moved', [{ from: 'aws_db_instance.Database', to }]);
      if (v.move === 'moveTo') {
        this.database.addMoveTarget('renamed-database');
        const old = new DbInstance(this, 'Database', { instanceClass: 'db.t4g.medium' });
        old.moveTo('renamed-database');
      }
    }
  }
}

/** A shared stack that takes over a tenant's bucket by importing it. */
export function synthSharedImporting(bucketName: string): StackDoc {
  const stack = new TerraformStack(Testing.app(), 'shared');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  new S3Bucket(stack, 'Bucket', { bucket: bucketName }).importFrom(bucketName);
  return { name: 'shared', json: JSON.parse(Testing.synth(stack)) as object };
}

/** Synthesizes one tenant stack into a StackDoc (Testing.synth: no files kept). */
export function synthTenant(name: string, v: TenantVariant = {}): StackDoc {
  const stack = new TenantStack(Testing.app(), name, v);
  return { name, json: JSON.parse(Testing.synth(stack)) as object };
}

/** Synthesizes an app with the given tenants into `outdir` as `cdk synth` would (cdktf.out layout). */
export function synthApp(outdir: string, tenants: Record<string, TenantVariant>): void {
  const app = new App({ outdir, skipValidation: true });
  for (const [name, v] of Object.entries(tenants)) new TenantStack(app, name, v);
  app.synth();
}

/** A Terraform expression as synthesized JSON writes it: `tf('aws_kms_key.Key.arn')` is `${aws_kms_key.Key.arn}`. */
export function tf(expression: string): string {
  return `\${${expression}}`;
}

/** A hand-written stack: resources by type and name, plus top-level blocks. */
export function doc(name: string, resource: Record<string, Record<string, Record<string, unknown>>>, extra: Record<string, unknown> = {}): StackDoc {
  return { name, json: { provider: { aws: [{ region: 'us-east-1' }] }, resource, ...extra } };
}

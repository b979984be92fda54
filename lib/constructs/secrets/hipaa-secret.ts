import { Construct } from 'constructs';
import { Lazy } from 'cdktf';
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { SecretsmanagerSecretPolicy } from '@cdktf/provider-aws/lib/secretsmanager-secret-policy';
import { SecretsmanagerSecretRotation } from '@cdktf/provider-aws/lib/secretsmanager-secret-rotation';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import { HipaaKey } from '../security/hipaa-key';
import { sidSuffix } from '../audit/log-group';
import { PolicyDocument, accountRootArn } from '../security/policy-document';
import { Disabled, isDisabled, recordWaiver } from '../kernel/waivers';
import { isToken, validateAll } from '../../errors';
import { messages } from '../../messages';
import { tenantTags } from '../data/tenant-tags';

/** The actions that read or change a secret's value; everything else (describe, tag, policy, delete) is administration. */
export const SECRET_VALUE_ACTIONS = ['secretsmanager:GetSecretValue', 'secretsmanager:PutSecretValue', 'secretsmanager:UpdateSecretVersionStage'] as const;

export interface HipaaSecretRotationProps {
  /** ARN of the rotation Lambda function. */
  readonly functionArn: string;
  /**
   * ARN of the rotation function's execution role: it is allowed to read and write the value.
   * @default - none; include the role in `allowedPrincipalArns` yourself
   */
  readonly functionRoleArn?: string;
  /**
   * Days between rotations (1-365).
   * @default 30
   */
  readonly afterDays?: number;
  /**
   * Add the Lambda permission that lets Secrets Manager invoke the function for this secret.
   * @default true
   */
  readonly grantInvoke?: boolean;
}

export interface HipaaSecretProps {
  /** Secret name, e.g. `acme/app/api-key`. */
  readonly secretName: string;
  /** What the secret is for. */
  readonly description: string;
  /** Tenant id, written as the `Tenant` tag. */
  readonly tenantId: string;
  /** The tenant's customer-managed key. */
  readonly key: HipaaKey;
  /**
   * IAM principals of the tenant (role or user ARNs, `*` wildcards allowed in the name part) that
   * may read and write the value. Everyone else is denied the value, whatever their IAM policies say.
   */
  readonly allowedPrincipalArns: readonly string[];
  /**
   * Automatic rotation by a Lambda function; `Disabled` with a reason for secrets that cannot rotate
   * (for example a partner's static API key).
   */
  readonly rotation: HipaaSecretRotationProps | Disabled;
  /**
   * Days a deleted secret can still be restored (7-30).
   * @default 30
   */
  readonly recoveryWindowInDays?: number;
  /**
   * Extra tags; `Tenant` and `DataClassification` are always set.
   * @default - none
   */
  readonly tags?: Readonly<Record<string, string>>;
}

const PRINCIPAL_ARN_PATTERN = /^arn:(aws|aws-us-gov|aws-cn):iam::(\d{12}):(root|role\/[\w+=,.@/*-]+|user\/[\w+=,.@/*-]+)$/;

/**
 * A Secrets Manager secret encrypted with the tenant key, recoverable for 30 days after deletion,
 * rotated every 30 days by the given function, and guarded by a resource policy that denies its
 * value to every principal outside the tenant's list.
 *
 * The policy is a Deny for `Principal: "*"` on the value actions with
 * `StringNotLike aws:PrincipalArn [tenant principals]`, rather than `NotPrincipal`: it covers
 * assumed-role sessions (whose `aws:PrincipalArn` is the role ARN), allows wildcards, and never
 * names a principal that must exist. Administration (describe, tag, policy, delete) is not denied,
 * so the account root and administrators can always repair or delete the secret; they just cannot
 * read it. The construct never creates a secret value: the value is put by the application or the
 * rotation function, so it never appears in code, `cdktf.out` or Terraform state.
 */
export class HipaaSecret extends Construct {
  public readonly resource: SecretsmanagerSecret;
  public readonly policyResource: SecretsmanagerSecretPolicy;
  public readonly rotationResource?: SecretsmanagerSecretRotation;
  /** The secret ARN (a reference). */
  public readonly secretArn: string;
  public readonly secretName: string;
  private readonly policy: PolicyDocument;

  constructor(scope: Construct, id: string, props: HipaaSecretProps) {
    super(scope, id);
    const window = props.recoveryWindowInDays ?? 30;
    const rotation = props.rotation;
    const afterDays = isDisabled(rotation) ? 30 : (rotation.afterDays ?? 30);
    const principals = [...(props.allowedPrincipalArns ?? [])];
    const { partition, region, accountId } = props.key.target;
    validateAll(`HipaaSecret ${this.node.path}`, [
      {
        when: typeof props.secretName !== 'string' || !/^[A-Za-z0-9/_+=.@-]{1,512}$/.test(props.secretName),
        problem: () => messages.resourceNameInvalid('secretName', props.secretName, 'secret name (1-512 letters, digits and /_+=.@-)'),
      },
      {
        when: principals.length === 0,
        problem: () => messages.secretPrincipals('allowedPrincipalArns', principals, 'at least one tenant principal must be able to read the secret'),
      },
      ...principals.map((arn, i) => ({
        when: !isToken(arn) && !PRINCIPAL_ARN_PATTERN.test(arn),
        problem: () => messages.secretPrincipals(`allowedPrincipalArns[${i}]`, arn, 'not an IAM role, user or account root ARN'),
      })),
      ...principals.map((arn, i) => ({
        when: isToken(arn),
        problem: () => messages.secretPrincipals(`allowedPrincipalArns[${i}]`, arn, 'a Terraform reference cannot be checked; the resource policy needs concrete ARNs'),
      })),
      {
        when: !isDisabled(rotation) && rotation.functionRoleArn !== undefined && (isToken(rotation.functionRoleArn) || !PRINCIPAL_ARN_PATTERN.test(rotation.functionRoleArn)),
        problem: () =>
          messages.secretPrincipals(
            'rotation.functionRoleArn',
            (rotation as HipaaSecretRotationProps).functionRoleArn,
            'not a concrete IAM role ARN (the resource policy needs concrete ARNs)',
          ),
      },
      {
        when: !Number.isInteger(window) || window < 7 || window > 30,
        problem: () => messages.secretRecoveryWindow('recoveryWindowInDays', window),
      },
      {
        when: !Number.isInteger(afterDays) || afterDays < 1 || afterDays > 365,
        problem: () => messages.secretRotationDays('rotation.afterDays', afterDays),
      },
      {
        when:
          !isDisabled(rotation) &&
          (typeof rotation.functionArn !== 'string' ||
            (!isToken(rotation.functionArn) && !/^arn:[\w-]+:lambda:[a-z0-9-]+:\d{12}:function:[\w-]+(:[\w$-]+)?$/.test(rotation.functionArn))),
        problem: () => messages.arnInvalid('rotation.functionArn', (rotation as HipaaSecretRotationProps).functionArn, 'a Lambda function ARN'),
      },
    ]);
    if (isDisabled(rotation)) recordWaiver(this, 'secretRotation', rotation.reason, 'rotation');

    this.secretName = props.secretName;
    this.resource = new SecretsmanagerSecret(this, 'Resource', {
      name: props.secretName,
      description: props.description,
      kmsKeyId: props.key.keyArn,
      recoveryWindowInDays: window,
      tags: tenantTags(props.tenantId, 'Credentials', props.tags),
    });
    this.secretArn = this.resource.arn;

    const readers = isDisabled(rotation) || !rotation.functionRoleArn ? principals : [...principals, rotation.functionRoleArn];
    this.policy = new PolicyDocument([
      {
        Sid: 'DenyValueOutsideTenant',
        Effect: 'Deny',
        Principal: '*',
        Action: [...SECRET_VALUE_ACTIONS],
        Resource: '*',
        Condition: { StringNotLike: { 'aws:PrincipalArn': readers } },
      },
    ]);
    this.policyResource = new SecretsmanagerSecretPolicy(this, 'Policy', {
      secretArn: this.secretArn,
      policy: Lazy.stringValue({ produce: () => this.policy.toString() }),
      blockPublicPolicy: true,
    });

    // The tenant's principals decrypt through Secrets Manager only, even under a key that does not
    // delegate to IAM. The account root is the principal; the condition narrows it to the tenant.
    props.key.addToPolicy({
      Sid: `SecretRead${sidSuffix(props.secretName)}`,
      Effect: 'Allow',
      Principal: { AWS: accountRootArn(partition, accountId) },
      Action: ['kms:Decrypt', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
      Resource: '*',
      Condition: {
        StringEquals: { 'kms:ViaService': `secretsmanager.${region}.amazonaws.com`, 'kms:CallerAccount': accountId },
        StringLike: { 'aws:PrincipalArn': readers },
      },
    });

    if (!isDisabled(rotation)) {
      const permission =
        (rotation.grantInvoke ?? true)
          ? new LambdaPermission(this, 'RotationInvoke', {
              statementId: `SecretsManager-${sidSuffix(props.secretName)}`.slice(0, 100),
              action: 'lambda:InvokeFunction',
              functionName: rotation.functionArn,
              principal: 'secretsmanager.amazonaws.com',
              sourceArn: this.secretArn,
              sourceAccount: accountId,
            })
          : undefined;
      this.rotationResource = new SecretsmanagerSecretRotation(this, 'Rotation', {
        secretId: this.secretArn,
        rotationLambdaArn: rotation.functionArn,
        rotationRules: { automaticallyAfterDays: afterDays },
        ...(permission ? { dependsOn: [permission] } : {}),
      });
    }
  }

  /** The resource policy as rendered now. */
  public policyJson(): ReturnType<PolicyDocument['toJson']> {
    return this.policy.toJson();
  }

  /** An identity-policy statement that lets a tenant role read this secret (the resource policy does not grant). */
  public readStatement(sid: string): { Sid: string; Effect: 'Allow'; Action: string[]; Resource: string } {
    return { Sid: sid, Effect: 'Allow', Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], Resource: this.secretArn };
  }
}

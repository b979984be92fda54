import { Construct } from 'constructs';
import { ITerraformDependable, Lazy, TerraformResource, TerraformStack, dependable } from 'cdktf';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { Condition, PolicyDocument, PolicyStatement, accountRootArn } from './policy-document';
import { DeploymentTarget } from '../kernel/context';
import { validateAll } from '../../errors';
import { messages } from '../../messages';

export interface HipaaKeyProps {
  /** Where the key lives. */
  readonly target: DeploymentTarget;
  /** Alias without the `alias/` prefix, e.g. `examplehealth/audit`. */
  readonly alias: string;
  /** What the key protects; shown in the console. */
  readonly description: string;
  /**
   * Days before a scheduled deletion happens (7-30).
   * @default 30
   */
  readonly deletionWindowInDays?: number;
  /**
   * Principals (IAM ARNs) that administer the key in addition to the account root.
   * @default - the account root only; IAM policies in the account decide who administers
   */
  readonly adminPrincipals?: readonly string[];
  /**
   * Whether the account root is allowed full access (so IAM policies can grant use).
   * Tenant keys in a pool turn this off and grant use only to the tenant's own roles.
   * @default true
   */
  readonly allowAccountRoot?: boolean;
  /**
   * Create the key in `target.region` even when the stack's provider is in another Region
   * (sets the resource-level `region` argument of provider v6).
   * @default false
   */
  readonly pinRegion?: boolean;
  /**
   * Tags on the key (for example `Tenant`, which attribute-based policies compare).
   * @default - the provider's default tags only
   */
  readonly tags?: Readonly<Record<string, string>>;
  /**
   * Resources the key (and so its policy) waits for: KMS rejects a policy naming an IAM principal
   * that does not exist yet (MalformedPolicyDocumentException), so list the roles the policy names.
   * @default - none
   */
  readonly dependsOn?: readonly ITerraformDependable[];
}

const USE_ACTIONS = ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'];
const ADMIN_ACTIONS = [
  'kms:Create*',
  'kms:Describe*',
  'kms:Enable*',
  'kms:List*',
  'kms:Put*',
  'kms:Update*',
  'kms:Revoke*',
  'kms:Disable*',
  'kms:Get*',
  'kms:Delete*',
  'kms:TagResource',
  'kms:UntagResource',
  'kms:ScheduleKeyDeletion',
  'kms:CancelKeyDeletion',
  'kms:RotateKeyOnDemand',
];

/**
 * A customer-managed KMS key with rotation, a 30-day deletion window and a key policy that grants
 * the account and only the services and principals given a grant. Access widens only through the
 * grant methods; the policy is rendered at synth time from the grants made.
 */
export class HipaaKey extends Construct {
  public readonly resource: KmsKey;
  public readonly alias: KmsAlias;
  /** The key's ARN (a Terraform reference). */
  public readonly keyArn: string;
  /** The key's id (a Terraform reference). */
  public readonly keyId: string;
  /** `alias/<alias>`. */
  public readonly aliasName: string;
  public readonly target: DeploymentTarget;
  private readonly policy: PolicyDocument;

  constructor(scope: Construct, id: string, props: HipaaKeyProps) {
    super(scope, id);
    const window = props.deletionWindowInDays ?? 30;
    validateAll(`HipaaKey ${this.node.path}`, [
      {
        when: !Number.isInteger(window) || window < 7 || window > 30,
        problem: () => ({
          code: 'HIPAA_KMS_DELETION_WINDOW',
          path: 'deletionWindowInDays',
          value: window,
          message: 'KMS deletion windows are 7 to 30 days',
          fix: 'use 30 (the default) so a mistaken deletion can be cancelled',
        }),
      },
      {
        when: !/^[a-zA-Z0-9/_-]{1,250}$/.test(props.alias) || props.alias.startsWith('aws/'),
        problem: () => messages.nameTooLong('alias', props.alias, 256, 'KMS alias (letters, digits, /_- only, not starting with aws/)'),
      },
    ]);
    this.target = props.target;
    const { partition, accountId } = props.target;
    this.policy = new PolicyDocument();
    if (props.allowAccountRoot ?? true) {
      this.policy.addStatement({
        Sid: 'EnableAccountIamPolicies',
        Effect: 'Allow',
        Principal: { AWS: accountRootArn(partition, accountId) },
        Action: 'kms:*',
        Resource: '*',
      });
    } else {
      // Without account-wide use, the account root may still administer (never use) the key, so
      // it cannot become unmanageable.
      this.policy.addStatement({
        Sid: 'AccountRootAdministersOnly',
        Effect: 'Allow',
        Principal: { AWS: accountRootArn(partition, accountId) },
        Action: ADMIN_ACTIONS,
        Resource: '*',
      });
    }
    if (props.adminPrincipals && props.adminPrincipals.length > 0) {
      this.policy.addStatement({
        Sid: 'KeyAdministrators',
        Effect: 'Allow',
        Principal: { AWS: [...props.adminPrincipals] },
        Action: ADMIN_ACTIONS,
        Resource: '*',
      });
    }

    this.resource = new KmsKey(this, 'Resource', {
      description: props.description,
      enableKeyRotation: true,
      rotationPeriodInDays: 365,
      deletionWindowInDays: window,
      keyUsage: 'ENCRYPT_DECRYPT',
      customerMasterKeySpec: 'SYMMETRIC_DEFAULT',
      isEnabled: true,
      policy: Lazy.stringValue({ produce: () => this.policy.toString() }),
      ...(props.pinRegion ? { region: props.target.region } : {}),
      ...(props.tags ? { tags: { ...props.tags } } : {}),
    });
    this.aliasName = `alias/${props.alias}`;
    this.alias = new KmsAlias(this, 'Alias', {
      name: this.aliasName,
      targetKeyId: this.resource.keyId,
      ...(props.pinRegion ? { region: props.target.region } : {}),
    });
    this.keyArn = this.resource.arn;
    this.keyId = this.resource.keyId;
    if (props.dependsOn && props.dependsOn.length > 0) this.dependOn(...props.dependsOn);
  }

  /** Lets an AWS service use the key, under conditions that tie the use to this account's resources. */
  public grantToService(sid: string, service: string, actions: readonly string[], condition: Condition): void {
    this.policy.addStatement({ Sid: sid, Effect: 'Allow', Principal: { Service: service }, Action: [...actions], Resource: '*', Condition: condition });
  }

  /** Lets IAM principals (role ARNs) encrypt and decrypt with the key. */
  public grantEncryptDecrypt(sid: string, principalArns: readonly string[], condition?: Condition): void {
    this.policy.addStatement({
      Sid: sid,
      Effect: 'Allow',
      Principal: { AWS: [...principalArns] },
      Action: USE_ACTIONS,
      Resource: '*',
      ...(condition ? { Condition: condition } : {}),
    });
  }

  /** Adds a statement as is (used for explicit denies). */
  public addToPolicy(statement: PolicyStatement): void {
    this.policy.addStatement(statement);
  }

  /**
   * Makes the key wait for IAM principals its policy names that are created in the same stack:
   * KMS refuses a key policy whose principal does not exist yet (MalformedPolicyDocumentException).
   * `node.addDependency` does not become `depends_on` in cdktf; this does. Resources of other stacks
   * are ignored (a cross-stack `depends_on` cannot be rendered).
   */
  public dependOn(...principals: ITerraformDependable[]): void {
    const own = TerraformStack.of(this);
    const added = principals.filter((p) => !(p instanceof TerraformResource) || TerraformStack.of(p) === own).map((p) => dependable(p));
    const current = this.resource.dependsOn ?? [];
    this.resource.dependsOn = [...current, ...added.filter((d) => !current.includes(d))];
  }

  /** The key policy as rendered now. */
  public policyJson(): ReturnType<PolicyDocument['toJson']> {
    return this.policy.toJson();
  }
}

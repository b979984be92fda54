import { Construct } from 'constructs';
import { TerraformResource } from 'cdktf';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { PolicyDocument } from './policy-document';

export interface RolePolicyProps {
  /** Name of the role the policy is attached to (a reference or literal). */
  readonly roleName: string;
  /** Customer-managed policy name, unique in the account (1-128 characters). */
  readonly policyName: string;
  readonly description: string;
  readonly document: PolicyDocument;
  /**
   * Called on each resource right after it is created, before anything references it (for example
   * to set a fixed Terraform name with `overrideLogicalId`).
   * @default - addresses derive from the construct path
   */
  readonly onCreate?: (resource: TerraformResource) => void;
}

/**
 * A customer-managed IAM policy attached to one role. HIPAA packs (cdk-nag IAMNoInlinePolicy,
 * AWS Config iam-no-inline-policy-check) want managed policies: they are versioned, visible in IAM
 * Access Analyzer and reusable, where inline policies are not.
 */
export class RolePolicy extends Construct {
  public readonly policy: IamPolicy;
  public readonly attachment: IamRolePolicyAttachment;

  constructor(scope: Construct, id: string, props: RolePolicyProps) {
    super(scope, id);
    this.policy = new IamPolicy(this, 'Resource', {
      name: props.policyName.slice(0, 128),
      description: props.description,
      policy: props.document.toString(),
    });
    props.onCreate?.(this.policy);
    this.attachment = new IamRolePolicyAttachment(this, 'Attachment', { role: props.roleName, policyArn: this.policy.arn });
    props.onCreate?.(this.attachment);
  }
}

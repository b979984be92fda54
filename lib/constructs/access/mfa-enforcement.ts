import { Construct } from 'constructs';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { IamGroup } from '@cdktf/provider-aws/lib/iam-group';
import { IamGroupPolicyAttachment } from '@cdktf/provider-aws/lib/iam-group-policy-attachment';
import { PolicyDocument } from '../security/policy-document';
import { validateAll } from '../../errors';
import { messages } from '../../messages';

/** Actions a user without MFA may still call: just enough to enroll a device and sign in again. */
export const MFA_ENROLLMENT_ACTIONS = [
  'iam:CreateVirtualMFADevice',
  'iam:EnableMFADevice',
  'iam:GetUser',
  'iam:GetMFADevice',
  'iam:ListMFADevices',
  'iam:ListVirtualMFADevices',
  'iam:ResyncMFADevice',
  'iam:ChangePassword',
  'iam:GetAccountPasswordPolicy',
  'sts:GetSessionToken',
] as const;

export interface MfaEnforcementProps {
  /** Name prefix, e.g. the organization slug. */
  readonly namePrefix: string;
  /** ARN partition. */
  readonly partition: string;
  /**
   * Existing IAM groups of people that the policy is also attached to.
   * @default - only the humans group this construct creates
   */
  readonly additionalGroups?: readonly string[];
}

/**
 * Denies every action except MFA enrollment to a principal that signed in without MFA, and lets
 * users manage their own MFA device. Attached to a humans group it creates and to any groups named.
 * No IAM users or access keys are created.
 */
export class MfaEnforcement extends Construct {
  public readonly policy: IamPolicy;
  public readonly humansGroup: IamGroup;
  public readonly document: PolicyDocument;

  constructor(scope: Construct, id: string, props: MfaEnforcementProps) {
    super(scope, id);
    const groups = props.additionalGroups ?? [];
    validateAll(
      `MfaEnforcement ${this.node.path}`,
      groups.map((g, i) => ({
        when: !/^[\w+=,.@-]{1,128}$/.test(g),
        problem: () => messages.groupNameInvalid(`humanGroups[${i}]`, g),
      })),
    );
    const user = `arn:${props.partition}:iam::*:user/\${aws:username}`;
    this.document = new PolicyDocument([
      { Sid: 'AllowViewAccountInfo', Effect: 'Allow', Action: ['iam:GetAccountPasswordPolicy', 'iam:ListVirtualMFADevices'], Resource: '*' },
      { Sid: 'AllowManageOwnPassword', Effect: 'Allow', Action: ['iam:ChangePassword', 'iam:GetUser'], Resource: user },
      { Sid: 'AllowManageOwnVirtualMfaDevice', Effect: 'Allow', Action: ['iam:CreateVirtualMFADevice'], Resource: `arn:${props.partition}:iam::*:mfa/*` },
      {
        Sid: 'AllowManageOwnUserMfa',
        Effect: 'Allow',
        Action: ['iam:DeactivateMFADevice', 'iam:EnableMFADevice', 'iam:GetMFADevice', 'iam:ListMFADevices', 'iam:ResyncMFADevice'],
        Resource: user,
      },
      {
        Sid: 'DenyAllExceptMfaEnrollmentWithoutMfa',
        Effect: 'Deny',
        NotAction: [...MFA_ENROLLMENT_ACTIONS],
        Resource: '*',
        Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
      },
    ]);
    this.policy = new IamPolicy(this, 'Resource', {
      name: `${props.namePrefix}-require-mfa`,
      description: 'Denies everything except MFA enrollment to principals signed in without MFA (45 CFR 164.312(d))',
      policy: this.document.toString(),
    });
    this.humansGroup = new IamGroup(this, 'HumansGroup', { name: `${props.namePrefix}-humans` });
    new IamGroupPolicyAttachment(this, 'HumansGroupAttachment', { group: this.humansGroup.name, policyArn: this.policy.arn });
    for (const group of groups) {
      new IamGroupPolicyAttachment(this, `Attachment-${group}`, { group, policyArn: this.policy.arn });
    }
  }
}

import { Construct } from 'constructs';
import { IamAccountPasswordPolicy } from '@cdktf/provider-aws/lib/iam-account-password-policy';
import { validateAll } from '../../errors';
import { messages } from '../../messages';

export interface PasswordPolicyProps {
  /**
   * Minimum password length (floor 14).
   * @default 14
   */
  readonly minimumLength?: number;
  /**
   * Previous passwords that cannot be reused (floor 24, the IAM maximum).
   * @default 24
   */
  readonly reusePrevention?: number;
  /**
   * Days before a password expires (1-90).
   * @default 90
   */
  readonly maxAgeDays?: number;
}

/** The account password policy: long, all character classes, no reuse, 90-day expiry. */
export class PasswordPolicy extends Construct {
  public readonly resource: IamAccountPasswordPolicy;

  constructor(scope: Construct, id: string, props: PasswordPolicyProps = {}) {
    super(scope, id);
    const minimumLength = props.minimumLength ?? 14;
    const reuse = props.reusePrevention ?? 24;
    const maxAge = props.maxAgeDays ?? 90;
    validateAll(`PasswordPolicy ${this.node.path}`, [
      {
        when: !Number.isInteger(minimumLength) || minimumLength < 14 || minimumLength > 128,
        problem: () => messages.passwordLengthTooShort('passwordPolicy.minimumLength', minimumLength),
      },
      { when: !Number.isInteger(reuse) || reuse < 24 || reuse > 24, problem: () => messages.passwordReuseTooLow('passwordPolicy.reusePrevention', reuse) },
      { when: !Number.isInteger(maxAge) || maxAge < 1 || maxAge > 90, problem: () => messages.passwordMaxAgeTooLong('passwordPolicy.maxAgeDays', maxAge) },
    ]);
    this.resource = new IamAccountPasswordPolicy(this, 'Resource', {
      minimumPasswordLength: minimumLength,
      requireLowercaseCharacters: true,
      requireUppercaseCharacters: true,
      requireNumbers: true,
      requireSymbols: true,
      allowUsersToChangePassword: true,
      passwordReusePrevention: reuse,
      maxPasswordAge: maxAge,
      hardExpiry: false,
    });
  }
}

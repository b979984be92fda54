import { AUTHENTICATION } from '../controls';
import { fail, pass, undecided, type AccountRule } from '../rule';
import { bool, num } from '../../../terraform/values';

/** The floors the AWS Config HIPAA pack deploys iam-password-policy with. */
export const PASSWORD_POLICY = {
  minimumPasswordLength: 14,
  passwordReusePrevention: 24,
  maxPasswordAge: 90,
} as const;

export const rule: AccountRule = {
  id: 'HIPAA-IAM-001',
  title: 'The account password policy meets the HIPAA pack floors',
  severity: 'high',
  controls: AUTHENTICATION,
  configRule: 'iam-password-policy',
  resourceTypes: ['aws_iam_account_password_policy'],
  scope: 'account',
  description: `Account rule. An aws_iam_account_password_policy must set minimum_password_length >= ${PASSWORD_POLICY.minimumPasswordLength}, require_uppercase_characters, require_lowercase_characters, require_numbers and require_symbols = true, password_reuse_prevention >= ${PASSWORD_POLICY.passwordReusePrevention} and max_password_age between 1 and ${PASSWORD_POLICY.maxPasswordAge} (the AWS Config pack's parameters).`,
  remediation: 'Set the password policy fields to at least the floors listed in the rule.',
  checkAccount(account) {
    const policy = (account.byType.get('aws_iam_account_password_policy') ?? [])[0];
    if (!policy) return fail('no aws_iam_account_password_policy exists in this account');
    const c = policy.config;
    const problems: string[] = [];
    const unknown: string[] = [];
    const atLeast = (key: string, floor: number) => {
      const v = num(c[key]);
      if (v === 'unknown') unknown.push(key);
      else if (v === 'absent' || v < floor) problems.push(`${key} ${v === 'absent' ? 'not set' : v} (needs >= ${floor})`);
    };
    atLeast('minimum_password_length', PASSWORD_POLICY.minimumPasswordLength);
    atLeast('password_reuse_prevention', PASSWORD_POLICY.passwordReusePrevention);
    const age = num(c.max_password_age);
    if (age === 'unknown') unknown.push('max_password_age');
    else if (age === 'absent' || age < 1 || age > PASSWORD_POLICY.maxPasswordAge) {
      problems.push(`max_password_age ${age === 'absent' ? 'not set' : age} (needs 1-${PASSWORD_POLICY.maxPasswordAge})`);
    }
    for (const key of ['require_uppercase_characters', 'require_lowercase_characters', 'require_numbers', 'require_symbols']) {
      const v = bool(c[key]);
      if (v === 'unknown') unknown.push(key);
      else if (v !== true) problems.push(`${key} not true`);
    }
    if (problems.length > 0) return fail(`${policy.stack}: ${policy.address}: ${problems.join(', ')}`);
    if (unknown.length > 0) return undecided(`${policy.address} sets ${unknown.join(', ')} to expressions`);
    return pass(`${policy.stack}: ${policy.address} meets the password floors`);
  },
};

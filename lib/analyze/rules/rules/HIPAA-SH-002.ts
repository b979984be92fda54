import { perRegion } from '../checks/account';
import { THREAT_DETECTION } from '../controls';
import { fail, pass, type AccountRule } from '../rule';

export const rule: AccountRule = {
  id: 'HIPAA-SH-002',
  title: 'Security Hub runs a security standard in every Region the account uses',
  severity: 'medium',
  controls: [...THREAT_DETECTION, '164.308(a)(8)'],
  resourceTypes: ['aws_securityhub_standards_subscription'],
  scope: 'account',
  description:
    'Account rule, per Region. At least one aws_securityhub_standards_subscription (for example AWS Foundational Security Best Practices, CIS or NIST 800-53) must exist in each Region: Security Hub without a standard only aggregates findings and evaluates nothing.',
  remediation: 'Subscribe to aws-foundational-security-best-practices in each Region.',
  checkAccount(account) {
    return perRegion(account, 'aws_securityhub_standards_subscription', (here, region) =>
      here.length > 0 ? pass(`${here[0].stack}: ${here.length} standard(s) subscribed in ${region}`) : fail(`no aws_securityhub_standards_subscription in ${region}`),
    );
  },
};

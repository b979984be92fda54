import { perRegion } from '../checks/account';
import { THREAT_DETECTION } from '../controls';
import { fail, pass, type AccountRule } from '../rule';

export const rule: AccountRule = {
  id: 'HIPAA-SH-001',
  title: 'Security Hub is enabled in every Region the account uses',
  severity: 'high',
  controls: THREAT_DETECTION,
  configRule: 'securityhub-enabled',
  resourceTypes: ['aws_securityhub_account'],
  scope: 'account',
  description: "Account rule, per Region. An aws_securityhub_account must exist in each Region any of the account's stacks deploys to.",
  remediation: 'Add aws_securityhub_account to the baseline for each Region.',
  checkAccount(account) {
    return perRegion(account, 'aws_securityhub_account', (here, region) =>
      here.length > 0 ? pass(`${here[0].stack}: ${here[0].address} is on in ${region}`) : fail(`no aws_securityhub_account in ${region}`),
    );
  },
};

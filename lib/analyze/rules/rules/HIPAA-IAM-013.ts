import { perRegion } from '../checks/account';
import { ACTIVITY_REVIEW } from '../controls';
import { fail, pass, type AccountRule } from '../rule';

export const rule: AccountRule = {
  id: 'HIPAA-IAM-013',
  title: 'IAM Access Analyzer is on in every Region the account uses',
  severity: 'medium',
  controls: ['164.308(a)(1)(ii)(D)', '164.308(a)(4)(ii)(B)', '164.308(a)(4)(ii)(C)', ACTIVITY_REVIEW[3]],
  resourceTypes: ['aws_accessanalyzer_analyzer'],
  scope: 'account',
  description:
    "Account rule, per Region. An aws_accessanalyzer_analyzer (ACCOUNT or ORGANIZATION type) must exist in each Region the account's stacks deploy to, so resources shared outside the account are found.",
  remediation: 'Add aws_accessanalyzer_analyzer to the baseline for each Region.',
  checkAccount(account) {
    return perRegion(account, 'aws_accessanalyzer_analyzer', (here, region) =>
      here.length > 0 ? pass(`${here[0].stack}: ${here[0].address} analyzes ${region}`) : fail(`no aws_accessanalyzer_analyzer in ${region}`),
    );
  },
};

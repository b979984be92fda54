import { perRegion } from '../checks/account';
import { THREAT_DETECTION } from '../controls';
import { fail, pass, undecided, type AccountRule } from '../rule';
import { bool } from '../../../terraform/values';

export const rule: AccountRule = {
  id: 'HIPAA-GD-001',
  title: 'GuardDuty is enabled in every Region the account uses',
  severity: 'high',
  controls: THREAT_DETECTION,
  configRule: 'guardduty-enabled-centralized',
  resourceTypes: ['aws_guardduty_detector'],
  scope: 'account',
  description:
    "Account rule, per Region. An aws_guardduty_detector with enable not false must exist in each Region any of the account's stacks deploys to. A delegated-administrator setup that enables detectors from another account should be suppressed with that reason.",
  remediation: 'Add aws_guardduty_detector { enable = true } to the baseline for each Region.',
  checkAccount(account) {
    return perRegion(account, 'aws_guardduty_detector', (here, region) => {
      if (here.length === 0) return fail(`no aws_guardduty_detector in ${region}`);
      const v = bool(here[0].config.enable);
      if (v === false) return fail(`${here[0].stack}: ${here[0].address} sets enable = false in ${region}`);
      if (v === 'unknown') return undecided(`${here[0].address}.enable is an expression`);
      return pass(`${here[0].stack}: ${here[0].address} is on in ${region}`);
    });
  },
};

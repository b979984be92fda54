import { perRegion } from '../checks/account';
import { AT_REST } from '../controls';
import { fail, pass, undecided, type AccountRule } from '../rule';
import { bool } from '../../../terraform/values';

export const rule: AccountRule = {
  id: 'HIPAA-EC2-009',
  title: 'EBS encryption by default is on in every Region the account uses',
  severity: 'high',
  controls: AT_REST,
  configRule: 'ec2-ebs-encryption-by-default',
  resourceTypes: ['aws_ebs_encryption_by_default'],
  scope: 'account',
  description:
    "Account rule, per Region. In each Region any of the account's stacks deploys to, an aws_ebs_encryption_by_default must exist with enabled not false. It is a regional setting: one Region does not cover another.",
  remediation: 'Add aws_ebs_encryption_by_default { enabled = true } to the baseline for each Region (with an aliased provider).',
  checkAccount(account) {
    return perRegion(account, 'aws_ebs_encryption_by_default', (here, region) => {
      if (here.length === 0) return fail(`no aws_ebs_encryption_by_default in ${region}`);
      const v = bool(here[0].config.enabled);
      if (v === false) return fail(`${here[0].stack}: ${here[0].address} sets enabled = false in ${region}`);
      if (v === 'unknown') return undecided(`${here[0].address}.enabled is an expression`);
      return pass(`${here[0].stack}: ${here[0].address} encrypts new volumes in ${region}`);
    });
  },
};

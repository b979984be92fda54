import { perRegion } from '../checks/account';
import { customerKey } from '../checks/common';
import { AT_REST } from '../controls';
import { fail, pass, undecided, type AccountRule } from '../rule';

export const rule: AccountRule = {
  id: 'HIPAA-EC2-010',
  title: 'EBS default encryption uses a customer-managed KMS key in every Region',
  severity: 'medium',
  controls: AT_REST,
  resourceTypes: ['aws_ebs_default_kms_key'],
  scope: 'account',
  description:
    'Account rule, per Region. An aws_ebs_default_kms_key must set key_arn to a customer-managed key; otherwise default encryption uses the AWS-managed aws/ebs key, which cannot be shared for cross-account snapshot copies or controlled by your key policy.',
  remediation: 'Add aws_ebs_default_kms_key { key_arn = <baseline key ARN> } for each Region.',
  checkAccount(account, ctx) {
    return perRegion(account, 'aws_ebs_default_kms_key', (here, region) => {
      if (here.length === 0) return fail(`no aws_ebs_default_kms_key in ${region}: the AWS-managed aws/ebs key is used`);
      const key = customerKey(ctx, here[0], here[0].config.key_arn);
      if (key.answer === 'yes') return pass(`${here[0].stack}: ${here[0].address} uses a customer key in ${region} (${key.detail})`);
      if (key.answer === 'unknown') return undecided(`${here[0].address}: ${key.detail}`);
      return fail(`${here[0].address}: ${key.detail}`);
    });
  },
};

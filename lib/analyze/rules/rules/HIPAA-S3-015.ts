import { allFlagsTrue } from '../checks/s3';
import { NOT_PUBLIC } from '../controls';
import { fail, pass, undecided, type AccountRule } from '../rule';

export const rule: AccountRule = {
  id: 'HIPAA-S3-015',
  title: 'The account blocks S3 public access',
  severity: 'critical',
  controls: NOT_PUBLIC,
  configRule: 's3-account-level-public-access-blocks-periodic',
  resourceTypes: ['aws_s3_account_public_access_block'],
  scope: 'account',
  description:
    'Account rule. One aws_s3_account_public_access_block in the account must set block_public_acls, block_public_policy, ignore_public_acls and restrict_public_buckets to true, so no bucket, present or future, can be made public.',
  remediation: 'Add aws_s3_account_public_access_block to the account baseline with all four flags set to true.',
  checkAccount(account) {
    const blocks = account.byType.get('aws_s3_account_public_access_block') ?? [];
    if (blocks.length === 0) return fail('no aws_s3_account_public_access_block exists in this account');
    let unknown: string | undefined;
    let missingFlags: string | undefined;
    for (const b of blocks) {
      const { answer, missing } = allFlagsTrue(b.config);
      if (answer === 'yes') return pass(`${b.stack}: ${b.address} blocks public access account-wide`);
      if (answer === 'unknown') unknown ??= `${b.stack}: ${b.address} sets a flag to an expression`;
      else missingFlags ??= `${b.stack}: ${b.address} does not set ${missing.join(', ')} to true`;
    }
    return unknown ? undecided(unknown) : fail(missingFlags ?? 'no account public access block sets all four flags to true');
  },
};

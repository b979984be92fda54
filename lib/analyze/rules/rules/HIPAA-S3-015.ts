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
    'Account rule. Every aws_s3_account_public_access_block in the account (at least one) must set block_public_acls, block_public_policy, ignore_public_acls and restrict_public_buckets to true, so no bucket, present or future, can be made public.',
  remediation: 'Add aws_s3_account_public_access_block to the account baseline with all four flags set to true.',
  checkAccount(account) {
    const blocks = account.byType.get('aws_s3_account_public_access_block') ?? [];
    if (blocks.length === 0) return fail('no aws_s3_account_public_access_block exists in this account');
    let unknown: string | undefined;
    let missingFlags: string | undefined;
    // Every block writes the same account setting (PutPublicAccessBlock); the one applied last wins
    // and Terraform does not order them, so each must set all four flags.
    for (const b of blocks) {
      const { answer, missing } = allFlagsTrue(b.config);
      if (answer === 'unknown') unknown ??= `${b.stack}: ${b.address} sets a flag to an expression`;
      else if (answer === 'no') missingFlags ??= `${b.stack}: ${b.address} does not set ${missing.join(', ')} to true`;
    }
    const several = blocks.length > 1 ? ` (${blocks.length} account public access blocks write the one account setting; the one applied last wins)` : '';
    if (missingFlags) return fail(`${missingFlags}${several}`);
    if (unknown) return undecided(`${unknown}${several}`);
    return pass(`${blocks.map((b) => `${b.stack}: ${b.address}`).join(', ')} ${blocks.length > 1 ? 'block' : 'blocks'} public access account-wide`);
  },
};

import { attachedBy } from '../checks/iam';
import { AT_REST, AUTHENTICATION } from '../controls';
import { fail, pass, type ResourceRule } from '../rule';

export const rule: ResourceRule = {
  id: 'HIPAA-IAM-011',
  title: 'No long-lived IAM access keys are created in Terraform',
  severity: 'high',
  controls: [...AUTHENTICATION, AT_REST[0]],
  resourceTypes: ['aws_iam_user', 'aws_iam_access_key'],
  scope: 'resource',
  description:
    "Every aws_iam_access_key fails, and so does the aws_iam_user it belongs to (found by reference or literal name); users without keys pass. The key's secret is stored in Terraform state (encrypted only with a pgp_key, which still leaves the key long-lived and unrotated). Use roles, IAM Identity Center or OIDC federation. The AWS Config rule access-keys-rotated checks key age at run time.",
  remediation: 'Remove the access key; give workloads roles and people federated access.',
  check(r, ctx) {
    if (r.type === 'aws_iam_access_key') return fail('an IAM access key is created, and its secret lands in Terraform state');
    const keys = attachedBy(ctx, r, ['aws_iam_access_key'], 'user');
    if (keys.length > 0) return fail(`${keys[0].address} creates an access key for this user`);
    return pass('no access key is created for this user');
  },
};

import { AT_REST } from '../controls';
import { fail, pass, skip, undecided, type ResourceRule } from '../rule';
import { bool, str } from '../../../terraform/values';

export const rule: ResourceRule = {
  id: 'HIPAA-KMS-001',
  title: 'Symmetric KMS keys rotate automatically',
  severity: 'medium',
  controls: AT_REST,
  configRule: 'cmk-backing-key-rotation-enabled',
  resourceTypes: ['aws_kms_key'],
  scope: 'resource',
  description:
    'A symmetric encryption key (customer_master_key_spec absent or SYMMETRIC_DEFAULT) must set enable_key_rotation = true; the provider default is false. Asymmetric and HMAC keys cannot rotate automatically and are not applicable.',
  remediation: 'Set enable_key_rotation = true on the aws_kms_key.',
  check(key) {
    const spec = str(key.config.customer_master_key_spec);
    if (spec === 'unknown') return undecided('customer_master_key_spec is an expression');
    if (spec !== 'absent' && spec !== 'SYMMETRIC_DEFAULT') return skip(`${spec} keys do not support automatic rotation`);
    const rotation = bool(key.config.enable_key_rotation);
    if (rotation === true) return pass('automatic key rotation is enabled');
    if (rotation === 'unknown') return undecided('enable_key_rotation is an expression');
    return fail(`enable_key_rotation is ${rotation === 'absent' ? 'not set (default false)' : 'false'}`);
  },
};

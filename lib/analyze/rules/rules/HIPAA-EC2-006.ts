import { launchTemplateOf } from '../checks/ec2';
import { AT_REST } from '../controls';
import { fail, pass, skip, undecided, type ResourceRule } from '../rule';
import type { JsonObject } from '../types';
import { blocks, bool } from '../../../terraform/values';

function allEncrypted(devices: JsonObject[], what: string): { ok: boolean | 'unknown'; detail: string } {
  for (const d of devices) {
    const v = bool(d.encrypted);
    if (v === 'unknown') return { ok: 'unknown', detail: `${what} sets encrypted to an expression` };
    if (v !== true) return { ok: false, detail: `${what} ${typeof d.device_name === 'string' ? d.device_name : ''} is not encrypted`.replace('  ', ' ') };
  }
  return { ok: true, detail: `${what} is encrypted` };
}

export const rule: ResourceRule = {
  id: 'HIPAA-EC2-006',
  title: 'EBS volumes are encrypted',
  severity: 'high',
  controls: AT_REST,
  configRule: 'encrypted-volumes',
  resourceTypes: ['aws_ebs_volume', 'aws_instance', 'aws_launch_template'],
  scope: 'resource',
  description:
    "aws_ebs_volume must set encrypted = true. An instance must declare root_block_device { encrypted = true } (its own, or from its launch template's block device mappings) and every ebs_block_device must be encrypted; an undeclared root volume takes its encryption from the AMI and fails. A launch template's declared EBS mappings must be encrypted; a template that declares none is not applicable. Account-level default encryption (HIPAA-EC2-009) is a second line, not a substitute.",
  remediation: 'Set encrypted = true (and kms_key_id) on every volume, root_block_device and block device mapping.',
  check(r, ctx) {
    if (r.type === 'aws_ebs_volume') {
      const v = bool(r.config.encrypted);
      if (v === true) return pass('the volume is encrypted');
      if (v === 'unknown') return undecided('encrypted is an expression');
      return fail('encrypted is not true');
    }
    if (r.type === 'aws_launch_template') {
      const mappings = blocks(r.config.block_device_mappings).flatMap((m) => blocks(m.ebs));
      if (mappings.length === 0) return skip('the template declares no EBS volumes');
      const a = allEncrypted(mappings, 'a block device mapping');
      return a.ok === true ? pass('every block device mapping is encrypted') : a.ok === 'unknown' ? undecided(a.detail) : fail(a.detail);
    }
    const lt = launchTemplateOf(ctx, r);
    const ltDevices = lt ? blocks(lt.config.block_device_mappings).flatMap((m) => blocks(m.ebs)) : [];
    const root = blocks(r.config.root_block_device);
    if (root.length === 0 && ltDevices.length === 0) return fail('root_block_device does not declare encrypted = true (the AMI default applies)');
    for (const [devices, what] of [
      [root, 'the root volume'],
      [blocks(r.config.ebs_block_device), 'an EBS block device'],
      [ltDevices, 'a launch template block device'],
    ] as const) {
      const a = allEncrypted([...devices], what);
      if (a.ok === 'unknown') return undecided(a.detail);
      if (a.ok === false) return fail(a.detail);
    }
    return pass('every declared volume is encrypted');
  },
};

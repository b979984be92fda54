import { perRegion } from '../checks/account';
import { linkedTo } from '../checks/s3';
import { ACTIVITY_REVIEW } from '../controls';
import { fail, pass, undecided, type AccountRule } from '../rule';
import type { Resource } from '../types';
import { blocks, bool, str } from '../../../terraform/values';

export const rule: AccountRule = {
  id: 'HIPAA-CFG-001',
  title: 'AWS Config records every resource type in every Region the account uses',
  severity: 'high',
  controls: [...ACTIVITY_REVIEW, '164.308(a)(8)'],
  resourceTypes: ['aws_config_configuration_recorder', 'aws_config_configuration_recorder_status', 'aws_config_delivery_channel'],
  scope: 'account',
  description:
    'Account rule, per Region. Each Region needs an aws_config_configuration_recorder that records all supported resource types (recording_group.all_supported not false, no exclusion strategy), an aws_config_configuration_recorder_status with is_enabled = true, and an aws_config_delivery_channel whose bucket, when it is in these stacks, does not have Object Lock enabled: AWS Config does not support a delivery channel to such a bucket (AWS::Config::DeliveryChannel documentation), so it would fail at apply. Without a recorder the conformance pack evaluates nothing.',
  remediation: 'Add a recorder (all_supported = true), its status (is_enabled = true) and a delivery channel to a bucket without Object Lock to the baseline for each Region.',
  checkAccount(account, ctx) {
    const statuses = account.byType.get('aws_config_configuration_recorder_status') ?? [];
    const channels = account.byType.get('aws_config_delivery_channel') ?? [];
    const lockedTargets = new Map<Resource, Resource>();
    for (const bucket of account.byType.get('aws_s3_bucket') ?? []) {
      if (bool(bucket.config.object_lock_enabled) !== true) continue;
      for (const c of linkedTo(ctx, bucket, 'aws_config_delivery_channel', 's3_bucket_name')) lockedTargets.set(c, bucket);
    }
    return perRegion(account, 'aws_config_configuration_recorder', (here, region) => {
      const recorder = here[0];
      if (!recorder) return fail(`no aws_config_configuration_recorder in ${region}`);
      const group = blocks(recorder.config.recording_group)[0];
      if (group) {
        const all = bool(group.all_supported);
        if (all === false) return fail(`${recorder.address} does not record all supported resource types`);
        if (all === 'unknown') return undecided(`${recorder.address}.recording_group.all_supported is an expression`);
        const strategy = blocks(group.recording_strategy)[0];
        if (strategy && str(strategy.use_only) === 'unknown') return undecided(`${recorder.address}.recording_group.recording_strategy.use_only is an expression`);
        if (strategy && strategy.use_only !== undefined && strategy.use_only !== 'ALL_SUPPORTED_RESOURCE_TYPES') {
          return fail(`${recorder.address} records only ${String(strategy.use_only)}`);
        }
      }
      const status = statuses.find((s) => s.region === region);
      if (!status) return fail(`no aws_config_configuration_recorder_status turns the recorder on in ${region}`);
      const on = bool(status.config.is_enabled);
      if (on === 'unknown') return undecided(`${status.address}.is_enabled is an expression`);
      if (on !== true) return fail(`${status.address} does not set is_enabled = true`);
      const channelsHere = channels.filter((c) => c.region === region);
      if (channelsHere.length === 0) return fail(`no aws_config_delivery_channel in ${region}`);
      const locked = channelsHere.find((c) => lockedTargets.has(c));
      if (locked) {
        return fail(
          `${locked.stack}: ${locked.address} delivers to ${lockedTargets.get(locked)?.address}, which has Object Lock enabled; AWS Config does not support a delivery channel to such a bucket`,
        );
      }
      return pass(`${recorder.stack}: ${recorder.address} records all resources in ${region}`);
    });
  },
};

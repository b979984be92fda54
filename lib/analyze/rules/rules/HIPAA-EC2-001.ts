import { hasUnresolvedTemplate, launchTemplateOf } from '../checks/ec2';
import { LEAST_PRIVILEGE } from '../controls';
import { fail, pass, undecided, type ResourceRule } from '../rule';
import type { JsonObject } from '../types';
import { blocks, str } from '../../../terraform/values';

function imds(options: JsonObject | undefined): 'v2' | 'off' | 'v1' | 'unset' | 'unknown' {
  if (!options) return 'unset';
  const endpoint = str(options.http_endpoint);
  if (endpoint === 'disabled') return 'off';
  const tokens = str(options.http_tokens);
  if (tokens === 'required') return 'v2';
  if (tokens === 'unknown' || endpoint === 'unknown') return 'unknown';
  return tokens === 'absent' ? 'unset' : 'v1';
}

export const rule: ResourceRule = {
  id: 'HIPAA-EC2-001',
  title: 'EC2 instances and launch templates require IMDSv2',
  severity: 'high',
  controls: LEAST_PRIVILEGE,
  configRule: 'ec2-imdsv2-check',
  resourceTypes: ['aws_instance', 'aws_launch_template'],
  scope: 'resource',
  description:
    'metadata_options.http_tokens must be "required" (or the metadata endpoint disabled). An instance without its own metadata_options inherits them from the aws_launch_template it names in the same stack; a template the engine cannot see is reported. Absent means the AMI default, which usually allows IMDSv1, and fails.',
  remediation: 'Set metadata_options { http_tokens = "required", http_endpoint = "enabled" } on the instance or its launch template.',
  check(r, ctx) {
    let answer = imds(blocks(r.config.metadata_options)[0]);
    let where = r.address;
    if (answer === 'unset' && r.type === 'aws_instance') {
      const lt = launchTemplateOf(ctx, r);
      if (lt) {
        answer = imds(blocks(lt.config.metadata_options)[0]);
        where = lt.address;
      } else if (hasUnresolvedTemplate(ctx, r)) {
        return undecided('the instance uses a launch template that is not in this stack');
      }
    }
    if (answer === 'v2') return pass(`${where} requires IMDSv2 tokens`);
    if (answer === 'off') return pass(`${where} disables the metadata endpoint`);
    if (answer === 'unknown') return undecided(`${where} sets metadata options to an expression`);
    return fail(answer === 'unset' ? `${where} does not set metadata_options.http_tokens = "required"` : `${where} allows IMDSv1 (http_tokens optional)`);
  },
};

import { AUDIT_LOGGING } from '../controls';
import { fail, pass, undecided, type ResourceRule } from '../rule';
import { str } from '../../../terraform/values';

export const rule: ResourceRule = {
  id: 'HIPAA-VPC-001',
  title: 'VPCs have flow logs capturing all traffic',
  severity: 'high',
  controls: AUDIT_LOGGING,
  configRule: 'vpc-flow-logs-enabled',
  resourceTypes: ['aws_vpc'],
  scope: 'resource',
  description:
    'An aws_flow_log in the same stack must reference the VPC (vpc_id) with traffic_type "ALL"; ACCEPT- or REJECT-only logs miss half of the evidence. Deployed at run time with trafficType ALL.',
  remediation: 'Add an aws_flow_log { vpc_id = aws_vpc.x.id, traffic_type = "ALL" } delivering to an encrypted log group or bucket.',
  check(vpc, ctx) {
    const logs = ctx.referencing(vpc, ['aws_flow_log'], 'vpc_id');
    if (logs.length === 0) return fail('no aws_flow_log references this VPC');
    for (const log of logs) {
      const t = str(log.config.traffic_type);
      if (t === 'ALL') return pass(`${log.address} captures all traffic`);
    }
    const t = str(logs[0].config.traffic_type);
    if (t === 'unknown') return undecided(`${logs[0].address}.traffic_type is an expression`);
    return fail(`${logs[0].address} captures only ${String(t)} traffic`);
  },
};

import { INGRESS_TYPES, judgeIngress, type PortSegment } from '../checks/network';
import { RESTRICTED_NETWORK } from '../controls';
import { fail, pass, skip, undecided, type ResourceRule } from '../rule';

/** TCP ports that may be open to the internet (deployed as authorizedTcpPorts). */
export const AUTHORIZED_TCP_PORTS = [443] as const;

export const rule: ResourceRule = {
  id: 'HIPAA-VPC-007',
  title: 'Security groups open only HTTPS to the internet',
  severity: 'high',
  controls: RESTRICTED_NETWORK,
  configRule: 'vpc-sg-open-only-to-authorized-ports',
  resourceTypes: INGRESS_TYPES,
  scope: 'resource',
  description: `What a security group opens to the internet (its rules added up, the union of their CIDRs covering every internet address, as in HIPAA-VPC-005) may only be TCP port ${AUTHORIZED_TCP_PORTS.join(', ')}. Any other protocol or port open to the internet fails.`,
  remediation: 'Restrict the source to known CIDRs or security groups, or serve through a load balancer on 443.',
  check(r, ctx) {
    const authorized = (rule: PortSegment) => rule.protocol === 'tcp' && rule.fromPort === rule.toPort && (AUTHORIZED_TCP_PORTS as readonly number[]).includes(rule.fromPort);
    const j = judgeIngress(r, ctx, (rule) => !authorized(rule));
    if (j.status === 'none') return skip(j.detail);
    if (j.status === 'open') return fail(j.detail);
    if (j.status === 'unknown') return undecided(j.detail);
    return pass('only authorized ports are open to the internet');
  },
};

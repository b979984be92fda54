import { IN_TRANSIT } from '../controls';
import { fail, pass, undecided, type ResourceRule } from '../rule';
import { blocks, hasDynamic, str } from '../../../terraform/values';

export const rule: ResourceRule = {
  id: 'HIPAA-ELB-007',
  title: 'Classic load balancers listen only on HTTPS or SSL',
  severity: 'high',
  controls: IN_TRANSIT,
  configRule: 'elb-tls-https-listeners-only',
  resourceTypes: ['aws_elb'],
  scope: 'resource',
  description: 'Every listener block of an aws_elb must have lb_protocol HTTPS or SSL.',
  remediation: 'Change HTTP/TCP listeners to HTTPS/SSL, or migrate to an application load balancer with an HTTP-to-HTTPS redirect.',
  check(elb) {
    if (hasDynamic(elb.config, 'listener')) return undecided('listeners are built with a dynamic block');
    for (const l of blocks(elb.config.listener)) {
      const p = str(l.lb_protocol);
      if (p === 'unknown') return undecided('a listener protocol is an expression');
      if (typeof p === 'string' && !['HTTPS', 'SSL'].includes(p.toUpperCase())) return fail(`a listener uses ${p}`);
    }
    return pass('every listener uses HTTPS or SSL');
  },
};

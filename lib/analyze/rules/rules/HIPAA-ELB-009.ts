import { AT_REST, IN_TRANSIT } from '../controls';
import { fail, pass, undecided, type ResourceRule } from '../rule';
import { blocks, str } from '../../../terraform/values';
import { isAcm } from './HIPAA-ELB-006';

export const rule: ResourceRule = {
  id: 'HIPAA-ELB-009',
  title: 'Classic load balancers use ACM certificates',
  severity: 'medium',
  controls: [...new Set([...IN_TRANSIT, ...AT_REST])],
  configRule: 'elb-acm-certificate-required',
  resourceTypes: ['aws_elb'],
  scope: 'resource',
  description: 'Every HTTPS or SSL listener of an aws_elb must use an ACM certificate (ssl_certificate_id).',
  remediation: 'Issue the certificate in ACM and reference it in ssl_certificate_id.',
  check(elb, ctx) {
    for (const l of blocks(elb.config.listener)) {
      const p = str(l.lb_protocol);
      if (p === 'unknown') return undecided('a listener protocol is an expression, so it may be HTTPS or SSL without an ACM certificate');
      if (p === 'absent' || !['HTTPS', 'SSL'].includes(p.toUpperCase())) continue;
      const acm = isAcm(ctx, elb, l.ssl_certificate_id);
      if (acm === 'unknown') return undecided('a listener certificate cannot be resolved');
      if (acm !== true) return fail(`an ${l.lb_protocol} listener does not use an ACM certificate`);
    }
    return pass('TLS listeners use ACM certificates');
  },
};

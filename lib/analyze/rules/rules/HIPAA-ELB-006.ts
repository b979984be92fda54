import { LISTENER_TYPES, listenerProtocol } from '../checks/elb';
import { AT_REST } from '../controls';
import { fail, pass, skip, undecided, type ResourceRule, type RuleContext } from '../rule';
import type { JsonValue, Resource } from '../types';
import { isExpression } from '../../../terraform/values';
import { partitionsOf } from '../checks/common';

const ACM_TYPES = ['aws_acm_certificate', 'aws_acm_certificate_validation'];

/** Whether a certificate ARN is from ACM: a literal acm ARN or a reference to an ACM resource. */
export function isAcm(ctx: RuleContext, from: Resource, value: JsonValue | undefined): boolean | 'unknown' | 'absent' {
  if (value === undefined || value === null || value === '') return 'absent';
  if (typeof value !== 'string') return 'unknown';
  if (!isExpression(value)) {
    const m = /^arn:([a-z-]+):acm(-pca)?:/.exec(value);
    return m !== null && partitionsOf(from).includes(m[1]);
  }
  const target = ctx.resolve(from, value);
  if (!target) return 'unknown';
  return ACM_TYPES.includes(target.type);
}

export const rule: ResourceRule = {
  id: 'HIPAA-ELB-006',
  title: 'HTTPS and TLS listeners use ACM certificates',
  severity: 'medium',
  controls: AT_REST,
  configRule: 'elbv2-acm-certificate-required',
  resourceTypes: LISTENER_TYPES,
  scope: 'resource',
  description:
    'certificate_arn must be an ACM certificate (a literal arn:<partition>:acm ARN in the partition of the listener, or a reference to aws_acm_certificate / aws_acm_certificate_validation / data.aws_acm_certificate): ACM renews certificates, so TLS does not lapse. IAM server certificates fail. Other protocols are not applicable.',
  remediation: 'Issue the certificate in ACM and reference it.',
  check(listener, ctx) {
    const protocol = listenerProtocol(ctx, listener);
    if (protocol === 'unknown') return undecided('the listener protocol (or its load balancer type) is not known');
    if (protocol !== 'HTTPS' && protocol !== 'TLS') return skip(`${protocol} listener`);
    const acm = isAcm(ctx, listener, listener.config.certificate_arn);
    if (acm === true) return pass('the certificate is from ACM');
    if (acm === 'unknown') return undecided(`certificate_arn ${JSON.stringify(listener.config.certificate_arn)} cannot be resolved`);
    return fail(acm === 'absent' ? 'certificate_arn is not set' : 'the certificate is not from ACM');
  },
};

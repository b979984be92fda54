import { LISTENER_TYPES, listenerProtocol } from '../checks/elb';
import { IN_TRANSIT } from '../controls';
import { fail, pass, skip, undecided, type ResourceRule } from '../rule';
import { str } from '../../../terraform/values';

/** Predefined policies that allow TLS 1.2 or later only. */
export const TLS12_POLICY = /^ELBSecurityPolicy-(TLS13-1-[23]-|TLS-1-2-|FS-1-2-)/;

export const rule: ResourceRule = {
  id: 'HIPAA-ELB-005',
  title: 'HTTPS and TLS listeners allow only TLS 1.2 or later',
  severity: 'high',
  controls: IN_TRANSIT,
  resourceTypes: LISTENER_TYPES,
  scope: 'resource',
  description:
    'An HTTPS or TLS listener must set ssl_policy to a predefined TLS 1.2+ policy (ELBSecurityPolicy-TLS13-1-2-*, -TLS13-1-3-*, -TLS-1-2-*, -FS-1-2-*). Absent means ELBSecurityPolicy-2016-08, which allows TLS 1.0, and fails. Other protocols are not applicable.',
  remediation: 'Set ssl_policy = "ELBSecurityPolicy-TLS13-1-2-2021-06".',
  check(listener, ctx) {
    const protocol = listenerProtocol(ctx, listener);
    if (protocol === 'unknown') return undecided('the listener protocol (or its load balancer type) is not known');
    if (protocol !== 'HTTPS' && protocol !== 'TLS') return skip(`${protocol} listener`);
    const policy = str(listener.config.ssl_policy);
    if (policy === 'unknown') return undecided('ssl_policy is an expression');
    if (policy === 'absent') return fail('ssl_policy is not set (default ELBSecurityPolicy-2016-08 allows TLS 1.0)');
    if (TLS12_POLICY.test(policy)) return pass(`ssl_policy ${policy} allows TLS 1.2+ only`);
    return fail(`ssl_policy ${policy} allows protocols older than TLS 1.2`);
  },
};

import { LISTENER_TYPES, listenerProtocol } from '../checks/elb';
import { IN_TRANSIT } from '../controls';
import { fail, pass, skip, undecided, type ResourceRule } from '../rule';
import { blocks, str } from '../../../terraform/values';

export const rule: ResourceRule = {
  id: 'HIPAA-ELB-004',
  title: 'HTTP listeners redirect to HTTPS',
  severity: 'high',
  controls: IN_TRANSIT,
  configRule: 'alb-http-to-https-redirection-check',
  resourceTypes: LISTENER_TYPES,
  scope: 'resource',
  description:
    'A listener whose protocol is HTTP (explicitly, or by default on an application load balancer) must have a default_action of type redirect with redirect.protocol HTTPS. Other protocols are not applicable (HIPAA-ELB-005 covers TLS listeners). A listener whose protocol cannot be determined is reported.',
  remediation: 'Make the HTTP listener\'s default action redirect { protocol = "HTTPS", port = "443", status_code = "HTTP_301" }.',
  check(listener, ctx) {
    const protocol = listenerProtocol(ctx, listener);
    if (protocol === 'unknown') return undecided('the listener protocol (or its load balancer type) is not known');
    if (protocol !== 'HTTP') return skip(`${protocol} listener`);
    const action = blocks(listener.config.default_action)[0];
    if (!action) return fail('the HTTP listener has no default action');
    const type = str(action.type);
    if (type === 'unknown') return undecided('the default action type is an expression');
    const redirectTo = blocks(action.redirect)[0];
    if (type === 'redirect' && redirectTo && str(redirectTo.protocol) === 'unknown') return undecided('the redirect protocol is an expression');
    if (type !== 'redirect') return fail(`the HTTP listener ${String(action.type)}s instead of redirecting to HTTPS`);
    const redirect = blocks(action.redirect)[0];
    if (redirect && str(redirect.protocol) === 'HTTPS') return pass('HTTP is redirected to HTTPS');
    return fail('the redirect does not go to HTTPS');
  },
};

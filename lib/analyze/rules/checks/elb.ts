/**
 * Load balancers and listeners (aws_lb / aws_alb and their listeners; classic aws_elb).
 */
import type { RuleContext } from '../rule';
import type { Resource } from '../types';
import { str } from '../../../terraform/values';

export const LB_TYPES = ['aws_lb', 'aws_alb'];
export const LISTENER_TYPES = ['aws_lb_listener', 'aws_alb_listener'];

/** `application`, `network`, `gateway`, or `unknown` when the type is an expression. */
export function lbType(lb: Resource): string {
  const t = str(lb.config.load_balancer_type);
  if (t === 'absent') return 'application';
  return t === 'unknown' ? 'unknown' : t;
}

/** A listener's protocol, filling the default from its load balancer (HTTP for ALB, TCP for NLB). */
export function listenerProtocol(ctx: RuleContext, listener: Resource): string | 'unknown' {
  const p = str(listener.config.protocol);
  if (p === 'unknown') return 'unknown';
  if (p !== 'absent') return p.toUpperCase();
  const lb = ctx.resolve(listener, listener.config.load_balancer_arn);
  if (!lb || !LB_TYPES.includes(lb.type)) return 'unknown';
  const t = lbType(lb);
  return t === 'application' ? 'HTTP' : t === 'network' ? 'TCP' : t === 'gateway' ? 'GENEVE' : 'unknown';
}

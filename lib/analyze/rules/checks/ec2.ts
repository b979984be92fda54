/**
 * EC2 instances and the launch templates they start from: an argument on the instance wins, the
 * template supplies the rest.
 */
import type { RuleContext } from '../rule';
import type { JsonObject, Resource } from '../types';
import { blocks } from '../../../terraform/values';

/** The launch template an instance starts from (by reference in the same stack). */
export function launchTemplateOf(ctx: RuleContext, instance: Resource): Resource | undefined {
  const lt = blocks(instance.config.launch_template)[0];
  if (!lt) return undefined;
  const target = ctx.resolve(instance, lt.id ?? lt.name);
  return target && target.type === 'aws_launch_template' ? target : undefined;
}

/** Whether the instance names a launch template the engine cannot see. */
export function hasUnresolvedTemplate(ctx: RuleContext, instance: Resource): boolean {
  return blocks(instance.config.launch_template).length > 0 && launchTemplateOf(ctx, instance) === undefined;
}

/** The first `network_interfaces` block of a launch template. */
export function templateInterface(template: Resource): JsonObject | undefined {
  return blocks(template.config.network_interfaces)[0];
}

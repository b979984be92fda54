/**
 * "One call" for any CDKTF app: synthesize every stack in memory, evaluate, and honour the
 * suppressions set with `suppress()` on its constructs.
 */
import { App, TerraformStack } from 'cdktf';
import { invokeAspects } from 'cdktf/lib/synthesize/synthesizer';
import { evaluate, type EvaluateOptions } from './analyze/rules/engine';
import { constructSuppressions } from './analyze/rules/suppressions';
import { waiverSuppressions } from './analyze/rules/waivers';
import type { ComplianceResult, StackDocument, TerraformJson } from './analyze/rules/types';

export interface CheckAppOptions extends EvaluateOptions {
  /**
   * Run the stacks' Aspects before synthesizing (as `app.synth()` does). Aspects then run again at
   * `app.synth()`, so they must be idempotent; turn this off when the app has none or they are not.
   * @default true
   */
  readonly invokeAspects?: boolean;
}

/**
 * Synthesizes each TerraformStack of `app` in memory (no files written), the way `cdktf synth`
 * would, and evaluates the result. Construct suppressions under the app are added to
 * `opts.suppressions`.
 */
export function synthesizeInMemory(app: App, opts: { invokeAspects?: boolean } = {}): StackDocument[] {
  const stacks = app.node.findAll().filter((c): c is TerraformStack => TerraformStack.isStack(c));
  for (const stack of stacks) stack.prepareStack();
  return stacks.map((stack) => {
    if (opts.invokeAspects ?? true) invokeAspects(stack);
    return { name: stack.node.id, json: stack.toTerraform() as TerraformJson };
  });
}

export function checkApp(app: App, opts: CheckAppOptions = {}): ComplianceResult {
  const stacks = synthesizeInMemory(app, opts);
  return evaluate(stacks, { ...opts, suppressions: [...(opts.suppressions ?? []), ...constructSuppressions(app), ...waiverSuppressions(app)] });
}

/**
 * "One call" for any CDKTF app: synthesize every stack in memory and evaluate it. Suppressions set
 * with `suppress()` and construct waivers are read from each stack's `"//".hipaa` metadata, the
 * same way `check` reads them from a synthesized output.
 */
import { App, TerraformStack } from 'cdktf';
import { invokeAspects } from 'cdktf/lib/synthesize/synthesizer';
import { evaluate, type EvaluateOptions } from './analyze/rules/engine';
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
 * would.
 */
export function synthesizeInMemory(app: App, opts: { invokeAspects?: boolean } = {}): StackDocument[] {
  const stacks = app.node.findAll().filter((c): c is TerraformStack => TerraformStack.isStack(c));
  for (const stack of stacks) stack.prepareStack();
  return stacks.map((stack) => {
    if (opts.invokeAspects ?? true) invokeAspects(stack);
    return { name: stack.node.id, json: stack.toTerraform() as TerraformJson };
  });
}

/** Synthesizes `app` in memory and evaluates it with the suppressions its stacks record. */
export function checkApp(app: App, opts: CheckAppOptions = {}): ComplianceResult {
  return evaluate(synthesizeInMemory(app, opts), opts);
}

/**
 * CDKTF records a full stack trace for every token it creates (each reference, each lazy value),
 * only to explain resolution errors that our synth never shows. Capturing and formatting those
 * traces was the largest single cost of a 100-tenant synth (1.7 s of 7.3 s). The CLI skips both for
 * those captures only; real errors keep their stack traces. HIPAA_STACK_TRACES=1 keeps everything.
 */
export function skipTokenStackTraces(env: NodeJS.ProcessEnv): void {
  if (env.HIPAA_STACK_TRACES) return;
  // Walking the stack costs even when nothing formats it: CDKTF's `{ stack: "" }` holders get none.
  const capture = Error.captureStackTrace;
  Error.captureStackTrace = (target: object, constructorOpt?: Parameters<typeof capture>[1]) => {
    if (isStackHolder(target)) return;
    capture.call(Error, target, constructorOpt);
  };
  const previous = Error.prepareStackTrace;
  Error.prepareStackTrace = (error: Error, frames: NodeJS.CallSite[]) => {
    // CDKTF captures into a plain `{ stack: "" }` object, never into an Error.
    if (!(error instanceof Error)) return '';
    if (previous) return previous(error, frames);
    return `${error.name}: ${error.message}${frames.map((f) => `\n    at ${f.toString()}`).join('')}`;
  };
}

/** CDKTF's token stack holder: a plain object whose only property is an empty `stack`. */
function isStackHolder(target: object): boolean {
  if (target instanceof Error || Object.getPrototypeOf(target) !== Object.prototype) return false;
  const keys = Object.keys(target);
  return keys.length === 1 && keys[0] === 'stack' && (target as { stack: unknown }).stack === '';
}

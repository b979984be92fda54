/**
 * CDKTF records a full stack trace for every token it creates (each reference, each lazy value),
 * only to explain resolution errors that our synth never shows. Formatting those traces was the
 * largest single cost of a 100-tenant synth (1.3 s of 7.3 s). The CLI turns the formatting off for
 * those captures only; real errors keep their stack traces. HIPAA_STACK_TRACES=1 keeps everything.
 */
export function skipTokenStackTraces(env: NodeJS.ProcessEnv): void {
  if (env.HIPAA_STACK_TRACES) return;
  const previous = Error.prepareStackTrace;
  Error.prepareStackTrace = (error: Error, frames: NodeJS.CallSite[]) => {
    // CDKTF captures into a plain `{ stack: "" }` object, never into an Error.
    if (!(error instanceof Error)) return '';
    if (previous) return previous(error, frames);
    return `${error.name}: ${error.message}${frames.map((f) => `\n    at ${f.toString()}`).join('')}`;
  };
}

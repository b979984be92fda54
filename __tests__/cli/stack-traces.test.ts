import { skipTokenStackTraces } from '../../cli/stack-traces';

describe('skipping CDKTF token stack traces', () => {
  const original = { capture: Error.captureStackTrace, prepare: Error.prepareStackTrace };
  afterEach(() => {
    Error.captureStackTrace = original.capture;
    Error.prepareStackTrace = original.prepare;
  });

  it('gives CDKTF stack holders no trace, and keeps the traces of real errors', () => {
    skipTokenStackTraces({});
    const holder = { stack: '' };
    Error.captureStackTrace(holder);
    expect(holder.stack).toBe('');
    const thrower = () => {
      throw new Error('real');
    };
    let stack = '';
    try {
      thrower();
    } catch (e) {
      stack = (e as Error).stack ?? '';
    }
    expect(stack).toMatch(/^Error: real\n\s+at thrower/);
    const target = new Error('captured');
    Error.captureStackTrace(target);
    expect(target.stack).toContain('at ');
  });

  it('changes nothing when HIPAA_STACK_TRACES is set', () => {
    skipTokenStackTraces({ HIPAA_STACK_TRACES: '1' });
    expect(Error.captureStackTrace).toBe(original.capture);
    const holder = { stack: '' };
    Error.captureStackTrace(holder);
    expect(holder.stack.length).toBeGreaterThan(0);
  });
});

/**
 * Test helpers for the planning layer: configs built through the real schema (so defaults apply),
 * and access to the problems of a thrown HipaaValidationError.
 */
import { configSchema, type HipaaConfig, type HipaaConfigInput } from '../../lib/config/schema';
import { HipaaValidationError, type Problem } from '../../lib/errors';

export const ACCOUNT_A = { name: 'prod-a', id: '111111111111' } as const;
export const ACCOUNT_B = { name: 'prod-b', id: '222222222222' } as const;
export const SECURITY = { name: 'security', id: '999999999999', purpose: 'security' } as const;

/** A parsed config: organization `acme`, one workloads account unless `accounts` is given. */
export function makeConfig(input: Partial<HipaaConfigInput> = {}): HipaaConfig {
  return configSchema.parse({ organization: 'acme', accounts: [ACCOUNT_A], alarms: { email: ['security@example.com'] }, ...input });
}

/** `n` dedicated tenants `t0`..`t<n-1>`. */
export function tenants(n: number): { id: string }[] {
  return Array.from({ length: n }, (_, i) => ({ id: `t${i}` }));
}

/** The problems `fn` throws; fails the test when it throws anything else or nothing. */
export function problemsOf(fn: () => unknown): readonly Problem[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof HipaaValidationError) return error.problems;
    throw error;
  }
  throw new Error('expected a HipaaValidationError, but nothing was thrown');
}

/** The single problem with `code` that `fn` throws. */
export function problemWith(fn: () => unknown, code: string): Problem {
  const problems = problemsOf(fn);
  const matching = problems.filter((p) => p.code === code);
  if (matching.length !== 1) {
    throw new Error(`expected one ${code}, got: ${problems.map((p) => `${p.code} at ${p.path}`).join('; ') || 'none'}`);
  }
  return matching[0];
}

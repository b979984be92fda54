import fc from 'fast-check';
import * as os from 'os';
import { parseConfig, parseConfigText } from '../../lib/config/load';
import { DEMO_CONFIG } from '../../lib/config/demo';
import { HipaaValidationError, Problem } from '../../lib/errors';
import { buildApp } from '../../stacks/app';

/** Runs config -> plan -> modules the way synth does, without synthesizing. */
function check(input: unknown): Problem[] | 'ok' {
  try {
    buildApp(parseConfig(input), { outdir: os.tmpdir() });
    return 'ok';
  } catch (e) {
    if (e instanceof HipaaValidationError) return [...e.problems];
    throw e;
  }
}

function problemsOf(input: unknown): Problem[] {
  const r = check(input);
  if (r === 'ok') throw new Error('expected problems');
  return r;
}

const demo = () => JSON.parse(JSON.stringify(DEMO_CONFIG));

describe('hostile configuration input', () => {
  it('answers any JSON value with a config or a HipaaValidationError, never another exception', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        try {
          parseConfig(value);
        } catch (e) {
          expect(e).toBeInstanceOf(HipaaValidationError);
          for (const p of (e as HipaaValidationError).problems) {
            expect(p.path.length).toBeGreaterThan(0);
            expect(p.fix.length).toBeGreaterThan(0);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('answers arbitrary text with a config or a HipaaValidationError', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        try {
          parseConfigText(text);
        } catch (e) {
          expect(e).toBeInstanceOf(HipaaValidationError);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('answers random corruptions of the demo with named problems, never a crash', () => {
    const fields = ['organization', 'homeRegion', 'auditRetentionDays', 'network', 'accounts', 'tenants', 'pools', 'backend'];
    const junk = fc.oneof(
      fc.string(),
      fc.integer(),
      fc.constant(null),
      fc.boolean(),
      fc.array(fc.string(), { maxLength: 3 }),
      fc.dictionary(fc.string(), fc.string(), { maxKeys: 3 }),
    );
    fc.assert(
      fc.property(fc.constantFrom(...fields), junk, (field, value) => {
        const input = { ...demo(), [field]: value };
        const r = check(input);
        if (r !== 'ok') for (const p of r) expect(p.code).toMatch(/^HIPAA_/);
      }),
      { numRuns: 120 },
    );
  });

  it.each([
    ['duplicate tenant ids', (c: any) => c.tenants.push({ id: 'acme' }), 'tenants[6].id'],
    ['a tenant id longer than AWS names allow', (c: any) => (c.tenants[0].id = 'a'.repeat(21)), 'tenants[0].id'],
    ['a tenant id with characters AWS rejects', (c: any) => (c.tenants[0].id = 'Acme_Corp'), 'tenants[0].id'],
    ['a malformed CIDR', (c: any) => (c.tenants[0].cidr = '10.0.0.0/33'), 'tenants[0].cidr'],
    ['a CIDR with host bits', (c: any) => (c.tenants[0].cidr = '10.1.2.3/20'), 'tenants[0].cidr'],
    ['a CIDR outside the supernet', (c: any) => (c.tenants[0].cidr = '192.168.0.0/20'), 'tenants[0].cidr'],
    [
      'overlapping CIDRs',
      (c: any) => {
        c.tenants[0].cidr = '10.1.0.0/20';
        c.tenants[1].cidr = '10.1.0.0/20';
      },
      'tenants[1].cidr',
    ],
    ['an account id that is not 12 digits', (c: any) => (c.accounts[1].id = '2222'), 'accounts[1].id'],
    ['a retention below the floor', (c: any) => (c.auditRetentionDays = 30), 'auditRetentionDays'],
    ['a peer that does not exist', (c: any) => (c.tenants[1].peers = [{ tenant: 'acmee', ports: [443] }]), 'tenants[1].peers[0].tenant'],
    ['an unknown field', (c: any) => (c.tenants[0].moduels = []), 'tenants[0].moduels'],
  ])('rejects %s with a problem at its path', (_name, mutate, path) => {
    const input = demo();
    mutate(input);
    const problems = problemsOf(input);
    expect(problems.map((p) => p.path)).toContain(path);
  });

  it('says how many accounts are missing when tenants exceed the VPC quota', () => {
    const input = demo();
    input.tenants.push(...Array.from({ length: 6 }, (_, i) => ({ id: `extra${i}` })));
    const problems = problemsOf(input);
    const capacity = problems.find((p) => /quota|capacity|fit/i.test(p.message));
    expect(capacity).toBeDefined();
    expect(`${capacity!.message} ${capacity!.fix}`).toMatch(/\d+/);
  });

  it('suggests the closest name for a mistyped peer', () => {
    const input = demo();
    input.tenants[1].peers = [{ tenant: 'acmee', ports: [443] }];
    const problem = problemsOf(input).find((p) => p.path === 'tenants[1].peers[0].tenant')!;
    expect(`${problem.message} ${problem.fix}`).toContain('acme');
  });
});

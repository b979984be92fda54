/**
 * Documented configuration options synthesize with no violation and no suppression: the
 * constructs and the rule pack agree on what is compliant.
 */
import { configViolations, smallConfig, synthConfig } from '../../util/config-synth';

describe('documented options pass the compliance gate', () => {
  it.each(['8.0', '8.4'])('a MySQL %s tenant synthesizes with 0 violations', (engineVersion) => {
    const config = smallConfig([{ id: 'acme', modules: [{ id: 'database', inputs: { engine: 'mysql', engineVersion } }, { id: 'backup' }, { id: 'bastion' }] }]);
    expect(configViolations(config)).toEqual([]);
  });

  it('a GovCloud home Region (us-gov-west-1) synthesizes with 0 violations', () => {
    const config = smallConfig([{ id: 'acme', modules: [{ id: 'database' }, { id: 'backup' }, { id: 'bastion' }] }], { homeRegion: 'us-gov-west-1' });
    expect(configViolations(config)).toEqual([]);
  });

  it('a tenant with egress: true (public NAT subnets) synthesizes with 0 violations and no suppression', () => {
    const config = smallConfig([{ id: 'acme', egress: true, modules: [{ id: 'database' }, { id: 'backup' }, { id: 'bastion' }] }]);
    expect(configViolations(config)).toEqual([]);
    const { stacks, suppressions } = synthConfig(config);
    expect(suppressions.filter((s) => s.rule === 'HIPAA-VPC-004')).toEqual([]);
    expect(stacks.some((s) => Object.keys(s.json.resource?.aws_nat_gateway ?? {}).length === 2)).toBe(true);
  });

  // The backup module's documented ranges (docs/modules.md, generated from lib/constructs/registry/catalog.ts).
  it.each([
    [35, 2192],
    [36, 2192],
    [2192, 2192],
    [36500, 36500],
    [35, 2193],
    [35, 3653],
    [35, 36500],
    [35, undefined],
  ])('backup dailyRetentionDays %s with monthlyRetentionDays %s synthesizes with 0 violations', (dailyRetentionDays, monthlyRetentionDays) => {
    const inputs = { dailyRetentionDays, ...(monthlyRetentionDays === undefined ? {} : { monthlyRetentionDays }) };
    const config = smallConfig([{ id: 'acme', modules: [{ id: 'database' }, { id: 'backup', inputs }] }]);
    expect(configViolations(config)).toEqual([]);
  });

  it.each([
    ['dailyRetentionDays', 34],
    ['dailyRetentionDays', 36501],
    ['monthlyRetentionDays', 2191],
    ['monthlyRetentionDays', 36501],
  ])('refuses backup %s %s, outside its documented range, as an input error', (field, value) => {
    const config = smallConfig([{ id: 'acme', modules: [{ id: 'database' }, { id: 'backup', inputs: { [field]: value } }] }]);
    expect(() => synthConfig(config)).toThrow(expect.objectContaining({ problems: [expect.objectContaining({ code: 'HIPAA_MODULE_INPUT', value })] }));
  });
});

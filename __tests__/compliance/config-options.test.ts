/**
 * Documented configuration options synthesize with no violation and no suppression: the
 * constructs and the rule pack agree on what is compliant.
 */
import { configViolations, smallConfig, synthConfig } from '../util/config-synth';

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
});

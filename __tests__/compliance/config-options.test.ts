/**
 * Documented configuration options synthesize with no violation and no suppression: the
 * constructs and the rule pack agree on what is compliant.
 */
import { configViolations, smallConfig } from '../util/config-synth';

describe('documented options pass the compliance gate', () => {
  it.each(['8.0', '8.4'])('a MySQL %s tenant synthesizes with 0 violations', (engineVersion) => {
    const config = smallConfig([{ id: 'acme', modules: [{ id: 'database', inputs: { engine: 'mysql', engineVersion } }, { id: 'backup' }, { id: 'bastion' }] }]);
    expect(configViolations(config)).toEqual([]);
  });
});

import { parseConfig } from '../../lib/config/load';
import { benchConfig } from '../../scripts/bench';

describe('the benchmark configurations', () => {
  it.each(['dedicated', 'pooled'] as const)('are valid configurations (%s), so npm run bench measures a synth that succeeds', (variant) => {
    expect(() => parseConfig(benchConfig(120, variant))).not.toThrow();
  });
});

/**
 * Every engine and supported major version (lib/constructs/data/engines.ts) in every Region family
 * (commercial, GovCloud, one outside the US) synthesizes with no violation: one configuration per
 * Region, one tenant per engine version, to keep the synth count small.
 */
import { parseConfig } from '../../lib/config/load';
import { evaluate, violations } from '../../lib/analyze/rules';
import { DATABASE_ENGINES, PARAMETER_FAMILIES } from '../../lib/constructs/data/engines';
import { smallConfig, synthConfig } from '../util/config-synth';

const VERSIONS = DATABASE_ENGINES.flatMap((engine) => Object.keys(PARAMETER_FAMILIES[engine]).map((version) => ({ engine, version })));

it.each(['us-east-1', 'us-gov-west-1', 'eu-west-1'] as const)(
  `every engine version (${VERSIONS.map((v) => `${v.engine} ${v.version}`).join(', ')}) synthesizes with 0 violations in %s`,
  (homeRegion) => {
    const tenants = VERSIONS.map(({ engine, version }) => ({
      id: `${engine === 'postgres' ? 'pg' : 'my'}${version.replace('.', '')}`,
      modules: [{ id: 'database', inputs: { engine, engineVersion: version } }, { id: 'backup' }],
    }));
    const config = smallConfig(tenants, { homeRegion, network: { supernet: '10.0.0.0/8', vpcPrefixLength: 20, azCount: 2, vpcQuotaPerRegion: 20 } });
    const { stacks, suppressions } = synthConfig(config);
    const dbs = stacks.flatMap((s) => Object.values((s.json.resource?.aws_db_instance ?? {}) as Record<string, { engine: string; engine_version: string }>));
    expect(dbs.map((d) => `${d.engine} ${d.engine_version}`).sort()).toEqual(VERSIONS.map((v) => `${v.engine} ${v.version}`).sort());
    const result = evaluate(stacks, { suppressions, auditRetentionDays: parseConfig(config).auditRetentionDays });
    expect(violations(result).map((f) => `${f.ruleId} ${f.address}: ${f.message}`)).toEqual([]);
  },
);

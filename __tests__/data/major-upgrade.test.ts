/**
 * A documented major engine upgrade (the `database` module's `engineVersion`, docs/modules.md):
 * RDS refuses a new major engine_version unless allow_major_version_upgrade is true, and wants a
 * parameter group of the new family in the same change (RDS API ModifyDBInstance, EngineVersion
 * and AllowMajorVersionUpgrade). aws_db_parameter_group family is ForceNew, so the new group gets
 * a new name and is created before the old one is destroyed; the instance itself updates in place.
 */
import { compareOutputs } from '../../lib/analyze/guard';
import { synthConfig, smallConfig } from '../util/config-synth';

type Json = { resource: Record<string, Record<string, Record<string, any>>> };

function tenantStacks(engine: 'postgres' | 'mysql', engineVersion: string) {
  const config = smallConfig([{ id: 'acme', modules: [{ id: 'database', inputs: { engine, engineVersion } }, { id: 'backup' }] }]);
  return synthConfig(config).stacks;
}

function only(json: Json, type: string): [string, Record<string, any>] {
  const entries = Object.entries(json.resource[type] ?? {});
  expect(entries).toHaveLength(1);
  return entries[0];
}

describe.each([
  ['postgres', '16', '17', 'postgres17'],
  ['mysql', '8.0', '8.4', 'mysql8.4'],
] as const)('a %s major upgrade from %s to %s', (engine, from, to, family) => {
  let before: ReturnType<typeof tenantStacks>;
  let after: ReturnType<typeof tenantStacks>;
  beforeAll(() => {
    before = tenantStacks(engine, from);
    after = tenantStacks(engine, to);
  });

  it('allows the major version upgrade and points the instance at a parameter group of the new family', () => {
    const tenant = after.find((s) => s.json.resource?.aws_db_instance) as unknown as { json: Json };
    const [dbName, db] = only(tenant.json, 'aws_db_instance');
    const [groupName, group] = only(tenant.json, 'aws_db_parameter_group');
    expect(db).toEqual(expect.objectContaining({ engine_version: to, allow_major_version_upgrade: true, parameter_group_name: `\${aws_db_parameter_group.${groupName}.name}` }));
    expect(group).toEqual(expect.objectContaining({ family, lifecycle: expect.objectContaining({ create_before_destroy: true }) }));
    expect(dbName).toMatch(/^Database_/);
  });

  it('is an in-place update of the DB instance for the replacement guard', () => {
    const report = compareOutputs(before, after);
    expect(report.findings.filter((f) => f.address.startsWith('aws_db_instance.')).map((f) => `${f.kind} ${f.address}`)).toEqual([]);
    expect(report.ok).toBe(true);
  });
});

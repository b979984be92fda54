import * as fs from 'fs';
import * as path from 'path';
import { CATALOG, DEFAULT_TENANT_MODULES } from '../../lib/constructs/registry/catalog';
import { GENERATED_FILES } from '../../cli/generated';
import { catalogListing, configJsonSchema } from '../../lib/constructs/registry/docs';
import { resolveTenantModules } from '../../stacks/app';
import { parseConfig } from '../../lib/config/load';
import { HipaaValidationError, Problem } from '../../lib/errors';
import { runCli } from '../../cli/commands';

const ROOT = path.resolve(__dirname, '../..');
const BASE = { organization: 'org', accounts: [{ name: 'main', id: '123456789012' }], alarms: { email: ['security@example.com'] } };

function moduleProblems(tenants: unknown[]): Problem[] {
  try {
    resolveTenantModules(parseConfig({ ...BASE, tenants }));
  } catch (e) {
    if (e instanceof HipaaValidationError) return [...e.problems];
    throw e;
  }
  throw new Error('expected a HipaaValidationError');
}

describe('module registry', () => {
  it('pins the catalog: ids, contract versions and where each module lives', () => {
    expect(CATALOG.list().map((m) => [m.id, m.version, m.composable])).toEqual([
      ['account-baseline', '1.0.0', false],
      ['audit-trail', '1.0.0', false],
      ['backup', '1.0.0', true],
      ['bastion', '1.0.0', true],
      ['database', '1.0.0', true],
      ['secret', '1.0.0', true],
      ['secure-bucket', '1.0.0', false],
      ['tenant-key', '1.0.0', false],
      ['tenant-network', '1.0.0', false],
      ['vpc-peering', '1.0.0', false],
    ]);
  });

  it('gives every module a summary and 45 CFR 164.3xx controls', () => {
    for (const m of CATALOG.list()) {
      expect(m.summary.length).toBeGreaterThan(20);
      expect(m.controls.length).toBeGreaterThan(0);
      for (const c of m.controls) expect(c).toMatch(/^164\.3\d\d\([a-z]\)/);
    }
  });

  it('refuses a module registered twice or with a version that is not semver', () => {
    const def = CATALOG.get('database')!;
    expect(() => CATALOG.register(def)).toThrow(/registered twice/);
  });

  it('composes the default modules of each tenant mode', () => {
    const resolved = resolveTenantModules(parseConfig({ ...BASE, pools: [{ id: 'pool' }], tenants: [{ id: 'acme' }, { id: 'beta', mode: 'pooled', pool: 'pool' }] }));
    expect(resolved.get('acme')!.map((m) => m.definition.id)).toEqual(DEFAULT_TENANT_MODULES.dedicated.map((m) => m.id));
    expect(resolved.get('beta')!.map((m) => m.definition.id)).toEqual(['database', 'backup']);
  });

  it('applies module input defaults', () => {
    const resolved = resolveTenantModules(parseConfig({ ...BASE, tenants: [{ id: 'acme', modules: [{ id: 'database', inputs: { engine: 'mysql' } }] }] }));
    expect(resolved.get('acme')![0].inputs).toMatchObject({ engine: 'mysql', backupRetentionDays: 35, multiAz: true, deletionProtection: true });
  });

  it('names the tenant, module and field for an unknown module, a bad input and a module used where it cannot live', () => {
    const problems = moduleProblems([
      { id: 'acme', modules: [{ id: 'databse' }, { id: 'backup', inputs: { dailyRetentionDays: 20, colour: 'red' } }] },
      { id: 'beta', modules: [{ id: 'tenant-network' }, { id: 'bastion' }] },
    ]);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'HIPAA_MODULE_UNKNOWN', path: 'tenants[0].modules[0].id', value: 'databse', fix: expect.stringContaining('did you mean "database"') }),
        expect.objectContaining({
          code: 'HIPAA_MODULE_INPUT',
          path: 'tenants[0].modules[1].inputs.dailyRetentionDays',
          value: 20,
          message: expect.stringContaining('tenant "acme", module "backup"'),
        }),
        expect.objectContaining({ code: 'HIPAA_MODULE_INPUT', path: 'tenants[0].modules[1].inputs.colour', value: 'red' }),
        expect.objectContaining({ code: 'HIPAA_MODULE_UNKNOWN', path: 'tenants[1].modules[0].id', value: 'tenant-network' }),
        expect.objectContaining({ code: 'HIPAA_MODULE_REQUIRES', path: 'tenants[1].modules', value: 'bastion' }),
      ]),
    );
  });

  it('rejects a bastion in a pooled tenant and a module listed twice', () => {
    const problems = moduleProblems([{ id: 'acme', mode: 'pooled', pool: 'p', modules: [{ id: 'database' }, { id: 'bastion' }, { id: 'database' }] }].map((t) => t)).filter((p) =>
      p.code.startsWith('HIPAA_MODULE'),
    );
    expect(problems.map((p) => [p.code, p.path])).toEqual([
      ['HIPAA_MODULE_SCOPE', 'tenants[0].modules[1].id'],
      ['HIPAA_MODULE_DUPLICATE', 'tenants[0].modules[2].id'],
    ]);
  });

  it('rejects a backup retention outside 7..35 and a waiver without a reason', () => {
    const problems = moduleProblems([{ id: 'acme', modules: [{ id: 'database', inputs: { backupRetentionDays: 3, multiAz: { enabled: false, reason: 'no' } } }] }]);
    expect(problems.map((p) => p.path).sort()).toEqual(['tenants[0].modules[0].inputs.backupRetentionDays', 'tenants[0].modules[0].inputs.multiAz.reason']);
  });
});

describe('generated artefacts', () => {
  it.each(Object.keys(GENERATED_FILES))('%s is up to date (run `npm run docs`)', (file) => {
    const committed = fs.readFileSync(path.join(ROOT, file), 'utf8');
    expect(committed).toBe(GENERATED_FILES[file]());
  });

  it('lists every module in the catalog listing', () => {
    const listing = catalogListing();
    for (const m of CATALOG.list()) expect(listing).toContain(`${m.id} `);
    expect(listing).toContain(`${CATALOG.list().length} modules`);
  });

  it('puts each composable module and its inputs into the JSON Schema of the configuration', () => {
    const schema = configJsonSchema() as any;
    const variants = schema.properties.tenants.items.properties.modules.items.oneOf;
    expect(variants.map((v: any) => v.properties.id.const)).toEqual(['backup', 'bastion', 'database', 'secret']);
    const db = variants.find((v: any) => v.properties.id.const === 'database');
    expect(db.properties.inputs.properties.engine.enum).toEqual(['postgres', 'mysql']);
    expect(db.properties.inputs.additionalProperties).toBe(false);
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(expect.arrayContaining(['organization', 'accounts']));
    expect(schema.properties.homeRegion.enum).toContain('eu-west-2');
  });

  it('prints the catalog from the modules command', () => {
    const out: string[] = [];
    expect(runCli(['modules'], {}, { out: (s) => out.push(s), err: (s) => out.push(s) })).toBe(0);
    expect(out.join('\n')).toContain('database');
  });

  it('lists the commands for help and --help, and rejects an unknown command with exit 2', () => {
    for (const arg of ['help', '--help', '-h']) {
      const out: string[] = [];
      expect(runCli([arg], {}, { out: (s) => out.push(s), err: (s) => out.push(s) })).toBe(0);
      expect(out.join('\n')).toMatch(/synth[\s\S]*modules/);
    }
    const err: string[] = [];
    expect(runCli(['deploy-everything'], {}, { out: () => undefined, err: (s) => err.push(s) })).toBe(2);
    expect(err.join('\n')).toContain('unknown command "deploy-everything"');
  });
});

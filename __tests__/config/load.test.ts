import { parseConfig, parseConfigText, loadConfigFile, MAX_CONFIG_BYTES } from '../../lib/config/load';
import { DEMO_CONFIG } from '../../lib/config/demo';
import { HipaaValidationError, Problem } from '../../lib/errors';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const MINIMAL = { organization: 'org', accounts: [{ name: 'main', id: '123456789012' }] };

function problemsOf(fn: () => unknown): Problem[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof HipaaValidationError) return [...e.problems];
    throw e;
  }
  throw new Error('expected a HipaaValidationError');
}

describe('configuration loading', () => {
  it('applies HIPAA defaults to a minimal configuration', () => {
    const config = parseConfig(MINIMAL);
    expect(config).toMatchObject({
      environment: 'prod',
      homeRegion: 'us-east-1',
      auditRetentionDays: 2192,
      backend: { type: 'local' },
      network: { supernet: '10.0.0.0/8', vpcPrefixLength: 20, azCount: 2, vpcQuotaPerRegion: 5 },
    });
    expect(config.accounts[0]).toMatchObject({ roleName: 'OrganizationAccountAccessRole', purpose: 'workloads', existingVpcs: 1 });
  });

  // The tier network ACLs deny 22 and 3389 from everywhere first, so such a peer could never connect.
  it.each([22, 3389])('rejects a peer on administrative port %s, naming the field and the bastion as the fix', (port) => {
    const problems = problemsOf(() =>
      parseConfig({
        ...MINIMAL,
        tenants: [{ id: 'acme' }, { id: 'globex', peers: [{ tenant: 'acme', ports: [443, port] }] }],
      }),
    );
    expect(problems).toEqual([expect.objectContaining({ path: 'tenants[1].peers[0].ports[1]', value: port, message: expect.stringMatching(/SSM bastion/) })]);
  });

  it('parses the built-in demo', () => {
    const config = parseConfig(DEMO_CONFIG);
    expect(config.tenants.map((t) => t.id)).toEqual(['acme', 'globex', 'initech', 'umbrella', 'hooli', 'stark']);
  });

  it('reads YAML and JSON alike', () => {
    const yaml = 'organization: org\naccounts:\n  - name: main\n    id: "123456789012"\n';
    expect(parseConfigText(yaml)).toEqual(parseConfigText(JSON.stringify(MINIMAL)));
  });

  it('reports every problem at once, each with path, value and fix', () => {
    const problems = problemsOf(() =>
      parseConfig({ organization: 'Bad Org', homeRegion: 'us-est-1', accounts: [{ name: 'main', id: '123' }], tenants: [{ id: 'acme', mode: 'shared' }] }),
    );
    const byPath = Object.fromEntries(problems.map((p) => [p.path, p]));
    expect(Object.keys(byPath).sort()).toEqual(['accounts[0].id', 'homeRegion', 'organization', 'tenants[0].mode']);
    expect(byPath.homeRegion).toMatchObject({ value: 'us-est-1' });
    expect(byPath.homeRegion.fix).toContain('did you mean "us-east-1"');
    expect(byPath['tenants[0].mode'].fix).toContain('"dedicated"');
    expect(byPath['accounts[0].id'].value).toBe('123');
  });

  it('rejects unknown fields with a "did you mean" suggestion', () => {
    const problems = problemsOf(() => parseConfig({ ...MINIMAL, tennants: [], accounts: [{ name: 'main', id: '123456789012', purpos: 'workloads' }] }));
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'tennants', code: 'HIPAA_CONFIG_UNKNOWN_FIELD', fix: 'did you mean "tenants"?' }),
        expect.objectContaining({ path: 'accounts[0].purpos', fix: 'did you mean "purpose"?' }),
      ]),
    );
  });

  it('names missing required fields', () => {
    const problems = problemsOf(() => parseConfig({ accounts: [] }));
    expect(problems.map((p) => [p.path, p.message])).toEqual(
      expect.arrayContaining([
        ['organization', 'required field is missing'],
        ['accounts', 'list at least one account'],
      ]),
    );
  });

  it('reports YAML syntax errors with their line', () => {
    const problems = problemsOf(() => parseConfigText('organization: org\naccounts: [\n  - x\n'));
    expect(problems[0].code).toBe('HIPAA_CONFIG_SYNTAX');
    expect(problems[0].path).toMatch(/^line \d+, column \d+$/);
  });

  it('rejects duplicate keys, documents that are not mappings, and oversized files', () => {
    expect(problemsOf(() => parseConfigText('organization: a\norganization: b\n'))[0].code).toBe('HIPAA_CONFIG_SYNTAX');
    expect(problemsOf(() => parseConfigText('- 1\n- 2\n'))[0].code).toBe('HIPAA_CONFIG_NOT_OBJECT');
    expect(problemsOf(() => parseConfigText(' '.repeat(MAX_CONFIG_BYTES + 1)))[0].code).toBe('HIPAA_CONFIG_TOO_LARGE');
  });

  it('explains a file that cannot be read', () => {
    const missing = path.join(os.tmpdir(), 'no-such-hipaa-config.yaml');
    expect(problemsOf(() => loadConfigFile(missing))).toEqual([expect.objectContaining({ code: 'HIPAA_CONFIG_UNREADABLE', value: missing })]);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hipaa-'));
    expect(problemsOf(() => loadConfigFile(dir))[0].code).toBe('HIPAA_CONFIG_UNREADABLE');
    fs.rmSync(dir, { recursive: true });
  });
});

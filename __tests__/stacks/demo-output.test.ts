import * as os from 'os';
import { Testing } from 'cdktf';
import { buildApp } from '../../stacks/app';
import { parseConfig } from '../../lib/config/load';
import { DEMO_CONFIG } from '../../lib/config/demo';
import { findSecrets } from '../util/secret-scan';

type Json = Record<string, any>;

/** Every string in a JSON value, with its path. */
function strings(value: unknown, path = '', out: Array<[string, string]> = []): Array<[string, string]> {
  if (typeof value === 'string') out.push([path, value]);
  else if (Array.isArray(value)) value.forEach((v, i) => strings(v, `${path}[${i}]`, out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) strings(v, path ? `${path}.${k}` : k, out);
  return out;
}

/** Terraform references `type.name` inside `${...}` interpolations (not `$${` escapes). */
function references(text: string): string[] {
  const refs: string[] = [];
  for (const m of text.matchAll(/(?<!\$)\$\{([^}]*)\}/g)) {
    for (const r of m[1].matchAll(/\b((?:data\.)?aws_[a-z0-9_]+\.[A-Za-z0-9_-]+)/g)) refs.push(r[1]);
  }
  return refs;
}

describe('the synthesized demo', () => {
  let stacks: Array<{ name: string; json: Json; text: string }>;
  beforeAll(() => {
    const built = buildApp(parseConfig(DEMO_CONFIG), { outdir: os.tmpdir() });
    stacks = built.stacks.map((s) => {
      const text = Testing.synth(s);
      return { name: s.stackName, json: JSON.parse(text), text };
    });
  });

  it('references only resources and data sources that exist in the same stack', () => {
    const dangling: string[] = [];
    for (const { name, json } of stacks) {
      const defined = new Set<string>();
      for (const [type, byName] of Object.entries((json.resource ?? {}) as Json)) for (const n of Object.keys(byName)) defined.add(`${type}.${n}`);
      for (const [type, byName] of Object.entries((json.data ?? {}) as Json)) for (const n of Object.keys(byName)) defined.add(`data.${type}.${n}`);
      for (const [path, value] of strings({ resource: json.resource, data: json.data, output: json.output })) {
        for (const r of references(value)) if (!defined.has(r)) dangling.push(`${name}: ${path} -> ${r}`);
      }
    }
    expect(dangling).toEqual([]);
    expect(stacks.length).toBe(8);
  });

  it('has no literal password, secret string, private key or access key in any stack', () => {
    const hits = stacks.flatMap(({ name, json }) => findSecrets(json).map((h) => `${name}: ${JSON.stringify(h)}`));
    expect(hits).toEqual([]);
  });

  it('is plain Terraform: pinned provider, no absolute paths, no CDKTF-only constructs', () => {
    for (const { json, text } of stacks) {
      expect(json.terraform.required_providers.aws).toEqual({ source: 'hashicorp/aws', version: '6.25.0' });
      expect(text).not.toMatch(/"\/(tmp|home|root|Users|work)\//);
      expect(text).not.toContain('TfToken[');
      expect(json.terraform.backend.local.path).toMatch(/^\.\.\/\.\.\/\.\.\/terraform\.[a-z0-9-]+\.tfstate$/);
    }
  });

  it('tags every taggable resource through the provider default tags, with tenant and classification', () => {
    for (const { name, json } of stacks) {
      const tags = json.provider.aws[0].default_tags[0].tags;
      expect(Object.keys(tags).sort()).toEqual(['DataClassification', 'Environment', 'ManagedBy', 'Organization', 'Tenant']);
      if (name.startsWith('tenant-')) expect(tags).toMatchObject({ Tenant: name.slice('tenant-'.length), DataClassification: 'PHI' });
    }
  });

  it('gives every dedicated tenant a database, locked backups and a bastion, wired to each other', () => {
    for (const name of ['tenant-acme', 'tenant-globex', 'tenant-initech']) {
      const { json } = stacks.find((s) => s.name === name)!;
      const some = (type: string, n: number) => {
        const entries = Object.entries((json.resource[type] ?? {}) as Json);
        expect(entries).toHaveLength(n);
        return entries;
      };
      const one = (type: string) => some(type, 1)[0];
      const [db] = one('aws_db_instance');
      // One locked vault per retention class (daily, monthly).
      const vaults = some('aws_backup_vault', 2).map(([n]) => n);
      some('aws_backup_vault_lock_configuration', 2);
      one('aws_backup_plan');
      const [, selection] = one('aws_backup_selection');
      const [, bastion] = one('aws_instance');
      one('aws_ssm_document');
      expect(JSON.stringify(selection)).toContain('Tenant');
      expect(bastion.associate_public_ip_address).toBe(false);
      expect(json.output.db_port_forward_command.value).toContain(`\${aws_db_instance.${db}.address}`);
      expect(vaults).toEqual(['BackupVault_3A9C5852', 'MonthlyBackupVault_330C2AD3']);
    }
  });

  it('gives every pooled tenant its own key, database and backup vault', () => {
    const { json } = stacks.find((s) => s.name === 'pool-shared')!;
    for (const tenant of ['umbrella', 'hooli', 'stark']) {
      for (const type of ['aws_kms_key', 'aws_db_instance', 'aws_backup_vault', 'aws_iam_role']) {
        expect(Object.keys(json.resource[type]).filter((n) => n.startsWith(`Tenant-${tenant}_`)).length).toBeGreaterThanOrEqual(1);
      }
    }
    expect(json.resource.aws_instance).toBeUndefined();
  });

  it('gives each output a description, and marks outputs that touch secrets sensitive', () => {
    for (const { json } of stacks) {
      for (const [id, o] of Object.entries((json.output ?? {}) as Json)) {
        expect(id).toMatch(/^[a-z0-9_]+$/);
        expect(typeof o.description).toBe('string');
        if (/secret|password/.test(id)) expect(o.sensitive).toBe(true);
      }
    }
  });
});

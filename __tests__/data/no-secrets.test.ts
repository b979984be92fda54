import * as os from 'os';
import * as path from 'path';
import { TerraformOutput, Testing } from 'cdktf';
import { SecretsmanagerSecretVersion } from '@cdktf/provider-aws/lib/secretsmanager-secret-version';
import { DEMO_CONFIG } from '../../lib/config/demo';
import { parseConfig } from '../../lib/config/load';
import { buildApp } from '../../stacks/app';
import { findSecrets } from '../util/secret-scan';
import { synthJson, tenantDataTier } from './fixtures';

describe('synthesized stacks hold no secrets', () => {
  test('the tenant data tier: databases, backups, bastion, secret and outputs', () => {
    const { json, text } = synthJson(tenantDataTier());
    expect(Object.keys(json.resource)).toEqual(expect.arrayContaining(['aws_db_instance', 'aws_backup_plan', 'aws_instance', 'aws_secretsmanager_secret']));
    expect(json.output?.db_master_user_secret_arn).toMatchObject({ sensitive: true });
    expect(findSecrets(json)).toEqual([]);
    expect(text).not.toMatch(/"password"\s*:/);
  });

  test('the account baseline of the demo configuration', () => {
    const built = buildApp(parseConfig(DEMO_CONFIG, 'demo'), { outdir: path.join(os.tmpdir(), 'hipaa-no-secrets') });
    expect(built.stacks.length).toBeGreaterThan(0);
    for (const stack of built.stacks) expect(findSecrets(JSON.parse(Testing.synth(stack)))).toEqual([]);
  });

  test('the same scan fails on a stack where a secret value and a password were planted', () => {
    const stack = tenantDataTier();
    new SecretsmanagerSecretVersion(stack, 'PlantedValue', { secretId: 'acme/app/partner-api-key', secretString: 'sup3r-s3cret-value' });
    new TerraformOutput(stack, 'planted_password', { value: 'hunter2-hunter2', staticId: true });
    const findings = findSecrets(synthJson(stack).json);
    expect(findings.map((f) => [f.kind, f.path.split('.').slice(0, 2).join('.')]).sort()).toEqual([
      ['secret-attribute', 'output.planted_password'],
      ['secret-attribute', 'resource.aws_secretsmanager_secret_version'],
      ['secret-in-state', 'resource.aws_secretsmanager_secret_version'],
    ]);
  });
});

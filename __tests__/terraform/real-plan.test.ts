/**
 * `check` on a plan that real Terraform wrote: `terraform plan` with the mirrored provider and
 * fake credentials (skip_credentials_validation and skip_requesting_account_id: planning new
 * resources calls no AWS API), then `terraform show -json`, the file Checkov also reads.
 * Skips with one line where terraform or the provider mirror is missing, like the validate tests.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCheckCommand } from '../../cli/check';
import { resolveTooling, TerraformUnavailableError } from '../../lib/terraform/validate';

const CONFIG = {
  terraform: { required_providers: { aws: { source: 'hashicorp/aws', version: 'MIRRORED' } } },
  provider: {
    aws: [{ region: 'us-east-1', access_key: 'mock', secret_key: 'mock', skip_credentials_validation: true, skip_requesting_account_id: true, skip_metadata_api_check: true }],
  },
  variable: { enabled: { type: 'bool', default: false } },
  resource: {
    aws_s3_bucket: { phi: { bucket: 'phi-example-bucket' } },
    // Off by the variable's default: the plan knows it creates nothing, so it is not evidence.
    aws_s3_bucket_public_access_block: {
      phi: {
        count: '${var.enabled ? 1 : 0}',
        bucket: '${aws_s3_bucket.phi.id}',
        block_public_acls: true,
        block_public_policy: true,
        ignore_public_acls: true,
        restrict_public_buckets: true,
      },
    },
    aws_db_instance: {
      db: {
        identifier: 'db1',
        engine: 'postgres',
        instance_class: 'db.t4g.micro',
        allocated_storage: 20,
        username: 'u',
        manage_master_user_password: true,
        storage_encrypted: false,
        skip_final_snapshot: true,
      },
    },
  },
};

describe('check on real terraform show -json output', () => {
  let planJson: string | undefined;
  let skip: string | undefined;

  beforeAll(() => {
    let tooling: ReturnType<typeof resolveTooling>;
    try {
      tooling = resolveTooling({ env: process.env });
    } catch (e) {
      if (!(e instanceof TerraformUnavailableError)) throw e;
      skip = e.message;
      console.warn(`terraform plan skipped: ${skip}`);
      return;
    }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hipaa-plan-'));
    const config = JSON.parse(JSON.stringify(CONFIG).replace('MIRRORED', tooling.mirror.awsVersion));
    fs.writeFileSync(path.join(dir, 'main.tf.json'), JSON.stringify(config));
    fs.writeFileSync(path.join(dir, 'cli.tfrc'), `provider_installation {\n  filesystem_mirror {\n    path = ${JSON.stringify(tooling.mirror.path)}\n  }\n}\n`);
    const env = { ...process.env, TF_CLI_CONFIG_FILE: path.join(dir, 'cli.tfrc'), CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1' };
    const tf = (...args: string[]) => execFileSync(tooling.terraform, args, { cwd: dir, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    tf('init', '-input=false', '-no-color');
    tf('plan', '-input=false', '-no-color', '-out', 'plan.bin');
    planJson = path.join(dir, 'plan.json');
    fs.writeFileSync(planJson, tf('show', '-json', 'plan.bin'));
  }, 180_000);

  it('reads the plan and reports what it plans, with the conditional block counted as absent', () => {
    if (skip) return;
    let out = '';
    const code = runCheckCommand([planJson as string, '--format', 'json'], { out: (s) => (out += s), err: () => undefined });
    expect(code).toBe(1);
    const findings = (JSON.parse(out) as { findings: Array<{ ruleId: string; status: string; address: string }> }).findings;
    const status = (rule: string, address: string) => findings.find((f) => f.ruleId === rule && f.address === address)?.status;
    expect(status('HIPAA-RDS-001', 'aws_db_instance.db')).toBe('non_compliant');
    expect(status('HIPAA-S3-001', 'aws_s3_bucket.phi')).toBe('non_compliant');
  });
});

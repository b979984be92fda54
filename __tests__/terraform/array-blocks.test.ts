import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCheckCommand } from '../../cli/check';
import { buildIndex } from '../../lib/terraform/model';
import type { TerraformJson } from '../../lib/terraform/types';

/** The same bucket and module call, written with the array forms Terraform JSON allows at each level. */
const ARRAY_FORM = {
  resource: [{ aws_s3_bucket: [{ b: [{ bucket: 'phi' }] }] }],
  module: [{ storage: [{ source: './storage' }] }],
} as unknown as TerraformJson;

describe('Terraform JSON written with arrays of blocks', () => {
  it('reads resources and module calls in the array forms, not only the object forms', () => {
    const mod = buildIndex([{ name: 's', json: ARRAY_FORM }]).modules.get('s')!;
    expect(mod.byAddress.get('aws_s3_bucket.b')?.config.bucket).toBe('phi');
    expect([...mod.moduleCalls.keys()]).toEqual(['storage']);
  });

  it('check judges the array form instead of refusing it or passing it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hipaa-array-'));
    fs.writeFileSync(path.join(dir, 'main.tf.json'), JSON.stringify(ARRAY_FORM));
    let out = '';
    const code = runCheckCommand([path.join(dir, 'main.tf.json')], { out: (s) => (out += s), err: (s) => (out += s) });
    expect(code).toBe(1);
    expect(out).toContain('HIPAA-S3-001');
    expect(out).toContain('module.storage');
  });
});

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runMain } from '../../cli/main';
import { DEMO_CONFIG } from '../../lib/config/demo';

describe('synth runs the replacement guard against the previous output', () => {
  let work: string;
  let outdir: string;
  const io = () => {
    const lines: string[] = [];
    return { lines, io: { out: (s: string) => lines.push(s), err: (s: string) => lines.push(s) } };
  };
  beforeAll(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'hipaa-guard-hook-'));
    outdir = path.join(work, 'cdktf.out');
    fs.writeFileSync(path.join(work, 'demo.json'), JSON.stringify(DEMO_CONFIG));
    const first = io();
    expect(runMain([], { HIPAA_CONFIG: path.join(work, 'demo.json'), CDKTF_OUTDIR: outdir }, first.io)).toBe(0);
  });
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  it('blocks a synth that would destroy a tenant database and key, and keeps the previous output', () => {
    const without = { ...DEMO_CONFIG, tenants: DEMO_CONFIG.tenants!.filter((t) => t.id !== 'initech') };
    fs.writeFileSync(path.join(work, 'smaller.json'), JSON.stringify(without));
    const run = io();
    const code = runMain([], { HIPAA_CONFIG: path.join(work, 'smaller.json'), HIPAA_LOCK: path.join(work, 'hipaa.lock.json'), CDKTF_OUTDIR: outdir }, run.io);
    const text = run.lines.join('\n');
    expect(code).toBe(1);
    expect(text).toContain('tenant-initech');
    expect(text).toMatch(/aws_db_instance\.Database_B269D8BB/);
    expect(text).toMatch(/aws_kms_key\.DataKey_17AFBB84/);
    expect(text).toContain('Nothing was written');
    expect(fs.existsSync(path.join(outdir, 'stacks', 'tenant-initech'))).toBe(true);
  });

  it('lets the same change through when each destroyed resource is acknowledged with a reason', () => {
    const ack = path.join(work, 'ack.yaml');
    fs.writeFileSync(ack, 'acknowledgements:\n  - stack: tenant-initech\n    address: "*.*"\n    reason: Initech offboarded; data exported and retained per contract\n');
    const run = io();
    const code = runMain([], { HIPAA_CONFIG: path.join(work, 'smaller.json'), HIPAA_LOCK: path.join(work, 'hipaa.lock.json'), CDKTF_OUTDIR: outdir, HIPAA_GUARD_ACK: ack }, run.io);
    expect(run.lines.join('\n')).toMatch(/acknowledged/);
    expect(code).toBe(0);
    expect(fs.existsSync(path.join(outdir, 'stacks', 'tenant-initech'))).toBe(false);
  });
});

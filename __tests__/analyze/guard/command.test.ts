import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { execFileSync } from 'child_process';
import { runGuardCommand } from '../../../cli/guard';

const PREVIOUS = {
  provider: { aws: [{ region: 'us-east-1' }] },
  resource: {
    aws_db_instance: { Database: { identifier: 'acme-db', engine: 'postgres', storage_encrypted: true } },
    aws_s3_bucket: { Bucket: { bucket: 'acme-audit' } },
  },
};

function write(file: string, content: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
}

function run(args: string[], cwd: string): { code: number; out: string; err: string } {
  const out: string[] = [];
  const err: string[] = [];
  const code = runGuardCommand(args, { out: (s) => out.push(s), err: (s) => err.push(s) }, cwd);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('runGuardCommand', () => {
  let work: string;
  beforeEach(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'hipaa-guard-cmd-'));
    write(path.join(work, 'previous/stacks/tenant-acme/cdk.tf.json'), PREVIOUS);
  });
  afterEach(() => fs.rmSync(work, { recursive: true, force: true }));

  const writeNext = (json: unknown) => write(path.join(work, 'cdktf.out/stacks/tenant-acme/cdk.tf.json'), json);
  const withoutDatabase = () => ({ ...PREVIOUS, resource: { aws_s3_bucket: PREVIOUS.resource.aws_s3_bucket } });

  it('exits 0 and prints the summary when nothing stateful is lost', () => {
    writeNext(PREVIOUS);
    const r = run(['previous'], work);
    expect(r.code).toBe(0);
    expect(r.out).toContain('checked 2 stateful resources in 1 stack');
    expect(r.out).toContain('Result: PASS');
    expect(r.err).toBe('');
  });

  it('exits 1 and names the address when a database would be destroyed', () => {
    writeNext(withoutDatabase());
    const r = run(['previous', '--next', 'cdktf.out'], work);
    expect(r.code).toBe(1);
    expect(r.out).toContain('[FAIL] DESTROY aws_db_instance.Database');
    expect(r.out).toContain('Result: FAIL');
  });

  it('exits 0 when the loss is acknowledged in the default acknowledgements file, and shows the reason', () => {
    writeNext(withoutDatabase());
    write(
      path.join(work, 'guard-acknowledgements.yaml'),
      'acknowledgements:\n  - stack: tenant-acme\n    address: aws_db_instance.Database\n    reason: test database retired, snapshot kept\n',
    );
    const r = run(['previous'], work);
    expect(r.code).toBe(0);
    expect(r.out).toContain('acknowledgements from guard-acknowledgements.yaml');
    expect(r.out).toContain('[ACKNOWLEDGED] DESTROY aws_db_instance.Database');
    expect(r.out).toContain('test database retired, snapshot kept');
  });

  it('exits 2 with the field and fix when an acknowledgement reason is too short', () => {
    writeNext(withoutDatabase());
    write(path.join(work, 'acks.json'), [{ address: 'aws_db_instance.Database', reason: 'because' }]);
    const r = run(['previous', '--ack=acks.json'], work);
    expect(r.code).toBe(2);
    expect(r.err).toContain('[0].reason');
    expect(r.err).toContain('at least 10 characters');
    expect(r.err).toContain('HIPAA_GUARD_ACK_REASON');
  });

  it('exits 2 with a clear message when the previous output is missing or not JSON', () => {
    writeNext(PREVIOUS);
    const missing = run(['nowhere'], work);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('no such file or folder');
    expect(missing.err).toContain('Result: ERROR');
    write(path.join(work, 'broken/stacks/tenant-acme/cdk.tf.json'), '{ not json');
    const broken = run(['broken'], work);
    expect(broken.code).toBe(2);
    expect(broken.err).toContain('is not valid Terraform JSON');
  });

  it('exits 2 with usage when the previous output is not given or an option is unknown, and 0 for --help', () => {
    expect(run([], work)).toEqual(expect.objectContaining({ code: 2, err: expect.stringContaining('the previous output is missing') }));
    expect(run(['previous', '--nxt', 'x'], work)).toEqual(expect.objectContaining({ code: 2, err: expect.stringContaining('unknown option') }));
    expect(run(['--help'], work)).toEqual(expect.objectContaining({ code: 0, out: expect.stringContaining('Usage: npm run guard') }));
  });

  it('prints the report as JSON with --json', () => {
    writeNext(withoutDatabase());
    const r = run(['previous', '--json'], work);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out);
    expect(report.failures.map((f: { address: string }) => f.address)).toEqual(['aws_db_instance.Database']);
    expect(r.err).toContain('Result: FAIL');
  });

  it('compares with the output committed at a git revision (git:<rev>)', () => {
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.email=guard@example.com', '-c', 'user.name=guard', '-c', 'commit.gpgsign=false', ...args], { cwd: work, encoding: 'utf8' });
    writeNext(PREVIOUS);
    git('init', '-q');
    git('add', 'cdktf.out');
    git('commit', '-qm', 'synth');
    writeNext(withoutDatabase());
    const r = run(['git:HEAD'], work);
    expect(r.code).toBe(1);
    expect(r.out).toContain('DESTROY aws_db_instance.Database');
    const notCommitted = run(['git:HEAD:other.out'], work);
    expect(notCommitted.code).toBe(2);
    expect(notCommitted.err).toContain('commit the synthesized output');
  });
});

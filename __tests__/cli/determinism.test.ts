import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runMain } from '../../cli/main';

function readTree(dir: string, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const rel = path.join(prefix, entry.name);
    if (entry.isDirectory()) Object.assign(out, readTree(path.join(dir, entry.name), rel));
    else out[rel] = fs.readFileSync(path.join(dir, entry.name), 'utf8');
  }
  return out;
}

describe('deterministic output', () => {
  let first: Record<string, string>;
  let second: Record<string, string>;
  let dirs: string[];
  beforeAll(() => {
    dirs = [0, 1].map(() => fs.mkdtempSync(path.join(os.tmpdir(), 'hipaa-det-')));
    [first, second] = dirs.map((d) => {
      // The whole synth command: stacks, reports, isolation matrix, apply order, context.
      expect(
        runMain(
          [],
          { CDKTF_OUTDIR: path.join(d, 'out') },
          {
            out: () => undefined,
            err: (s) => {
              throw new Error(s);
            },
          },
        ),
      ).toBe(0);
      return readTree(path.join(d, 'out'));
    });
  });
  afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it('writes byte-identical files for the same configuration, in different folders', () => {
    expect(Object.keys(first).sort()).toEqual(Object.keys(second).sort());
    for (const file of Object.keys(first)) expect(second[file]).toBe(first[file]);
    expect(Object.keys(first)).toEqual(expect.arrayContaining(['compliance-report.md', 'compliance-report.json', 'compliance-report.sarif', 'apply-order.json', 'manifest.json']));
  });

  it('leaks no absolute path, temporary folder, user name or timestamp into the output', () => {
    const all = Object.values(first).join('\n');
    for (const d of dirs) expect(all).not.toContain(d);
    expect(all).not.toContain(os.tmpdir());
    expect(all).not.toContain(process.cwd());
    expect(all).not.toContain(os.homedir());
    expect(all).not.toMatch(/20\d\d-\d\d-\d\dT\d\d:\d\d/);
  });
});

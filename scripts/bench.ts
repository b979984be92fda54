/**
 * `npm run bench`: synth time and memory from 1 to 1,000 tenants, each size in a fresh Node process,
 * side by side with a control that builds the same resources directly with the provider classes.
 *
 *   npm run bench                         sizes 1, 10, 100, 1000; dedicated and pooled
 *   npm run bench -- --sizes 1,10         other sizes
 *   npm run bench -- --variants dedicated
 *
 * Prints a table and writes bench-results/bench-<variant sizes>.json (with cores and Node version).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { performance } from 'perf_hooks';
import { HipaaConfigInput } from '../lib/config/schema';

const ROOT = path.resolve(__dirname, '..');

export type Variant = 'dedicated' | 'pooled';

/** A configuration with `tenants` tenants, enough workload accounts for them, one peering per 10. */
export function benchConfig(tenants: number, variant: Variant): HipaaConfigInput {
  const perAccount = 100;
  const vpcs = variant === 'dedicated' ? tenants : Math.ceil(tenants / 25);
  const accounts = Math.max(1, Math.ceil(vpcs / (perAccount - 1)));
  const pools = variant === 'pooled' ? Array.from({ length: vpcs }, (_, i) => ({ id: `pool${i}` })) : [];
  return {
    organization: 'bench',
    network: { supernet: '10.0.0.0/8', vpcPrefixLength: 20, azCount: 2, vpcQuotaPerRegion: perAccount },
    accounts: [
      { name: 'security', id: '100000000000', purpose: 'security' },
      ...Array.from({ length: accounts }, (_, i) => ({ name: `workloads-${i}`, id: String(200000000000 + i), purpose: 'workloads' as const })),
    ],
    pools,
    alarms: { email: ['security@bench.example.com'] },
    tenants: Array.from({ length: tenants }, (_, i) => ({
      id: `t${i}`,
      mode: variant,
      ...(variant === 'pooled' ? { pool: `pool${Math.floor(i / 25)}` } : {}),
      ...(variant === 'dedicated' && i % 10 === 1 ? { peers: [{ tenant: `t${i - 1}`, ports: [443] }] } : {}),
    })),
  };
}

interface Timings {
  phases: Record<string, number>;
  maxRssKb: number;
  stacks: number;
  resources: number;
}

interface Row {
  variant: Variant;
  tenants: number;
  wallMs: number;
  peakRssMb: number;
  stacks: number;
  resources: number;
  bytesWritten: number;
  msPerTenant: number;
  engineMs: number;
  engineShare: number;
  phases: Record<string, number>;
  control: { wallMs: number; buildAndSynthMs: number; peakRssMb: number };
  overheadRatio: number;
}

function dirBytes(dir: string): number {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    total += entry.isDirectory() ? dirBytes(p) : fs.statSync(p).size;
  }
  return total;
}

function run(args: string[], env: Record<string, string>): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, ['--max-old-space-size=8192', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const wall = performance.now() - started;
  if (result.status !== 0) throw new Error(`${args.join(' ')} failed (${result.status}):\n${result.stderr}\n${result.stdout}`);
  return wall;
}

function measure(tenants: number, variant: Variant, work: string): Row {
  const dir = fs.mkdtempSync(path.join(work, `${variant}-${tenants}-`));
  const configFile = path.join(dir, 'config.json');
  fs.writeFileSync(configFile, JSON.stringify(benchConfig(tenants, variant)));
  const outdir = path.join(dir, 'cdktf.out');
  const timingsFile = path.join(dir, 'timings.json');
  const wallMs = run(['bin/run.js', 'synth'], { HIPAA_CONFIG: configFile, HIPAA_LOCK: path.join(dir, 'hipaa.lock.json'), CDKTF_OUTDIR: outdir, HIPAA_TIMINGS: timingsFile });
  const t = JSON.parse(fs.readFileSync(timingsFile, 'utf8')) as Timings;
  const controlTimings = path.join(dir, 'control.json');
  const controlWall = run(['--import', 'tsx', 'scripts/bench-control.ts', outdir, path.join(dir, 'control.out'), controlTimings], {});
  const c = JSON.parse(fs.readFileSync(controlTimings, 'utf8')) as { readMs: number; synthMs: number; maxRssKb: number };
  const bytesWritten = dirBytes(outdir);
  // Overhead is compared in-process (build + synth + our checks vs the control's build + synth), so
  // process start-up and module loading, which differ between a bundle and a loader, do not count.
  const controlMs = c.synthMs;
  fs.rmSync(dir, { recursive: true, force: true });
  const engineMs = t.phases.compliance ?? 0;
  return {
    variant,
    tenants,
    wallMs: Math.round(wallMs),
    peakRssMb: Math.round(t.maxRssKb / 1024),
    stacks: t.stacks,
    resources: t.resources,
    bytesWritten,
    msPerTenant: Math.round((wallMs / tenants) * 10) / 10,
    engineMs: Math.round(engineMs),
    engineShare: Math.round((engineMs / wallMs) * 1000) / 10,
    phases: Object.fromEntries(Object.entries(t.phases).map(([k, v]) => [k, Math.round(v)])),
    control: { wallMs: Math.round(controlWall), buildAndSynthMs: Math.round(controlMs), peakRssMb: Math.round(c.maxRssKb / 1024) },
    overheadRatio: Math.round(((t.phases.total ?? wallMs) / controlMs) * 100) / 100,
  };
}

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

function main(): void {
  const sizes = arg('sizes', '1,10,100,1000').split(',').map(Number);
  const variants = arg('variants', 'dedicated,pooled').split(',') as Variant[];
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'hipaa-bench-'));
  const rows: Row[] = [];
  console.log(`cores=${os.cpus().length} node=${process.version}`);
  console.log('variant    tenants  wall ms  peak MB  stacks  resources   bytes  ms/tenant  engine %  ours ms  control ms  ratio');
  for (const variant of variants) {
    for (const n of sizes) {
      const r = measure(n, variant, work);
      rows.push(r);
      console.log(
        `${r.variant.padEnd(10)} ${String(r.tenants).padStart(7)} ${String(r.wallMs).padStart(8)} ${String(r.peakRssMb).padStart(8)} ${String(r.stacks).padStart(7)} ${String(r.resources).padStart(10)} ${String(r.bytesWritten).padStart(9)} ${String(r.msPerTenant).padStart(10)} ${String(r.engineShare).padStart(9)} ${String(r.phases.total).padStart(8)} ${String(r.control.buildAndSynthMs).padStart(11)} ${String(r.overheadRatio).padStart(6)}`,
      );
    }
  }
  fs.rmSync(work, { recursive: true, force: true });
  const outDir = path.join(ROOT, 'bench-results');
  fs.mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, `bench-${variants.join('-')}-${sizes.join('-')}.json`);
  fs.writeFileSync(file, `${JSON.stringify({ cores: os.cpus().length, node: process.version, platform: `${os.platform()} ${os.arch()}`, rows }, null, 2)}\n`);
  console.log(`results: ${path.relative(ROOT, file)}`);
}

if (require.main === module) main();

/**
 * The benchmark's control: rebuilds the resources of a synthesized cdktf.out directly with the
 * provider classes (no constructs of ours, no checks), then synthesizes them. Run in a fresh process:
 *   node --import tsx scripts/bench-control.ts <our cdktf.out> <control outdir> <timings.json>
 */
import * as fs from 'fs';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { App, TerraformResource, TerraformStack, TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { skipTokenStackTraces } from '../cli/stack-traces';

type Body = Record<string, unknown>;
type ResourceClass = new (scope: Construct, id: string, config: Body) => TerraformResource;
type ProviderClass = new (scope: Construct, id: string, config: Body) => TerraformProvider;

const classCache = new Map<string, ResourceClass>();

/** The provider class for a resource or data source type, found by its deep module path. */
function classFor(type: string, data: boolean): ResourceClass {
  const key = `${data ? 'data.' : ''}${type}`;
  const cached = classCache.get(key);
  if (cached) return cached;
  const file = data ? `data-${type.replace(/_/g, '-')}` : type.replace(/^aws_/, '').replace(/_/g, '-');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(`@cdktf/provider-aws/lib/${file}`) as Record<string, unknown>;
  const cls = Object.values(mod).find((v) => typeof v === 'function' && (v as { tfResourceType?: string }).tfResourceType === type) as ResourceClass | undefined;
  if (!cls) throw new Error(`no provider class for ${key}`);
  classCache.set(key, cls);
  return cls;
}

function rebuild(stackName: string, json: Record<string, Record<string, Record<string, Body>>>, app: App): void {
  const stack = new TerraformStack(app, stackName);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { AwsProvider } = require('@cdktf/provider-aws/lib/provider') as { AwsProvider: ProviderClass };
  const providers = (json.provider?.aws ?? []) as unknown as Body[];
  providers.forEach((p, i) => {
    const provider = new AwsProvider(stack, `aws${i}`, {});
    for (const [k, v] of Object.entries(p)) provider.addOverride(k, v);
  });
  for (const [kind, data] of [
    ['resource', false],
    ['data', true],
  ] as const) {
    for (const [type, byName] of Object.entries(json[kind] ?? {})) {
      const Cls = classFor(type, data);
      for (const [name, body] of Object.entries(byName)) {
        const r = new Cls(stack, `${kind}.${type}.${name}`, {});
        r.overrideLogicalId(name);
        for (const [k, v] of Object.entries(body)) if (k !== '//') r.addOverride(k, v);
      }
    }
  }
  for (const [k, v] of Object.entries(json.terraform ?? {})) stack.addOverride(`terraform.${k}`, v);
}

function main(): void {
  const [source, outdir, timingsFile] = process.argv.slice(2);
  // Same process settings as our CLI, so the ratio measures constructs and checks, not settings.
  process.setSourceMapsEnabled(false);
  skipTokenStackTraces(process.env);
  const started = performance.now();
  const stacksDir = path.join(source, 'stacks');
  const docs = fs
    .readdirSync(stacksDir)
    .sort()
    .map((name) => ({
      name,
      json: JSON.parse(fs.readFileSync(path.join(stacksDir, name, 'cdk.tf.json'), 'utf8')),
    }));
  const read = performance.now();
  const app = new App({ outdir, skipValidation: true });
  for (const d of docs) rebuild(d.name, d.json, app);
  app.synth();
  const done = performance.now();
  fs.writeFileSync(timingsFile, JSON.stringify({ readMs: read - started, synthMs: done - read, totalMs: done - started, maxRssKb: process.resourceUsage().maxRSS }));
}

main();

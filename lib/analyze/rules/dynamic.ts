/**
 * `dynamic` blocks, whatever rule reads them. A `dynamic "<name>"` block generates `<name>`
 * blocks from data the engine does not have, so a verdict that read `<name>` of that object (to
 * find it absent, or present and fine) is not a decision. The engine watches the objects that hold
 * `dynamic` blocks; a compliant or not-applicable verdict that read a block a `dynamic` builds
 * becomes an undecided finding. Objects without `dynamic` blocks are not wrapped (no cost).
 */
import type { ComplianceIndex } from '../../terraform/model';
import { isObject } from '../../terraform/values';
import type { JsonValue } from './types';

let reads: Set<string> | undefined;
let paused = 0;
const HOLDS = new WeakMap<object, boolean>();
const PROXIES = new WeakMap<object, object>();

function holdsDynamic(value: JsonValue): boolean {
  if (value === null || typeof value !== 'object') return false;
  const known = HOLDS.get(value);
  if (known !== undefined) return known;
  HOLDS.set(value, false);
  const children: JsonValue[] = Array.isArray(value) ? value : Object.values(value);
  const found = (!Array.isArray(value) && isObject(value.dynamic)) || children.some(holdsDynamic);
  HOLDS.set(value, found);
  return found;
}

function watch<T extends object>(target: T, path: string): T {
  const cached = PROXIES.get(target);
  if (cached) return cached as T;
  const proxy = new Proxy(target, {
    get(t, key, receiver) {
      const value: unknown = Reflect.get(t, key, receiver);
      if (typeof key !== 'string') return value;
      const dynamic = (t as Record<string, unknown>).dynamic;
      if (reads && paused === 0 && key !== 'dynamic' && isObject(dynamic as JsonValue) && key in (dynamic as object)) reads.add(`${path}${key}`);
      if (value !== null && typeof value === 'object' && holdsDynamic(value as JsonValue)) {
        return watch(value as object, Array.isArray(t) ? path : `${path}${key}.`);
      }
      return value;
    },
  });
  PROXIES.set(target, proxy);
  return proxy;
}

/** Watches every resource and data source of the index whose configuration holds a `dynamic` block. */
export function watchDynamicBlocks(index: ComplianceIndex): void {
  for (const mod of index.modules.values()) {
    for (const r of mod.byAddress.values()) {
      if (!holdsDynamic(r.config)) continue;
      try {
        Object.defineProperty(r, 'config', { value: watch(r.config, `${r.address}.`), enumerable: true, configurable: true, writable: false });
      } catch {
        // A frozen resource keeps its plain configuration; the rules' own checks still apply.
      }
    }
  }
}

/** Runs `check` and returns what it decided plus the dynamic-built blocks it read. */
export function recordingDynamicReads<T>(check: () => T): { result: T; dynamicReads: string[] } {
  const outer = reads;
  reads = new Set();
  try {
    const result = check();
    return { result, dynamicReads: [...reads].sort() };
  } finally {
    reads = outer;
  }
}

/** Runs `compute` without recording (memoised lookups shared by many verdicts). */
export function unrecorded<T>(compute: () => T): T {
  paused++;
  try {
    return compute();
  } finally {
    paused--;
  }
}

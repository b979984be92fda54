/**
 * The replacement guard: compares two synthesized outputs and finds every stateful resource (a
 * database, a key, an audit bucket, a backup vault...) that applying the new one would destroy or
 * replace. Pure: data in, report out.
 *
 * A resource's identity is its Terraform address `<type>.<name>` within its stack's state. Terraform
 * `moved` blocks (what cdktf's `moveTo`/`moveToId`/`moveFromId` emit) carry an address to a new one
 * within the same stack; `removed` blocks with `destroy = false` forget a resource without
 * destroying it. Nothing carries a resource between stacks: each stack is its own state.
 */
import { renderValue } from '../../errors';
import { Acknowledgement, GuardFindingKind, findAcknowledgement, validateAcknowledgements } from './acknowledgements';
import type { StackDoc } from '../../terraform/load';
import { ForceNewArgument, STATEFUL_RESOURCES, isStateful } from './stateful';
import { baseAddress, buildIndex } from '../../terraform/model';
import type { TerraformJson } from '../../terraform/types';

export type { GuardFindingKind } from './acknowledgements';

/** One argument whose change forces the replacement. */
export interface AttributeChange {
  /** Argument name, e.g. `kms_key_id` (`region` may come from the provider configuration). */
  readonly attribute: string;
  /** Value in the previous output (`undefined` when not set). */
  readonly before: unknown;
  /** Value in the new output (`undefined` when not set). */
  readonly after: unknown;
  /**
   * Why this counts although the written value may be the same, or when it applies.
   * @default - no note
   */
  readonly note?: string;
}

export interface GuardFinding {
  readonly kind: GuardFindingKind;
  /** Stack (Terraform workspace) the resource lives in. */
  readonly stack: string;
  /** Terraform address in the previous output, `<type>.<name>`. */
  readonly address: string;
  /**
   * Address in the new output when a moved block gave the resource a new one.
   * @default - the same address, or none when destroyed
   */
  readonly nextAddress?: string;
  readonly resourceType: string;
  /** Human name of the type, e.g. `RDS DB instance`. */
  readonly title: string;
  /** What is lost. */
  readonly holds: string;
  /**
   * Construct path from the synthesized metadata, e.g. `tenant-acme/Database/Resource`.
   * @default - none when the JSON carries no `//` metadata (hand-written Terraform)
   */
  readonly constructPath?: string;
  /** For REPLACE: the arguments that force it. */
  readonly changes: readonly AttributeChange[];
  /** What happens, in one or two sentences. */
  readonly reason: string;
  /** How to avoid it (or accept it). */
  readonly fix: string;
  /**
   * The acknowledgement that accepts this finding.
   * @default - none: the finding fails the guard
   */
  readonly acknowledgement?: Acknowledgement;
}

/** Something the guard recognised that is safe but worth showing (a move, a forgotten resource). */
export interface GuardNote {
  readonly stack: string;
  readonly message: string;
}

export interface GuardReport {
  /** True when nothing stateful would be destroyed or replaced, or every such change is acknowledged. */
  readonly ok: boolean;
  /** Every finding, acknowledged or not, sorted by stack and address. */
  readonly findings: readonly GuardFinding[];
  /** Findings without an acknowledgement: these fail the guard. */
  readonly failures: readonly GuardFinding[];
  /** Findings accepted by an acknowledgement. */
  readonly acknowledged: readonly GuardFinding[];
  readonly notes: readonly GuardNote[];
  readonly stacks: {
    readonly previous: readonly string[];
    readonly next: readonly string[];
    readonly added: readonly string[];
    readonly removed: readonly string[];
  };
  /** Stateful resources in the previous output (all of them were checked). */
  readonly statefulChecked: number;
  /** Acknowledgements that matched no finding (stale entries to clean up). */
  readonly unusedAcknowledgements: readonly Acknowledgement[];
}

export interface CompareOptions {
  /**
   * Intended destroys and replacements.
   * @default - none
   */
  readonly acknowledgements?: readonly Acknowledgement[];
}

// ---------------------------------------------------------------------------------------------
// Indexing one stack's Terraform JSON

type Body = Readonly<Record<string, unknown>>;

interface Resource {
  readonly type: string;
  readonly name: string;
  readonly address: string;
  readonly body: Body;
  /** CDKTF construct path, as the model read it from the `//` metadata. */
  readonly constructPath?: string;
}

interface Move {
  readonly from: string;
  readonly to: string;
}

interface IndexedStack {
  readonly name: string;
  readonly resources: ReadonlyMap<string, Resource>;
  readonly moved: readonly Move[];
  /** Addresses in `removed` blocks, with whether Terraform destroys them. */
  readonly removed: ReadonlyMap<string, boolean>;
  /** Addresses that `import` blocks bring into this state. */
  readonly imported: ReadonlySet<string>;
  /** Provider `aws` configurations by alias (`''` for the default one). */
  readonly providers: ReadonlyMap<string, Body>;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * One stack as the guard compares it, read through the shared model (lib/terraform/model.ts): its
 * managed resources that Terraform will create (count 0 or an empty for_each create nothing, so a
 * resource that drops to count 0 is destroyed), moved, removed and import blocks, and providers.
 */
function indexStack(doc: StackDoc): IndexedStack {
  const mod = buildIndex([{ name: doc.name, json: doc.json as TerraformJson }]).modules.get(doc.name);
  const resources = new Map<string, Resource>();
  for (const r of mod?.byAddress.values() ?? []) {
    if (r.mode === 'managed')
      resources.set(r.address, { type: r.type, name: r.name, address: r.address, body: r.config, ...(r.constructPath !== undefined ? { constructPath: r.constructPath } : {}) });
  }
  return {
    name: doc.name,
    resources,
    moved: mod?.moved ?? [],
    removed: mod?.removed ?? new Map(),
    imported: mod?.imported ?? new Set(),
    providers: mod?.providerConfigs ?? new Map(),
  };
}

// ---------------------------------------------------------------------------------------------
// Values

/** A canonical string for comparing values: key order, scalar types and null do not matter. */
export function canonicalValue(value: unknown, unordered = false): string {
  const walk = (v: unknown): unknown => {
    if (v === null || v === undefined) return null;
    if (Array.isArray(v)) return v.map(walk);
    if (typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(v as object).sort()) {
        if (key === '//') continue;
        const inner = walk((v as Record<string, unknown>)[key]);
        if (inner !== null) out[key] = inner;
      }
      return out;
    }
    return String(v);
  };
  const w = walk(value);
  if (unordered && Array.isArray(w)) return JSON.stringify(w.map((e) => JSON.stringify(e)).sort());
  return JSON.stringify(w);
}

/** Rewrites references to moved addresses inside `${...}` expressions. */
function rewriteReferences(value: unknown, moves: ReadonlyMap<string, string>): unknown {
  if (moves.size === 0) return value;
  if (typeof value === 'string') {
    return value.replace(/\$\{[^}]*\}/g, (expr) => expr.replace(/(?<![\w.-])([a-z][a-z0-9_]*\.[A-Za-z_][\w-]*)(?![\w-])/g, (addr: string) => moves.get(addr) ?? addr));
  }
  if (Array.isArray(value)) return value.map((v) => rewriteReferences(v, moves));
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rewriteReferences(v, moves)]));
  return value;
}

function isUnset(v: unknown): boolean {
  return v === undefined || v === null;
}

/** The Region a resource is managed in: its own `region`, else its provider's. */
function effectiveRegion(stack: IndexedStack, body: Body): { value: unknown; fromProvider: boolean } {
  if (!isUnset(body.region)) return { value: body.region, fromProvider: false };
  const ref = typeof body.provider === 'string' ? body.provider : 'aws';
  const alias = ref.startsWith('aws.') ? ref.slice(4) : '';
  return { value: stack.providers.get(alias)?.region, fromProvider: true };
}

// ---------------------------------------------------------------------------------------------
// Comparison

interface Match {
  readonly prev: Resource;
  readonly next: Resource;
  readonly moved: boolean;
  /** Moved to one instance of a resource with count or for_each. */
  readonly toInstance: boolean;
}

/**
 * Follows `moved` blocks of `stack` from `address` to an address that exists there. `instance` is
 * set when the last move names an instance (`aws_x.b["key"]`, `aws_x.b[0]`).
 */
function resolve(stack: IndexedStack, address: string): { address?: string; instance?: boolean; deadEnd?: string } {
  let current = address;
  let instance = false;
  const seen = new Set<string>();
  for (;;) {
    if (stack.resources.has(current)) return { address: current, instance };
    if (seen.has(current)) return { deadEnd: current };
    seen.add(current);
    const move = stack.moved.find((m) => m.from === current);
    if (!move) return current === address ? {} : { deadEnd: current };
    current = baseAddress(move.to);
    instance = current !== move.to;
  }
}

function forceNewChange(arg: ForceNewArgument, before: unknown, after: unknown, next: Body): AttributeChange | undefined {
  const b = isUnset(before) && arg.default !== undefined ? arg.default : before;
  const a = isUnset(after) && arg.default !== undefined ? arg.default : after;
  if (arg.computed && isUnset(a)) return undefined;
  if (canonicalValue(b, arg.set) === canonicalValue(a, arg.set)) return undefined;
  if (arg.forcesWhen && !arg.forcesWhen(next)) return undefined;
  const notes: string[] = [];
  if (arg.computed && isUnset(b)) notes.push('it was not set before, so AWS chose the value; replaced unless the new value equals it');
  if (arg.condition) notes.push(`forces replacement ${arg.condition}`);
  return { attribute: arg.name, before: isUnset(b) ? undefined : b, after: isUnset(a) ? undefined : a, ...(notes.length ? { note: notes.join('; ') } : {}) };
}

function directChanges(prevStack: IndexedStack, nextStack: IndexedStack, m: Match, moves: ReadonlyMap<string, string>): AttributeChange[] {
  const spec = STATEFUL_RESOURCES[m.prev.type];
  const prevBody = rewriteReferences(m.prev.body, moves) as Body;
  const changes: AttributeChange[] = [];
  for (const arg of spec.forceNew) {
    if (arg.name === 'region') {
      const before = effectiveRegion(prevStack, m.prev.body);
      const after = effectiveRegion(nextStack, m.next.body);
      if (!isUnset(before.value) && !isUnset(after.value) && canonicalValue(before.value) !== canonicalValue(after.value)) {
        changes.push({
          attribute: 'region',
          before: before.value,
          after: after.value,
          ...(after.fromProvider || before.fromProvider ? { note: 'the Region of its provider configuration' } : {}),
        });
      }
      continue;
    }
    const change = forceNewChange(arg, prevBody[arg.name], m.next.body[arg.name], m.next.body);
    if (change) changes.push(change);
  }
  for (const meta of ['count', 'for_each'] as const) {
    const before = m.prev.body[meta];
    const after = m.next.body[meta];
    if (canonicalValue(rewriteReferences(before, moves)) === canonicalValue(after)) continue;
    if (m.toInstance && isUnset(m.prev.body.count) && isUnset(m.prev.body.for_each)) continue;
    const num = (v: unknown): number | undefined => (isUnset(v) ? 1 : /^\d+$/.test(String(v)) ? Number(v) : undefined);
    if (meta === 'count' && isUnset(m.prev.body.for_each) && isUnset(m.next.body.for_each)) {
      const b = num(before);
      const a = num(after);
      if (b !== undefined && a !== undefined && a >= b) continue;
    }
    changes.push({ attribute: meta, before, after, note: 'instances whose index or key disappears are destroyed' });
  }
  return changes;
}

function identityOf(r: Resource): string | undefined {
  const spec = STATEFUL_RESOURCES[r.type];
  for (const attr of spec.identity) {
    const v = r.body[attr];
    if (typeof v === 'string' && v !== '' && !v.includes('${')) return `${attr}=${v}`;
  }
  return undefined;
}

const MOVE_FIX = (stack: string, from: string, to: string): string =>
  `if ${to} is the same resource under a new name, declare the move in stack ${stack}: on the new resource call \`moveFromId("${from}")\` ` +
  `(or keep the old construct and call \`old.moveTo(target)\` after \`new.addMoveTarget(target)\`); this emits moved { from = ${from}, to = ${to} }`;

/**
 * Compares the previous and the new synthesized output of every stack and reports each stateful
 * resource that applying the new output would destroy or replace.
 */
export function compareOutputs(previous: readonly StackDoc[], next: readonly StackDoc[], opts: CompareOptions = {}): GuardReport {
  const acknowledgements = validateAcknowledgements(opts.acknowledgements ?? []);
  const prevStacks = new Map(previous.map((d) => [d.name, indexStack(d)]));
  const nextStacks = new Map(next.map((d) => [d.name, indexStack(d)]));
  const findings: Array<Omit<GuardFinding, 'acknowledgement'>> = [];
  const notes: GuardNote[] = [];
  let statefulChecked = 0;

  const finding = (kind: GuardFindingKind, stack: string, r: Resource, reason: string, fix: string, changes: AttributeChange[] = [], nextAddress?: string): void => {
    const spec = STATEFUL_RESOURCES[r.type];
    const constructPath = r.constructPath;
    findings.push({
      kind,
      stack,
      address: r.address,
      ...(nextAddress ? { nextAddress } : {}),
      resourceType: r.type,
      title: spec.title,
      holds: spec.holds,
      ...(constructPath ? { constructPath } : {}),
      changes,
      reason,
      fix,
    });
  };

  /** Where a resource destroyed in `fromStack` seems to reappear in another stack. */
  const elsewhere = (fromStack: string, r: Resource): { stack: string; address: string; imported: boolean } | undefined => {
    const identity = identityOf(r);
    for (const [name, s] of nextStacks) {
      if (name === fromStack) continue;
      const wasThere = prevStacks.get(name)?.resources.has(r.address) ?? false;
      if (s.resources.has(r.address) && !wasThere) return { stack: name, address: r.address, imported: s.imported.has(r.address) };
      if (identity) {
        for (const candidate of s.resources.values()) {
          if (candidate.type === r.type && identityOf(candidate) === identity) {
            return { stack: name, address: candidate.address, imported: s.imported.has(candidate.address) };
          }
        }
      }
    }
    return undefined;
  };

  for (const [stackName, prevStack] of [...prevStacks].sort(([a], [b]) => a.localeCompare(b))) {
    const stateful = [...prevStack.resources.values()].filter((r) => isStateful(r.type));
    statefulChecked += stateful.length;
    const nextStack = nextStacks.get(stackName);

    if (!nextStack) {
      for (const r of stateful) {
        const there = elsewhere(stackName, r);
        const reason =
          `stack ${stackName} is no longer in the output (a removed tenant or account, or a renamed stack): its ${r.type} is no longer managed, ` +
          `and destroying the stack's workspace, the usual next step, deletes ${STATEFUL_RESOURCES[r.type].holds}` +
          (there
            ? `. A resource like it now appears in stack ${there.stack} as ${there.address}; each stack is its own Terraform state, so that is a new, empty resource, not this one`
            : '');
        finding(
          'DESTROY',
          stackName,
          r,
          reason,
          'if the tenant or account is really leaving, take a final snapshot or export, then acknowledge this with the reason; otherwise put it back in the configuration (a stack name is its workspace: do not rename stacks)',
        );
      }
      continue;
    }

    // Match each previous resource to the new output, following moved blocks.
    const matches: Match[] = [];
    const moves = new Map<string, string>();
    for (const r of prevStack.resources.values()) {
      const to = resolve(nextStack, r.address).address;
      if (to && to !== r.address) moves.set(r.address, to);
    }
    const addedHere = [...nextStack.resources.values()].filter((n) => !prevStack.resources.has(n.address) && ![...moves.values()].includes(n.address));

    for (const r of stateful) {
      const { address: to, deadEnd, instance } = resolve(nextStack, r.address);
      if (to) {
        const target = nextStack.resources.get(to) as Resource;
        if (target.type !== r.type) {
          finding(
            'DESTROY',
            stackName,
            r,
            `a moved block sends it to ${to}, a resource of another type; converting state between types works only where the provider implements it, so the guard counts this as destroying it and creating ${to}`,
            'move it to an address of the same type, or revert the change',
          );
          continue;
        }
        if (to !== r.address) notes.push({ stack: stackName, message: `${r.address} moves to ${to} (moved block): kept, not re-created` });
        matches.push({ prev: r, next: target, moved: to !== r.address, toInstance: instance === true });
        continue;
      }
      const removedDestroy = nextStack.removed.get(r.address);
      if (removedDestroy === false) {
        const there = elsewhere(stackName, r);
        notes.push({
          stack: stackName,
          message:
            `${r.address} is forgotten by this stack (removed block with destroy = false): it stays in AWS, unmanaged` +
            (there ? `; stack ${there.stack} ${there.imported ? 'imports it' : `has ${there.address} but no import block for it, so it would create a new one`}` : ''),
        });
        continue;
      }
      const there = elsewhere(stackName, r);
      const renamed =
        addedHere.filter((n) => n.type === r.type && identityOf(r) !== undefined && identityOf(n) === identityOf(r))[0] ??
        (() => {
          const sameType = addedHere.filter((n) => n.type === r.type);
          const goneSameType = stateful.filter((p) => p.type === r.type && !resolve(nextStack, p.address).address);
          return sameType.length === 1 && goneSameType.length === 1 ? sameType[0] : undefined;
        })();
      let reason: string;
      let fix: string;
      if (removedDestroy === true) {
        reason = `a removed block in stack ${stackName} tells Terraform to destroy it`;
        fix = 'set lifecycle { destroy = false } in the removed block to forget it without deleting it, or drop the removed block';
      } else if (deadEnd) {
        reason = `a moved block sends it to ${deadEnd}, which is not in the new output, so Terraform destroys it`;
        fix = 'point the moved block at the address of the resource in the new output';
      } else if (there) {
        reason =
          `its address is gone from stack ${stackName} and it appears in stack ${there.stack} as ${there.address}. ` +
          `Moved blocks only work within one state and each stack is its own state, so this is a destroy in ${stackName} and a create of a new, empty resource in ${there.stack}`;
        fix =
          `keep it in stack ${stackName}; or move it deliberately: a removed block with lifecycle { destroy = false } for ${r.address} in ${stackName} ` +
          `plus an import block for ${there.address} in ${there.stack} (or terraform state mv between the two states), then acknowledge`;
      } else {
        reason =
          `its address is gone from stack ${stackName} and no moved block carries it to a new one, so Terraform destroys it` +
          (renamed ? `; ${renamed.address} looks like its new name` : '');
        fix = renamed
          ? MOVE_FIX(stackName, r.address, renamed.address)
          : 'revert the change that removed or renamed it (construct ids must not change), or declare a rename with moveFromId/moveTo so Terraform emits a moved block';
      }
      finding('DESTROY', stackName, r, reason, fix);
    }

    // Direct replacements.
    const replaced = new Map<string, Match>();
    for (const m of matches) {
      const changes = directChanges(prevStack, nextStack, m, moves);
      if (changes.length === 0) continue;
      replaced.set(m.next.address, m);
      finding(
        'REPLACE',
        stackName,
        m.prev,
        `Terraform must destroy and re-create it because ${changes.map((c) => c.attribute).join(', ')} changed`,
        `revert ${changes.map((c) => c.attribute).join(', ')} to the previous value, or, if a new resource is intended, create it beside the old one, migrate the data, then remove the old one in a later change`,
        changes,
        m.moved ? m.next.address : undefined,
      );
    }

    // Replacements caused by a replaced resource or a changed value they reference.
    const referencedValueChanged = (ref: string, attr: string | undefined): string | undefined => {
      const target = nextStack.resources.get(ref);
      const prevAddress = [...moves].find(([, to]) => to === ref)?.[0] ?? ref;
      const before = prevStack.resources.get(prevAddress);
      // A configured argument is known on both sides: it decides, replaced or not.
      if (target && before && attr && (attr in target.body || attr in before.body)) {
        return canonicalValue(rewriteReferences(before.body[attr], moves)) !== canonicalValue(target.body[attr])
          ? `${ref}.${attr} changes from ${renderValue(before.body[attr])} to ${renderValue(target.body[attr])}`
          : undefined;
      }
      // A computed attribute (arn, id) of a replaced resource gets a new value.
      return replaced.has(ref) ? `${ref} is replaced` : undefined;
    };
    let grew = true;
    while (grew) {
      grew = false;
      for (const m of matches) {
        if (replaced.has(m.next.address)) continue;
        const changes: AttributeChange[] = [];
        for (const arg of STATEFUL_RESOURCES[m.next.type].forceNew) {
          const value = m.next.body[arg.name];
          if (isUnset(value)) continue;
          const causes: string[] = [];
          for (const expr of JSON.stringify(value).match(/\$\{[^}]*\}/g) ?? []) {
            for (const mm of expr.matchAll(/(?<![\w.-])(data\.)?([a-z][a-z0-9_]*\.[A-Za-z_][\w-]*)(?:\.([a-z_][a-z0-9_]*))?/g)) {
              if (mm[1]) continue;
              const cause = referencedValueChanged(mm[2], mm[3]);
              if (cause) causes.push(cause);
            }
          }
          if (causes.length > 0)
            changes.push({ attribute: arg.name, before: m.prev.body[arg.name], after: value, note: `the value it refers to changes: ${[...new Set(causes)].join('; ')}` });
        }
        if (changes.length === 0) continue;
        replaced.set(m.next.address, m);
        grew = true;
        finding(
          'REPLACE',
          stackName,
          m.prev,
          `Terraform must destroy and re-create it because ${changes.map((c) => c.attribute).join(', ')} refers to a value that changes (${changes.map((c) => c.note?.replace(/^the value it refers to changes: /, '')).join('; ')})`,
          'avoid replacing or renaming the resource it refers to, or acknowledge both replacements',
          changes,
          m.moved ? m.next.address : undefined,
        );
      }
    }
  }

  const prevNames = [...prevStacks.keys()].sort();
  const nextNames = [...nextStacks.keys()].sort();
  const added = nextNames.filter((n) => !prevStacks.has(n));
  for (const a of added) notes.push({ stack: a, message: `new stack ${a}: everything in it is created` });

  const sorted = findings.sort((a, b) => a.stack.localeCompare(b.stack) || a.address.localeCompare(b.address) || a.kind.localeCompare(b.kind));
  const used = new Set<Acknowledgement>();
  const all: GuardFinding[] = sorted.map((f) => {
    const ack = findAcknowledgement(acknowledgements, f.stack, f.address, f.kind);
    if (!ack) return f;
    used.add(ack);
    return { ...f, acknowledgement: ack };
  });
  const failures = all.filter((f) => !f.acknowledgement);
  return {
    ok: failures.length === 0,
    findings: all,
    failures,
    acknowledged: all.filter((f) => f.acknowledgement),
    notes,
    stacks: { previous: prevNames, next: nextNames, added, removed: prevNames.filter((n) => !nextStacks.has(n)) },
    statefulChecked,
    unusedAcknowledgements: acknowledgements.filter((a) => !used.has(a)),
  };
}

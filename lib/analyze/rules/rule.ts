/**
 * What a rule is: metadata as data plus one check function. Resource rules see one resource at a
 * time; account rules see every stack that deploys into one AWS account.
 */
import type { AccountGroup, ComplianceIndex, ModuleIndex } from '../../terraform/model';
import { resolveIn } from '../../terraform/model';
import type { Policy } from '../../terraform/policy';
import { TerraformIndex } from '../../terraform/resolve';
import type { Text } from '../../terraform/text';
import type { JsonValue, Resource, RuleMetadata, Verdict } from './types';
import { unrecorded } from './dynamic';

/** What rules can look up. Built once per evaluation; every lookup is a map access. */
export interface RuleContext {
  readonly index: ComplianceIndex;
  /** Audit retention in days (45 CFR 164.316(b)(2)(i)); retention rules compare against it. */
  readonly auditRetentionDays: number;
  /** A resource or data source by address in the same module as `from`. */
  lookup(from: Resource, address: string): Resource | undefined;
  /** The resource a value that is exactly one reference points to, in the same module. */
  resolve(from: Resource, value: JsonValue | undefined): Resource | undefined;
  /** Resources of `types` in the same module that reference `target` (optionally under argument `key`). */
  referencing(target: Resource, types: readonly string[], key?: string): Resource[];
  /**
   * Reads the policy in argument `value` of `from` with the one policy reader (JSON strings,
   * `aws_iam_policy_document` with source and override documents by Sid, `aws_iam_policy`
   * references); undefined when the argument is absent or empty. What cannot be read is marked
   * `unreadable` (a `dynamic` statement block among them) and then might allow anything.
   */
  readPolicy(from: Resource, value: JsonValue | undefined): Policy | undefined;
  /** The value of a Terraform expression (`aws_s3_bucket.b.arn`) in the module of `from`, as far as it is known before apply. */
  valueOf(from: Resource, expression: string): Text;
  /** The account group a resource deploys into. */
  accountOf(r: Resource): AccountGroup;
  /** Memoises a derived value for the duration of one evaluation. */
  memo<T>(key: string, compute: () => T): T;
}

export interface ResourceRule extends RuleMetadata {
  readonly scope: 'resource';
  /** Decides one resource of one of `resourceTypes`. */
  check(resource: Resource, ctx: RuleContext): Verdict;
}

export interface AccountRule extends RuleMetadata {
  readonly scope: 'account';
  /** Decides one account (one verdict, or one per Region for regional services). */
  checkAccount(account: AccountGroup, ctx: RuleContext): Verdict | Verdict[];
}

/** One finding of a stack rule: the address inside the stack it is about (`module.x`). */
export interface StackVerdict {
  readonly address: string;
  readonly verdict: Verdict;
}

export interface StackRule extends RuleMetadata {
  readonly scope: 'stack';
  /** Decides one stack (one Terraform module) as a whole: what in it cannot be analysed. */
  checkStack(stack: ModuleIndex, ctx: RuleContext): StackVerdict[];
}

export type Rule = ResourceRule | AccountRule | StackRule;

/** A named, ordered set of rules. */
export interface RulePack {
  readonly id: string;
  readonly title: string;
  readonly rules: readonly Rule[];
}

export const pass = (message: string): Verdict => ({ status: 'compliant', message });
export const fail = (message: string): Verdict => ({ status: 'non_compliant', message });
export const skip = (message: string): Verdict => ({ status: 'not_applicable', message });
/** Fail closed: the rule cannot decide, so the resource is reported. */
export const undecided = (message: string): Verdict => ({
  status: 'non_compliant',
  message: `cannot decide: ${message}`,
  undecided: true,
});

/**
 * The rule context. The policy reader is a `TerraformIndex` view over the same model, made on the
 * first policy a rule asks for, once per evaluation.
 */
export function createContext(index: ComplianceIndex, auditRetentionDays: number): RuleContext {
  const memo = new Map<string, unknown>();
  const policies = new WeakMap<Resource, Map<JsonValue, Policy | undefined>>();
  const lookup = (from: Resource, address: string) => index.modules.get(from.stack)?.byAddress.get(address);
  let reader: TerraformIndex | undefined;
  const terraform = (): TerraformIndex => (reader ??= new TerraformIndex(index));
  const read = (from: Resource, value: JsonValue | undefined): Policy | undefined => {
    if (value === undefined || value === null || value === '') return undefined;
    return terraform().policy(from.stack, value, from.address);
  };
  return {
    index,
    auditRetentionDays,
    lookup,
    resolve: (from, value) => resolveIn(index, from, value),
    referencing(target, types, key) {
      const incoming = index.modules.get(target.stack)?.referencedBy.get(target.address) ?? [];
      const out: Resource[] = [];
      for (const i of incoming) {
        if (!types.includes(i.from.type)) continue;
        if (key !== undefined && i.key !== key) continue;
        if (!out.includes(i.from)) out.push(i.from);
      }
      return out;
    },
    readPolicy(from, value) {
      if (value === undefined || value === null || typeof value === 'object') return read(from, value);
      let cache = policies.get(from);
      if (!cache) {
        cache = new Map();
        policies.set(from, cache);
      }
      if (!cache.has(value)) cache.set(value, read(from, value));
      return cache.get(value);
    },
    valueOf: (from, expression) => terraform().resolve(from.stack, expression),
    accountOf(r) {
      const group = index.accounts.get(r.account);
      if (group) return group;
      return { account: r.account, stacks: new Set([r.stack]), byType: new Map(), conditional: new Map(), regions: new Map() };
    },
    memo<T>(key: string, compute: () => T): T {
      if (memo.has(key)) return memo.get(key) as T;
      const value = unrecorded(compute);
      memo.set(key, value);
      return value;
    },
  };
}

/**
 * AWS Backup: whether a resource is selected by a backup plan, and what a plan's schedules and
 * lifecycles mean in days.
 */
import type { RuleContext } from '../rule';
import type { JsonObject, Resource } from '../types';
import { blocks, globToRegExp, isExpression, num, parseReference, str } from '../../../terraform/values';
import { effectiveTags, literal, partitionsOf } from './common';

/**
 * The ARNs AWS Backup could see, with unknown parts as a sentinel only a `*` matches. The partition
 * is the one of the resource's Region (`arn:aws-us-gov:rds:us-gov-west-1:...` in GovCloud), so a
 * pattern written for another partition does not select it, as in AWS; with the Region unknown,
 * one ARN per partition (a selection then counts if it matches any, an exclusion likewise).
 */
function arnsOf(r: Resource): string[] {
  const unknown = '\u0001';
  const region = r.region ?? unknown;
  const account = /^\d{12}$/.test(r.account) ? r.account : unknown;
  const id = (key: string) => literal(r.config[key]) ?? unknown;
  return partitionsOf(r).map((partition) => {
    switch (r.type) {
      case 'aws_db_instance':
        return `arn:${partition}:rds:${region}:${account}:db:${id('identifier')}`;
      case 'aws_rds_cluster':
        return `arn:${partition}:rds:${region}:${account}:cluster:${id('cluster_identifier')}`;
      case 'aws_instance':
        return `arn:${partition}:ec2:${region}:${account}:instance/${unknown}`;
      case 'aws_ebs_volume':
        return `arn:${partition}:ec2:${region}:${account}:volume/${unknown}`;
      default:
        return unknown;
    }
  });
}

function tagMatches(tags: Record<string, string>, key: string, value: string, like: boolean): boolean {
  if (!(key in tags)) return false;
  return like ? globToRegExp(value).test(tags[key]) : tags[key] === value;
}

function conditionKeyToTag(key: string): string {
  return key.replace(/^aws:ResourceTag\//, '');
}

export interface Coverage {
  readonly covered: boolean | 'unknown';
  readonly detail: string;
}

function selectionCovers(sel: Resource, r: Resource): Coverage {
  const c: JsonObject = sel.config;
  const tags = effectiveTags(r);
  for (const t of blocks(c.selection_tag)) {
    const key = str(t.key);
    const value = str(t.value);
    const type = str(t.type);
    if (typeof key !== 'string' || typeof value !== 'string' || key === 'absent' || key === 'unknown' || value === 'unknown') {
      return { covered: 'unknown', detail: `${sel.address} selects by a tag that is an expression` };
    }
    if (tags === 'unknown') return { covered: 'unknown', detail: `${r.address} has tags the engine cannot evaluate` };
    if (type === 'STRINGEQUALS' && tagMatches(tags, key, value, false)) {
      return { covered: true, detail: `${sel.address} selects it by tag ${key}=${value}` };
    }
  }
  const resources = c.resources;
  if (resources === undefined || resources === null) return { covered: false, detail: '' };
  if (!Array.isArray(resources)) return { covered: 'unknown', detail: `${sel.address}.resources is an expression` };
  let matched = false;
  for (const entry of resources) {
    if (typeof entry !== 'string') continue;
    const ref = parseReference(entry);
    if (ref) {
      if (sel.stack === r.stack && ref.address === r.address && (ref.attribute === 'arn' || ref.attribute === undefined)) matched = true;
      continue;
    }
    if (isExpression(entry)) continue;
    if (arnsOf(r).some((arn) => globToRegExp(entry).test(arn))) matched = true;
  }
  for (const entry of Array.isArray(c.not_resources) ? c.not_resources : []) {
    if (typeof entry !== 'string') continue;
    const ref = parseReference(entry);
    if (ref && sel.stack === r.stack && ref.address === r.address) matched = false;
    else if (!ref && !isExpression(entry) && arnsOf(r).some((arn) => globToRegExp(entry).test(arn))) matched = false;
  }
  if (!matched) return { covered: false, detail: '' };
  for (const cond of blocks(c.condition)) {
    for (const [kind, like] of [
      ['string_equals', false],
      ['string_like', true],
    ] as const) {
      for (const e of blocks(cond[kind])) {
        const key = str(e.key);
        const value = str(e.value);
        if (typeof key !== 'string' || typeof value !== 'string' || key === 'unknown' || value === 'unknown') {
          return { covered: 'unknown', detail: `${sel.address} has a condition that is an expression` };
        }
        if (tags === 'unknown') return { covered: 'unknown', detail: `${r.address} has tags the engine cannot evaluate` };
        if (!tagMatches(tags, conditionKeyToTag(key), value, like)) return { covered: false, detail: '' };
      }
    }
  }
  return { covered: true, detail: `${sel.address} selects it by resource ARN` };
}

/** Whether any backup selection in the resource's account selects it. */
interface SelectionIndex {
  /** Selections that can only cover resources carrying this tag: `<tag>\u0000<value>`. */
  readonly byRequiredTag: Map<string, Resource[]>;
  /** Selections that must be checked against every resource. */
  readonly others: Resource[];
}

const SELECTION_INDEX = new WeakMap<readonly Resource[], SelectionIndex>();

/**
 * Indexes an account's selections by a tag they require (a literal `string_equals` condition on
 * `aws:ResourceTag/...`, with no `selection_tag` that could select by itself), so a resource is
 * checked against the few selections that could cover it, not all of them.
 */
function selectionIndex(selections: readonly Resource[]): SelectionIndex {
  const cached = SELECTION_INDEX.get(selections);
  if (cached) return cached;
  const byRequiredTag = new Map<string, Resource[]>();
  const others: Resource[] = [];
  for (const sel of selections) {
    const c: JsonObject = sel.config;
    const required =
      blocks(c.selection_tag).length > 0
        ? undefined
        : blocks(c.condition)
            .flatMap((cond) => blocks(cond.string_equals))
            .map((e) => [str(e.key), str(e.value)])
            .find(([k, v]) => typeof k === 'string' && typeof v === 'string' && k.startsWith('aws:ResourceTag/') && !isExpression(v));
    if (required) {
      const key = `${conditionKeyToTag(required[0] as string)}\u0000${required[1] as string}`;
      byRequiredTag.set(key, [...(byRequiredTag.get(key) ?? []), sel]);
    } else {
      others.push(sel);
    }
  }
  const index = { byRequiredTag, others };
  SELECTION_INDEX.set(selections, index);
  return index;
}

export function backupCoverage(ctx: RuleContext, r: Resource): Coverage {
  const all = ctx.accountOf(r).byType.get('aws_backup_selection') ?? [];
  const index = selectionIndex(all);
  const tags = effectiveTags(r);
  const selections =
    tags === 'unknown' || index.byRequiredTag.size === 0 ? all : [...Object.entries(tags).flatMap(([k, v]) => index.byRequiredTag.get(`${k}\u0000${v}`) ?? []), ...index.others];
  let unknown: Coverage | undefined;
  for (const sel of selections) {
    const c = selectionCovers(sel, r);
    if (c.covered === true) return c;
    if (c.covered === 'unknown') unknown ??= c;
  }
  if (unknown) return unknown;
  return { covered: false, detail: all.length === 0 ? 'no backup selection exists in this account' : 'no backup selection selects it' };
}

/** How often a backup schedule runs, in hours; undefined when the expression is not understood. */
export function scheduleIntervalHours(schedule: string): number | undefined {
  const rate = /^rate\((\d+)\s+(minute|minutes|hour|hours|day|days)\)$/.exec(schedule.trim());
  if (rate) {
    const n = Number(rate[1]);
    return rate[2].startsWith('minute') ? n / 60 : rate[2].startsWith('hour') ? n : n * 24;
  }
  const cron = /^cron\((.+)\)$/.exec(schedule.trim());
  if (!cron) return undefined;
  const f = cron[1].trim().split(/\s+/);
  if (f.length !== 6) return undefined;
  const [, hour, dom, month, dow] = f;
  const every = (v: string) => v === '*' || v === '?';
  if (!every(month)) return /^\d+$/.test(month) ? 24 * 366 : 24 * 92;
  if (!every(dom)) return 24 * 31;
  if (!every(dow)) return 24 * 7;
  if (hour === '*') return 1;
  const step = /^(?:\*|\d+)\/(\d+)$/.exec(hour);
  if (step) return Number(step[1]);
  if (/^\d+(,\d+)+$/.test(hour)) return 24 / hour.split(',').length;
  return /^\d+$/.test(hour) ? 24 : undefined;
}

export interface PlanRule {
  readonly name: string;
  /** Hours between runs; undefined when the schedule is an expression or not understood. */
  readonly intervalHours?: number;
  /** Days recovery points are kept; `Infinity` when no lifecycle deletes them. */
  readonly retentionDays: number | 'unknown';
  readonly schedule: string;
}

/** The rules of an `aws_backup_plan`, with schedules in hours and lifecycles in days. */
export function planRules(plan: Resource): PlanRule[] {
  return blocks(plan.config.rule).map((rule) => {
    const schedule = str(rule.schedule);
    const lifecycle = blocks(rule.lifecycle)[0];
    const del = lifecycle ? num(lifecycle.delete_after) : 'absent';
    return {
      name: typeof rule.rule_name === 'string' ? rule.rule_name : '(unnamed)',
      schedule: schedule === 'absent' ? 'the default cron(0 5 ? * * *)' : schedule === 'unknown' ? String(rule.schedule) : schedule,
      intervalHours: schedule === 'absent' ? 24 : schedule === 'unknown' ? undefined : scheduleIntervalHours(schedule),
      retentionDays: del === 'absent' ? Infinity : del === 'unknown' ? 'unknown' : del,
    };
  });
}

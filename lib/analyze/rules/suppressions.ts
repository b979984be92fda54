/**
 * Suppressions: accepted findings, each with a rule id and a reason, from the configuration or from
 * a construct (where they cover the construct and its children). An expired suppression no longer
 * covers anything: the finding is a violation again, and the report says why. Construct and
 * configuration suppressions reach the engine through each stack's metadata (`recordedCompliance`).
 */
import { HipaaValidationError, type Problem } from '../../errors';
import { COMPLIANCE_METADATA_KEY, MIN_REASON_LENGTH, suppressionShapeProblems, type RecordedWaiver } from '../../suppression';
import type { AppliedSuppression, Finding, StackDocument, Suppression } from './types';
import { globToRegExp, isObject } from '../../terraform/values';
import { waiverSuppressions } from './waivers';

export { MIN_REASON_LENGTH };

/** The problems of one suppression: unknown rule, short reason, bad expiry, empty resource list. */
export function suppressionProblems(s: Suppression, path: string, knownRules: ReadonlySet<string>): Problem[] {
  const problems: Problem[] = [];
  if (typeof s.rule === 'string' && s.rule !== '' && !knownRules.has(s.rule)) {
    const close = [...knownRules].filter((id) => id.startsWith(s.rule.slice(0, 7))).slice(0, 3);
    problems.push({
      code: 'HIPAA_SUPPRESSION_UNKNOWN_RULE',
      path: `${path}.rule`,
      value: s.rule,
      message: 'not a rule id of the pack being evaluated',
      fix: close.length > 0 ? `use a rule id such as ${close.join(', ')}` : 'use a rule id from docs/compliance-rules.md, e.g. HIPAA-S3-001',
    });
  }
  return [...problems, ...suppressionShapeProblems(s, path)];
}

/** Throws one error listing every invalid suppression. */
export function validateSuppressions(list: readonly Suppression[], knownRules: ReadonlySet<string>): void {
  // Construct and waiver suppressions are named by their source; the user's own are numbered as
  // the user wrote them, whatever came before them in the list.
  let userIndex = 0;
  const problems = list.flatMap((s) => suppressionProblems(s, s.constructPath !== undefined ? `${s.source ?? 'construct'}` : `suppressions[${userIndex++}]`, knownRules));
  if (problems.length > 0) throw new HipaaValidationError('Compliance suppressions', problems);
}

/** Whether the suppression's expiry date has passed at `now` (it holds through the whole day, UTC). */
export function isExpired(s: Suppression, now: Date): boolean {
  if (s.expires === undefined) return false;
  return now.toISOString().slice(0, 10) > s.expires;
}

function underPath(path: string | undefined, prefix: string): boolean {
  if (prefix === '') return true;
  if (path === undefined) return false;
  return path === prefix || path.startsWith(`${prefix}/`);
}

function patternMatches(pattern: string, f: Finding): boolean {
  if (pattern.startsWith('account:')) return f.address.startsWith('account:') && globToRegExp(pattern).test(f.address);
  if (pattern.includes('/')) {
    if (pattern.includes('*')) return f.constructPath !== undefined && globToRegExp(pattern).test(f.constructPath);
    return underPath(f.constructPath, pattern);
  }
  if (pattern.includes(':')) return f.stack !== undefined && globToRegExp(pattern).test(`${f.stack}:${f.address}`);
  return f.stack !== undefined && globToRegExp(pattern).test(f.address);
}

/**
 * Whether a suppression covers a finding: same rule; under its construct (an account finding is
 * under a construct only when that construct is the app or a stack of the account); and, when it
 * lists resources, one of them matches.
 */
export function covers(s: Suppression, f: Finding, accountStacks?: ReadonlySet<string>): boolean {
  if (s.rule !== f.ruleId) return false;
  if (s.constructPath !== undefined) {
    if (f.stack === undefined) {
      const p = s.constructPath;
      if (!(p === '' || (!p.includes('/') && accountStacks?.has(p)))) return false;
    } else if (!underPath(f.constructPath, s.constructPath)) {
      return false;
    }
  }
  if (s.resources === undefined) return true;
  return s.resources.some((p) => patternMatches(p, f));
}

export function applied(s: Suppression): AppliedSuppression {
  return {
    rule: s.rule,
    reason: s.reason,
    source: s.source ?? (s.constructPath !== undefined ? `construct ${s.constructPath}` : 'configuration'),
    ...(s.expires !== undefined ? { expires: s.expires } : {}),
  };
}

/** What the stacks recorded under `"//".hipaa`: suppressions (waivers mapped to theirs) and audit retention. */
export interface RecordedCompliance {
  readonly suppressions: Suppression[];
  /** The largest audit retention recorded (the strictest, when stacks of several synths disagree). */
  readonly auditRetentionDays?: number;
}

/** Identity of a suppression: the same one recorded in several stacks counts once. */
export function suppressionKey(s: Suppression): string {
  return JSON.stringify([s.rule, s.reason, s.constructPath ?? null, s.expires ?? null, s.resources ?? null, s.source ?? null]);
}

function asWaiver(w: unknown): RecordedWaiver | undefined {
  if (!isObject(w) || typeof w.setting !== 'string' || typeof w.reason !== 'string' || typeof w.constructPath !== 'string') return undefined;
  return { setting: w.setting, reason: w.reason, constructPath: w.constructPath };
}

/**
 * Reads the compliance metadata of every stack (see lib/suppression.ts). Suppressions are checked
 * against `knownRules` (an unknown rule id, a short reason or a malformed entry is an error naming
 * the stack and the entry); waivers become suppressions of the rules they relax, kept to the rules
 * being evaluated. Throws one `HipaaValidationError` listing every problem.
 */
export function recordedCompliance(stacks: readonly StackDocument[], knownRules: ReadonlySet<string>): RecordedCompliance {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  const suppressions: Suppression[] = [];
  let auditRetentionDays: number | undefined;
  const add = (s: Suppression, where: string) => {
    const key = suppressionKey(s);
    if (seen.has(key)) return;
    seen.add(key);
    const found = suppressionProblems(s, where, knownRules);
    if (found.length > 0) problems.push(...found);
    else suppressions.push(s);
  };
  for (const doc of stacks) {
    const comment = doc.json['//'];
    const meta = isObject(comment) ? comment[COMPLIANCE_METADATA_KEY] : undefined;
    if (meta === undefined) continue;
    const at = `${doc.name}: //.${COMPLIANCE_METADATA_KEY}`;
    if (!isObject(meta) || (meta.suppressions !== undefined && !Array.isArray(meta.suppressions)) || (meta.waivers !== undefined && !Array.isArray(meta.waivers))) {
      problems.push({
        code: 'HIPAA_METADATA_SHAPE',
        path: at,
        message: 'the compliance metadata is not { suppressions: [...], waivers: [...] }',
        fix: 'synthesize again; do not edit the "//" metadata by hand',
      });
      continue;
    }
    if (meta.auditRetentionDays !== undefined) {
      if (typeof meta.auditRetentionDays !== 'number' || !Number.isInteger(meta.auditRetentionDays) || meta.auditRetentionDays < 1) {
        problems.push({
          code: 'HIPAA_METADATA_SHAPE',
          path: `${at}.auditRetentionDays`,
          value: meta.auditRetentionDays,
          message: 'not a whole number of days',
          fix: 'synthesize again',
        });
      } else auditRetentionDays = Math.max(auditRetentionDays ?? 0, meta.auditRetentionDays);
    }
    ((meta.suppressions as unknown[] | undefined) ?? []).forEach((raw, i) => {
      const where = `${at}.suppressions[${i}]`;
      if (!isObject(raw)) {
        problems.push({ code: 'HIPAA_METADATA_SHAPE', path: where, value: raw, message: 'a suppression is an object { rule, reason, ... }', fix: 'synthesize again' });
        return;
      }
      const s = raw as unknown as Suppression;
      const source = typeof s.source === 'string' ? s.source : s.constructPath !== undefined ? `construct ${s.constructPath}` : 'configuration';
      add({ ...s, source }, `${where} (${source})`);
    });
    ((meta.waivers as unknown[] | undefined) ?? []).forEach((raw, i) => {
      const where = `${at}.waivers[${i}]`;
      const w = asWaiver(raw);
      if (!w) {
        problems.push({ code: 'HIPAA_METADATA_SHAPE', path: where, value: raw, message: 'a waiver is an object { setting, reason, constructPath }', fix: 'synthesize again' });
        return;
      }
      const mapped = waiverSuppressions(w);
      if (mapped === undefined) {
        problems.push({
          code: 'HIPAA_WAIVER_UNKNOWN_SETTING',
          path: `${where}.setting`,
          value: w.setting,
          message: 'no rule mapping for this waived setting',
          fix: 'add it to WAIVER_RULES in lib/analyze/rules/waivers.ts',
        });
        return;
      }
      for (const s of mapped) if (knownRules.has(s.rule)) add(s, `${where} (${s.source})`);
    });
  }
  if (problems.length > 0) throw new HipaaValidationError('Compliance metadata recorded in the stacks', problems);
  return { suppressions, ...(auditRetentionDays !== undefined ? { auditRetentionDays } : {}) };
}

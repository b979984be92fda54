/**
 * Reports: Markdown for people (a control matrix), JSON for machines, SARIF 2.1.0 for
 * code-scanning tools, plus the one-line summary and the readable violation list.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { compareControls, CONTROLS } from '../analyze/rules/controls';
import { suppressed, violations } from '../analyze/rules/engine';
import type { ComplianceResult, Finding, RuleMetadata, Severity } from '../analyze/rules/types';

export const REPORT_FILES = {
  markdown: 'compliance-report.md',
  json: 'compliance-report.json',
  sarif: 'compliance-report.sarif',
} as const;

/** Compliant rows shown per rule and control in the Markdown matrix; the JSON report has all. */
const COMPLIANT_ROWS_PER_CELL = 25;

function where(f: Finding): string {
  if (f.stack === undefined) return f.region ? `${f.address} (${f.region})` : f.address;
  return `${f.stack}: ${f.address}`;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** One line for the end of synth: `HIPAA compliance: 113 rules, 412 resources, 0 violations, 3 suppressed (...)`. */
export function summaryLine(result: ComplianceResult): string {
  const v = violations(result);
  const s = suppressed(result);
  const expired = v.filter((f) => f.expiredSuppression).length;
  const undecided = v.filter((f) => f.undecided).length;
  const extras = [plural(result.stacks.length, 'stack'), plural(result.accounts.length, 'account')];
  if (undecided > 0) extras.push(`${undecided} undecided`);
  if (expired > 0) extras.push(plural(expired, 'expired suppression'));
  if (result.unusedSuppressions.length > 0) extras.push(plural(result.unusedSuppressions.length, 'unused suppression'));
  return `HIPAA compliance: ${plural(result.rules.length, 'rule')}, ${plural(result.resourceCount, 'resource')}, ${plural(v.length, 'violation')}, ${s.length} suppressed (${extras.join(', ')})${skippedAccountRules(
    result,
  )
    .map((t) => `; ${t}`)
    .join('')}`;
}

/** One sentence per account whose account-level rules were skipped: how many, and why. */
export function skippedAccountRules(result: ComplianceResult): string[] {
  return result.accounts.flatMap((a) =>
    a.accountRulesSkipped ? [`account ${a.account}: ${a.accountRulesSkipped.rules} account-level rules skipped: ${a.accountRulesSkipped.reason}`] : [],
  );
}

/** The violations as a readable list: rule id, title, address, message and fix. */
export function formatViolations(result: ComplianceResult): string {
  const v = violations(result);
  if (v.length === 0) return `${summaryLine(result)}\nNo violations.`;
  const rules = new Map(result.rules.map((r) => [r.id, r]));
  const byRule = new Map<string, Finding[]>();
  for (const f of v) {
    const list = byRule.get(f.ruleId);
    if (list) list.push(f);
    else byRule.set(f.ruleId, [f]);
  }
  const lines = [`HIPAA compliance: ${plural(v.length, 'violation')} of ${plural(byRule.size, 'rule')}`, ''];
  for (const [id, findings] of byRule) {
    const rule = rules.get(id);
    lines.push(`${id} [${rule?.severity ?? 'unknown'}] ${rule?.title ?? ''}`);
    for (const f of findings) {
      const path = f.constructPath ? ` (${f.constructPath})` : '';
      lines.push(`  - ${where(f)}${path}`);
      lines.push(`    ${f.message}`);
      if (f.expiredSuppression) {
        lines.push(`    suppression expired on ${f.expiredSuppression.expires}: "${f.expiredSuppression.reason}" (${f.expiredSuppression.source})`);
      }
    }
    if (rule) lines.push(`  Fix: ${rule.remediation}`);
    lines.push('');
  }
  lines.push(summaryLine(result));
  return lines.join('\n');
}

function mdCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function statusCell(f: Finding): string {
  if (f.status === 'compliant') return 'compliant';
  if (f.status === 'not_applicable') return 'not applicable';
  if (f.suppression) {
    const exp = f.suppression.expires ? `, until ${f.suppression.expires}` : '';
    return `suppressed: ${f.suppression.reason} (${f.suppression.source}${exp})`;
  }
  if (f.expiredSuppression) return `**VIOLATION** (suppression expired ${f.expiredSuppression.expires}): ${f.message}`;
  return `**VIOLATION**: ${f.message}`;
}

/** The Markdown report: summary, violations, suppressions, and the control matrix. */
export function markdownReport(result: ComplianceResult): string {
  const v = violations(result);
  const s = suppressed(result);
  const byRule = new Map<string, Finding[]>();
  for (const f of result.findings) {
    const list = byRule.get(f.ruleId);
    if (list) list.push(f);
    else byRule.set(f.ruleId, [f]);
  }
  const out: string[] = [
    '# HIPAA compliance report',
    '',
    `- Pack: ${result.pack} (${result.rules.length} rules)`,
    `- Audit retention: ${result.auditRetentionDays} days`,
    `- Result: ${summaryLine(result)}`,
    '',
    '## Accounts',
    '',
    '| Account | Stacks | Account rules |',
    '| --- | --- | --- |',
    ...result.accounts.map(
      (a) =>
        `| ${a.account} | ${a.stacks.length} (${mdCell(a.stacks.slice(0, 10).join(', '))}${a.stacks.length > 10 ? ', ...' : ''}) | ${a.accountRulesEvaluated ? 'evaluated' : `**${a.accountRulesSkipped?.rules ?? 0} skipped**: ${mdCell(a.accountRulesSkipped?.reason ?? 'not evaluated')}`} |`,
    ),
    '',
    '## Violations',
    '',
  ];
  if (v.length === 0) out.push('None.', '');
  else {
    out.push('| Rule | Severity | Resource | Construct | Finding |', '| --- | --- | --- | --- | --- |');
    const rules = new Map(result.rules.map((r) => [r.id, r]));
    for (const f of v) {
      out.push(`| ${f.ruleId} | ${rules.get(f.ruleId)?.severity ?? ''} | ${mdCell(where(f))} | ${mdCell(f.constructPath ?? '')} | ${mdCell(statusCell(f))} |`);
    }
    out.push('');
  }
  out.push('## Suppressions', '');
  if (s.length === 0 && result.unusedSuppressions.length === 0) out.push('None.', '');
  else {
    out.push('| Rule | Resource | Reason | Source | Expires |', '| --- | --- | --- | --- | --- |');
    for (const f of s) {
      const sup = f.suppression;
      if (!sup) continue;
      out.push(`| ${f.ruleId} | ${mdCell(where(f))} | ${mdCell(sup.reason)} | ${mdCell(sup.source)} | ${sup.expires ?? 'never'} |`);
    }
    for (const u of result.unusedSuppressions) {
      out.push(`| ${u.rule} | (matched nothing) | ${mdCell(u.reason)} | ${mdCell(u.source ?? 'configuration')} | ${u.expires ?? 'never'} |`);
    }
    out.push('');
  }
  out.push(
    '## Expected AWS Config results',
    '',
    'Resources the deployed conformance pack is expected to report NON_COMPLIANT, predicted from the synthesized Terraform, each with the reason it is accepted. AWS Config does not see our suppressions; a result in the Config console that is not listed here is a finding.',
    '',
  );
  const expected = result.expectedConfigResults ?? [];
  if (expected.length === 0) out.push('None.', '');
  else {
    out.push('| AWS Config rule | Resource | Reason | Source |', '| --- | --- | --- | --- |');
    for (const e of expected) out.push(`| ${e.configRule} | ${mdCell(e.stack ? `${e.stack}: ${e.address}` : e.address)} | ${mdCell(e.reason)} | ${mdCell(e.source)} |`);
    out.push('');
  }
  out.push('## Control matrix', '', '45 CFR control -> rules -> resources -> status or suppression reason. Not-applicable results are counted, not listed.', '');
  const controls = [...new Set(result.rules.flatMap((r) => r.controls))].sort(compareControls);
  for (const control of controls) {
    out.push(`### ${control} ${CONTROLS[control] ?? ''}`.trimEnd(), '', '| Rule | Resource | Status |', '| --- | --- | --- |');
    for (const rule of result.rules.filter((r) => r.controls.includes(control))) {
      const findings = byRule.get(rule.id) ?? [];
      const problems = findings.filter((f) => f.status === 'non_compliant');
      const ok = findings.filter((f) => f.status === 'compliant');
      const na = findings.length - problems.length - ok.length;
      const label = `${rule.id} ${mdCell(rule.title)}`;
      if (findings.length === 0) {
        out.push(`| ${label} | (no ${rule.scope === 'account' ? 'account evaluated' : 'resources of these types'}) | - |`);
        continue;
      }
      for (const f of [...problems, ...ok.slice(0, COMPLIANT_ROWS_PER_CELL)]) out.push(`| ${label} | ${mdCell(where(f))} | ${mdCell(statusCell(f))} |`);
      if (ok.length > COMPLIANT_ROWS_PER_CELL) out.push(`| ${label} | ... ${ok.length - COMPLIANT_ROWS_PER_CELL} more | compliant (listed in ${REPORT_FILES.json}) |`);
      if (na > 0) out.push(`| ${label} | ${na} other | not applicable |`);
    }
    out.push('');
  }
  return out.join('\n');
}

/** The JSON report: the whole result plus counts. */
export function jsonReport(result: ComplianceResult): string {
  const v = violations(result);
  return JSON.stringify(
    {
      summary: {
        line: summaryLine(result),
        rules: result.rules.length,
        resources: result.resourceCount,
        violations: v.length,
        suppressed: suppressed(result).length,
        expiredSuppressions: v.filter((f) => f.expiredSuppression).length,
        undecided: v.filter((f) => f.undecided).length,
        compliant: result.findings.filter((f) => f.status === 'compliant').length,
        notApplicable: result.findings.filter((f) => f.status === 'not_applicable').length,
        expectedConfigNonCompliant: (result.expectedConfigResults ?? []).length,
      },
      ...result,
    },
    null,
    2,
  );
}

const SARIF_LEVEL: Record<Severity, string> = { critical: 'error', high: 'error', medium: 'warning', low: 'note' };
const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0' };

interface FileText {
  readonly text: string;
  /** Offsets of every newline, for line numbers by binary search. */
  readonly newlines: number[];
}

function locate(file: FileText, type: string, name: string): number | undefined {
  const typeAt = file.text.indexOf(`"${type}"`);
  if (typeAt === -1) return undefined;
  const at = file.text.indexOf(`"${name}"`, typeAt);
  if (at === -1) return undefined;
  let lo = 0;
  let hi = file.newlines.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (file.newlines[mid] < at) lo = mid + 1;
    else hi = mid;
  }
  return lo + 1;
}

function sarifRule(r: RuleMetadata): Record<string, unknown> {
  return {
    id: r.id,
    name: r.id.replace(/-/g, ''),
    shortDescription: { text: r.title },
    fullDescription: { text: r.description },
    help: { text: `${r.remediation}\nControls: ${r.controls.join(', ')}${r.configRule ? `\nAWS Config rule: ${r.configRule}` : ''}` },
    defaultConfiguration: { level: SARIF_LEVEL[r.severity] },
    properties: {
      tags: ['security', 'hipaa', ...r.controls.map((c) => `45CFR${c}`)],
      'security-severity': SECURITY_SEVERITY[r.severity],
      precision: 'very-high',
    },
  };
}

/**
 * The SARIF 2.1.0 log: one result per non-compliant finding; suppressed ones carry an accepted
 * external suppression with the reason. File locations are relative to `baseDir`.
 */
export function sarifReport(result: ComplianceResult, baseDir: string = process.cwd()): string {
  const texts = new Map<string, FileText | undefined>();
  const textOf = (file: string): FileText | undefined => {
    if (!texts.has(file)) {
      try {
        const text = readFileSync(file, 'utf8');
        const newlines: number[] = [];
        for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) newlines.push(i);
        texts.set(file, { text, newlines });
      } catch {
        texts.set(file, undefined);
      }
    }
    return texts.get(file);
  };
  const rules = result.rules;
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const results = result.findings
    .filter((f) => f.status === 'non_compliant')
    .map((f) => {
      const rule = rules[index.get(f.ruleId) ?? 0];
      const logical = [{ fullyQualifiedName: f.stack ? `${f.stack}/${f.address}` : f.address, kind: f.stack ? 'resource' : 'module' }];
      const locations: Record<string, unknown>[] = [];
      if (f.file !== undefined) {
        const name = f.address.split('.').slice(-1)[0];
        const text = f.resourceType ? textOf(f.file) : undefined;
        const line = text && f.resourceType ? locate(text, f.resourceType, name) : undefined;
        const uri = (isAbsolute(f.file) ? relative(baseDir, f.file) : f.file).split('\\').join('/');
        locations.push({
          physicalLocation: { artifactLocation: { uri }, ...(line !== undefined ? { region: { startLine: line } } : {}) },
          logicalLocations: logical,
        });
      } else {
        locations.push({ logicalLocations: logical });
      }
      return {
        ruleId: f.ruleId,
        ruleIndex: index.get(f.ruleId) ?? 0,
        level: SARIF_LEVEL[rule?.severity ?? 'high'],
        message: { text: `${where(f)}: ${f.message}` },
        locations,
        partialFingerprints: { hipaaFinding: `${f.ruleId}|${f.stack ?? ''}|${f.address}|${f.region ?? ''}` },
        ...(f.suppression
          ? {
              suppressions: [
                {
                  kind: 'external',
                  status: 'accepted',
                  justification: `${f.suppression.reason} (${f.suppression.source}${f.suppression.expires ? `, until ${f.suppression.expires}` : ''})`,
                },
              ],
            }
          : {}),
        properties: {
          ...(f.constructPath ? { constructPath: f.constructPath } : {}),
          account: f.account,
          ...(f.region ? { region: f.region } : {}),
          ...(f.undecided ? { undecided: true } : {}),
          ...(f.expiredSuppression ? { expiredSuppression: f.expiredSuppression } : {}),
        },
      };
    });
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'hipaa-cdktf', informationUri: 'https://www.hhs.gov/hipaa/for-professionals/security/index.html', version: '0.1.0', rules: rules.map(sarifRule) } },
        columnKind: 'utf16CodeUnits',
        // Account rules that did not run are not a pass: say so where code-scanning UIs show run notices.
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: skippedAccountRules(result).map((text) => ({ level: 'warning', descriptor: { id: 'account-rules-skipped' }, message: { text } })),
          },
        ],
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2);
}

function writeAtomically(path: string, text: string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

/** Writes compliance-report.md, .json and .sarif into `dir` (created if needed); returns their paths. */
export function writeReports(result: ComplianceResult, dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  const paths = [join(dir, REPORT_FILES.markdown), join(dir, REPORT_FILES.json), join(dir, REPORT_FILES.sarif)];
  writeAtomically(paths[0], markdownReport(result));
  writeAtomically(paths[1], jsonReport(result));
  writeAtomically(paths[2], sarifReport(result));
  return paths;
}

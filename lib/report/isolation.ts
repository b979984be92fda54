/**
 * The isolation matrix as evidence: JSON for machines, Markdown for an auditor (one tenant x tenant
 * table per resource kind, the diagonal marked, every violation listed with its evidence), and a
 * one-line summary for the synth output.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ISOLATION_KINDS, IsolationCell, IsolationKind, IsolationMatrix, IsolationVerdict } from '../analyze/isolation/analyze';
import { AccessEntry, AccessReview, DESIGN_RULES, TrustEntry } from '../analyze/isolation/access';

const KIND_TITLES: Record<IsolationKind, string> = {
  kms: 'KMS keys (kms:Decrypt, kms:GenerateDataKey)',
  secret: 'Secrets (secretsmanager:GetSecretValue; RDS master secrets through their key)',
  bucket: 'S3 objects (s3:GetObject, s3:GetObjectVersion, s3:PutObject)',
  database: 'Databases (rds-db:connect)',
  network: 'Network paths (peering routes with admitting security groups; shared-VPC database ingress)',
};

const SYMBOLS: Record<IsolationVerdict, string> = {
  deny: 'deny',
  declared: 'declared',
  'might-allow': '**MIGHT ALLOW**',
  allow: '**ALLOW**',
};

/**
 * One line, e.g. `Isolation: 6 tenants, 150 cross-tenant checks, 0 allowed, 0 might-allow, 1 declared
 * peering; access review: 12 tenant resources, 180 accesses by design, 0 violations`.
 */
/** The summary and every violation, as synth and check print them when the proof fails. */
export function formatIsolationViolations(matrix: IsolationMatrix): string {
  const lines = matrix.violations.map(
    (v) => `  - ${v.principalTenant} can reach ${v.resourceTenant}'s ${v.kind} (${v.verdict}):\n      ${v.evidence.slice(0, 4).join('\n      ')}`,
  );
  return `${isolationSummary(matrix)}\n${lines.join('\n')}`;
}

export function isolationSummary(matrix: IsolationMatrix): string {
  const count = (v: IsolationVerdict) => matrix.cells.filter((c) => c.verdict === v).length;
  const declared = count('declared');
  const review = matrix.access;
  const entries = review.resources.flatMap((r) => r.entries);
  const designed = entries.filter((e) => e.verdict === 'by-design').length + review.trust.filter((t) => t.verdict === 'by-design').length;
  const violations = review.violations.length + review.trustViolations.length;
  return `Isolation: ${matrix.tenants.length} tenant${matrix.tenants.length === 1 ? '' : 's'}, ${matrix.checks} cross-tenant checks, ${count('allow')} allowed, ${count('might-allow')} might-allow, ${declared} declared peering${declared === 1 ? '' : 's'}; access review: ${review.resources.length} tenant resources, ${designed} accesses by design, ${violations} violation${violations === 1 ? '' : 's'}`;
}

/** The Markdown report. */
export function isolationMarkdown(matrix: IsolationMatrix): string {
  const lines: string[] = [
    '# Tenant isolation matrix',
    '',
    isolationSummary(matrix),
    '',
    'Rows are the tenant whose principals (or network) reach; columns the tenant whose data (or network) is reached.',
    '`deny`: no principal of the row tenant can reach; `declared`: only a declared peering path;',
    '`MIGHT ALLOW`: something the Terraform leaves unknown could allow it (never counted as isolated);',
    '`ALLOW`: reachable. The diagonal (a tenant and its own data) is not checked.',
    '',
  ];
  const byKey = new Map(matrix.cells.map((c) => [`${c.principalTenant}\u0000${c.resourceTenant}\u0000${c.kind}`, c]));
  if (!matrix.dense) {
    lines.push(`With ${matrix.tenants.length} tenants the tables are left out: every pair not listed below is deny.`, '');
  }
  for (const kind of matrix.dense ? ISOLATION_KINDS : []) {
    lines.push(`## ${KIND_TITLES[kind]}`, '');
    lines.push(`| from \\ to | ${matrix.tenants.join(' | ')} |`);
    lines.push(`| --- | ${matrix.tenants.map(() => '---').join(' | ')} |`);
    for (const from of matrix.tenants) {
      const row = matrix.tenants.map((to) => (from === to ? '(self)' : SYMBOLS[byKey.get(`${from}\u0000${to}\u0000${kind}`)?.verdict ?? 'deny']));
      lines.push(`| **${from}** | ${row.join(' | ')} |`);
    }
    lines.push('');
  }
  lines.push('## Violations', '');
  if (matrix.violations.length === 0) lines.push("None: no tenant can reach another tenant's data, and every network path is a declared peering.", '');
  for (const v of matrix.violations) lines.push(...cellSection(v));
  const declared = matrix.cells.filter((c) => c.verdict === 'declared');
  if (declared.length > 0) {
    lines.push('## Declared peerings', '');
    for (const d of declared) lines.push(...cellSection(d));
  }
  lines.push(...accessReviewMarkdown(matrix.access));
  return lines.join('\n');
}

const cellText = (value: string) => value.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function verdictText(e: Pick<AccessEntry, 'verdict' | 'rule' | 'reason'>): string {
  return e.verdict === 'by-design' ? `by design (${e.rule ?? 'allow-list'})` : `**VIOLATION**: ${e.reason}`;
}

/**
 * The access review for an auditor: per tenant resource, who besides the tenant can reach it,
 * with which actions, through which statement and conditions, and the verdict; then who may
 * assume each tenant role; then the allow-list with its reasons.
 */
export function accessReviewMarkdown(review: AccessReview): string[] {
  const counted = Object.entries(review.principals)
    .map(([k, n]) => `${n} ${k}`)
    .join(', ');
  const lines = [
    '## Access review',
    '',
    `Who besides each tenant can reach its keys, secrets, buckets and databases. Principals considered: ${counted || 'none'}.`,
    'A principal whose policies this output does not hold might allow anything: it is listed (fail closed).',
    "Tenants' own principals are not listed. `by design` names the allow-list rule (reasons at the end); anything else is a violation and fails the proof.",
    '',
  ];
  for (const r of review.resources) {
    lines.push(`### ${r.address} (${r.tenant}, ${r.kind})`, '');
    if (r.entries.length === 0) {
      lines.push("Only the tenant's own principals.", '');
      continue;
    }
    lines.push('| Who | Actions | Via | Conditions | Reach | Verdict |', '| --- | --- | --- | --- | --- | --- |');
    for (const e of r.entries)
      lines.push(
        `| ${cellText(e.principal)} | ${cellText(e.actions.join(', '))} | ${cellText(e.via.join('; '))} | ${cellText(e.conditions.join('; ') || '-')} | ${e.reach} | ${cellText(verdictText(e))} |`,
      );
    lines.push('');
  }
  lines.push('### Who may assume the tenant roles', '');
  if (review.trust.length === 0) lines.push('No tenant role has a trust policy in this output.', '');
  else {
    lines.push('| Tenant role | Tenant | Who | Via | Conditions | Verdict |', '| --- | --- | --- | --- | --- | --- |');
    for (const t of review.trust)
      lines.push(
        `| ${cellText(t.role)} | ${t.tenant} | ${cellText(t.principal)} | ${cellText(t.via)} | ${cellText(t.conditions.join('; ') || '-')} | ${cellText(verdictText(t))} |`,
      );
    lines.push('');
  }
  const used = new Set([...review.resources.flatMap((r) => r.entries), ...review.trust].map((e: AccessEntry | TrustEntry) => e.rule).filter((x) => x !== undefined));
  lines.push('### Allowed by design', '', '| Rule | Why | Used here |', '| --- | --- | --- |');
  for (const [id, why] of Object.entries(DESIGN_RULES)) lines.push(`| ${id} | ${cellText(why)} | ${used.has(id as keyof typeof DESIGN_RULES) ? 'yes' : 'no'} |`);
  lines.push('');
  return lines;
}

function cellSection(cell: Omit<IsolationCell, 'kind'> & { readonly kind: string }): string[] {
  const relevant = cell.evidence.filter((e) => !/: deny: /.test(e));
  return [`### ${cell.principalTenant} -> ${cell.resourceTenant}: ${cell.kind} ${cell.verdict}`, '', ...relevant.map((e) => `- ${e}`), ''];
}

/** Writes `isolation-matrix.json` and `isolation-matrix.md` into `dir` (created if missing); returns their paths. */
export function writeIsolationMatrix(matrix: IsolationMatrix, dir: string): string[] {
  fs.mkdirSync(dir, { recursive: true });
  const json = path.join(dir, 'isolation-matrix.json');
  const md = path.join(dir, 'isolation-matrix.md');
  fs.writeFileSync(json, `${JSON.stringify({ summary: isolationSummary(matrix), ...matrix }, null, 2)}\n`);
  fs.writeFileSync(md, `${isolationMarkdown(matrix)}\n`);
  return [json, md];
}

/**
 * The guard report for people: per stack, each stateful resource that would be lost, what happens,
 * and how to fix it or acknowledge it. Plain ASCII, so it reads the same in a CI log.
 */
import { renderValue } from '../errors';
import { GuardFinding, GuardReport } from '../analyze/guard/compare';

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function describeChange(c: GuardFinding['changes'][number]): string {
  const text =
    c.before === undefined
      ? `${c.attribute} is set to ${renderValue(c.after)}`
      : c.after === undefined
        ? `${c.attribute} is removed (was ${renderValue(c.before)})`
        : `${c.attribute} changes from ${renderValue(c.before)} to ${renderValue(c.after)}`;
  return c.note ? `${text} (${c.note})` : text;
}

function describe(f: GuardFinding, indent: string): string[] {
  const where = f.constructPath ? `, construct ${f.constructPath}` : '';
  const moved = f.nextAddress ? ` (now ${f.nextAddress})` : '';
  const status = f.acknowledgement ? 'ACKNOWLEDGED' : 'FAIL';
  const lines = [`${indent}[${status}] ${f.kind} ${f.address}${moved}: ${f.title}${where}`];
  if (f.kind === 'REPLACE') {
    lines.push(`${indent}    replaced because:`);
    for (const c of f.changes) lines.push(`${indent}      - ${describeChange(c)}`);
  } else {
    lines.push(`${indent}    destroyed: ${f.reason}`);
  }
  lines.push(`${indent}    loses: ${f.holds}`);
  if (f.acknowledgement) {
    lines.push(`${indent}    acknowledged: ${JSON.stringify(f.acknowledgement.reason)}`);
  } else {
    lines.push(`${indent}    fix: ${f.fix}`);
  }
  return lines;
}

/** Renders a guard report as text: summary, findings per stack, notes, how to acknowledge, result. */
export function formatGuardReport(report: GuardReport): string {
  const out: string[] = [];
  const stacks = new Set(report.stacks.previous);
  out.push(
    `Replacement guard: checked ${plural(report.statefulChecked, 'stateful resource')} in ${plural(stacks.size, 'stack')} ` +
      `(${report.stacks.next.length} in the new output` +
      (report.stacks.added.length ? `, ${report.stacks.added.length} added` : '') +
      (report.stacks.removed.length ? `, ${report.stacks.removed.length} removed` : '') +
      ')',
  );
  const destroys = report.failures.filter((f) => f.kind === 'DESTROY').length;
  const replaces = report.failures.filter((f) => f.kind === 'REPLACE').length;
  if (report.findings.length === 0) {
    out.push('No stateful resource would be destroyed or replaced.');
  } else {
    out.push(
      `${plural(destroys, 'stateful resource')} would be destroyed and ${plural(replaces, 'replaced', 'replaced')} without acknowledgement` +
        (report.acknowledged.length ? `; ${report.acknowledged.length} acknowledged` : '') +
        '.',
    );
  }

  const byStack = new Map<string, GuardFinding[]>();
  for (const f of report.findings) byStack.set(f.stack, [...(byStack.get(f.stack) ?? []), f]);
  for (const [stack, findings] of byStack) {
    out.push('');
    out.push(`Stack ${stack}${report.stacks.removed.includes(stack) ? ' (no longer in the output)' : ''}:`);
    for (const f of findings) out.push(...describe(f, '  '));
  }

  if (report.notes.length > 0) {
    out.push('');
    out.push('Notes:');
    for (const n of report.notes) out.push(`  - [${n.stack}] ${n.message}`);
  }
  if (report.unusedAcknowledgements.length > 0) {
    out.push('');
    out.push('Acknowledgements that matched nothing (remove them once the change is applied):');
    for (const a of report.unusedAcknowledgements) out.push(`  - ${a.stack ? `${a.stack}: ` : ''}${a.address}${a.kind ? ` (${a.kind})` : ''}`);
  }
  if (report.failures.length > 0) {
    out.push('');
    out.push('If a loss is intended, acknowledge it in guard-acknowledgements.yaml (reason of at least 10 characters):');
    out.push('  acknowledgements:');
    for (const f of report.failures) {
      out.push(`    - stack: ${f.stack}`);
      out.push(`      address: ${f.address}`);
      out.push(`      kind: ${f.kind}`);
      out.push('      reason: "<why losing it is intended and safe, e.g. final snapshot taken>"');
    }
  }
  out.push('');
  out.push(
    report.ok
      ? `Result: PASS${report.acknowledged.length ? ` (${plural(report.acknowledged.length, 'acknowledged change')})` : ''}`
      : `Result: FAIL (${plural(report.failures.length, 'unacknowledged destroy or replacement', 'unacknowledged destroys or replacements')})`,
  );
  return out.join('\n');
}

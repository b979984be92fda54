/**
 * Recording accepted findings on constructs, and writing them with the construct waivers into each
 * stack's Terraform JSON (`"//": { "hipaa": ... }`, see lib/suppression.ts), so the analyzers read
 * them from the synthesized output: `check` on one stack folder reaches the synth verdict.
 *
 * Constructs do not import analyzers: a suppression's shape (reason, expiry, resources) is checked
 * here, its rule id by the analyzer that reads the metadata (an unknown id fails check and synth).
 */
import { TerraformElement, TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { HipaaValidationError } from '../../errors';
import { COMPLIANCE_METADATA_KEY, COMPLIANCE_METADATA_VERSION, suppressionShapeProblems, type ComplianceMetadata, type RecordedSuppression } from '../../suppression';
import { collectWaivers } from './waivers';

const METADATA_TYPE = 'hipaa:compliance-suppression';
const STACK_RECORD = Symbol.for('hipaa-cdktf.stack-compliance');
/** Construct id of the element that writes the metadata; one per stack. */
export const COMPLIANCE_METADATA_ID = 'HipaaComplianceMetadata';

interface StoredSuppression {
  readonly rule: string;
  readonly reason: string;
  readonly expires?: string;
  readonly resources?: readonly string[];
}

/** Configuration suppressions and audit retention recorded on a stack. */
interface StackRecord {
  suppressions: RecordedSuppression[];
  auditRetentionDays?: number;
}

type WithRecord = TerraformStack & { [STACK_RECORD]?: StackRecord };

function stackOf(scope: IConstruct): TerraformStack | undefined {
  return scope.node.scopes.find((s): s is TerraformStack => TerraformStack.isStack(s));
}

function recordOf(stack: TerraformStack): StackRecord {
  const s = stack as WithRecord;
  s[STACK_RECORD] ??= { suppressions: [] };
  return s[STACK_RECORD];
}

/** Writes `"//": { "hipaa": ... }` into its stack's Terraform JSON at synthesis. */
class ComplianceMetadataElement extends TerraformElement {
  constructor(private readonly stack: TerraformStack) {
    super(stack, COMPLIANCE_METADATA_ID);
  }

  public toTerraform(): Record<string, unknown> {
    return { '//': { [COMPLIANCE_METADATA_KEY]: stackComplianceMetadata(this.stack) } };
  }
}

/** Makes sure `stack` writes its compliance metadata. Idempotent. */
export function ensureComplianceMetadata(stack: TerraformStack): void {
  if (!stack.node.tryFindChild(COMPLIANCE_METADATA_ID)) new ComplianceMetadataElement(stack);
}

/** The stack of `scope` (if any) writes its metadata: a waiver recorded there reaches the output. */
export function ensureComplianceMetadataOf(scope: IConstruct): void {
  const stack = stackOf(scope);
  if (stack) ensureComplianceMetadata(stack);
}

/**
 * Every stack at or under `scope` writes its metadata. Above the stacks (the app), only the stacks
 * that exist now: cdktf invokes Aspects per stack, never the app's, so no hook reaches stacks added
 * later; a scope with no stack under it yet is refused rather than silently covering nothing.
 */
function ensureUnder(scope: IConstruct, rule: string): void {
  const stack = stackOf(scope);
  if (stack) {
    ensureComplianceMetadata(stack);
    return;
  }
  const stacks = scope.node.findAll().filter((c): c is TerraformStack => TerraformStack.isStack(c));
  if (stacks.length === 0) {
    throw new HipaaValidationError('Compliance suppression', [
      {
        code: 'HIPAA_SUPPRESSION_NO_STACK',
        path: `suppress(${scope.node.path || '(app)'}, ${JSON.stringify(rule)})`,
        message: 'the scope holds no TerraformStack yet, so the suppression would reach no synthesized output',
        fix: 'call suppress() after creating the stacks, or on the stack or construct it is about',
      },
    ]);
  }
  for (const s of stacks) ensureComplianceMetadata(s);
}

/**
 * Suppresses `rule` on `scope` and every construct under it. The reason (at least 10 characters),
 * expiry and resource list are checked now; the rule id when the output is checked. On a scope above
 * the stacks (the app), it reaches the stacks that exist at the call.
 */
export function suppress(scope: IConstruct, rule: string, reason: string, opts: { expires?: string; resources?: string[] } = {}): void {
  const path = scope.node.path;
  const problems = suppressionShapeProblems({ rule, reason, ...opts }, `suppress(${path || '(app)'}, ${JSON.stringify(rule)})`);
  if (problems.length > 0) throw new HipaaValidationError('Compliance suppression', problems);
  const data: StoredSuppression = {
    rule,
    reason,
    ...(opts.expires !== undefined ? { expires: opts.expires } : {}),
    ...(opts.resources !== undefined ? { resources: [...opts.resources] } : {}),
  };
  scope.node.addMetadata(METADATA_TYPE, data);
  ensureUnder(scope, rule);
}

/** Records configuration suppressions (not tied to a construct) in `stack`'s metadata. */
export function recordConfigSuppressions(stack: TerraformStack, list: ReadonlyArray<Omit<RecordedSuppression, 'source' | 'constructPath'>>): void {
  const record = recordOf(stack);
  for (const s of list) {
    record.suppressions.push({
      rule: s.rule,
      reason: s.reason,
      ...(s.expires !== undefined ? { expires: s.expires } : {}),
      ...(s.resources !== undefined ? { resources: [...s.resources] } : {}),
      source: 'configuration',
    });
  }
  ensureComplianceMetadata(stack);
}

/** Records the audit retention the retention rules must compare `stack` against. */
export function recordAuditRetention(stack: TerraformStack, days: number): void {
  recordOf(stack).auditRetentionDays = days;
  ensureComplianceMetadata(stack);
}

function fromMetadata(c: IConstruct): RecordedSuppression[] {
  const out: RecordedSuppression[] = [];
  for (const entry of c.node.metadata) {
    if (entry.type !== METADATA_TYPE) continue;
    const data = entry.data as StoredSuppression;
    const path = c.node.path;
    out.push({
      rule: data.rule,
      reason: data.reason,
      constructPath: path,
      source: `construct ${path || '(app)'}`,
      ...(data.expires !== undefined ? { expires: data.expires } : {}),
      ...(data.resources !== undefined ? { resources: data.resources } : {}),
    });
  }
  return out;
}

/** Every `suppress()` under `root` (root included), with `constructPath` set to the construct's path. */
export function constructSuppressions(root: IConstruct): RecordedSuppression[] {
  return root.node.findAll().flatMap(fromMetadata);
}

/**
 * What `stack` writes under `"//".hipaa`: suppressions set on the stack's ancestors (the app) and on
 * every construct in it, its configuration suppressions, its waivers and its audit retention.
 */
export function stackComplianceMetadata(stack: TerraformStack): ComplianceMetadata {
  const record = recordOf(stack);
  const ancestors = stack.node.scopes.slice(0, -1).flatMap(fromMetadata);
  return {
    version: COMPLIANCE_METADATA_VERSION,
    ...(record.auditRetentionDays !== undefined ? { auditRetentionDays: record.auditRetentionDays } : {}),
    suppressions: [...ancestors, ...constructSuppressions(stack), ...record.suppressions],
    waivers: collectWaivers(stack).map((w) => ({ setting: w.setting, reason: w.reason, constructPath: w.constructPath })),
  };
}

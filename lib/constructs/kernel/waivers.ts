/**
 * A waiver records that a HIPAA default was turned off on purpose, and why. Constructs record one
 * wherever a caller relaxes a setting; each is written into its stack's Terraform JSON (see
 * suppress.ts) and the compliance engine turns it into a suppression of the matching rules, so every
 * relaxed default shows in the report with its reason.
 */
import { IConstruct } from 'constructs';
import { HipaaValidationError } from '../../errors';
import { messages } from '../../messages';
import { ensureComplianceMetadataOf } from './suppress';

/** Turning a HIPAA default off: an explicit `false` plus the reason. */
export interface Disabled {
  readonly enabled: false;
  /** Why; at least 10 characters, shown in the compliance report. */
  readonly reason: string;
}

export interface Waiver {
  /** The setting that was relaxed, e.g. `guardDuty` or `objectLock`. */
  readonly setting: string;
  readonly reason: string;
  /** The construct path the waiver applies to (it covers the construct and its children). */
  readonly constructPath: string;
}

const WAIVERS = Symbol.for('hipaa-cdktf.waivers');

type WithWaivers = IConstruct & { [WAIVERS]?: Waiver[] };

/** True when `value` turns a setting off (and then its reason is checked). */
export function isDisabled(value: unknown): value is Disabled {
  return typeof value === 'object' && value !== null && (value as { enabled?: unknown }).enabled === false;
}

/** Records a waiver on `scope`; throws when the reason is too short. */
export function recordWaiver(scope: IConstruct, setting: string, reason: string, path = setting): void {
  if (typeof reason !== 'string' || reason.trim().length < 10) {
    throw new HipaaValidationError(`${scope.node.path}`, [messages.waiverReasonTooShort(path, reason)]);
  }
  const s = scope as WithWaivers;
  s[WAIVERS] = [...(s[WAIVERS] ?? []), { setting, reason: reason.trim(), constructPath: scope.node.path }];
  ensureComplianceMetadataOf(scope);
}

/** Every waiver recorded under `root`, in construct order. */
export function collectWaivers(root: IConstruct): Waiver[] {
  return root.node.findAll().flatMap((c) => (c as WithWaivers)[WAIVERS] ?? []);
}

/**
 * Relaxed HIPAA defaults (waivers recorded by our constructs) become suppressions of the rules they
 * would otherwise fail, so each shows in every report with its reason and where it was made.
 */
import type { RecordedWaiver } from '../../suppression';
import type { Suppression } from './types';

/** The rules each waivable setting corresponds to; account-level settings are marked. */
export const WAIVER_RULES: Readonly<Record<string, { readonly rules: readonly string[]; readonly account?: boolean }>> = {
  auditRetention: { rules: ['HIPAA-CW-002', 'HIPAA-S3-011', 'HIPAA-S3-012', 'HIPAA-BK-004', 'HIPAA-BK-005'] },
  backupVaultLock: { rules: ['HIPAA-BK-002', 'HIPAA-BK-005'] },
  bucketAccessLogging: { rules: ['HIPAA-S3-006'] },
  bucketKmsEncryption: { rules: ['HIPAA-S3-002'] },
  bucketObjectLock: { rules: ['HIPAA-S3-010', 'HIPAA-S3-011'] },
  dbDeletionProtection: { rules: ['HIPAA-RDS-005'] },
  dbMultiAz: { rules: ['HIPAA-RDS-006'] },
  dbPgAudit: { rules: [] },
  secretRotation: { rules: ['HIPAA-SM-001'] },
  s3DataEvents: { rules: ['HIPAA-CT-007'], account: true },
  guardDuty: { rules: ['HIPAA-GD-001'], account: true },
  securityHub: { rules: ['HIPAA-SH-001', 'HIPAA-SH-002'], account: true },
  accessAnalyzer: { rules: ['HIPAA-IAM-013'], account: true },
  defaultVpcSecurityGroup: { rules: ['HIPAA-VPC-002'] },
  alarmEndpoints: { rules: ['HIPAA-SNS-002'], account: true },
};

/**
 * The suppressions a recorded waiver stands for, or undefined for a setting with no mapping.
 * Account-level ones are set on the stack (the first segment of the construct path), so they cover
 * the account findings whenever that stack is among those checked.
 */
export function waiverSuppressions(w: RecordedWaiver): Suppression[] | undefined {
  const mapping = WAIVER_RULES[w.setting];
  if (!mapping) return undefined;
  const constructPath = mapping.account ? w.constructPath.split('/')[0] : w.constructPath;
  return mapping.rules.map((rule) => ({ rule, reason: w.reason, constructPath, source: `waiver ${w.setting} at ${w.constructPath}` }));
}

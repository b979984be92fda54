/**
 * One audit-retention setting drives every retention in the product. HIPAA keeps required
 * documentation for six years (45 CFR 164.316(b)(2)); CloudWatch Logs accepts only listed values.
 */

/** Six years in days, the floor without an acknowledgement. */
export const HIPAA_MIN_RETENTION_DAYS = 2190;
/** The default: six years snapped to a value CloudWatch Logs accepts. */
export const DEFAULT_AUDIT_RETENTION_DAYS = 2192;

/** The retention values CloudWatch Logs accepts (0 = never expire is deliberately absent). */
export const CLOUDWATCH_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

/** The smallest value CloudWatch Logs accepts that keeps logs at least `days` (max 3653). */
export function snapToCloudWatchRetention(days: number): number {
  const snapped = CLOUDWATCH_RETENTION_DAYS.find((v) => v >= days);
  return snapped ?? CLOUDWATCH_RETENTION_DAYS[CLOUDWATCH_RETENTION_DAYS.length - 1];
}

/** Whole years that cover `days` (object lock and vault lock take days; this is for display). */
export function retentionYears(days: number): number {
  return Math.ceil(days / 365);
}

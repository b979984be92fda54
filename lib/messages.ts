/**
 * Every user-facing problem message, in one place. Each returns a Problem: a stable code, the
 * user's field path, the bad value, what is wrong and how to fix it.
 */
import { Problem } from './errors';
import { HIPAA_MIN_RETENTION_DAYS } from './retention';

const problem = (code: string, path: string, value: unknown, message: string, fix: string): Problem => ({
  code,
  path,
  value,
  message,
  fix,
});

export const messages = {
  // ---- deployment target and retention --------------------------------------------------------
  accountIdInvalid: (path: string, value: unknown) =>
    problem('HIPAA_ACCOUNT_ID', path, value, 'an AWS account id is exactly 12 digits', 'write the id as a 12-digit string, e.g. "123456789012" (quote it in YAML so leading zeros survive)'),
  regionUnknown: (path: string, value: unknown) =>
    problem('HIPAA_REGION', path, value, 'not an AWS Region', 'use a Region code such as "us-east-1" or "eu-west-2"'),
  retentionOutOfRange: (path: string, value: unknown) =>
    problem('HIPAA_RETENTION_RANGE', path, value, 'audit retention must be a whole number of days from 1 to 36500', 'use 2192 (six years, the default)'),
  retentionTooShort: (path: string, value: unknown) =>
    problem(
      'HIPAA_RETENTION_TOO_SHORT',
      path,
      value,
      `audit retention below the HIPAA floor of ${HIPAA_MIN_RETENTION_DAYS} days (six years, 45 CFR 164.316(b)(2))`,
      `use at least ${HIPAA_MIN_RETENTION_DAYS} days (2192 is the default), or acknowledge the shorter retention with auditRetentionAcknowledgement: { reason: "<at least 10 characters>" }`,
    ),

  // ---- account baseline ----------------------------------------------------------------------
  passwordLengthTooShort: (path: string, value: unknown) =>
    problem('HIPAA_PASSWORD_LENGTH', path, value, 'minimum password length below the floor of 14', 'use 14 or more (the default is 14)'),
  passwordReuseTooLow: (path: string, value: unknown) =>
    problem('HIPAA_PASSWORD_REUSE', path, value, 'password reuse prevention below the floor of 24', 'use 24 (the maximum IAM allows, and the default)'),
  passwordMaxAgeTooLong: (path: string, value: unknown) =>
    problem('HIPAA_PASSWORD_MAX_AGE', path, value, 'maximum password age must be 1 to 90 days', 'use 90 or fewer days (the default is 90)'),
  trailNameInvalid: (path: string, value: unknown) =>
    problem('HIPAA_TRAIL_NAME', path, value, 'a trail name is 3 to 128 letters, digits, periods, underscores or hyphens, starting with a letter or digit', 'choose a name such as "org-audit-trail"'),
  groupNameInvalid: (path: string, value: unknown) =>
    problem('HIPAA_GROUP_NAME', path, value, 'not a valid IAM group name (1-128 of letters, digits and +=,.@_-)', 'use the group name exactly as IAM shows it'),
  nameTooLong: (path: string, value: unknown, limit: number, what: string) =>
    problem('HIPAA_NAME_TOO_LONG', path, value, `the derived ${what} is longer than AWS allows (${limit} characters)`, 'choose a shorter organization, account or tenant id'),
  objectLockModeInvalid: (path: string, value: unknown) =>
    problem('HIPAA_OBJECT_LOCK_MODE', path, value, 'object lock mode must be COMPLIANCE or GOVERNANCE', 'use "COMPLIANCE" (nobody, not even root, can shorten it) or "GOVERNANCE"'),
  waiverReasonTooShort: (path: string, value: unknown) =>
    problem('HIPAA_WAIVER_REASON', path, value, 'turning off a HIPAA default needs a reason of at least 10 characters', 'explain why, e.g. { enabled: false, reason: "GuardDuty is managed by the org delegated admin" }'),
};

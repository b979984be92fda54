/**
 * Where a construct deploys: the concrete account, Region and partition, plus the audit retention
 * that drives every log and backup setting. Concrete values only: policies and names are rendered
 * from them, and checks need real values, not tokens.
 */
import { HipaaValidationError, Problem } from '../../errors';
import { isAwsRegion, partitionOf } from '../../config/regions';
import { ACCOUNT_ID_PATTERN } from '../../config/schema';
import { DEFAULT_AUDIT_RETENTION_DAYS, HIPAA_MIN_RETENTION_DAYS } from '../../retention';
import { messages } from '../../messages';

export interface DeploymentTargetProps {
  /** 12-digit AWS account id. */
  readonly accountId: string;
  /** AWS Region, e.g. `us-east-1`. */
  readonly region: string;
  /**
   * Days audit evidence is kept (trail, logs, backups).
   * @default 2192 (six years, snapped to a CloudWatch Logs value)
   */
  readonly auditRetentionDays?: number;
  /**
   * Reason for an audit retention below six years; required to go below the floor.
   * @default - none: retention below 2190 days is rejected
   */
  readonly auditRetentionAcknowledgement?: { readonly reason: string };
}

export interface DeploymentTarget {
  readonly accountId: string;
  readonly region: string;
  readonly partition: 'aws' | 'aws-us-gov';
  readonly auditRetentionDays: number;
  /** Present when retention was lowered below the floor on purpose. */
  readonly retentionWaiver?: string;
}

/** Problems with a deployment target, with field paths prefixed by `path`. */
export function deploymentTargetProblems(props: DeploymentTargetProps, path = ''): Problem[] {
  const p = (field: string) => (path ? `${path}.${field}` : field);
  const problems: Problem[] = [];
  if (typeof props.accountId !== 'string' || !ACCOUNT_ID_PATTERN.test(props.accountId)) {
    problems.push(messages.accountIdInvalid(p('accountId'), props.accountId));
  }
  if (typeof props.region !== 'string' || !isAwsRegion(props.region)) {
    problems.push(messages.regionUnknown(p('region'), props.region));
  }
  const days = props.auditRetentionDays ?? DEFAULT_AUDIT_RETENTION_DAYS;
  if (!Number.isInteger(days) || days < 1 || days > 36500) {
    problems.push(messages.retentionOutOfRange(p('auditRetentionDays'), days));
  } else if (days < HIPAA_MIN_RETENTION_DAYS) {
    const reason = props.auditRetentionAcknowledgement?.reason ?? '';
    if (reason.trim().length < 10) problems.push(messages.retentionTooShort(p('auditRetentionDays'), days));
  }
  return problems;
}

/** Validates and resolves a deployment target; throws one error listing every problem. */
export function resolveDeploymentTarget(props: DeploymentTargetProps, subject: string): DeploymentTarget {
  const problems = deploymentTargetProblems(props);
  if (problems.length > 0) throw new HipaaValidationError(subject, problems);
  const days = props.auditRetentionDays ?? DEFAULT_AUDIT_RETENTION_DAYS;
  return {
    accountId: props.accountId,
    region: props.region,
    partition: partitionOf(props.region),
    auditRetentionDays: days,
    retentionWaiver: days < HIPAA_MIN_RETENTION_DAYS ? props.auditRetentionAcknowledgement?.reason : undefined,
  };
}

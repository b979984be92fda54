/**
 * CloudTrail trails: what they record. A trail is "account-wide" when it is multi-Region, logs
 * global service events, is logging, and records all management events.
 */
import type { Resource } from '../types';
import { blocks, bool, isExpression, str, strings } from '../../../terraform/values';

export interface TrailAnswer {
  readonly ok: boolean | 'unknown';
  readonly detail: string;
}

/** Whether the trail is on (`enable_logging` defaults to true). */
export function isLogging(trail: Resource): boolean | 'unknown' {
  const b = bool(trail.config.enable_logging);
  return b === 'absent' ? true : b;
}

function fieldEquals(selector: Record<string, unknown>, field: string): string[] {
  return blocks(selector.field_selector as never)
    .filter((f) => f.field === field)
    .flatMap((f) => (Array.isArray(f.equals) ? f.equals.filter((v): v is string => typeof v === 'string') : []));
}

/** Whether the trail records all management events (read and write). */
export function recordsAllManagementEvents(trail: Resource): TrailAnswer {
  const advanced = blocks(trail.config.advanced_event_selector);
  if (advanced.length > 0) {
    const mgmt = advanced.find((s) => fieldEquals(s, 'eventCategory').includes('Management'));
    if (!mgmt) return { ok: false, detail: 'its advanced event selectors record no management events' };
    if (blocks(mgmt.field_selector).some((f) => f.field === 'readOnly')) {
      return { ok: false, detail: 'its management event selector records only read or only write events' };
    }
    return { ok: true, detail: 'it records all management events' };
  }
  const selectors = blocks(trail.config.event_selector);
  if (selectors.length === 0) return { ok: true, detail: 'it records all management events (default)' };
  for (const s of selectors) {
    const include = bool(s.include_management_events);
    const rw = str(s.read_write_type);
    if (include === 'unknown' || rw === 'unknown') return { ok: 'unknown', detail: 'an event selector is an expression' };
    if (include !== false && (rw === 'absent' || rw === 'All')) return { ok: true, detail: 'it records all management events' };
  }
  return { ok: false, detail: 'its event selectors exclude management events or record only reads or writes' };
}

/** Whether the trail is multi-Region, records global service events and all management events, and logs. */
export function isAccountWide(trail: Resource): TrailAnswer {
  const multi = bool(trail.config.is_multi_region_trail);
  if (multi === 'unknown') return { ok: 'unknown', detail: `${trail.address}.is_multi_region_trail is an expression` };
  if (multi !== true) return { ok: false, detail: `${trail.address} is not multi-Region` };
  const global = bool(trail.config.include_global_service_events);
  if (global === false) return { ok: false, detail: `${trail.address} excludes global service events` };
  const logging = isLogging(trail);
  if (logging === false) return { ok: false, detail: `${trail.address} has logging disabled` };
  if (global === 'unknown' || logging === 'unknown') return { ok: 'unknown', detail: `${trail.address} sets logging flags to expressions` };
  const mgmt = recordsAllManagementEvents(trail);
  if (mgmt.ok !== true) return { ok: mgmt.ok, detail: `${trail.address}: ${mgmt.detail}` };
  return { ok: true, detail: `${trail.address} is a multi-Region trail recording all management events` };
}

const S3_ARN_FIELD_OPERATORS = ['equals', 'starts_with', 'not_starts_with'];
/** Fields a data selector may filter on without our having to model what they remove. */
const HARMLESS_FIELDS = ['eventCategory', 'resources.type'];

/** `arn:<partition>:s3:::<bucket>/...`: a prefix that names one bucket (so excluding it leaves others). */
function namesOneBucket(prefix: string): boolean {
  return /^arn:[a-z-]+:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]\//.test(prefix);
}

/**
 * Whether one advanced selector records S3 object events of at least some buckets. Fails closed:
 * an exclusion broader than one bucket (`arn:<partition>:s3:::`), an ARN filter we do not model, any other
 * field filter, or an expression gives `unknown` or `false`, never `true`.
 */
function advancedRecordsS3(selector: Record<string, unknown>): TrailAnswer {
  const fields = blocks(selector.field_selector as never);
  const category = fields.filter((f) => f.field === 'eventCategory');
  const type = fields.filter((f) => f.field === 'resources.type');
  if (!fieldEquals(selector, 'eventCategory').includes('Data') || !fieldEquals(selector, 'resources.type').includes('AWS::S3::Object')) {
    return { ok: false, detail: 'it does not select eventCategory Data with resources.type AWS::S3::Object' };
  }
  if ([...category, ...type].some((f) => Object.keys(f).some((k) => k !== 'field' && k !== 'equals'))) {
    return { ok: 'unknown', detail: 'its eventCategory or resources.type filter uses an operator other than equals' };
  }
  for (const f of fields) {
    const field = String(f.field);
    if (HARMLESS_FIELDS.includes(field)) continue;
    // A readOnly filter keeps only reads or only writes: such a selector alone does not record the
    // bucket's object activity (CIS AWS Foundations 3.8 and 3.9 ask for both).
    if (field === 'readOnly') return { ok: false, detail: 'it records only read or only write events (readOnly filter)' };
    if (field !== 'resources.ARN') return { ok: 'unknown', detail: `it filters on ${field}, which may exclude every S3 object event` };
    const operators = Object.keys(f).filter((k) => k !== 'field');
    if (operators.some((o) => !S3_ARN_FIELD_OPERATORS.includes(o))) {
      return { ok: 'unknown', detail: `its resources.ARN filter uses ${operators.join(', ')}, which this rule does not evaluate` };
    }
    for (const o of operators) {
      const values = f[o];
      if (!Array.isArray(values) || values.some((v) => typeof v !== 'string' || isExpression(v))) {
        return { ok: 'unknown', detail: `its resources.ARN ${o} list is an expression` };
      }
      if (values.length === 0) return { ok: false, detail: `its resources.ARN ${o} list is empty` };
      if (o === 'not_starts_with' && values.some((v) => !namesOneBucket(v as string))) {
        return { ok: false, detail: `its resources.ARN not_starts_with excludes more than one bucket (${values.filter((v) => !namesOneBucket(v as string)).join(', ')})` };
      }
    }
  }
  return { ok: true, detail: 'it records S3 object events' };
}

/** Whether the trail records S3 object-level (data) events; `unknown` when a selector cannot be decided. */
export function recordsS3DataEvents(trail: Resource): boolean | 'unknown' {
  const advanced = blocks(trail.config.advanced_event_selector);
  if (advanced.length > 0) {
    const answers = advanced.map(advancedRecordsS3);
    if (answers.some((a) => a.ok === true)) return true;
    return answers.some((a) => a.ok === 'unknown') ? 'unknown' : false;
  }
  for (const s of blocks(trail.config.event_selector)) {
    // read_write_type defaults to All; ReadOnly or WriteOnly records half of the object activity.
    const rw = s.read_write_type;
    if (rw !== undefined && rw !== 'All') {
      if (typeof rw === 'string' && isExpression(rw)) return 'unknown';
      continue;
    }
    for (const d of blocks(s.data_resource)) {
      if (d.type !== 'AWS::S3::Object') continue;
      const values = strings(d.values);
      if (values === 'unknown') return 'unknown';
      if (values !== 'absent' && values.length > 0) return true;
    }
  }
  return false;
}

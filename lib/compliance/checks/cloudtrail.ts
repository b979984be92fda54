/**
 * CloudTrail trails: what they record. A trail is "account-wide" when it is multi-Region, logs
 * global service events, is logging, and records all management events.
 */
import type { Resource } from '../types';
import { blocks, bool, str } from '../values';

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

/** Whether the trail records S3 object-level (data) events. */
export function recordsS3DataEvents(trail: Resource): boolean {
  for (const s of blocks(trail.config.event_selector)) {
    if (blocks(s.data_resource).some((d) => d.type === 'AWS::S3::Object')) return true;
  }
  for (const s of blocks(trail.config.advanced_event_selector)) {
    if (fieldEquals(s, 'eventCategory').includes('Data') && fieldEquals(s, 'resources.type').includes('AWS::S3::Object')) return true;
  }
  return false;
}

/**
 * The HIPAA conformance pack every account baseline deploys, for one audit retention. The template
 * is generated from the rule pack (`npm run docs`), so the controls checked before deploy are also
 * evaluated by AWS Config after it.
 */
import { AUDIT_RETENTION_PLACEHOLDER, HIPAA_CONFORMANCE_PACK_TEMPLATE } from './hipaa-conformance-pack.generated';

/** The conformance pack template (YAML) with the audit retention in days filled in. */
export function hipaaConformancePack(auditRetentionDays: number): string {
  return HIPAA_CONFORMANCE_PACK_TEMPLATE.split(AUDIT_RETENTION_PLACEHOLDER).join(String(auditRetentionDays));
}

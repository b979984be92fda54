import { customerKey } from '../checks/common';
import { AT_REST } from '../controls';
import { fail, pass, skip, undecided, type ResourceRule } from '../rule';
import { bool } from '../../../terraform/values';

export const rule: ResourceRule = {
  id: 'HIPAA-RDS-013',
  title: 'RDS Performance Insights data is encrypted with a customer key',
  severity: 'medium',
  controls: AT_REST,
  resourceTypes: ['aws_db_instance', 'aws_rds_cluster_instance'],
  scope: 'resource',
  description:
    'When performance_insights_enabled is true, performance_insights_kms_key_id must name a customer-managed key: Performance Insights stores query text, which can contain ePHI. Not applicable when Performance Insights is off.',
  remediation: 'Set performance_insights_kms_key_id to the tenant key, or turn Performance Insights off.',
  check(db, ctx) {
    const on = bool(db.config.performance_insights_enabled);
    if (on === 'unknown') return undecided('performance_insights_enabled is an expression');
    if (on !== true) return skip('Performance Insights is off');
    const key = customerKey(ctx, db, db.config.performance_insights_kms_key_id);
    if (key.answer === 'yes') return pass(key.detail);
    if (key.answer === 'unknown') return undecided(key.detail);
    return fail(`Performance Insights is not encrypted with a customer key: ${key.detail}`);
  },
};

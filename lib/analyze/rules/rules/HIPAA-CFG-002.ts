import { ACTIVITY_REVIEW } from '../controls';
import { fail, pass, type AccountRule } from '../rule';

export const rule: AccountRule = {
  id: 'HIPAA-CFG-002',
  title: 'The account deploys the HIPAA conformance pack',
  severity: 'medium',
  controls: [...ACTIVITY_REVIEW, '164.308(a)(8)'],
  resourceTypes: ['aws_config_conformance_pack', 'aws_config_organization_conformance_pack'],
  scope: 'account',
  description:
    'Account rule. An aws_config_conformance_pack (or organization conformance pack) must exist, so the controls checked at synth are also evaluated continuously at run time (generate its template with conformancePackTemplate()).',
  remediation: 'Add aws_config_conformance_pack with template_body = conformancePackTemplate().',
  checkAccount(account) {
    const packs = [...(account.byType.get('aws_config_conformance_pack') ?? []), ...(account.byType.get('aws_config_organization_conformance_pack') ?? [])];
    if (packs.length === 0) return fail('no AWS Config conformance pack is deployed in this account');
    return pass(`${packs[0].stack}: ${packs[0].address} evaluates the account continuously`);
  },
};

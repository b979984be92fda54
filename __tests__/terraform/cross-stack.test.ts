import { TerraformIndex } from '../../lib/terraform/resolve';
import { resolveReference, buildIndex } from '../../lib/terraform/model';
import { show } from '../../lib/terraform/text';
import type { StackDocument } from '../../lib/terraform/types';

/** Two stacks as cdktf writes a cross-stack reference: an output in one, remote state in the other. */
const STACKS: StackDocument[] = [
  {
    name: 'shared',
    json: {
      provider: { aws: [{ region: 'us-east-1', allowed_account_ids: ['111111111111'] }] },
      resource: { aws_kms_key: { key: { enable_key_rotation: true } } },
      output: { 'cross-stack-output-aws_kms_keykeyarn': { value: '${aws_kms_key.key.arn}' } },
    },
  },
  {
    name: 'tenant',
    json: {
      provider: { aws: [{ region: 'us-east-1', allowed_account_ids: ['111111111111'] }] },
      data: { terraform_remote_state: { 'cross-stack-reference-input-shared': { backend: 'local', config: { path: '../shared/terraform.tfstate' } } } },
      resource: {
        aws_db_instance: { db: { kms_key_id: '${data.terraform_remote_state.cross-stack-reference-input-shared.outputs.cross-stack-output-aws_kms_keykeyarn}' } },
      },
    },
  },
];

describe('one reference resolver across cdktf stacks', () => {
  it('follows a cross-stack reference to the key in the other stack, for the rules and for the proof', () => {
    const model = buildIndex(STACKS);
    const db = model.modules.get('tenant')!.byAddress.get('aws_db_instance.db')!;
    expect(resolveReference(model, 'tenant', db.config.kms_key_id)?.address).toBe('aws_kms_key.key');
    const view = new TerraformIndex(model);
    expect(view.target('tenant', db.config.kms_key_id)?.resource.address).toBe('shared/aws_kms_key.key');
    expect(show(view.toText('tenant', db.config.kms_key_id as string))).toMatch(/^arn:aws:kms:us-east-1:111111111111:key\//);
  });

  it('stops at the remote state of a stack that was not loaded', () => {
    const view = new TerraformIndex([STACKS[1]]);
    const db = view.get('tenant', 'aws_db_instance', 'db')!;
    // The reference stops at the remote state data source: no key is known, so key rules cannot pass.
    expect(view.target('tenant', db.body.kms_key_id)?.resource.type).toBe('terraform_remote_state');
  });
});

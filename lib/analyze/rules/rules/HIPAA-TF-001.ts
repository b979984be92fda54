import { fail, pass, type StackRule } from '../rule';
import { show } from '../../../terraform/values';

export const rule: StackRule = {
  id: 'HIPAA-TF-001',
  title: 'Every resource of the configuration is in the analysed Terraform',
  severity: 'high',
  controls: ['164.308(a)(1)(ii)(A)', '164.308(a)(8)'],
  resourceTypes: [],
  scope: 'stack',
  description:
    'Stack rule. A child module call (a `module` block) creates resources that are not in Terraform JSON configuration, so no rule can see them: each call is a finding (fail closed), never a pass. `terraform show -json` of a plan includes child modules and can be checked instead.',
  remediation:
    'Check the Terraform that includes the module: run `terraform plan -out plan && terraform show -json plan > plan.json` and check plan.json, or inline the module resources.',
  checkStack(stack) {
    if (stack.moduleCalls.size === 0) return [{ address: `stack:${stack.name}`, verdict: pass('the stack calls no child module: every resource it creates is in the input') }];
    return [...stack.moduleCalls].map(([name, call]) => ({
      address: `module.${name}`,
      verdict: fail(`module.${name} (source ${show(call.source)}) creates resources that are not in this input, so none of them was checked`),
    }));
  },
};

/**
 * Account rules for regional services (GuardDuty, Security Hub, AWS Config, EBS default
 * encryption): one verdict per Region the account's stacks deploy into.
 */
import type { AccountGroup } from '../../../terraform/model';
import { undecided } from '../rule';
import type { Resource, Verdict } from '../types';

/**
 * Calls `judge` with the resources of `type` in each Region the account uses. Stacks whose Region
 * is not a literal cannot be matched to a Region: one undecided verdict names them.
 */
export function perRegion(account: AccountGroup, type: string, judge: (resources: Resource[], region: string) => Verdict): Verdict[] {
  const all = account.byType.get(type) ?? [];
  const out: Verdict[] = [];
  const regions = [...account.regions.keys()].sort((a, b) => (a ?? '').localeCompare(b ?? ''));
  for (const region of regions) {
    if (region === undefined) {
      const stacks = [...(account.regions.get(region) ?? [])].sort().join(', ');
      out.push(undecided(`stacks ${stacks} deploy to a Region that is not a literal, so the rule cannot check that Region`));
      continue;
    }
    out.push({
      ...judge(
        all.filter((r) => r.region === region),
        region,
      ),
      region,
    });
  }
  return out;
}

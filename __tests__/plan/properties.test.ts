/**
 * Property tests: random add/remove sequences through the placement lock, and the CIDR and subnet
 * math against brute force. Bounded (100 runs, short sequences) to stay fast.
 */
import fc from 'fast-check';
import { plan } from '../../lib/plan';
import { cidrEnd, cidrSize, contains, formatCidr, mustParseCidr, nextFree, overlaps, type Ipv4Cidr } from '../../lib/cidr';
import { planPlacement } from '../../lib/plan/placement';
import { carveSubnets } from '../../lib/plan/subnets';
import type { PlacementLock } from '../../lib/plan/types';
import { HipaaValidationError } from '../../lib/errors';
import { makeConfig } from './fixtures';

/** Pairs of blocks that overlap (expected to be none). */
function overlappingPairs(blocks: readonly Ipv4Cidr[]): string[] {
  const pairs: string[] = [];
  for (let i = 0; i < blocks.length; i++) {
    for (let j = i + 1; j < blocks.length; j++) {
      if (overlaps(blocks[i], blocks[j])) pairs.push(`${formatCidr(blocks[i])} ~ ${formatCidr(blocks[j])}`);
    }
  }
  return pairs;
}

const REGIONS = ['us-east-1', 'us-west-2'] as const;

type Op = { readonly kind: 'add'; readonly region: 0 | 1; readonly pin: number | null } | { readonly kind: 'remove'; readonly pick: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('add' as const), region: fc.constantFrom(0 as const, 1 as const), pin: fc.option(fc.integer({ min: 0, max: 15 }), { freq: 4 }) }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('remove' as const), pick: fc.nat() }) },
);

interface TenantInput {
  readonly id: string;
  readonly region: (typeof REGIONS)[number];
  readonly cidr?: string;
}

describe('placement under random additions and removals', () => {
  it('never overlaps, stays inside the supernet, never moves a locked VPC, never exceeds quotas, and fails only when it must', () => {
    fc.assert(
      fc.property(
        fc.record({
          supernetText: fc.constantFrom('10.0.0.0/16', '10.0.0.0/17', '10.0.0.0/18'),
          prefix: fc.constantFrom(20, 22),
          quotaA: fc.integer({ min: 2, max: 6 }),
          quotaB: fc.integer({ min: 2, max: 6 }),
          ops: fc.array(opArb, { minLength: 4, maxLength: 24 }),
        }),
        ({ supernetText, prefix, quotaA, quotaB, ops }) => {
          const accounts = [
            { name: 'prod-a', id: '111111111111', vpcQuota: quotaA, regions: ['us-west-2' as const] },
            { name: 'prod-b', id: '222222222222', vpcQuota: quotaB },
          ];
          const capacity: Record<string, number> = {
            'prod-a/us-east-1': quotaA - 1,
            'prod-a/us-west-2': quotaA - 1,
            'prod-b/us-east-1': quotaB - 1,
          };
          const supernet = mustParseCidr(supernetText);
          const pinSlots = cidrSize(supernet) / 4096;
          let present: TenantInput[] = [];
          let lock: PlacementLock | undefined;
          let counter = 0;

          for (const op of ops) {
            let candidate: TenantInput[];
            let newPin: Ipv4Cidr | undefined;
            if (op.kind === 'add') {
              const tenant: TenantInput = {
                id: `t${counter++}`,
                region: REGIONS[op.region],
                ...(op.pin === null ? {} : { cidr: `10.0.${(op.pin % pinSlots) * 16}.0/20` }),
              };
              newPin = tenant.cidr === undefined ? undefined : mustParseCidr(tenant.cidr);
              candidate = [...present, tenant];
            } else {
              if (present.length === 0) continue;
              candidate = present.filter((_, i) => i !== op.pick % present.length);
            }
            const config = makeConfig({
              accounts,
              network: { supernet: supernetText, vpcPrefixLength: prefix, azCount: 2, vpcQuotaPerRegion: 5 },
              tenants: candidate,
            });

            const previous = lock?.vpcs ?? {};
            const lockedCidrs = Object.values(previous).map((e) => mustParseCidr(e.cidr));
            const pinClash = newPin !== undefined && lockedCidrs.some((c) => overlaps(c, newPin as Ipv4Cidr));
            const usedAddresses = candidate.reduce((sum, t) => sum + (t.cidr ? 4096 : 2 ** (32 - prefix)), 0);
            const overfull = REGIONS.filter((region) => {
              const count = candidate.filter((t) => t.region === region).length;
              const room = Object.entries(capacity)
                .filter(([k]) => k.endsWith(`/${region}`))
                .reduce((s, [, v]) => s + v, 0);
              return count > room;
            });

            let result: ReturnType<typeof planPlacement>;
            try {
              result = planPlacement(config, lock);
            } catch (error) {
              if (!(error instanceof HipaaValidationError)) throw error;
              for (const problem of error.problems) {
                if (problem.code === 'HIPAA_CIDR_OVERLAP') expect(pinClash).toBe(true);
                else if (problem.code === 'HIPAA_SUPERNET_FULL') expect(usedAddresses).toBeGreaterThan(cidrSize(supernet));
                else if (problem.code === 'HIPAA_REGION_OUT_OF_CAPACITY') expect(overfull).toContain(problem.value);
                else throw new Error(`unexpected problem: ${problem.code}`);
              }
              continue;
            }
            expect(pinClash).toBe(false);
            expect(overfull).toEqual([]);

            const cidrs = result.placements.map((p) => mustParseCidr(p.cidr));
            expect(cidrs.filter((c) => !contains(supernet, c))).toEqual([]);
            expect(overlappingPairs(cidrs)).toEqual([]);
            for (const [id, entry] of Object.entries(previous)) {
              if (candidate.some((t) => t.id === id)) expect(result.lock.vpcs[id]).toEqual(entry);
            }
            expect(result.moves).toEqual([]);
            expect(Object.keys(result.lock.vpcs).sort()).toEqual(candidate.map((t) => t.id).sort());
            const held: Record<string, number> = {};
            for (const p of result.placements) held[`${p.account}/${p.region}`] = (held[`${p.account}/${p.region}`] ?? 0) + 1;
            for (const [slot, count] of Object.entries(held)) expect(count).toBeLessThanOrEqual(capacity[slot]);

            present = candidate;
            lock = result.lock;
          }

          const final = plan(makeConfig({ accounts, network: { supernet: supernetText, vpcPrefixLength: prefix, azCount: 3, vpcQuotaPerRegion: 5 }, tenants: present }), lock);
          expect(overlappingPairs(final.vpcs.flatMap((v) => v.subnets.map((s) => mustParseCidr(s.cidr))))).toEqual([]);
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('nextFree against brute force', () => {
  const within = mustParseCidr('10.0.0.0/24');
  const blockArb = fc.record({ prefix: fc.integer({ min: 25, max: 30 }), index: fc.nat() }).map(({ prefix, index }): Ipv4Cidr => {
    const count = 2 ** (prefix - within.prefix);
    return { address: within.address + (index % count) * 2 ** (32 - prefix), prefix };
  });

  it('returns the lowest aligned block that overlaps nothing taken, or undefined when none exists', () => {
    fc.assert(
      fc.property(fc.array(blockArb, { maxLength: 12 }), fc.integer({ min: 25, max: 30 }), (taken, prefix) => {
        const size = 2 ** (32 - prefix);
        let expected: Ipv4Cidr | undefined;
        for (let address = within.address; address + size - 1 <= cidrEnd(within); address += size) {
          const candidate = { address, prefix };
          if (!taken.some((t) => overlaps(t, candidate))) {
            expected = candidate;
            break;
          }
        }
        const found = nextFree(within, prefix, taken);
        expect(found && formatCidr(found)).toBe(expected && formatCidr(expected));
      }),
      { numRuns: 100 },
    );
  });
});

describe('subnet carving for any VPC size, AZ count and egress', () => {
  it('keeps subnets disjoint, inside the VPC and no smaller than /28', () => {
    fc.assert(
      fc.property(fc.integer({ min: 16, max: 22 }), fc.nat(), fc.integer({ min: 2, max: 6 }), fc.boolean(), (prefix, index, azCount, egress) => {
        const vpc = { address: 10 * 2 ** 24 + (index % 2 ** (prefix - 8)) * 2 ** (32 - prefix), prefix };
        const subnets = carveSubnets({ vpcCidr: formatCidr(vpc), region: 'us-east-1', azCount, egress }).map((s) => mustParseCidr(s.cidr));
        expect(subnets).toHaveLength((egress ? 3 : 2) * azCount);
        expect(subnets.filter((s) => !contains(vpc, s) || s.prefix > 28)).toEqual([]);
        expect(overlappingPairs(subnets)).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });
});

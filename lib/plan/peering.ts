/**
 * The peering plan: which VPCs connect, and which ports each direction opens.
 *
 * A peer entry `{ tenant: "b", ports }` on tenant or pool "a" means: "a" may reach "b" on those
 * ports, so "b"'s security group admits them from "a"'s CIDR. Only declared pairs connect. "a"
 * and "b" declaring each other is ONE connection with two directions. The connection id is the
 * sorted pair joined by `--` (`a--b`); the smaller id is the requester.
 *
 * Pooled tenants live in their pool's VPC and cannot declare peers (the pool does), nor be one.
 */
import type { HipaaConfig } from '../config/schema';
import { HipaaValidationError, type Problem } from '../errors';
import { mustParseCidr, overlaps } from '../cidr';
import { peerCidrOverlap, peerDuplicate, peerFromPooled, peeringLimit, peerIsPooledTenant, peerSelf, peerUnknown } from './messages';
import { peeringConnectionId, peeringStackName } from './naming';
import { ownerLabel, vpcOwners, type VpcOwner } from './owners';
import { didYouMean } from '../text';
import type { PeeringKind, PeeringPlan, PeeringRule, PeeringSide } from './types';

/** Active VPC peering connections AWS allows per VPC (default quota). */
export const MAX_PEERINGS_PER_VPC = 50;

/** One direction as declared: `from` may reach `to` on `ports`. */
interface Direction {
  readonly from: VpcOwner;
  readonly to: string;
  /** Path of the declaring entry, e.g. `tenants[1].peers[0]`. */
  readonly path: string;
  readonly ports: readonly number[];
}

/** A connection between two VPC owners, with its declared directions. */
export interface DeclaredConnection {
  readonly id: string;
  /** The two owner ids, sorted. */
  readonly ends: readonly [string, string];
  /** Path of the first declaring entry, for messages. */
  readonly path: string;
  readonly directions: readonly { readonly from: string; readonly to: string; readonly ports: readonly number[] }[];
}

function analyse(config: HipaaConfig): { problems: Problem[]; connections: DeclaredConnection[] } {
  const problems: Problem[] = [];
  const owners = vpcOwners(config);
  const ownerIds = owners.map((o) => o.id);
  const pooled = new Map(config.tenants.filter((t) => t.mode === 'pooled').map((t) => [t.id, t]));

  config.tenants.forEach((t, i) => {
    if (t.mode !== 'pooled' || t.peers.length === 0) return;
    const poolIndex = config.pools.findIndex((p) => p.id === t.pool);
    const peers = t.peers.map((p) => p.tenant);
    problems.push(peerFromPooled(`tenants[${i}]`, t.id, peers, poolIndex < 0 ? undefined : `pools[${poolIndex}]`));
  });

  const directions: Direction[] = [];
  for (const owner of owners) {
    const label = ownerLabel(owner);
    const firstSeen = new Map<string, string>();
    owner.peers.forEach((peer, j) => {
      const path = `${owner.path}.peers[${j}]`;
      const target = peer.tenant;
      if (target === owner.id) {
        problems.push(peerSelf(`${path}.tenant`, label));
        return;
      }
      const first = firstSeen.get(target);
      if (first !== undefined) {
        problems.push(peerDuplicate(`${path}.tenant`, label, target, first));
        return;
      }
      firstSeen.set(target, path);
      const pooledTarget = pooled.get(target);
      if (pooledTarget && !ownerIds.includes(target)) {
        problems.push(peerIsPooledTenant(`${path}.tenant`, label, target, pooledTarget.pool ?? '(none)'));
        return;
      }
      if (!ownerIds.includes(target)) {
        const known = [...ownerIds, ...pooled.keys()];
        problems.push(peerUnknown(`${path}.tenant`, label, target, didYouMean(target, known)));
        return;
      }
      directions.push({ from: owner, to: target, path, ports: [...new Set(peer.ports)].sort((a, b) => a - b) });
    });
  }

  const byId = new Map<string, { ends: [string, string]; path: string; directions: Direction[] }>();
  for (const d of directions) {
    const id = peeringConnectionId(d.from.id, d.to);
    const ends = [d.from.id, d.to].sort() as [string, string];
    const connection = byId.get(id) ?? { ends, path: d.path, directions: [] };
    connection.directions.push(d);
    byId.set(id, connection);
  }

  const partners = new Map<string, string[]>();
  for (const { ends } of byId.values()) {
    partners.set(ends[0], [...(partners.get(ends[0]) ?? []), ends[1]]);
    partners.set(ends[1], [...(partners.get(ends[1]) ?? []), ends[0]]);
  }
  for (const owner of owners) {
    const peers = partners.get(owner.id) ?? [];
    if (peers.length > MAX_PEERINGS_PER_VPC) {
      problems.push(peeringLimit(owner.path, ownerLabel(owner), peers.length, MAX_PEERINGS_PER_VPC, peers));
    }
  }

  const connections = [...byId.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([id, c]) => ({
      id,
      ends: c.ends,
      path: c.path,
      directions: c.directions.map((d) => ({ from: d.from.id, to: d.to, ports: d.ports })).sort((a, b) => (a.from < b.from ? -1 : 1)),
    }));
  return { problems, connections };
}

/** Problems with the declared peers that need no placement: references, self, duplicates, limits. */
export function peeringProblems(config: HipaaConfig): Problem[] {
  return analyse(config).problems;
}

/** The connections the config declares (valid declarations only), ordered by id. */
export function declaredConnections(config: HipaaConfig): DeclaredConnection[] {
  return analyse(config).connections;
}

/** How two ends relate: same account and Region, or across accounts, Regions, or both. */
export function peeringKind(a: PeeringSide, b: PeeringSide): PeeringKind {
  const crossAccount = a.account.id !== b.account.id;
  const crossRegion = a.region !== b.region;
  if (crossAccount && crossRegion) return 'cross-account-and-region';
  if (crossAccount) return 'cross-account';
  if (crossRegion) return 'cross-region';
  return 'same-account';
}

function side(endpoint: PeeringSide): PeeringSide {
  const { id, kind, stackName, account, region, cidr } = endpoint;
  return { id, kind, stackName, account, region, cidr };
}

/**
 * The peering connections between planned VPCs. `vpcs` must hold every pool and dedicated tenant
 * (a `VpcPlan` is a `PeeringSide`). Throws one HipaaValidationError listing every problem.
 */
export function planPeerings(config: HipaaConfig, vpcs: readonly PeeringSide[]): PeeringPlan[] {
  const { problems, connections } = analyse(config);
  const byId = new Map(vpcs.map((v) => [v.id, v]));
  const endpoint = (id: string): PeeringSide => {
    const found = byId.get(id);
    if (!found) throw new Error(`planPeerings: no VPC given for "${id}"`);
    return found;
  };
  const plans: PeeringPlan[] = [];
  for (const connection of connections) {
    const requester = endpoint(connection.ends[0]);
    const accepter = endpoint(connection.ends[1]);
    if (overlaps(mustParseCidr(requester.cidr), mustParseCidr(accepter.cidr))) {
      const first = connection.directions[0];
      const [declarer, other] = first.from === requester.id ? [requester, accepter] : [accepter, requester];
      problems.push(peerCidrOverlap(`${connection.path}.tenant`, ownerLabel(declarer), declarer.cidr, ownerLabel(other), other.cidr));
      continue;
    }
    const rules: PeeringRule[] = connection.directions.map((d) => ({
      from: d.from,
      to: d.to,
      fromCidr: endpoint(d.from).cidr,
      ports: d.ports,
    }));
    plans.push({
      id: connection.id,
      stackName: peeringStackName(connection.id),
      requester: side(requester),
      accepter: side(accepter),
      kind: peeringKind(requester, accepter),
      rules,
    });
  }
  if (problems.length > 0) throw new HipaaValidationError('Peering', problems);
  return plans;
}

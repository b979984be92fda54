/**
 * The VPC owners of a config: pools and dedicated tenants, in the one order every planning step
 * uses (pools first, then dedicated tenants, each in config order). Pooled tenants own no VPC.
 */
import type { HipaaConfig, PeerConfig } from '../config/schema';
import type { VpcOwnerKind } from './types';

/** A pool or dedicated tenant, reduced to what planning needs. */
export interface VpcOwner {
  readonly id: string;
  readonly kind: VpcOwnerKind;
  /** Config path, e.g. `tenants[2]` or `pools[0]`. */
  readonly path: string;
  /** The VPC's Region: the owner's `region`, or `homeRegion`. */
  readonly region: string;
  /** The `cidr` the config pins. @default - automatic allocation */
  readonly cidrPin?: string;
  /** The `account` (name) the config pins. @default - automatic placement */
  readonly accountPin?: string;
  readonly egress: boolean;
  readonly peers: readonly PeerConfig[];
}

/** Pools first, then dedicated tenants, each in config order. */
export function vpcOwners(config: HipaaConfig): VpcOwner[] {
  type Source = { id: string; region?: string; cidr?: string; account?: string; egress: boolean; peers: readonly PeerConfig[] };
  const owner = (kind: VpcOwner['kind'], path: string, o: Source): VpcOwner => ({
    id: o.id,
    kind,
    path,
    region: o.region ?? config.homeRegion,
    cidrPin: o.cidr,
    accountPin: o.account,
    egress: o.egress,
    peers: o.peers,
  });
  const pools = config.pools.map((p, i) => owner('pool', `pools[${i}]`, p));
  const tenants = config.tenants.flatMap((t, i) => (t.mode === 'dedicated' ? [owner('tenant', `tenants[${i}]`, t)] : []));
  return [...pools, ...tenants];
}

/** `tenant "acme"` or `pool "shared"`, for messages. */
export function ownerLabel(owner: { readonly kind: VpcOwnerKind; readonly id: string }): string {
  return `${owner.kind} "${owner.id}"`;
}

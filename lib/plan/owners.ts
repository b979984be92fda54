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
  const pools: VpcOwner[] = config.pools.map((p, i) => ({
    id: p.id,
    kind: 'pool',
    path: `pools[${i}]`,
    region: p.region ?? config.homeRegion,
    cidrPin: p.cidr,
    accountPin: p.account,
    egress: p.egress,
    peers: p.peers,
  }));
  const tenants: VpcOwner[] = [];
  config.tenants.forEach((t, i) => {
    if (t.mode !== 'dedicated') return;
    tenants.push({
      id: t.id,
      kind: 'tenant',
      path: `tenants[${i}]`,
      region: t.region ?? config.homeRegion,
      cidrPin: t.cidr,
      accountPin: t.account,
      egress: t.egress,
      peers: t.peers,
    });
  });
  return [...pools, ...tenants];
}

/** `tenant "acme"` or `pool "shared"`, for messages. */
export function ownerLabel(owner: { readonly kind: VpcOwnerKind; readonly id: string }): string {
  return `${owner.kind} "${owner.id}"`;
}

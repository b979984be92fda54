/**
 * The plan's data model: what the planning layer hands to stacks. Plain, JSON-serialisable data.
 */

/** What owns a VPC: a dedicated tenant or a pool. Pooled tenants own none. */
export type VpcOwnerKind = 'tenant' | 'pool';

/** Where a planned value came from: a pin in the config, the placement lock, or automatic placement. */
export type PlacementSource = 'pin' | 'lock' | 'allocated';

/** The subnet tiers of a VPC. `public` exists only when the VPC has internet egress (NAT gateway). */
export type SubnetTier = 'public' | 'app' | 'data';

/** The account a VPC lives in, as stacks need it (provider `assume_role`). */
export interface AccountRef {
  /** The account's stable name from `accounts[].name`. */
  readonly name: string;
  /** The 12-digit AWS account id. */
  readonly id: string;
  /** Role Terraform assumes in the account. */
  readonly roleName: string;
}

/** One subnet: a tier in one Availability Zone. */
export interface SubnetPlan {
  readonly tier: SubnetTier;
  /** 0-based AZ index: use it (never the name) in construct ids and Terraform addresses. */
  readonly azIndex: number;
  /** AZ name derived from the Region and index: `us-east-1a` for index 0. */
  readonly availabilityZone: string;
  readonly cidr: string;
}

/** One VPC: a dedicated tenant's or a pool's. */
export interface VpcPlan {
  /** The owner's id (tenant id or pool id); unique across tenants and pools. */
  readonly id: string;
  readonly kind: VpcOwnerKind;
  /** Config path of the owner, e.g. `tenants[2]` or `pools[0]`. */
  readonly path: string;
  /** The stack that holds the VPC: `tenant-<id>` or `pool-<id>`. */
  readonly stackName: string;
  readonly account: AccountRef;
  readonly region: string;
  readonly cidr: string;
  readonly cidrSource: PlacementSource;
  readonly accountSource: PlacementSource;
  /** True when the VPC has a public tier and a NAT gateway for application egress. */
  readonly egress: boolean;
  readonly azCount: number;
  /** Subnets ordered by tier (public, app, data), then AZ index. */
  readonly subnets: readonly SubnetPlan[];
  /** Ids of the tenants living in the VPC: the tenant itself, or a pool's pooled tenants. */
  readonly tenants: readonly string[];
}

/** Names of the AWS resources a tenant owns, derived once and checked against AWS limits. */
export interface TenantResourceNames {
  /** IAM role of the tenant's bastion (<= 64 characters). */
  readonly bastionRoleName: string;
  /** RDS DB instance identifier (<= 63, lowercase letters, digits and single hyphens). */
  readonly dbIdentifier: string;
  /** KMS alias of the tenant's data key. */
  readonly kmsAlias: string;
  /** S3 bucket for the tenant's data (<= 63, globally unique: includes account id and Region). */
  readonly bucketName: string;
}

/** One tenant, dedicated or pooled, with where it lives. */
export interface TenantPlan {
  readonly id: string;
  /** Config path, e.g. `tenants[2]`. */
  readonly path: string;
  readonly mode: 'dedicated' | 'pooled';
  /** Id of the VPC the tenant lives in: its own id when dedicated, its pool's id when pooled. */
  readonly vpcId: string;
  /** The pool of a pooled tenant. @default - absent for dedicated tenants */
  readonly pool?: string;
  /** The stack holding the tenant's resources: `tenant-<id>`, or `pool-<pool>` when pooled. */
  readonly stackName: string;
  readonly account: AccountRef;
  readonly region: string;
  /** The CIDR of the VPC the tenant lives in. */
  readonly vpcCidr: string;
  readonly names: TenantResourceNames;
}

/** The placement of a VPC as recorded in the lock: what must not change behind the user's back. */
export interface LockEntry {
  readonly kind: VpcOwnerKind;
  readonly cidr: string;
  /** Account name (not id): names are what pins use. */
  readonly account: string;
  readonly region: string;
}

/**
 * The placement lock: the memory that keeps placement stable when tenants are removed.
 * Keys are tenant or pool ids. Written by the caller after a successful plan, read on the next.
 */
export interface PlacementLock {
  readonly version: 1;
  readonly vpcs: Readonly<Record<string, LockEntry>>;
}

/** A VPC whose placement differs from the lock: applying the plan replaces the VPC. */
export interface PlacementMove {
  readonly id: string;
  readonly kind: VpcOwnerKind;
  readonly from: LockEntry;
  readonly to: LockEntry;
  /** The fields that changed. */
  readonly changed: readonly ('cidr' | 'account' | 'region')[];
  /** Why, in the user's terms, e.g. `tenants[2].cidr pins 10.9.0.0/20`. */
  readonly reason: string;
}

/** Where a VPC was placed: the result of CIDR allocation and account placement. */
export interface Placement {
  readonly id: string;
  readonly kind: VpcOwnerKind;
  readonly path: string;
  readonly region: string;
  readonly cidr: string;
  readonly cidrSource: PlacementSource;
  /** Account name. */
  readonly account: string;
  readonly accountSource: PlacementSource;
}

/** The result of `planPlacement`. */
export interface PlacementResult {
  /** One per VPC owner: pools first, then dedicated tenants, each in config order. */
  readonly placements: readonly Placement[];
  /** The lock to store for the next run. */
  readonly lock: PlacementLock;
  /** VPCs that move relative to the given lock (each one is replaced on apply). */
  readonly moves: readonly PlacementMove[];
}

/** How the two ends of a peering relate, which decides how the connection is accepted. */
export type PeeringKind = 'same-account' | 'cross-account' | 'cross-region' | 'cross-account-and-region';

/** One end of a peering connection. */
export interface PeeringSide {
  readonly id: string;
  readonly kind: VpcOwnerKind;
  readonly stackName: string;
  readonly account: AccountRef;
  readonly region: string;
  readonly cidr: string;
}

/** One direction of traffic: `from` may reach `to` on `ports`; `to`'s security group admits `fromCidr`. */
export interface PeeringRule {
  readonly from: string;
  readonly to: string;
  readonly fromCidr: string;
  /** TCP ports, ascending, without duplicates. */
  readonly ports: readonly number[];
}

/** One peering connection between two VPCs, with one or two directions of traffic. */
export interface PeeringPlan {
  /** Stable id: the two ids sorted and joined by `--`, e.g. `acme--beta`. */
  readonly id: string;
  /** `peering-<id>`. */
  readonly stackName: string;
  /** The lexicographically smaller id's side. */
  readonly requester: PeeringSide;
  readonly accepter: PeeringSide;
  readonly kind: PeeringKind;
  /** Directions, ordered by `from`. */
  readonly rules: readonly PeeringRule[];
}

/** Everything the stacks need, from `plan(config, lock)`. */
export interface HipaaPlan {
  /** Pools first, then dedicated tenants, each in config order. */
  readonly vpcs: readonly VpcPlan[];
  /** Every tenant in config order. */
  readonly tenants: readonly TenantPlan[];
  /** Ordered by id. */
  readonly peerings: readonly PeeringPlan[];
  readonly lock: PlacementLock;
  readonly moves: readonly PlacementMove[];
}

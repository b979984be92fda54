/**
 * Subnet carving: concrete subnet CIDRs per tier and Availability Zone, computed here (not with
 * Terraform `cidrsubnet()`) so they are known and tested before plan.
 *
 * Layout of a VPC of prefix /P (shown for the default /20, 4096 addresses):
 *
 *   first half    /P+1  app tier      8 AZ slots of /P+4   (/24: 256 addresses each)
 *   third quarter /P+2  data tier     8 AZ slots of /P+5   (/25: 128 addresses each)
 *   7th eighth    /P+3  public tier   8 AZ slots of /P+6   (/26:  64 addresses each)
 *   last eighth   /P+3  reserved for a future tier (e.g. endpoints or transit attachments)
 *
 * AZ index i always takes slot i of each tier, whatever azCount is, so raising azCount adds
 * subnets and never moves an existing one; slots 6 and 7 stay free (at most 6 AZs). The public
 * tier is only created when the VPC has egress, but its slots are reserved either way, so
 * turning egress on or off never moves the app or data subnets. The smallest subnet is /P+6,
 * and AWS subnets are at least /28, so a VPC must be /22 or larger.
 */
import { formatCidr, mustParseCidr, subdivide, type Ipv4Cidr } from '../cidr';
import type { SubnetPlan, SubnetTier } from './types';
import { availabilityZoneOf, isAwsRegion } from '../config/regions';

/** AZ slots reserved per tier; azCount may not exceed MAX_AZ_COUNT. */
export const AZ_SLOTS = 8;
/** The most Availability Zones a VPC may span. */
export const MAX_AZ_COUNT = 6;
/** The fewest Availability Zones a VPC may span (high availability). */
export const MIN_AZ_COUNT = 2;
/** AWS's smallest subnet. */
export const MIN_SUBNET_PREFIX = 28;
/** The largest VPC AWS allows. */
export const MIN_VPC_PREFIX = 16;

interface TierArea {
  /** Prefix of the tier's area relative to the VPC prefix. */
  readonly depth: number;
  /** Index of the area among blocks of that depth. */
  readonly index: number;
}

/** Where each tier lives inside the VPC (see the file comment). */
export const TIER_LAYOUT: Readonly<Record<SubnetTier, TierArea>> = {
  app: { depth: 1, index: 0 },
  data: { depth: 2, index: 2 },
  public: { depth: 3, index: 6 },
};

/** Tiers in output order. */
export const TIERS: readonly SubnetTier[] = ['public', 'app', 'data'];

const SLOT_DEPTH = Math.log2(AZ_SLOTS);
const DEEPEST = Math.max(...Object.values(TIER_LAYOUT).map((t) => t.depth)) + SLOT_DEPTH;

/** The smallest VPC (largest prefix) whose smallest subnet is still /28. */
export const MAX_VPC_PREFIX = MIN_SUBNET_PREFIX - DEEPEST;

/**
 * The zone of an AZ index: the Region's letters in order (`us-east-1a`, `us-east-1b`, ...;
 * `ap-northeast-1a`, `ap-northeast-1c`, ... where a letter is missing). See `availabilityZoneLetters`.
 */
export function availabilityZoneName(region: string, azIndex: number): string {
  if (!Number.isInteger(azIndex) || azIndex < 0 || azIndex >= MAX_AZ_COUNT) {
    throw new Error(`AZ index ${azIndex} is outside 0..${MAX_AZ_COUNT - 1}`);
  }
  if (!isAwsRegion(region)) return `${region}${String.fromCharCode(97 + azIndex)}`;
  const zone = availabilityZoneOf(region, azIndex);
  if (zone === undefined) throw new Error(`${region} has no Availability Zone for AZ index ${azIndex}`);
  return zone;
}

/** The CIDR of one tier's subnet in one AZ of a VPC. */
export function subnetCidr(vpc: Ipv4Cidr, tier: SubnetTier, azIndex: number): Ipv4Cidr {
  const area = TIER_LAYOUT[tier];
  const tierBlock = subdivide(vpc, vpc.prefix + area.depth, area.index);
  return subdivide(tierBlock, tierBlock.prefix + SLOT_DEPTH, azIndex);
}

/** Options of `carveSubnets`. */
export interface CarveOptions {
  /** The VPC's CIDR, /16 to /22. */
  readonly vpcCidr: string;
  readonly region: string;
  /** Availability Zones to use: indexes 0..azCount-1. */
  readonly azCount: number;
  /** Create the public tier (for the NAT gateway). */
  readonly egress: boolean;
}

/** The subnets of a VPC, ordered by tier (public, app, data), then AZ index. */
export function carveSubnets(options: CarveOptions): SubnetPlan[] {
  const { region, azCount, egress } = options;
  const vpc = mustParseCidr(options.vpcCidr);
  if (vpc.prefix < MIN_VPC_PREFIX || vpc.prefix > MAX_VPC_PREFIX) {
    throw new Error(`a VPC of ${options.vpcCidr} cannot hold the subnet layout; use /${MIN_VPC_PREFIX} to /${MAX_VPC_PREFIX}`);
  }
  if (!Number.isInteger(azCount) || azCount < MIN_AZ_COUNT || azCount > MAX_AZ_COUNT) {
    throw new Error(`azCount ${azCount} is outside ${MIN_AZ_COUNT}..${MAX_AZ_COUNT}`);
  }
  const tiers = TIERS.filter((t) => egress || t !== 'public');
  return tiers.flatMap((tier) =>
    Array.from({ length: azCount }, (_, azIndex) => ({
      tier,
      azIndex,
      availabilityZone: availabilityZoneName(region, azIndex),
      cidr: formatCidr(subnetCidr(vpc, tier, azIndex)),
    })),
  );
}

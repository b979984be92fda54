/** AWS Regions (commercial and GovCloud) a stack can deploy into. */
export const AWS_REGIONS = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'af-south-1',
  'ap-east-1',
  'ap-south-1',
  'ap-south-2',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'ap-southeast-5',
  'ap-southeast-7',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ca-central-1',
  'ca-west-1',
  'eu-central-1',
  'eu-central-2',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'eu-south-1',
  'eu-south-2',
  'eu-north-1',
  'il-central-1',
  'me-south-1',
  'me-central-1',
  'mx-central-1',
  'sa-east-1',
  'us-gov-east-1',
  'us-gov-west-1',
] as const;

export type AwsRegion = (typeof AWS_REGIONS)[number];

export function isAwsRegion(value: string): value is AwsRegion {
  return (AWS_REGIONS as readonly string[]).includes(value);
}

/** The ARN partition of a Region. */
export function partitionOf(region: string): 'aws' | 'aws-us-gov' {
  return region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws';
}

/**
 * The Availability Zone letters each Region offers, in the order AZ indexes use them. From the AWS
 * "Regions and Availability Zones" guide (AWS Availability Zones, AZ IDs). Letters are not always
 * contiguous: ap-northeast-1 has no "b" zone, ca-central-1 no "c".
 *
 * Honest limits of a name table: in the oldest Regions (us-east-1, us-west-1, ap-northeast-1, ...)
 * AWS maps names to physical zones independently per account for accounts created before November
 * 2025, so `us-east-1a` is not the same place in two accounts. In us-east-1 one of the six zones
 * (AZ id use1-az3) is constrained: newer instance and DB classes are not offered there, and which
 * letter it is differs per account. In us-west-1 an account sees two of the three letters (which two
 * differs per account); `MAX_AZ_COUNT_BY_REGION` caps it at 2. Names stay as they are (not AZ ids)
 * because `availability_zone` is ForceNew on aws_subnet: switching would replace every subnet.
 */
export const availabilityZoneLetters: Readonly<Record<AwsRegion, string>> = {
  'us-east-1': 'abcdef',
  'us-east-2': 'abc',
  'us-west-1': 'abc',
  'us-west-2': 'abcd',
  'af-south-1': 'abc',
  'ap-east-1': 'abc',
  'ap-south-1': 'abc',
  'ap-south-2': 'abc',
  'ap-southeast-1': 'abc',
  'ap-southeast-2': 'abc',
  'ap-southeast-3': 'abc',
  'ap-southeast-4': 'abc',
  'ap-southeast-5': 'abc',
  'ap-southeast-7': 'abc',
  'ap-northeast-1': 'acd',
  'ap-northeast-2': 'abcd',
  'ap-northeast-3': 'abc',
  'ca-central-1': 'abd',
  'ca-west-1': 'abc',
  'eu-central-1': 'abc',
  'eu-central-2': 'abc',
  'eu-west-1': 'abc',
  'eu-west-2': 'abc',
  'eu-west-3': 'abc',
  'eu-south-1': 'abc',
  'eu-south-2': 'abc',
  'eu-north-1': 'abc',
  'il-central-1': 'abc',
  'me-south-1': 'abc',
  'me-central-1': 'abc',
  'mx-central-1': 'abc',
  'sa-east-1': 'abc',
  'us-gov-east-1': 'abc',
  'us-gov-west-1': 'abc',
};

/** Regions where an account can use fewer zones than the Region has letters (see above). */
const MAX_AZ_COUNT_BY_REGION: Partial<Record<AwsRegion, number>> = { 'us-west-1': 2 };

/** How many Availability Zones a VPC in `region` can span. */
export function maxAzCount(region: string): number {
  if (!isAwsRegion(region)) return 0;
  return MAX_AZ_COUNT_BY_REGION[region] ?? availabilityZoneLetters[region].length;
}

/** The zone name of AZ index `azIndex` in `region`, or undefined past the Region's zones. */
export function availabilityZoneOf(region: string, azIndex: number): string | undefined {
  if (!isAwsRegion(region) || !Number.isInteger(azIndex) || azIndex < 0 || azIndex >= maxAzCount(region)) return undefined;
  return `${region}${availabilityZoneLetters[region][azIndex]}`;
}

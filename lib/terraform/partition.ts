/**
 * ARN partitions, read from a Region: one answer for every analyzer (rules, isolation proof).
 * AWS General Reference, "Amazon Resource Names": `us-gov-*` is aws-us-gov, `cn-*` aws-cn, the
 * isolated Regions their own; every other Region is aws.
 */

/** Every ARN partition the analyzers recognise. */
export const PARTITIONS = ['aws', 'aws-us-gov', 'aws-cn', 'aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f'] as const;

export type Partition = (typeof PARTITIONS)[number];

/** The ARN partition of a Region; `aws` when the Region is unknown. */
export function partitionOfRegion(region: string | undefined): Partition {
  if (region === undefined) return 'aws';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-isob-')) return 'aws-iso-b';
  if (region.startsWith('us-isof-')) return 'aws-iso-f';
  if (region.startsWith('eu-isoe-')) return 'aws-iso-e';
  if (region.startsWith('us-iso-')) return 'aws-iso';
  return 'aws';
}

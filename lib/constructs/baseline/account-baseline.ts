import { Construct } from 'constructs';
import { GuarddutyDetector } from '@cdktf/provider-aws/lib/guardduty-detector';
import { GuarddutyDetectorFeature } from '@cdktf/provider-aws/lib/guardduty-detector-feature';
import { SecurityhubAccount } from '@cdktf/provider-aws/lib/securityhub-account';
import { SecurityhubStandardsSubscription } from '@cdktf/provider-aws/lib/securityhub-standards-subscription';
import { AccessanalyzerAnalyzer } from '@cdktf/provider-aws/lib/accessanalyzer-analyzer';
import { EbsEncryptionByDefault } from '@cdktf/provider-aws/lib/ebs-encryption-by-default';
import { EbsDefaultKmsKey } from '@cdktf/provider-aws/lib/ebs-default-kms-key';
import { S3AccountPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-account-public-access-block';
import { IamServiceLinkedRole } from '@cdktf/provider-aws/lib/iam-service-linked-role';
import { DeploymentTargetProps, DeploymentTarget, resolveDeploymentTarget, deploymentTargetProblems } from '../kernel/context';
import { RdsOsMetricsLogGroup } from '../data/rds-os-metrics';
import { HipaaKey } from '../security/hipaa-key';
import { SecureBucket, ObjectLockMode } from '../storage/secure-bucket';
import { AuditTrail } from '../audit/audit-trail';
import { AlarmEndpoints, SecurityAlarms, SecurityEventPattern } from '../audit/security-alarms';
import { PasswordPolicy, PasswordPolicyProps } from '../access/password-policy';
import { MfaEnforcement } from '../access/mfa-enforcement';
import { ConfigRecorder } from '../detective/config-recorder';
import { Disabled, isDisabled, recordWaiver } from '../kernel/waivers';
import { HipaaValidationError, Problem } from '../../errors';
import { isAwsRegion } from '../../config/regions';
import { messages } from '../../messages';
import { SLUG_PATTERN } from '../../config/schema';
import { suppress } from '../kernel/suppress';
import { hipaaConformancePack } from '../detective/hipaa-conformance-pack';

export interface AccountBaselineProps extends DeploymentTargetProps {
  /** Organization slug: prefix of every name (buckets, trail, roles). */
  readonly organization: string;
  /**
   * Regions covered besides the home Region (`region`): GuardDuty, Security Hub, Config, Access
   * Analyzer and EBS default encryption are regional.
   * @default - the home Region only (the trail is multi-region regardless)
   */
  readonly additionalRegions?: readonly string[];
  /**
   * Existing IAM groups of people that also get the MFA-enforcement policy.
   * @default - only the `<organization>-humans` group created here
   */
  readonly humanGroups?: readonly string[];
  /**
   * Password policy knobs, each with a HIPAA floor.
   * @default - length 14, reuse 24, max age 90 days, all character classes
   */
  readonly passwordPolicy?: PasswordPolicyProps;
  /**
   * Object lock mode of the audit bucket.
   * @default 'COMPLIANCE'
   */
  readonly objectLockMode?: ObjectLockMode;
  /**
   * S3 data events the trail records.
   * @default 'all'
   */
  readonly s3DataEvents?: 'all' | readonly string[] | Disabled;
  /**
   * GuardDuty; turn off only with a reason (for example when a delegated administrator manages it).
   * @default - on, with S3, RDS login and EBS malware protection
   */
  readonly guardDuty?: Disabled;
  /**
   * Security Hub with the AWS Foundational Security Best Practices and CIS standards.
   * @default - on
   */
  readonly securityHub?: Disabled;
  /**
   * IAM Access Analyzer (account zone of trust).
   * @default - on
   */
  readonly accessAnalyzer?: Disabled;
  /**
   * Default VPCs. The baseline never creates or adopts one (`aws_default_vpc` would create a default
   * VPC, with an internet gateway and public subnets, in every Region that deleted its own). `absent`
   * is the only choice: delete existing default VPCs with the runbook in docs/default-vpc.md, and the
   * conformance pack's vpc-default-security-group-closed rule flags any that remain.
   * @default 'absent'
   */
  readonly defaultVpc?: 'absent';
  /**
   * Removed: the baseline no longer adopts default VPCs (see `defaultVpc`). Setting it is an error
   * that points to the runbook, so a waiver that no longer means anything is not kept silently.
   * @deprecated use `defaultVpc`
   * @default - not set
   */
  readonly defaultVpcSecurityGroup?: Disabled;
  /**
   * Who the security alarms notify (SNS subscriptions). Required: alarms that notify nobody are no
   * control. Turn off only with a reason (for example when an organization-wide EventBridge rule
   * forwards the alarm topic elsewhere); the waiver shows in the compliance report.
   * @default - none, which is rejected
   */
  readonly alarmEndpoints?: AlarmEndpoints | Disabled;
  /**
   * Whether this stack creates the EC2 Auto Scaling service-linked role that the EBS default key's
   * policy names. A key policy naming a role that does not exist is rejected (MalformedPolicyDocument),
   * and creating the role fails when it already exists, so say which case the account is in.
   * @default 'create'
   */
  readonly autoScalingServiceLinkedRole?: 'create' | 'existing';
  /**
   * AWS Config conformance pack template (YAML) deployed in every covered Region.
   * @default - generated from the HIPAA rule pack, so the controls checked at synth are enforced at run time
   */
  readonly conformancePackTemplate?: string;
  /**
   * Security events that raise alarms.
   * @default SECURITY_EVENT_PATTERNS
   */
  readonly alarmPatterns?: readonly SecurityEventPattern[];
}

const CONFORMANCE_PACKS = new Map<number, string>();

/** The HIPAA conformance pack for a retention; the same for every account, so built once. */
function defaultConformancePack(auditRetentionDays: number): string {
  const cached = CONFORMANCE_PACKS.get(auditRetentionDays);
  if (cached !== undefined) return cached;
  const body = hipaaConformancePack(auditRetentionDays);
  CONFORMANCE_PACKS.set(auditRetentionDays, body);
  return body;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Problems with the alarm endpoints: at least one valid endpoint, or an explicit waiver. */
export function alarmEndpointProblems(endpoints: AlarmEndpoints | Disabled | undefined, path = 'alarmEndpoints'): Problem[] {
  if (isDisabled(endpoints)) {
    return typeof endpoints.reason === 'string' && endpoints.reason.trim().length >= 10 ? [] : [messages.waiverReasonTooShort(`${path}.reason`, endpoints.reason)];
  }
  const email = endpoints?.email ?? [];
  const https = endpoints?.https ?? [];
  if (email.length + https.length === 0) return [messages.alarmEndpointsMissing(path, endpoints)];
  return [
    ...email.flatMap((e, i) => (typeof e === 'string' && EMAIL.test(e) ? [] : [messages.alarmEndpointInvalid(`${path}.email[${i}]`, e, 'an email address')])),
    ...https.flatMap((e, i) => (typeof e === 'string' && /^https:\/\/[^\s/]+/.test(e) ? [] : [messages.alarmEndpointInvalid(`${path}.https[${i}]`, e, 'an https:// URL')])),
  ];
}

/** Names the baseline gives its resources, derived from organization, account and Region. */
export function baselineNames(organization: string, accountId: string, region: string) {
  return {
    auditBucket: `${organization}-audit-${accountId}-${region}`,
    accessLogBucket: `${organization}-s3-access-logs-${accountId}-${region}`,
    configBucket: `${organization}-config-${accountId}-${region}`,
    trail: `${organization}-audit-trail`,
    auditKeyAlias: `${organization}/audit`,
    ebsKeyAlias: `${organization}/ebs`,
  };
}

/**
 * The HIPAA baseline of one AWS account: audit trail, audit and access-log buckets, customer keys,
 * MFA enforcement, password policy and detective controls, all on by default.
 */
export class AccountBaseline extends Construct {
  public readonly target: DeploymentTarget;
  public readonly auditKey: HipaaKey;
  public readonly auditBucket: SecureBucket;
  public readonly accessLogBucket: SecureBucket;
  /** Receives AWS Config history and snapshots (AWS Config cannot deliver to an Object Lock bucket). */
  public readonly configBucket: SecureBucket;
  public readonly trail: AuditTrail;
  public readonly alarms: SecurityAlarms;
  public readonly mfa: MfaEnforcement;
  public readonly passwordPolicy: PasswordPolicy;
  public readonly config: ConfigRecorder;
  /** EBS default keys by Region. */
  public readonly ebsKeys: Record<string, HipaaKey> = {};
  /** Every Region the baseline covers, home first. */
  public readonly regions: readonly string[];
  /**
   * Buckets whose object-level events the trail does not record: the trail's own delivery buckets.
   * Add the ARN of any other bucket the baseline delivers logs to here, before the trail is built.
   */
  public readonly dataEventExclusions: string[] = [];
  /** The EC2 Auto Scaling service-linked role, when this stack creates it. */
  public readonly autoScalingRole?: IamServiceLinkedRole;

  constructor(scope: Construct, id: string, props: AccountBaselineProps) {
    super(scope, id);
    const extra = props.additionalRegions ?? [];
    const problems: Problem[] = [
      ...deploymentTargetProblems(props),
      ...extra.filter((r) => !isAwsRegion(r)).map((r) => messages.regionUnknown(`additionalRegions[${extra.indexOf(r)}]`, r)),
    ];
    if (typeof props.organization !== 'string' || !SLUG_PATTERN.test(props.organization) || props.organization.length > 20) {
      problems.push({
        code: 'HIPAA_ORGANIZATION',
        path: 'organization',
        value: props.organization,
        message: 'organization must be 2-20 lowercase letters, digits and hyphens, starting with a letter',
        fix: 'use a short slug such as "examplehealth"',
      });
    }
    problems.push(...alarmEndpointProblems(props.alarmEndpoints));
    if (props.defaultVpc !== undefined && props.defaultVpc !== 'absent') problems.push(messages.defaultVpcChoice('defaultVpc', props.defaultVpc));
    if (props.defaultVpcSecurityGroup !== undefined) problems.push(messages.defaultVpcSecurityGroupRemoved('defaultVpcSecurityGroup', props.defaultVpcSecurityGroup));
    if (problems.length > 0) throw new HipaaValidationError(`AccountBaseline ${this.node.path}`, problems);

    this.target = resolveDeploymentTarget(props, `AccountBaseline ${this.node.path}`);
    if (this.target.retentionWaiver) recordWaiver(this, 'auditRetention', this.target.retentionWaiver, 'auditRetentionAcknowledgement.reason');
    const { accountId, region, partition, auditRetentionDays } = this.target;
    const org = props.organization;
    const names = baselineNames(org, accountId, region);
    this.regions = [region, ...extra.filter((r) => r !== region)];

    this.auditKey = new HipaaKey(this, 'AuditKey', {
      target: this.target,
      alias: names.auditKeyAlias,
      description: `${org} audit evidence: CloudTrail, audit bucket, audit log groups, alarms, Config`,
    });
    this.accessLogBucket = new SecureBucket(this, 'AccessLogBucket', {
      bucketName: names.accessLogBucket,
      // Server access logs are written by logging.s3.amazonaws.com. The S3 User Guide ("Enabling
      // Amazon S3 server access logging") lists SSE-S3 only, but delivery to a bucket whose default
      // encryption is a customer-managed key works once the key policy lets the logging service use
      // it (AWS Support's answer, aws-cdk#25350 which dropped its SSE-S3-only check); only the AWS
      // managed aws/s3 key cannot work, as its policy cannot be changed. So the audit key, granted
      // to the logging service below under aws:SourceAccount.
      encryptionKey: this.auditKey,
      accessLogs: { enabled: false, reason: 'This is the access-log bucket; logging it to itself would loop' },
      // The S3 User Guide forbids a default retention on a log destination; Object Lock without one
      // would protect no log object (nothing sets per-object retention on delivered logs), and
      // enabling it on the existing bucket replaces it (object_lock_enabled is ForceNew).
      objectLock: {
        enabled: false,
        reason:
          'A server access log destination cannot have an Object Lock default retention (S3 User Guide: Enabling Amazon S3 server access logging), so Object Lock would protect no delivered log; versioning and the audit-retention lifecycle keep them instead',
      },
      retentionDays: auditRetentionDays,
    });
    this.auditKey.grantToService('S3ServerAccessLogDelivery', 'logging.s3.amazonaws.com', ['kms:GenerateDataKey', 'kms:Decrypt'], {
      StringEquals: { 'aws:SourceAccount': accountId },
    });
    this.auditBucket = new SecureBucket(this, 'AuditBucket', {
      bucketName: names.auditBucket,
      encryptionKey: this.auditKey,
      accessLogs: { bucket: this.accessLogBucket },
      objectLock: { mode: props.objectLockMode ?? 'COMPLIANCE' },
      retentionDays: auditRetentionDays,
    });
    // AWS Config does not support a delivery channel to a bucket with Object Lock enabled
    // (AWS::Config::DeliveryChannel, CloudFormation reference), so its history goes to its own
    // bucket: the audit key, versioning, TLS only, access logging and the audit-retention lifecycle.
    this.configBucket = new SecureBucket(this, 'ConfigBucket', {
      bucketName: names.configBucket,
      encryptionKey: this.auditKey,
      accessLogs: { bucket: this.accessLogBucket },
      objectLock: {
        enabled: false,
        reason:
          'AWS Config does not support a delivery channel to an S3 bucket with Object Lock enabled (AWS::Config::DeliveryChannel documentation); versioning keeps every version for the audit retention instead',
      },
      retentionDays: auditRetentionDays,
    });
    for (const bucket of [this.auditBucket, this.accessLogBucket, this.configBucket]) {
      suppress(
        bucket,
        'HIPAA-S3-014',
        'Audit evidence is kept in-Region under versioning (and Object Lock where AWS allows it); cross-Region replication is a disaster-recovery choice the organization configures separately',
      );
    }
    this.dataEventExclusions.push(this.auditBucket.bucketArn, this.accessLogBucket.bucketArn, this.configBucket.bucketArn);
    this.trail = new AuditTrail(this, 'Trail', {
      trailName: names.trail,
      key: this.auditKey,
      bucket: this.auditBucket,
      retentionDays: auditRetentionDays,
      s3DataEvents: props.s3DataEvents,
      excludeDataEventBuckets: this.dataEventExclusions,
    });
    const endpoints = props.alarmEndpoints;
    if (isDisabled(endpoints)) recordWaiver(this, 'alarmEndpoints', endpoints.reason, 'alarmEndpoints.reason');
    this.alarms = new SecurityAlarms(this, 'SecurityAlarms', {
      namePrefix: org,
      logGroup: this.trail.logGroup,
      key: this.auditKey,
      patterns: props.alarmPatterns,
      endpoints: isDisabled(endpoints) ? undefined : endpoints,
    });
    if ((props.autoScalingServiceLinkedRole ?? 'create') === 'create') {
      // IAM is global: one role serves the EBS keys of every Region.
      this.autoScalingRole = new IamServiceLinkedRole(this, 'AutoScalingServiceLinkedRole', {
        awsServiceName: 'autoscaling.amazonaws.com',
        description: 'EC2 Auto Scaling; named in the EBS default key policy so Auto Scaling can launch encrypted volumes',
      });
    }
    this.passwordPolicy = new PasswordPolicy(this, 'PasswordPolicy', props.passwordPolicy);
    this.mfa = new MfaEnforcement(this, 'MfaEnforcement', { namePrefix: org, partition, additionalGroups: props.humanGroups });
    this.config = new ConfigRecorder(this, 'Config', {
      namePrefix: org,
      key: this.auditKey,
      bucket: this.configBucket,
      regions: this.regions,
      conformancePackTemplate: props.conformancePackTemplate ?? defaultConformancePack(auditRetentionDays),
    });
    new S3AccountPublicAccessBlock(this, 'AccountPublicAccessBlock', {
      accountId,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });

    for (const setting of ['guardDuty', 'securityHub', 'accessAnalyzer'] as const) {
      const value = props[setting];
      if (value !== undefined) {
        if (!isDisabled(value)) {
          throw new HipaaValidationError(`AccountBaseline ${this.node.path}`, [messages.waiverReasonTooShort(setting, value)]);
        }
        recordWaiver(this, setting, value.reason, `${setting}.reason`);
      }
    }
    for (const r of this.regions) this.regionalControls(r, r === region, props, names.ebsKeyAlias);
  }

  private regionalControls(region: string, isHome: boolean, props: AccountBaselineProps, ebsAlias: string): void {
    const scope = new Construct(this, region);
    const regional = isHome ? {} : { region };
    const { partition, accountId } = this.target;

    const ebsKey = new HipaaKey(scope, 'EbsKey', {
      target: { ...this.target, region },
      alias: ebsAlias,
      description: 'Default encryption of new EBS volumes and snapshots',
      pinRegion: !isHome,
      // KMS rejects a policy naming a role that does not exist yet: create the role first.
      dependsOn: this.autoScalingRole ? [this.autoScalingRole] : [],
    });
    ebsKey.grantEncryptDecrypt('Ec2InThisAccount', [`arn:${partition}:iam::${accountId}:root`], {
      StringEquals: { 'kms:ViaService': `ec2.${region}.amazonaws.com`, 'kms:CallerAccount': accountId },
    });
    // EC2 Auto Scaling User Guide, "Required AWS KMS key policy for use with encrypted volumes":
    // the service-linked role needs both statements, or launches with default encryption fail.
    const autoScalingRole = `arn:${partition}:iam::${accountId}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`;
    ebsKey.grantEncryptDecrypt('AutoScalingServiceLinkedRoleUse', [autoScalingRole]);
    ebsKey.addToPolicy({
      Sid: 'AutoScalingServiceLinkedRoleAttach',
      Effect: 'Allow',
      Principal: { AWS: [autoScalingRole] },
      Action: 'kms:CreateGrant',
      Resource: '*',
      Condition: { Bool: { 'kms:GrantIsForAWSResource': 'true' } },
    });
    this.ebsKeys[region] = ebsKey;
    // RDS enhanced monitoring's shared group: one per account and Region, so created here (see RdsOsMetricsLogGroup).
    new RdsOsMetricsLogGroup(scope, 'RdsOsMetrics', { target: { ...this.target, region }, keyAlias: `${props.organization}/rds-os-metrics`, pinRegion: !isHome });
    new EbsEncryptionByDefault(scope, 'EbsEncryptionByDefault', { enabled: true, ...regional });
    new EbsDefaultKmsKey(scope, 'EbsDefaultKmsKey', { keyArn: ebsKey.keyArn, ...regional });

    if (!props.guardDuty) {
      const detector = new GuarddutyDetector(scope, 'GuardDuty', { enable: true, findingPublishingFrequency: 'FIFTEEN_MINUTES', ...regional });
      for (const feature of ['S3_DATA_EVENTS', 'RDS_LOGIN_EVENTS', 'EBS_MALWARE_PROTECTION']) {
        new GuarddutyDetectorFeature(scope, `GuardDuty-${feature}`, { detectorId: detector.id, name: feature, status: 'ENABLED', ...regional });
      }
    }
    if (!props.securityHub) {
      const hub = new SecurityhubAccount(scope, 'SecurityHub', {
        enableDefaultStandards: false,
        autoEnableControls: true,
        controlFindingGenerator: 'SECURITY_CONTROL',
        ...regional,
      });
      const standards = {
        FoundationalBestPractices: `arn:${partition}:securityhub:${region}::standards/aws-foundational-security-best-practices/v/1.0.0`,
        CisFoundations: `arn:${partition}:securityhub:${region}::standards/cis-aws-foundations-benchmark/v/3.0.0`,
      };
      for (const [name, arn] of Object.entries(standards)) {
        new SecurityhubStandardsSubscription(scope, `SecurityHub${name}`, { standardsArn: arn, dependsOn: [hub], ...regional });
      }
    }
    if (!props.accessAnalyzer) {
      new AccessanalyzerAnalyzer(scope, 'AccessAnalyzer', { analyzerName: `${props.organization}-account`, type: 'ACCOUNT', ...regional });
    }
  }
}

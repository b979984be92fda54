import { Construct } from 'constructs';
import { ConfigConfigurationRecorder } from '@cdktf/provider-aws/lib/config-configuration-recorder';
import { ConfigConfigurationRecorderStatus } from '@cdktf/provider-aws/lib/config-configuration-recorder-status';
import { ConfigDeliveryChannel } from '@cdktf/provider-aws/lib/config-delivery-channel';
import { ConfigConformancePack } from '@cdktf/provider-aws/lib/config-conformance-pack';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { PolicyDocument, escapeTerraformTemplate } from '../security/policy-document';
import { RolePolicy } from '../security/role-policy';
import { HipaaKey } from '../security/hipaa-key';
import { SecureBucket } from '../storage/secure-bucket';

export interface ConfigRecorderProps {
  readonly namePrefix: string;
  /** Key of the home Region: encrypts configuration snapshots. */
  readonly key: HipaaKey;
  /**
   * Bucket that receives configuration history and snapshots. It must not have Object Lock: AWS
   * Config does not support a delivery channel to such a bucket (AWS::Config::DeliveryChannel).
   */
  readonly bucket: SecureBucket;
  /** Home Region first; global resources (IAM) are recorded only there. */
  readonly regions: readonly string[];
  /**
   * Conformance pack template (YAML) deployed in every recorded Region.
   * @default - no conformance pack
   */
  readonly conformancePackTemplate?: string;
}

/**
 * AWS Config in every Region of the account: a recorder of all supported resources (global ones in
 * the home Region only), a delivery channel to the Config bucket, the recorder turned on, and the
 * HIPAA conformance pack generated from our rule registry.
 *
 * The recorder assumes a role of ours (AWS_ConfigRole for reading configurations, plus the S3 and
 * KMS permissions the AWS Config Developer Guide lists for a custom role, "Permissions for the IAM
 * Role Assigned to AWS Config"). The bucket and key policies also grant config.amazonaws.com, as
 * documented for the service-linked role, each under aws:SourceAccount against the confused deputy.
 */
export class ConfigRecorder extends Construct {
  public readonly role: IamRole;
  public readonly recorders: Record<string, ConfigConfigurationRecorder> = {};

  constructor(scope: Construct, id: string, props: ConfigRecorderProps) {
    super(scope, id);
    const { partition, accountId } = props.key.target;
    const home = props.regions[0];
    this.role = new IamRole(this, 'Role', {
      name: `${props.namePrefix}-aws-config`,
      description: 'Lets AWS Config read resource configurations',
      assumeRolePolicy: new PolicyDocument([
        {
          Sid: 'ConfigAssumes',
          Effect: 'Allow',
          Principal: { Service: 'config.amazonaws.com' },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'aws:SourceAccount': accountId } },
        },
      ]).toString(),
    });
    new IamRolePolicyAttachment(this, 'RolePolicy', {
      role: this.role.name,
      policyArn: `arn:${partition}:iam::aws:policy/service-role/AWS_ConfigRole`,
    });
    const delivery = new RolePolicy(this, 'DeliveryPolicy', {
      policyName: `${props.namePrefix}-aws-config-delivery`,
      description: 'Lets AWS Config deliver configuration history and snapshots to its bucket, encrypted with the audit key',
      roleName: this.role.name,
      document: new PolicyDocument([
        {
          Sid: 'DeliverConfigHistory',
          Effect: 'Allow',
          Action: ['s3:PutObject', 's3:PutObjectAcl'],
          Resource: `${props.bucket.bucketArn}/AWSLogs/${accountId}/*`,
          Condition: { StringLike: { 's3:x-amz-acl': 'bucket-owner-full-control' } },
        },
        { Sid: 'CheckConfigBucketAcl', Effect: 'Allow', Action: 's3:GetBucketAcl', Resource: props.bucket.bucketArn },
        { Sid: 'EncryptConfigHistory', Effect: 'Allow', Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Resource: props.key.keyArn },
      ]),
    });
    props.key.grantToService('ConfigDelivery', 'config.amazonaws.com', ['kms:Decrypt', 'kms:GenerateDataKey'], {
      StringEquals: { 'aws:SourceAccount': accountId },
    });
    props.bucket.grantServiceWrite(
      'Config',
      'config.amazonaws.com',
      `${props.bucket.bucketArn}/AWSLogs/${accountId}/Config/*`,
      { StringEquals: { 'aws:SourceAccount': accountId } },
      { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control' } },
    );

    for (const region of props.regions) {
      const regional = region === home ? {} : { region };
      const scopeR = new Construct(this, region);
      const recorder = new ConfigConfigurationRecorder(scopeR, 'Recorder', {
        name: 'default',
        roleArn: this.role.arn,
        recordingGroup: { allSupported: true, includeGlobalResourceTypes: region === home },
        ...regional,
      });
      const channel = new ConfigDeliveryChannel(scopeR, 'DeliveryChannel', {
        name: 'default',
        s3BucketName: props.bucket.bucketName,
        ...(region === home ? { s3KmsKeyArn: props.key.keyArn } : {}),
        snapshotDeliveryProperties: { deliveryFrequency: 'TwentyFour_Hours' },
        dependsOn: [recorder, props.bucket.policyResource, delivery.attachment],
        ...regional,
      });
      const status = new ConfigConfigurationRecorderStatus(scopeR, 'RecorderStatus', {
        name: recorder.name,
        isEnabled: true,
        dependsOn: [channel],
        ...regional,
      });
      if (props.conformancePackTemplate) {
        new ConfigConformancePack(scopeR, 'HipaaConformancePack', {
          name: `${props.namePrefix}-hipaa-security`,
          templateBody: escapeTerraformTemplate(props.conformancePackTemplate),
          dependsOn: [status],
          ...regional,
        });
      }
      this.recorders[region] = recorder;
    }
  }
}

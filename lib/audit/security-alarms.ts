import { Construct } from 'constructs';
import { CloudwatchLogMetricFilter } from '@cdktf/provider-aws/lib/cloudwatch-log-metric-filter';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
import { HipaaKey } from '../security/hipaa-key';
import { PolicyDocument } from '../security/policy-document';
import { HipaaLogGroup } from './log-group';

/** A security event watched in the trail's log group (CIS AWS Foundations, section 4). */
export interface SecurityEventPattern {
  /** Stable PascalCase id; part of the Terraform address. */
  readonly id: string;
  readonly description: string;
  readonly pattern: string;
}

const OR = (...events: string[]) => events.map((e) => `($.eventName = ${e})`).join(' || ');

/** The events every HIPAA account alarms on. */
export const SECURITY_EVENT_PATTERNS: readonly SecurityEventPattern[] = [
  { id: 'RootAccountUsage', description: 'The root user was used', pattern: '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }' },
  { id: 'UnauthorizedApiCalls', description: 'API calls were denied', pattern: '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") }' },
  { id: 'ConsoleSigninWithoutMfa', description: 'A console sign-in succeeded without MFA', pattern: '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }' },
  { id: 'ConsoleAuthenticationFailures', description: 'Console sign-in failed', pattern: '{ ($.eventName = ConsoleLogin) && ($.errorMessage = "Failed authentication") }' },
  {
    id: 'IamPolicyChanges',
    description: 'An IAM policy changed',
    pattern: `{ ${OR('DeleteGroupPolicy', 'DeleteRolePolicy', 'DeleteUserPolicy', 'PutGroupPolicy', 'PutRolePolicy', 'PutUserPolicy', 'CreatePolicy', 'DeletePolicy', 'CreatePolicyVersion', 'DeletePolicyVersion', 'AttachRolePolicy', 'DetachRolePolicy', 'AttachUserPolicy', 'DetachUserPolicy', 'AttachGroupPolicy', 'DetachGroupPolicy')} }`,
  },
  { id: 'CloudTrailChanges', description: 'A trail changed or stopped logging', pattern: `{ ${OR('CreateTrail', 'UpdateTrail', 'DeleteTrail', 'StartLogging', 'StopLogging')} }` },
  { id: 'KmsKeyDisableOrDeletion', description: 'A customer key was disabled or scheduled for deletion', pattern: '{ ($.eventSource = kms.amazonaws.com) && (($.eventName = DisableKey) || ($.eventName = ScheduleKeyDeletion)) }' },
  {
    id: 'S3BucketPolicyChanges',
    description: 'An S3 bucket policy, ACL, CORS, lifecycle or replication changed',
    pattern: `{ ($.eventSource = s3.amazonaws.com) && (${OR('PutBucketAcl', 'PutBucketPolicy', 'PutBucketCors', 'PutBucketLifecycle', 'PutBucketReplication', 'DeleteBucketPolicy', 'DeleteBucketCors', 'DeleteBucketLifecycle', 'DeleteBucketReplication')}) }`,
  },
  { id: 'ConfigChanges', description: 'AWS Config recording changed', pattern: `{ ($.eventSource = config.amazonaws.com) && (${OR('StopConfigurationRecorder', 'DeleteDeliveryChannel', 'PutDeliveryChannel', 'PutConfigurationRecorder')}) }` },
  { id: 'SecurityGroupChanges', description: 'A security group changed', pattern: `{ ${OR('AuthorizeSecurityGroupIngress', 'AuthorizeSecurityGroupEgress', 'RevokeSecurityGroupIngress', 'RevokeSecurityGroupEgress', 'CreateSecurityGroup', 'DeleteSecurityGroup')} }` },
  { id: 'NetworkAclChanges', description: 'A network ACL changed', pattern: `{ ${OR('CreateNetworkAcl', 'CreateNetworkAclEntry', 'DeleteNetworkAcl', 'DeleteNetworkAclEntry', 'ReplaceNetworkAclEntry', 'ReplaceNetworkAclAssociation')} }` },
  { id: 'NetworkGatewayChanges', description: 'A network gateway changed', pattern: `{ ${OR('CreateCustomerGateway', 'DeleteCustomerGateway', 'AttachInternetGateway', 'CreateInternetGateway', 'DeleteInternetGateway', 'DetachInternetGateway')} }` },
  { id: 'RouteTableChanges', description: 'A route table changed', pattern: `{ (($.eventSource = ec2.amazonaws.com) && (${OR('CreateRoute', 'CreateRouteTable', 'ReplaceRoute', 'ReplaceRouteTableAssociation', 'DeleteRouteTable', 'DeleteRoute', 'DisassociateRouteTable')})) }` },
  {
    id: 'VpcChanges',
    description: 'A VPC or peering changed',
    pattern: `{ ${OR('CreateVpc', 'DeleteVpc', 'ModifyVpcAttribute', 'AcceptVpcPeeringConnection', 'CreateVpcPeeringConnection', 'DeleteVpcPeeringConnection', 'RejectVpcPeeringConnection', 'AttachClassicLinkVpc', 'DetachClassicLinkVpc', 'DisableVpcClassicLink', 'EnableVpcClassicLink')} }`,
  },
];

export interface SecurityAlarmsProps {
  /** Name prefix for the topic and metrics. */
  readonly namePrefix: string;
  /** The trail's log group. */
  readonly logGroup: HipaaLogGroup;
  /** Key that encrypts the alarm topic. */
  readonly key: HipaaKey;
  /**
   * Events to alarm on.
   * @default SECURITY_EVENT_PATTERNS
   */
  readonly patterns?: readonly SecurityEventPattern[];
}

/**
 * Metric filters on the trail's log group and an alarm per security event, publishing to a
 * KMS-encrypted SNS topic that only CloudWatch in this account may publish to, over TLS.
 */
export class SecurityAlarms extends Construct {
  public readonly topic: SnsTopic;
  /** Metric namespace of the filters. */
  public readonly namespace: string;

  constructor(scope: Construct, id: string, props: SecurityAlarmsProps) {
    super(scope, id);
    const { partition, region, accountId } = props.key.target;
    const topicName = `${props.namePrefix}-security-alarms`;
    const topicArn = `arn:${partition}:sns:${region}:${accountId}:${topicName}`;
    this.namespace = `${props.namePrefix}/SecurityEvents`;
    props.key.grantToService('CloudWatchAlarmsPublish', 'cloudwatch.amazonaws.com', ['kms:Decrypt', 'kms:GenerateDataKey*'], {
      StringEquals: { 'aws:SourceAccount': accountId },
    });
    this.topic = new SnsTopic(this, 'Topic', { name: topicName, kmsMasterKeyId: props.key.keyArn });
    new SnsTopicPolicy(this, 'TopicPolicy', {
      arn: this.topic.arn,
      policy: new PolicyDocument([
        {
          Sid: 'CloudWatchAlarmsPublish',
          Effect: 'Allow',
          Principal: { Service: 'cloudwatch.amazonaws.com' },
          Action: 'sns:Publish',
          Resource: topicArn,
          Condition: { StringEquals: { 'aws:SourceAccount': accountId } },
        },
        {
          Sid: 'DenyInsecureTransport',
          Effect: 'Deny',
          Principal: '*',
          Action: 'sns:Publish',
          Resource: topicArn,
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        },
      ]).toString(),
    });
    for (const p of props.patterns ?? SECURITY_EVENT_PATTERNS) {
      new CloudwatchLogMetricFilter(this, `${p.id}Filter`, {
        name: `${props.namePrefix}-${p.id}`,
        logGroupName: props.logGroup.resource.name,
        pattern: p.pattern,
        metricTransformation: { name: p.id, namespace: this.namespace, value: '1', defaultValue: '0' },
      });
      new CloudwatchMetricAlarm(this, `${p.id}Alarm`, {
        alarmName: `${props.namePrefix}-${p.id}`,
        alarmDescription: p.description,
        namespace: this.namespace,
        metricName: p.id,
        statistic: 'Sum',
        period: 300,
        evaluationPeriods: 1,
        threshold: 1,
        comparisonOperator: 'GreaterThanOrEqualToThreshold',
        treatMissingData: 'notBreaching',
        alarmActions: [this.topic.arn],
      });
    }
  }
}

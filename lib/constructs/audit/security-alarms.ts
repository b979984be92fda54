import { Construct } from 'constructs';
import { CloudwatchLogMetricFilter } from '@cdktf/provider-aws/lib/cloudwatch-log-metric-filter';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
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
const OR_QUOTED = (...events: string[]) => events.map((e) => `($.eventName = "${e}")`).join(' || ');

/**
 * Where the security alarms notify. Email subscriptions stay "pending confirmation" until the
 * recipient follows the link SNS mails to them (SNS, "Subscribing an endpoint to a topic"); until
 * then nothing is delivered, so confirm them right after the first apply.
 */
export interface AlarmEndpoints {
  /**
   * Email addresses (protocol `email`); each must confirm its subscription.
   * @default - none
   */
  readonly email?: readonly string[];
  /**
   * HTTPS URLs (protocol `https`), e.g. an incident-management webhook; each must confirm.
   * @default - none
   */
  readonly https?: readonly string[];
}

/** The events every HIPAA account alarms on. */
export const SECURITY_EVENT_PATTERNS: readonly SecurityEventPattern[] = [
  {
    id: 'RootAccountUsage',
    description: 'The root user was used',
    pattern: '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }',
  },
  // CIS AWS Foundations 3.0 control 4.1 (Security Hub CloudWatch.2): ignores the log-delivery
  // service and HeadBucket probes, which deny routinely and would keep the alarm firing.
  {
    id: 'UnauthorizedApiCalls',
    description: 'API calls were denied',
    pattern:
      '{ (($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*")) && ($.sourceIPAddress != "delivery.logs.amazonaws.com") && ($.eventName != "HeadBucket") }',
  },
  {
    id: 'ConsoleSigninWithoutMfa',
    description: 'A console sign-in succeeded without MFA',
    pattern: '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }',
  },
  { id: 'ConsoleAuthenticationFailures', description: 'Console sign-in failed', pattern: '{ ($.eventName = ConsoleLogin) && ($.errorMessage = "Failed authentication") }' },
  {
    id: 'IamPolicyChanges',
    description: 'An IAM policy changed',
    pattern: `{ ${OR('DeleteGroupPolicy', 'DeleteRolePolicy', 'DeleteUserPolicy', 'PutGroupPolicy', 'PutRolePolicy', 'PutUserPolicy', 'CreatePolicy', 'DeletePolicy', 'CreatePolicyVersion', 'DeletePolicyVersion', 'AttachRolePolicy', 'DetachRolePolicy', 'AttachUserPolicy', 'DetachUserPolicy', 'AttachGroupPolicy', 'DetachGroupPolicy')} }`,
  },
  { id: 'CloudTrailChanges', description: 'A trail changed or stopped logging', pattern: `{ ${OR('CreateTrail', 'UpdateTrail', 'DeleteTrail', 'StartLogging', 'StopLogging')} }` },
  {
    id: 'KmsKeyDisableOrDeletion',
    description: 'A customer key was disabled or scheduled for deletion',
    pattern: '{ ($.eventSource = kms.amazonaws.com) && (($.eventName = DisableKey) || ($.eventName = ScheduleKeyDeletion)) }',
  },
  {
    id: 'S3BucketPolicyChanges',
    description: 'An S3 bucket policy, ACL, CORS, lifecycle or replication changed',
    pattern: `{ ($.eventSource = s3.amazonaws.com) && (${OR('PutBucketAcl', 'PutBucketPolicy', 'PutBucketCors', 'PutBucketLifecycle', 'PutBucketReplication', 'DeleteBucketPolicy', 'DeleteBucketCors', 'DeleteBucketLifecycle', 'DeleteBucketReplication')}) }`,
  },
  {
    id: 'ConfigChanges',
    description: 'AWS Config recording changed',
    pattern: `{ ($.eventSource = config.amazonaws.com) && (${OR('StopConfigurationRecorder', 'DeleteDeliveryChannel', 'PutDeliveryChannel', 'PutConfigurationRecorder')}) }`,
  },
  {
    id: 'SecurityGroupChanges',
    description: 'A security group changed',
    pattern: `{ ${OR('AuthorizeSecurityGroupIngress', 'AuthorizeSecurityGroupEgress', 'RevokeSecurityGroupIngress', 'RevokeSecurityGroupEgress', 'CreateSecurityGroup', 'DeleteSecurityGroup')} }`,
  },
  {
    id: 'NetworkAclChanges',
    description: 'A network ACL changed',
    pattern: `{ ${OR('CreateNetworkAcl', 'CreateNetworkAclEntry', 'DeleteNetworkAcl', 'DeleteNetworkAclEntry', 'ReplaceNetworkAclEntry', 'ReplaceNetworkAclAssociation')} }`,
  },
  {
    id: 'NetworkGatewayChanges',
    description: 'A network gateway changed',
    pattern: `{ ${OR('CreateCustomerGateway', 'DeleteCustomerGateway', 'AttachInternetGateway', 'CreateInternetGateway', 'DeleteInternetGateway', 'DetachInternetGateway')} }`,
  },
  {
    id: 'RouteTableChanges',
    description: 'A route table changed',
    pattern: `{ (($.eventSource = ec2.amazonaws.com) && (${OR('CreateRoute', 'CreateRouteTable', 'ReplaceRoute', 'ReplaceRouteTableAssociation', 'DeleteRouteTable', 'DeleteRoute', 'DisassociateRouteTable')})) }`,
  },
  {
    id: 'VpcChanges',
    description: 'A VPC or peering changed',
    pattern: `{ ${OR('CreateVpc', 'DeleteVpc', 'ModifyVpcAttribute', 'AcceptVpcPeeringConnection', 'CreateVpcPeeringConnection', 'DeleteVpcPeeringConnection', 'RejectVpcPeeringConnection', 'AttachClassicLinkVpc', 'DetachClassicLinkVpc', 'DisableVpcClassicLink', 'EnableVpcClassicLink')} }`,
  },
  // CIS AWS Foundations 3.0 control 4.15 (Security Hub CloudWatch.15): AWS Organizations changes.
  {
    id: 'OrganizationsChanges',
    description: 'AWS Organizations (accounts, OUs, policies, handshakes) changed',
    pattern: `{ ($.eventSource = organizations.amazonaws.com) && (${OR_QUOTED('AcceptHandshake', 'AttachPolicy', 'CreateAccount', 'CreateOrganizationalUnit', 'CreatePolicy', 'DeclineHandshake', 'DeleteOrganization', 'DeleteOrganizationalUnit', 'DeletePolicy', 'DetachPolicy', 'DisablePolicyType', 'EnablePolicyType', 'InviteAccountToOrganization', 'LeaveOrganization', 'MoveAccount', 'RemoveAccountFromOrganization', 'UpdatePolicy', 'UpdateOrganizationalUnit')}) }`,
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
  /**
   * Who the alarms notify: one SNS subscription per endpoint.
   * @default - no subscription (the baseline refuses this unless waived with a reason)
   */
  readonly endpoints?: AlarmEndpoints;
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
    // Confused-deputy guard: only this account's alarms (aws:SourceArn of an alarm in this Region),
    // per the SNS and CloudWatch docs on cross-service confused-deputy prevention.
    const alarmArns = `arn:${partition}:cloudwatch:${region}:${accountId}:alarm:*`;
    const fromOurAlarms = { StringEquals: { 'aws:SourceAccount': accountId }, ArnLike: { 'aws:SourceArn': alarmArns } };
    props.key.grantToService('CloudWatchAlarmsPublish', 'cloudwatch.amazonaws.com', ['kms:Decrypt', 'kms:GenerateDataKey*'], fromOurAlarms);
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
          Condition: fromOurAlarms,
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
    // One subscription per distinct endpoint (SNS keeps one per protocol and endpoint anyway).
    const endpoints = new Map<string, { protocol: string; endpoint: string }>();
    for (const [protocol, list] of [
      ['email', props.endpoints?.email],
      ['https', props.endpoints?.https],
    ] as const) {
      for (const endpoint of list ?? []) endpoints.set(`${protocol} ${endpoint}`, { protocol, endpoint });
    }
    for (const { protocol, endpoint } of endpoints.values()) {
      // Keyed by the endpoint itself (not its list position) so reordering moves no address; two
      // endpoints that differ only in punctuation get a numbered id rather than a clash.
      const base = `Subscription-${protocol}-${endpoint.replace(/[^A-Za-z0-9]/g, '_')}`;
      let id = base;
      for (let n = 2; this.node.tryFindChild(id); n++) id = `${base}-${n}`;
      new SnsTopicSubscription(this, id, {
        topicArn: this.topic.arn,
        protocol,
        endpoint,
      });
    }
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

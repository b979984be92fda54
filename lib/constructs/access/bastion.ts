import { Construct } from 'constructs';
import { TerraformOutput } from 'cdktf';
import { Instance } from '@cdktf/provider-aws/lib/instance';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { RolePolicy } from '../security/role-policy';
import { suppress } from '../kernel/suppress';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { IamInstanceProfile } from '@cdktf/provider-aws/lib/iam-instance-profile';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { SsmDocument } from '@cdktf/provider-aws/lib/ssm-document';
import { DataAwsSsmParameter } from '@cdktf/provider-aws/lib/data-aws-ssm-parameter';
import { HipaaKey } from '../security/hipaa-key';
import { HipaaLogGroup, sidSuffix } from '../audit/log-group';
import { PolicyDocument, PolicyStatement } from '../security/policy-document';
import { SecureBucket } from '../storage/secure-bucket';
import { HipaaDatabase } from '../data/hipaa-database';
import { isSecurityGroupId, isWholeInternet, parseCidr, pascalKey } from '../data/network-rules';
import { tenantTags } from '../data/tenant-tags';
import { isToken, validateAll } from '../../errors';
import { messages } from '../../messages';

/** Public SSM parameters that always hold the current Amazon Linux 2023 AMI id. */
export const AL2023_AMI_PARAMETERS = {
  x86_64: '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64',
  arm64: '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64',
} as const;

/** The AWS-owned document that forwards a local port through the bastion to a remote host (the database). */
export const PORT_FORWARD_DOCUMENT = 'AWS-StartPortForwardingSessionToRemoteHost';

/** The account-wide default Session Manager preferences document (one per account and Region). */
export const ACCOUNT_SESSION_DOCUMENT = 'SSM-SessionManagerRunShell';

export interface BastionSessionBucket {
  /** Bucket that receives a transcript of each shell session at its end. */
  readonly bucket: SecureBucket;
  /** The bucket's encryption key (the bastion role may generate data keys with it). */
  readonly key: HipaaKey;
  /**
   * Key prefix of the transcripts.
   * @default 'sessions/<namePrefix>/'
   */
  readonly prefix?: string;
}

export interface BastionProps {
  /** Prefix of every name, e.g. `examplehealth-acme`: `<prefix>-bastion`, `<prefix>-session-preferences`. */
  readonly namePrefix: string;
  /** Tenant id, written as the `Tenant` tag. */
  readonly tenantId: string;
  /** Customer key: root volume, Session Manager session encryption, session log group. */
  readonly key: HipaaKey;
  /** VPC of the bastion. */
  readonly vpcId: string;
  /** A private application subnet (no route from the internet). */
  readonly subnetId: string;
  /** The VPC CIDR, concrete: HTTPS egress to the interface endpoints goes here. */
  readonly vpcCidr: string;
  /**
   * Security group of the interface endpoints; when given, HTTPS egress goes to it instead of the VPC CIDR.
   * @default - HTTPS egress to `vpcCidr`
   */
  readonly endpointSecurityGroupId?: string;
  /**
   * Prefix list of the S3 gateway endpoint, for package repositories and session transcripts.
   * @default - no S3 egress
   */
  readonly s3PrefixListId?: string;
  /**
   * Instance type.
   * @default 't3.micro'
   */
  readonly instanceType?: string;
  /**
   * Root volume size in GiB (the AL2023 image needs 8).
   * @default 8
   */
  readonly rootVolumeGib?: number;
  /**
   * Name of the Session Manager preferences document this construct creates.
   *
   * Not `SSM-SessionManagerRunShell` by default: that name is the account-wide default document,
   * one per account and Region, often created by the console. Owning it from a tenant stack would
   * make two tenants (or a pool) in one account fight over the same resource, and `terraform
   * destroy` of one tenant would delete everyone's preferences. A tenant document is used by
   * passing `--document-name <name>` to `aws ssm start-session`; `operatorPolicy` enforces it with
   * `ssm:SessionDocumentAccessCheck`. Pass `ACCOUNT_SESSION_DOCUMENT` only in an account that
   * this stack alone manages, after importing the existing document.
   * @default '<namePrefix>-session-preferences'
   */
  readonly sessionDocumentName?: string;
  /**
   * Also upload session transcripts to S3.
   * @default - CloudWatch Logs only
   */
  readonly sessionBucket?: BastionSessionBucket;
  /**
   * Minutes of inactivity after which a session ends (1-60).
   * @default 20
   */
  readonly idleSessionTimeoutMinutes?: number;
  /**
   * Longest session in minutes (1-1440).
   * @default 60
   */
  readonly maxSessionDurationMinutes?: number;
  /**
   * Extra tags; `Tenant` and `DataClassification` are always set.
   * @default - none
   */
  readonly tags?: Readonly<Record<string, string>>;
}

/** The AL2023 architecture of an instance type: Graviton families (`t4g`, `m7g`, `c7gn`) are arm64. */
export function instanceArchitecture(instanceType: string): 'x86_64' | 'arm64' {
  const family = instanceType.split('.')[0];
  return /^[a-z]+\d+[a-z]*g[a-z]*$/.test(family) ? 'arm64' : 'x86_64';
}

/**
 * The only door into a tenant's network: an EC2 instance reached through Session Manager, never
 * SSH. It has no public IP and a security group with no inbound rules; it can reach only the VPC
 * interface endpoints (HTTPS) and the ports of the databases it is allowed to. IMDSv2 only, hop
 * limit 1; encrypted gp3 root volume; detailed monitoring; an instance profile with only
 * AmazonSSMManagedInstanceCore plus what session logging needs.
 *
 * Shell sessions started with the tenant's preferences document are encrypted with the customer
 * key and logged to a KMS-encrypted log group kept for the audit retention. Port-forwarding
 * sessions (the way to reach the database) carry the database's own TLS; Session Manager does not
 * log their content, so their evidence is the `StartSession` CloudTrail event (who, when, target
 * host and port) together with the database's connection log.
 *
 * The AMI is the current Amazon Linux 2023 image at first apply, from the public SSM parameter;
 * later AMI releases are ignored (`lifecycle.ignore_changes = [ami]`) because the parameter moves
 * with every release and replacing the bastion would end open sessions and change its id without
 * warning. Patch in place with Patch Manager, or roll it deliberately with
 * `terraform apply -replace=<address>`.
 */
export class Bastion extends Construct {
  public readonly resource: Instance;
  public readonly securityGroup: SecurityGroup;
  public readonly role: IamRole;
  public readonly instanceProfile: IamInstanceProfile;
  public readonly sessionDocument: SsmDocument;
  public readonly sessionLogGroup: HipaaLogGroup;
  /** The instance id (a reference). */
  public readonly instanceId: string;
  /** The bastion security group id (a reference). */
  public readonly securityGroupId: string;
  /** The role ARN, concrete. */
  public readonly roleArn: string;
  public readonly sessionDocumentName: string;
  /**
   * The policy operators attach (to their SSO permission set, group or role) to use the bastion:
   * sessions only on this instance, only with the tenant's logged, KMS-encrypted preferences
   * document or the port-forwarding document.
   */
  public readonly operatorPolicy: IamPolicy;
  public readonly region: string;
  private readonly tags: Record<string, string>;

  constructor(scope: Construct, id: string, props: BastionProps) {
    super(scope, id);
    // Nothing on the bastion needs restoring: it is rebuilt from the current AMI and keeps no data.
    suppress(this, 'HIPAA-EC2-008', 'The bastion is stateless: it is rebuilt from the current Amazon Linux AMI and stores no PHI or configuration');
    const instanceType = props.instanceType ?? 't3.micro';
    const rootGib = props.rootVolumeGib ?? 8;
    const idle = props.idleSessionTimeoutMinutes ?? 20;
    const maxDuration = props.maxSessionDurationMinutes ?? 60;
    const documentName = props.sessionDocumentName ?? `${props.namePrefix}-session-preferences`;
    const name = `${props.namePrefix}-bastion`;
    validateAll(`Bastion ${this.node.path}`, [
      {
        when: typeof props.namePrefix !== 'string' || !/^[a-z][a-z0-9-]*[a-z0-9]$/.test(props.namePrefix) || name.length > 64,
        problem: () =>
          messages.resourceNameInvalid('namePrefix', props.namePrefix, 'name prefix (lowercase letters, digits and hyphens; "<prefix>-bastion" at most 64 characters)'),
      },
      { when: isWholeInternet(props.vpcCidr), problem: () => messages.openEgress('vpcCidr', props.vpcCidr) },
      {
        when: !isWholeInternet(props.vpcCidr) && (isToken(props.vpcCidr) || parseCidr(props.vpcCidr)?.family !== 4),
        problem: () => messages.cidrInvalid('vpcCidr', props.vpcCidr),
      },
      {
        when: props.endpointSecurityGroupId !== undefined && !isSecurityGroupId(props.endpointSecurityGroupId),
        problem: () => messages.securityGroupIdInvalid('endpointSecurityGroupId', props.endpointSecurityGroupId),
      },
      {
        when: !/^[a-z][a-z0-9-]*\.[a-z0-9]+$/.test(instanceType),
        problem: () => messages.rangeInvalid('instanceType', instanceType, 'instance type', 'use an EC2 instance type such as "t3.micro" (the default)'),
      },
      {
        when: !Number.isInteger(rootGib) || rootGib < 8 || rootGib > 1024,
        problem: () => messages.rangeInvalid('rootVolumeGib', rootGib, 'root volume size', 'use 8 GiB (the default) or more'),
      },
      {
        when: !/^[A-Za-z0-9_.-]{3,128}$/.test(documentName) || /^(aws|amazon|amzn)/i.test(documentName),
        problem: () => messages.resourceNameInvalid('sessionDocumentName', documentName, 'SSM document name (3-128 letters, digits, _ . -, not starting with aws, amazon or amzn)'),
      },
      {
        when: !Number.isInteger(idle) || idle < 1 || idle > 60,
        problem: () => messages.rangeInvalid('idleSessionTimeoutMinutes', idle, 'idle session timeout', 'use 1 to 60 minutes (20 is the default)'),
      },
      {
        when: !Number.isInteger(maxDuration) || maxDuration < 1 || maxDuration > 1440,
        problem: () => messages.rangeInvalid('maxSessionDurationMinutes', maxDuration, 'maximum session duration', 'use 1 to 1440 minutes (60 is the default)'),
      },
    ]);
    const { partition, region, accountId, auditRetentionDays } = props.key.target;
    this.region = region;
    this.sessionDocumentName = documentName;
    const tags = tenantTags(props.tenantId, 'Operational', props.tags);
    this.tags = tags;

    this.sessionLogGroup = new HipaaLogGroup(this, 'SessionLogs', {
      logGroupName: `/aws/ssm/sessions/${props.namePrefix}`,
      key: props.key,
      retentionDays: auditRetentionDays,
    });
    const bucketPrefix = props.sessionBucket?.prefix ?? `sessions/${props.namePrefix}/`;
    this.sessionDocument = new SsmDocument(this, 'SessionPreferences', {
      name: documentName,
      documentType: 'Session',
      documentFormat: 'JSON',
      content: JSON.stringify({
        schemaVersion: '1.0',
        description: `Session Manager preferences of ${props.namePrefix}: KMS-encrypted sessions, every shell session logged`,
        sessionType: 'Standard_Stream',
        inputs: {
          s3BucketName: props.sessionBucket?.bucket.bucketName ?? '',
          s3KeyPrefix: props.sessionBucket ? bucketPrefix : '',
          s3EncryptionEnabled: props.sessionBucket !== undefined,
          cloudWatchLogGroupName: this.sessionLogGroup.logGroupName,
          cloudWatchEncryptionEnabled: true,
          cloudWatchStreamingEnabled: true,
          kmsKeyId: props.key.keyArn,
          runAsEnabled: false,
          runAsDefaultUser: '',
          idleSessionTimeout: String(idle),
          maxSessionDuration: String(maxDuration),
          shellProfile: { linux: '', windows: '' },
        },
      }),
      tags,
    });

    this.roleArn = `arn:${partition}:iam::${accountId}:role/${name}`;
    this.role = new IamRole(this, 'Role', {
      name,
      description: `Session Manager bastion of ${props.namePrefix}`,
      assumeRolePolicy: new PolicyDocument([{ Sid: 'Ec2Assumes', Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }]).toString(),
      tags,
    });
    new IamRolePolicyAttachment(this, 'SsmCore', {
      role: this.role.name,
      policyArn: `arn:${partition}:iam::aws:policy/AmazonSSMManagedInstanceCore`,
    });
    const sessionStatements: PolicyStatement[] = [
      { Sid: 'DecryptSessions', Effect: 'Allow', Action: 'kms:Decrypt', Resource: props.key.keyArn },
      {
        Sid: 'WriteSessionLogs',
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
        Resource: `${this.sessionLogGroup.logGroupArn}:*`,
      },
      // The agent checks the group is encrypted before it streams; DescribeLogGroups has no
      // narrower resource than the account's log groups.
      { Sid: 'CheckSessionLogEncryption', Effect: 'Allow', Action: 'logs:DescribeLogGroups', Resource: `arn:${partition}:logs:${region}:${accountId}:log-group:*` },
    ];
    if (props.sessionBucket) {
      sessionStatements.push(
        { Sid: 'WriteSessionTranscripts', Effect: 'Allow', Action: 's3:PutObject', Resource: `${props.sessionBucket.bucket.bucketArn}/${bucketPrefix}*` },
        { Sid: 'CheckTranscriptEncryption', Effect: 'Allow', Action: 's3:GetEncryptionConfiguration', Resource: props.sessionBucket.bucket.bucketArn },
        { Sid: 'EncryptTranscripts', Effect: 'Allow', Action: 'kms:GenerateDataKey', Resource: props.sessionBucket.key.keyArn },
      );
    }
    new RolePolicy(this, 'SessionLogging', {
      policyName: `${props.namePrefix}-bastion-session-logging`,
      description: 'Lets the bastion encrypt and log its Session Manager sessions',
      roleName: this.role.name,
      document: new PolicyDocument(sessionStatements),
    });
    // Keys that do not delegate to IAM still let the bastion decrypt its sessions.
    props.key.addToPolicy({ Sid: `BastionSessions${sidSuffix(props.namePrefix)}`, Effect: 'Allow', Principal: { AWS: this.roleArn }, Action: 'kms:Decrypt', Resource: '*' });
    props.key.dependOn(this.role);
    if (props.sessionBucket) {
      props.sessionBucket.key.dependOn(this.role);
      props.sessionBucket.key.addToPolicy({
        Sid: `BastionTranscripts${sidSuffix(props.namePrefix)}`,
        Effect: 'Allow',
        Principal: { AWS: this.roleArn },
        Action: 'kms:GenerateDataKey',
        Resource: '*',
      });
    }
    this.instanceProfile = new IamInstanceProfile(this, 'InstanceProfile', { name, role: this.role.name, tags });

    this.securityGroup = new SecurityGroup(this, 'SecurityGroup', {
      name,
      description: `${name}: no inbound; HTTPS to VPC endpoints and database ports only`,
      vpcId: props.vpcId,
      revokeRulesOnDelete: true,
      tags: { ...tags, Name: name },
    });
    this.securityGroupId = this.securityGroup.id;
    new VpcSecurityGroupEgressRule(this, 'EgressEndpoints', {
      securityGroupId: this.securityGroup.id,
      ipProtocol: 'tcp',
      fromPort: 443,
      toPort: 443,
      ...(props.endpointSecurityGroupId ? { referencedSecurityGroupId: props.endpointSecurityGroupId } : { cidrIpv4: props.vpcCidr }),
      description: 'HTTPS to the VPC interface endpoints (SSM, KMS, CloudWatch Logs)',
      tags,
    });
    if (props.s3PrefixListId) {
      new VpcSecurityGroupEgressRule(this, 'EgressS3', {
        securityGroupId: this.securityGroup.id,
        ipProtocol: 'tcp',
        fromPort: 443,
        toPort: 443,
        prefixListId: props.s3PrefixListId,
        description: 'HTTPS to the S3 gateway endpoint',
        tags,
      });
    }

    const ami = new DataAwsSsmParameter(this, 'Ami', { name: AL2023_AMI_PARAMETERS[instanceArchitecture(instanceType)] });
    this.resource = new Instance(this, 'Resource', {
      ami: ami.insecureValue,
      instanceType,
      subnetId: props.subnetId,
      vpcSecurityGroupIds: [this.securityGroup.id],
      associatePublicIpAddress: false,
      iamInstanceProfile: this.instanceProfile.name,
      monitoring: true,
      metadataOptions: { httpEndpoint: 'enabled', httpTokens: 'required', httpPutResponseHopLimit: 1, instanceMetadataTags: 'disabled' },
      rootBlockDevice: { encrypted: true, kmsKeyId: props.key.keyArn, volumeType: 'gp3', volumeSize: rootGib, deleteOnTermination: true, tags },
      tags: { ...tags, Name: name },
      lifecycle: { ignoreChanges: ['ami'] },
    });
    this.instanceId = this.resource.id;

    // Session preferences apply only to sessions started with their document; a plain
    // `start-session` or the console uses the account default SSM-SessionManagerRunShell. With
    // ssm:SessionDocumentAccessCheck the caller must name a document the policy lists, so the
    // default document (not listed) is refused and shells always run with the tenant's logging
    // and encryption. Managing SSM-SessionManagerRunShell instead would fail where it already
    // exists (the console creates it) and would be shared by every tenant in the account.
    // https://docs.aws.amazon.com/systems-manager/latest/userguide/getting-started-sessiondocumentaccesscheck.html
    const instanceArn = `arn:${partition}:ec2:${region}:${accountId}:instance/${this.instanceId}`;
    const onlyListedDocuments = { BoolIfExists: { 'ssm:SessionDocumentAccessCheck': 'true' } };
    this.operatorPolicy = new IamPolicy(this, 'OperatorPolicy', {
      name: `${props.namePrefix}-bastion-operator`,
      description: `Operators of ${props.namePrefix}: Session Manager to the bastion with the logged, encrypted tenant preferences only`,
      policy: new PolicyDocument([
        {
          Sid: 'StartSessionsWithTenantDocuments',
          Effect: 'Allow',
          Action: 'ssm:StartSession',
          Resource: [instanceArn, `arn:${partition}:ssm:${region}:${accountId}:document/${documentName}`, `arn:${partition}:ssm:${region}::document/${PORT_FORWARD_DOCUMENT}`],
          Condition: onlyListedDocuments,
        },
        {
          Sid: 'ManageOwnSessions',
          Effect: 'Allow',
          Action: ['ssm:TerminateSession', 'ssm:ResumeSession'],
          Resource: `arn:${partition}:ssm:${region}:${accountId}:session/\${aws:userid}-*`,
        },
        { Sid: 'EncryptSessions', Effect: 'Allow', Action: 'kms:GenerateDataKey', Resource: props.key.keyArn },
        {
          Sid: 'FindBastion',
          Effect: 'Allow',
          Action: ['ssm:DescribeSessions', 'ssm:GetConnectionStatus', 'ssm:DescribeInstanceProperties', 'ec2:DescribeInstances'],
          Resource: '*',
        },
      ]).toString(),
      tags,
    });
  }

  /** `aws ssm start-session` for a shell with the tenant's logged, encrypted preferences. */
  public shellCommand(): string {
    return `aws ssm start-session --region ${this.region} --target ${this.instanceId} --document-name ${this.sessionDocumentName}`;
  }

  /**
   * Opens the path from the bastion to a database: egress from the bastion to the database's
   * security group on its port, and the matching ingress on the database (keyed by this
   * construct's id, e.g. `IngressBastion`).
   */
  public allowDatabase(database: HipaaDatabase): void {
    new VpcSecurityGroupEgressRule(this, `EgressDb${pascalKey(database.node.id)}`, {
      securityGroupId: this.securityGroup.id,
      referencedSecurityGroupId: database.securityGroupId,
      ipProtocol: 'tcp',
      fromPort: database.port,
      toPort: database.port,
      description: `${database.engine} to ${database.identifier}`,
      tags: this.tags,
    });
    database.allowFrom(this.node.id, this.securityGroupId, `${database.engine} from bastion ${this.node.id}`);
  }

  /**
   * The `aws ssm start-session` command that forwards `localhost:<localPort>` through the bastion
   * to the database (a string with Terraform references, for an output).
   */
  public portForwardCommand(database: HipaaDatabase, localPort = defaultLocalPort(database.port)): string {
    const parameters = `{"host":["${database.address}"],"portNumber":["${database.port}"],"localPortNumber":["${localPort}"]}`;
    return `aws ssm start-session --region ${this.region} --target ${this.instanceId} --document-name AWS-StartPortForwardingSessionToRemoteHost --parameters '${parameters}'`;
  }
}

/** 5432 -> 15432, 3306 -> 13306: a local port that does not clash with a local database. */
export function defaultLocalPort(port: number): number {
  return port + 10000 <= 65535 ? port + 10000 : port;
}

export interface BastionOutputsOptions {
  /**
   * Prefix of the output names, for stacks with more than one database (`acme_` -> `acme_bastion_instance_id`).
   * @default ''
   */
  readonly prefix?: string;
  /**
   * Local port of the port-forwarding command.
   * @default - the database port + 10000
   */
  readonly localPort?: number;
}

/**
 * Outputs an operator needs to reach a database through the bastion: `bastion_instance_id`,
 * `db_port_forward_command`, `db_instance_endpoint` and `db_master_user_secret_arn` (sensitive).
 * An operator runs `terraform output -raw db_port_forward_command`, then fetches the master
 * password with `aws secretsmanager get-secret-value --secret-id <arn>` if allowed to.
 */
export function bastionOutputs(scope: Construct, bastion: Bastion, database: HipaaDatabase, options: BastionOutputsOptions = {}): Record<string, TerraformOutput> {
  const p = options.prefix ?? '';
  const out = (name: string, value: string, description: string, sensitive = false) => new TerraformOutput(scope, `${p}${name}`, { value, description, staticId: true, sensitive });
  return {
    bastionInstanceId: out('bastion_instance_id', bastion.instanceId, 'Instance id of the Session Manager bastion (no SSH, no public IP)'),
    ...(p === ''
      ? {
          bastionShellCommand: out(
            'bastion_shell_command',
            bastion.shellCommand(),
            'Paste for a logged, KMS-encrypted shell on the bastion (the operator policy refuses sessions without this document)',
          ),
          bastionOperatorPolicyArn: out('bastion_operator_policy_arn', bastion.operatorPolicy.arn, 'IAM policy to attach to the operators of this bastion'),
        }
      : {}),
    portForwardCommand: out(
      'db_port_forward_command',
      bastion.portForwardCommand(database, options.localPort),
      'Paste to forward a local port to the database through Session Manager; then connect to localhost with TLS',
    ),
    dbInstanceEndpoint: out('db_instance_endpoint', database.endpoint, 'Database endpoint (address:port), reachable only from allowed security groups'),
    dbMasterUserSecretArn: out(
      'db_master_user_secret_arn',
      database.masterUserSecretArn,
      'Secrets Manager secret RDS keeps the master password in (encrypted with the tenant key)',
      true,
    ),
  };
}

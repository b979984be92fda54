/**
 * A small IAM policy document model that renders concrete JSON. Our policies name concrete account
 * ids and ARNs (the configuration carries them), so the compliance engine and the isolation proof
 * read exactly what IAM will evaluate, with no Terraform expressions to guess at.
 */

export type Principal = { readonly AWS: string | readonly string[] } | { readonly Service: string | readonly string[] } | '*';

export type Condition = Record<string, Record<string, string | boolean | readonly string[]>>;

export interface PolicyStatement {
  readonly Sid: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Principal?: Principal;
  readonly NotPrincipal?: Principal;
  readonly Action?: string | readonly string[];
  readonly NotAction?: string | readonly string[];
  readonly Resource?: string | readonly string[];
  readonly NotResource?: string | readonly string[];
  readonly Condition?: Condition;
}

export class PolicyDocument {
  private readonly statements: PolicyStatement[] = [];

  constructor(statements: readonly PolicyStatement[] = []) {
    statements.forEach((s) => this.addStatement(s));
  }

  /** Adds a statement; a second statement with the same Sid is a programming error. */
  public addStatement(statement: PolicyStatement): this {
    if (this.statements.some((s) => s.Sid === statement.Sid)) {
      throw new Error(`Policy statement Sid "${statement.Sid}" is already used in this document`);
    }
    this.statements.push(statement);
    return this;
  }

  public get statementCount(): number {
    return this.statements.length;
  }

  public toJson(): { Version: '2012-10-17'; Statement: PolicyStatement[] } {
    return { Version: '2012-10-17', Statement: [...this.statements] };
  }

  /**
   * The policy as a string for a Terraform argument. Terraform reads `${...}` in JSON strings as
   * interpolation, so IAM policy variables such as `${aws:username}` are escaped as `$${...}`.
   */
  public toString(): string {
    return escapeTerraformTemplate(JSON.stringify(this.toJson()));
  }
}

/** `arn:<partition>:iam::<account>:root`, the account principal. */
export function accountRootArn(partition: string, accountId: string): string {
  return `arn:${partition}:iam::${accountId}:root`;
}

/** The statement that every bucket policy starts with: refuse any request not made over TLS. */
export function denyInsecureTransport(bucketArn: string): PolicyStatement {
  return {
    Sid: 'DenyInsecureTransport',
    Effect: 'Deny',
    Principal: '*',
    Action: 's3:*',
    Resource: [bucketArn, `${bucketArn}/*`],
    Condition: { Bool: { 'aws:SecureTransport': 'false' } },
  };
}

/**
 * Escapes Terraform template sequences (`${`, `%{`) in a literal string. CDKTF tokens
 * (`${TfToken[...]}`, references to other resources) are left alone so they still resolve.
 */
export function escapeTerraformTemplate(text: string): string {
  return text.replace(/\$\{(?!TfToken\[)/g, () => '$${').replace(/%\{/g, () => '%%{');
}

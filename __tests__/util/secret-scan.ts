/**
 * Scans synthesized Terraform JSON for secrets: literal passwords and secret strings, private keys,
 * AWS access keys, credentials in connection strings, well-known token formats, and resources that
 * would put a secret into Terraform state. Terraform references (`${...}`) are not secrets; a
 * literal, even part of a value, is.
 */

export type SecretKind = 'private-key' | 'aws-access-key-id' | 'aws-secret-access-key' | 'secret-attribute' | 'connection-string-password' | 'token' | 'secret-in-state';

export interface SecretFinding {
  /** Dotted path in the JSON, e.g. `resource.aws_db_instance.db.password`. */
  readonly path: string;
  readonly kind: SecretKind;
  /** The start of the offending value, redacted. */
  readonly excerpt: string;
}

const PRIVATE_KEY = /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/;
const ACCESS_KEY_ID = /\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b/;
const SECRET_ACCESS_KEY_ASSIGNMENT = /aws_secret_access_key\s*[=:]\s*["']?[A-Za-z0-9/+]{40}\b/i;
const CONNECTION_STRING = /\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@'"]+:([^\s@/'"]+)@/i;
const TOKENS = [/\bgh[pousr]_[A-Za-z0-9]{36,}\b/, /\bxox[abprs]-[A-Za-z0-9-]{10,}/, /\b[sr]k_live_[0-9a-zA-Z]{24,}\b/, /\bAIza[0-9A-Za-z_-]{35}\b/];
/** Attribute names whose string value is a secret. */
const SECRET_NAME =
  /(?:^|_)(?:password|passwd|pwd|secret|secret_string|secret_binary|secret_key|secret_access_key|private_key|api_key|apikey|auth_token|access_token|token|client_secret|credentials?)$/i;
/** Resource types that always store a secret in Terraform state. */
const STATE_SECRET_TYPES = ['aws_iam_access_key', 'aws_iam_user_login_profile', 'random_password', 'tls_private_key', 'aws_secretsmanager_secret_version'];
/** Attributes of database resources whose presence puts a password into state. */
const STATE_PASSWORD_ATTRIBUTES: Record<string, readonly string[]> = {
  aws_db_instance: ['password'],
  aws_rds_cluster: ['master_password'],
  aws_docdb_cluster: ['master_password'],
  aws_redshift_cluster: ['master_password'],
  aws_elasticache_user: ['passwords'],
};

/** A value made only of Terraform interpolations (`${...}`) carries no literal. */
function literalPart(value: string): string {
  return value.replace(/\$\{[^}]*\}/g, '').trim();
}

function redact(value: string): string {
  return value.length <= 4 ? '****' : `${value.slice(0, 4)}****`;
}

/** Every secret found in a synthesized stack (or any JSON value). */
export function findSecrets(json: unknown): SecretFinding[] {
  const findings: SecretFinding[] = [];
  const add = (path: string[], kind: SecretKind, value: string) => findings.push({ path: path.join('.'), kind, excerpt: redact(value) });

  const visit = (value: unknown, path: string[]): void => {
    if (Array.isArray(value)) {
      value.forEach((v, i) => visit(v, [...path, String(i)]));
      return;
    }
    if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) visit(v, [...path, k]);
      return;
    }
    if (typeof value !== 'string') return;
    const literal = literalPart(value);
    if (PRIVATE_KEY.test(value)) add(path, 'private-key', literal);
    if (ACCESS_KEY_ID.test(value)) add(path, 'aws-access-key-id', ACCESS_KEY_ID.exec(value)?.[0] ?? literal);
    if (SECRET_ACCESS_KEY_ASSIGNMENT.test(value)) add(path, 'aws-secret-access-key', literal);
    const conn = CONNECTION_STRING.exec(value);
    if (conn && literalPart(conn[1]) !== '') add(path, 'connection-string-password', conn[1]);
    for (const t of TOKENS) if (t.test(value)) add(path, 'token', t.exec(value)?.[0] ?? literal);
    // The attribute name decides; for `default` (variables) and `value` (outputs, locals) the
    // name of the enclosing block does.
    const last = path[path.length - 1] ?? '';
    const name = (last === 'default' || last === 'value') && path.length > 1 ? path[path.length - 2] : last;
    if (SECRET_NAME.test(name) && literal !== '') add(path, 'secret-attribute', literal);
  };
  visit(json, []);

  const resources = (json as { resource?: Record<string, Record<string, Record<string, unknown>>> } | null)?.resource ?? {};
  for (const [type, byName] of Object.entries(resources)) {
    for (const [name, body] of Object.entries(byName)) {
      if (STATE_SECRET_TYPES.includes(type)) findings.push({ path: `resource.${type}.${name}`, kind: 'secret-in-state', excerpt: type });
      for (const attr of STATE_PASSWORD_ATTRIBUTES[type] ?? []) {
        if (body[attr] !== undefined) findings.push({ path: `resource.${type}.${name}.${attr}`, kind: 'secret-in-state', excerpt: attr });
      }
      if (type === 'aws_ssm_parameter' && body.type === 'SecureString' && body.value !== undefined) {
        findings.push({ path: `resource.${type}.${name}.value`, kind: 'secret-in-state', excerpt: 'SecureString value' });
      }
    }
  }
  return findings;
}

/**
 * The HIPAA Security Rule implementation specifications rules map to (45 CFR Part 164 Subpart C),
 * and the control sets several rules share. Mappings follow the AWS Config "Operational Best
 * Practices for HIPAA Security" conformance pack and cdk-nag's HIPAA Security pack.
 */

/** Control id -> title, in regulation order. */
export const CONTROLS: Readonly<Record<string, string>> = {
  '164.308(a)(1)(ii)(A)': 'Risk analysis',
  '164.308(a)(1)(ii)(B)': 'Risk management',
  '164.308(a)(1)(ii)(D)': 'Information system activity review',
  '164.308(a)(3)(i)': 'Workforce security',
  '164.308(a)(3)(ii)(A)': 'Authorization and/or supervision',
  '164.308(a)(3)(ii)(B)': 'Workforce clearance procedure',
  '164.308(a)(4)(i)': 'Information access management',
  '164.308(a)(4)(ii)(A)': 'Isolating health care clearinghouse functions',
  '164.308(a)(4)(ii)(B)': 'Access authorization',
  '164.308(a)(4)(ii)(C)': 'Access establishment and modification',
  '164.308(a)(5)(ii)(A)': 'Security reminders (security updates)',
  '164.308(a)(5)(ii)(B)': 'Protection from malicious software',
  '164.308(a)(5)(ii)(C)': 'Log-in monitoring',
  '164.308(a)(5)(ii)(D)': 'Password management',
  '164.308(a)(6)(ii)': 'Response and reporting',
  '164.308(a)(7)(i)': 'Contingency plan',
  '164.308(a)(7)(ii)(A)': 'Data backup plan',
  '164.308(a)(7)(ii)(B)': 'Disaster recovery plan',
  '164.308(a)(7)(ii)(C)': 'Emergency mode operation plan',
  '164.308(a)(8)': 'Evaluation',
  '164.312(a)(1)': 'Access control',
  '164.312(a)(2)(i)': 'Unique user identification',
  '164.312(a)(2)(iv)': 'Encryption and decryption',
  '164.312(b)': 'Audit controls',
  '164.312(c)(1)': 'Integrity',
  '164.312(c)(2)': 'Mechanism to authenticate electronic protected health information',
  '164.312(d)': 'Person or entity authentication',
  '164.312(e)(1)': 'Transmission security',
  '164.312(e)(2)(i)': 'Integrity controls',
  '164.312(e)(2)(ii)': 'Encryption',
  '164.316(b)(2)(i)': 'Time limit (retain documentation six years)',
};

/** Compares control ids in regulation order. */
export function compareControls(a: string, b: string): number {
  const keys = Object.keys(CONTROLS);
  const ia = keys.indexOf(a);
  const ib = keys.indexOf(b);
  return (ia === -1 ? keys.length : ia) - (ib === -1 ? keys.length : ib) || a.localeCompare(b);
}

export const AT_REST = ['164.312(a)(2)(iv)', '164.312(e)(2)(ii)'] as const;
export const IN_TRANSIT = ['164.312(a)(2)(iv)', '164.312(e)(1)', '164.312(e)(2)(i)', '164.312(e)(2)(ii)'] as const;
export const NOT_PUBLIC = ['164.308(a)(3)(i)', '164.308(a)(4)(ii)(A)', '164.308(a)(4)(ii)(C)', '164.312(a)(1)', '164.312(e)(1)'] as const;
export const LEAST_PRIVILEGE = [
  '164.308(a)(3)(i)',
  '164.308(a)(3)(ii)(A)',
  '164.308(a)(3)(ii)(B)',
  '164.308(a)(4)(i)',
  '164.308(a)(4)(ii)(A)',
  '164.308(a)(4)(ii)(B)',
  '164.308(a)(4)(ii)(C)',
  '164.312(a)(1)',
] as const;
export const RESTRICTED_NETWORK = [...LEAST_PRIVILEGE, '164.312(e)(1)'] as const;
export const AUDIT_LOGGING = ['164.308(a)(3)(ii)(A)', '164.312(b)'] as const;
export const ACTIVITY_REVIEW = ['164.308(a)(1)(ii)(D)', '164.308(a)(3)(ii)(A)', '164.308(a)(5)(ii)(C)', '164.312(b)'] as const;
export const THREAT_DETECTION = ['164.308(a)(1)(ii)(D)', '164.308(a)(5)(ii)(B)', '164.308(a)(5)(ii)(C)', '164.308(a)(6)(ii)', '164.312(b)'] as const;
export const BACKUP = ['164.308(a)(7)(i)', '164.308(a)(7)(ii)(A)', '164.308(a)(7)(ii)(B)'] as const;
export const AVAILABILITY = ['164.308(a)(7)(i)', '164.308(a)(7)(ii)(C)'] as const;
export const INTEGRITY = ['164.312(c)(1)', '164.312(c)(2)'] as const;
export const RETENTION = ['164.316(b)(2)(i)'] as const;
export const PATCHING = ['164.308(a)(5)(ii)(A)'] as const;
export const AUTHENTICATION = ['164.308(a)(4)(ii)(B)', '164.308(a)(5)(ii)(D)', '164.312(d)'] as const;

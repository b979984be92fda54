// ESLint 9 flat config: typescript-eslint's recommended rules (syntax only, no type information, so
// a full run stays in seconds) plus the import boundaries of DESIGN.md's two halves.
//
// The boundaries are written for the new layout (lib/config, lib/plan, lib/constructs, stacks |
// lib/terraform, lib/analyze, lib/report) and, alongside, for today's layout (lib/network,
// lib/compliance, ...), so they bite before the move and keep biting after it. Paths that match
// nothing are harmless; drop the old ones once the move has landed.
import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const ROOT = import.meta.dirname;

// ---------------------------------------------------------------------------------------------
// The halves. Globs are relative to this file.
// ---------------------------------------------------------------------------------------------

/** Inputs and pure planning (new layout; both folders exist today too). */
const CONFIG_PLAN = ['lib/config/**', 'lib/plan/**'];

/** Constructs and stacks: what turns a plan into resources. */
const CONSTRUCTS = [
  'lib/constructs/**',
  'stacks/**',
  // today's layout
  'lib/{access,audit,baseline,data,detective,network,registry,secrets,security,storage}/**',
  'lib/waivers.ts',
  'lib/context.ts',
];

/** What we build. */
const BUILD = [...CONFIG_PLAN, ...CONSTRUCTS];

/** THE Terraform model: load, index, refs, providers, tags, policies. */
const MODEL = ['lib/terraform/**'];

/** Analyzers on the model (new layout: lib/analyze/{rules,isolation,guard}). */
const ANALYZERS = ['lib/analyze/**', 'lib/compliance/**', 'lib/isolation/**', 'lib/guard/**'];

/** Report and evidence writers. */
const REPORTS = ['lib/report/**'];

/** What we check. */
const CHECK = [...MODEL, ...ANALYZERS, ...REPORTS];

/** Shared leaves: anyone may import them; they import only each other. */
const LEAVES = ['lib/errors.ts', 'lib/errors/**', 'lib/messages.ts', 'lib/text.ts', 'lib/retention.ts', 'lib/cidr.ts', 'lib/suppression.ts'];

/** Drivers: may import both halves; nothing in a half imports them. */
const DRIVERS = ['cli/**', 'bin/**', 'main.ts', 'lib/index.ts', 'lib/check-app.ts', 'scripts/**', '__tests__/**'];

const TS_FILES = ['lib/**/*.ts', 'cli/**/*.ts', 'bin/**/*.ts', 'stacks/**/*.ts', 'scripts/**/*.ts', 'main.ts', '__tests__/**/*.ts'];

// ---------------------------------------------------------------------------------------------
// File-to-file boundaries (import-x/no-restricted-paths resolves each import to a file first, so
// `../compliance/values` and `lib/compliance/values` are the same thing).
// ---------------------------------------------------------------------------------------------

/**
 * One zone per kind of `from` entry: the rule refuses a zone whose `from` mixes globs and plain
 * paths, and `lib/waivers.ts` is a plain path.
 */
function zones(target, from, message) {
  const globs = from.filter((p) => /[*?{}[\]]/.test(p));
  const files = from.filter((p) => !globs.includes(p));
  return [globs, files].filter((f) => f.length > 0).map((f) => ({ target, from: f, message }));
}

const BOUNDARY_ZONES = [
  // 1. BUILD must not import CHECK, nor the drivers.
  ...zones(
    BUILD,
    CHECK,
    'constructs never import analyzers: the build half (config, plan, constructs, stacks) hands Terraform JSON to the check half, never code. ' +
      'Share through a leaf (lib/errors.ts, lib/messages.ts, lib/text.ts, lib/retention.ts, lib/cidr.ts, lib/suppression.ts) or lib/config (regions, partitions).',
  ),
  ...zones(
    BUILD,
    DRIVERS,
    'the build half never imports a driver (cli/, bin/, main.ts, lib/index.ts, lib/check-app.ts, scripts/, __tests__/): drivers import the halves, not the other way round.',
  ),
  // 2. CHECK must not import BUILD (the package half of this rule is in no-restricted-imports below).
  ...zones(
    CHECK,
    BUILD,
    "analyzers never import constructs: checks read only the synthesized Terraform JSON (ours or anyone's), so a check that needs a construct, stack, plan or config " +
      'cannot run on Terraform we did not build. Carry the fact inside the JSON (stack metadata) instead.',
  ),
  ...zones(
    CHECK,
    DRIVERS,
    'the check half never imports a driver (cli/, bin/, main.ts, lib/index.ts, lib/check-app.ts, scripts/, __tests__/): drivers import the halves, not the other way round.',
  ),
  // 3. The model is below the analyzers and the reports.
  ...zones(
    MODEL,
    [...ANALYZERS, ...REPORTS],
    'the Terraform model (lib/terraform) is below the analyzers and reports: it loads, indexes and resolves; it never asks a rule, the isolation proof, the guard or a report.',
  ),
  // 4. Analyzers do not know how they are reported.
  ...zones(ANALYZERS, REPORTS, 'analyzers never import reports: an analyzer returns findings as data; lib/report turns them into Markdown, JSON, SARIF or HTML.'),
  // 5. Config and plan are pure data in, data out.
  ...zones(
    CONFIG_PLAN,
    CONSTRUCTS,
    'config and plan are pure functions (data in, data out, tested without synthesis): they never import a construct or a stack; constructs import the plan.',
  ),
  // Leaves stay leaves, or "anyone may import them" stops being true without a cycle.
  ...zones(
    LEAVES,
    [...BUILD, ...CHECK, ...DRIVERS],
    'a shared leaf (lib/errors.ts, lib/messages.ts, lib/text.ts, lib/retention.ts, lib/cidr.ts, lib/suppression.ts) imports only other leaves: both halves import it, so it can depend on neither.',
  ),
];

// ---------------------------------------------------------------------------------------------
// Package boundaries (no-restricted-imports matches the import string). A flat-config block that
// sets a rule replaces its options from earlier blocks, so each group gets the full list.
// ---------------------------------------------------------------------------------------------

const PROVIDER_ROOT = {
  // 6. Nobody imports the provider's root (or its lib/ barrel): it loads every one of ~1,500 resource classes.
  regex: '^@cdktf/provider-aws(/lib(/index(\\.js)?)?)?/?$',
  message:
    'import the provider deep (`@cdktf/provider-aws/lib/db-instance`), never its root: the root barrel loads every resource class and costs seconds on every synth and test.',
};
const NO_CDKTF_IN_CHECK = {
  regex: '^(cdktf|constructs)(/.*)?$',
  message:
    'analyzers never import constructs: the check half reads Terraform JSON and must run without the CDKTF toolchain; app glue that synthesizes a cdktf App lives in lib/check-app.ts.',
};
const NO_CHILD_PROCESS_IN_CHECK = {
  regex: '^(node:)?child_process$',
  message:
    'the check half is pure over the Terraform model; only lib/terraform/validate.ts (terraform validate) and lib/terraform/load.ts (git show of a previous output) run an external program.',
};
const NO_CDKTF_IN_CONFIG_PLAN = {
  regex: '^(cdktf|constructs|@cdktf/provider-aws)(/.*)?$',
  message: 'config and plan are pure functions (data in, data out, tested without synthesis): no cdktf, constructs or provider classes; constructs turn the plan into resources.',
};

const restrictedImports = (...patterns) => ['error', { patterns }];

export default tseslint.config(
  {
    ignores: ['node_modules/', 'cdktf.out/', '.cdktf.out.*/', 'dist/', 'coverage/', '.gen/', 'bench-results/', 'reports/', '.stryker-tmp/', '**/*.d.ts'],
  },
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },

  // JavaScript files: the launcher and the tool configs are CommonJS on Node.
  {
    files: ['**/*.js', '**/*.cjs'],
    extends: [js.configs.recommended],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
  },
  {
    files: ['**/*.mjs'],
    extends: [js.configs.recommended],
    languageOptions: { sourceType: 'module', globals: { ...globals.node } },
  },

  // TypeScript everywhere: recommended, syntax only.
  {
    files: TS_FILES,
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    plugins: { 'import-x': importX },
    languageOptions: { globals: { ...globals.node } },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.d.ts', '.js', '.json'] })],
    },
    rules: {
      // STYLE.md 20: aws-cdk once shipped `'${x}'` in a user-facing message.
      'no-template-curly-in-string': 'error',
      '@typescript-eslint/no-explicit-any': 'warn',
      // `_unused` is the convention for a parameter kept for a signature (tsc's noUnusedParameters agrees).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
      // A boundary rule that cannot resolve an import would let it through silently; fail closed.
      'import-x/no-unresolved': ['error', { commonjs: true }],
      'import-x/no-restricted-paths': ['error', { basePath: ROOT, zones: BOUNDARY_ZONES }],
      'no-restricted-imports': restrictedImports(PROVIDER_ROOT),
    },
  },
  {
    files: ['lib/**/*.ts'],
    rules: {
      // STYLE.md 20: no `any` in the library's public code.
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    // Tests and their fixtures are full of Terraform interpolations (`'${aws_s3_bucket.b.arn}'`) and
    // IAM policy variables (`'${aws:username}'`) on purpose: ~160 findings, none of them a mistake.
    files: ['__tests__/**/*.ts'],
    rules: { 'no-template-curly-in-string': 'off' },
  },
  {
    files: CHECK,
    rules: { 'no-restricted-imports': restrictedImports(PROVIDER_ROOT, NO_CDKTF_IN_CHECK, NO_CHILD_PROCESS_IN_CHECK) },
  },
  {
    // validate.ts runs terraform validate; load.ts reads a previous output from a git revision
    // (`git show`) for the guard. Both only read: nothing else in the check half runs a program.
    files: ['lib/terraform/validate.ts', 'lib/terraform/load.ts'],
    rules: { 'no-restricted-imports': restrictedImports(PROVIDER_ROOT, NO_CDKTF_IN_CHECK) },
  },
  {
    files: CONFIG_PLAN,
    rules: { 'no-restricted-imports': restrictedImports(NO_CDKTF_IN_CONFIG_PLAN) },
  },
);

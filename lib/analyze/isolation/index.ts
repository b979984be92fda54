/**
 * The tenant isolation proof: a pure library over synthesized Terraform JSON.
 * See docs/isolation.md.
 */
export {
  analyzeIsolation,
  worstVerdict,
  ISOLATION_KINDS,
  type AnalyzeOptions,
  type IsolationCell,
  type IsolationKind,
  type IsolationMatrix,
  type IsolationVerdict,
  type IsolationViolation,
  type PrincipalKind,
} from './analyze';
export { DESIGN_RULES, type AccessEntry, type AccessReview, type DesignRuleId, type ResourceReview, type ReviewVerdict, type TrustEntry } from './access';
export { type SynthesizedStack, TerraformIndex } from '../../terraform/resolve';
export {
  decideAccess,
  evaluateCondition,
  matchStatement,
  readPolicy,
  requestContext,
  substituteVariables,
  SUPPORTED_CONDITION_OPERATORS,
  type AccessDecision,
  type AccessInput,
  type AccessRequest,
  type AccessVerdict,
  type Caller,
  type ConditionEntry,
  type ContextValue,
  type Policy,
  type RequestContext,
  type Statement,
} from '../../terraform/policy';
export { AWS_MANAGED_POLICIES, awsManagedPolicy } from '../../terraform/managed-policies';
export { type Text, type TextPart, type Tri, concat, concrete, hole, matchText, show, text, triAnd, triOr, triNot } from '../../terraform/text';

/**
 * The replacement guard: "lose no data". Compares two synthesized outputs and fails when a
 * database, key, audit bucket, backup vault or other stateful resource would be destroyed or
 * replaced, unless the loss is acknowledged with a reason. See docs/guard.md.
 */
export { compareOutputs, canonicalValue, type AttributeChange, type CompareOptions, type GuardFinding, type GuardFindingKind, type GuardNote, type GuardReport } from './compare';
export { loadOutputDir, loadFromGitRevision, type StackDoc } from './input';
export { selectStackFiles } from '../../terraform/load';
export { loadAcknowledgements, validateAcknowledgements, findAcknowledgement, globToRegExp, DEFAULT_ACKNOWLEDGEMENT_FILES, type Acknowledgement } from './acknowledgements';
export { STATEFUL_RESOURCES, STATEFUL_RESOURCE_TYPES, isStateful, statefulResourcesMarkdown, type ForceNewArgument, type StatefulResourceType } from './stateful';

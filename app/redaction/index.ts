export type {
  Detection,
  EntityType,
  Finding,
  PolicyAction,
  RedactionPolicy,
  RedactionResult,
} from "./types";
export { ENTITY_TYPES } from "./types";
export { DEFAULT_POLICY, parsePolicy } from "./policy";
export { detect } from "./detect";
export { placeholderFor, redact } from "./redact";

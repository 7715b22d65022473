export type EntityType =
  | "EMAIL"
  | "PHONE"
  | "IBAN"
  | "CREDIT_CARD"
  | "IP_ADDRESS"
  | "EMSO"
  | "SI_TAX_ID"
  | "SECRET"
  | "PERSON"
  | "POSTAL_ADDRESS"
  | "DATE_OF_BIRTH";

/**
 * Also the tie-break order when two candidates of equal length and confidence
 * overlap: earlier wins. Validated, checksummed types come before context-only
 * guesses because a passing checksum is stronger evidence than a cue word.
 * DATE_OF_BIRTH (a calendar date after a birth cue) ranks before PHONE: a valid date
 * right after "rojen"/"DOB" is better evidence than a phone-number shape.
 */
export const ENTITY_TYPES: readonly EntityType[] = [
  "SECRET",
  "EMSO",
  "IBAN",
  "CREDIT_CARD",
  "SI_TAX_ID",
  "EMAIL",
  "IP_ADDRESS",
  "DATE_OF_BIRTH",
  "PHONE",
  "POSTAL_ADDRESS",
  "PERSON",
] as const;

export type PolicyAction = "remove" | "mask" | "keep";

export type RedactionPolicy = Record<EntityType, PolicyAction>;

/** A detected entity; offsets are UTF-16 indices into the INPUT text. */
export interface Detection {
  type: EntityType;
  start: number;
  end: number;
  confidence: number;
}

/** A redacted span; offsets point into the OUTPUT text and never carry the value. */
export interface Finding {
  type: EntityType;
  start: number;
  end: number;
}

export interface RedactionResult {
  text: string;
  findings: Finding[];
  counts: Partial<Record<EntityType, number>>;
}

/** A detector finds candidates of one entity family; overlaps are resolved later. */
export type Detector = (text: string) => Detection[];

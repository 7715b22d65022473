import { describeCorpusGate } from "./corpus-gate";

/**
 * Scores the engine on the generated and hand-written corpus. The held-out
 * independent.jsonl is scored separately by independent-corpus.test.ts, so it
 * is named here rather than picked up by a *.jsonl glob.
 */
describeCorpusGate("redaction corpus", ["generated.jsonl", "handwritten.jsonl"], { minCases: 300 });

import { parseOssError } from '@oss-errors/core';
import { comparable, EQUIVALENCE_CASES } from '../../../packages/core/test/equivalence-cases';

// The page side of equivalence.test.ts: the core's equivalence table through the browser build's
// parseOssError (its built-in XML reader), in Chromium.

/** Each case's details as the table holds them (JSON, no `hint`), in the table's order. */
export function parseCases(): Array<Record<string, unknown> | null> {
  return EQUIVALENCE_CASES.map(({ response }) => comparable(parseOssError(response)));
}

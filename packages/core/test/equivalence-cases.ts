import table from './fixtures/equivalence-cases.json';

// The equivalence table: one response per case and the details parseOssError gives for it, as plain data
// (no Node-only import), so that every reading path can be held to the same details: Node's reader and
// the browser build's here (equivalence.test.ts, which also writes the table), a real browser elsewhere.

/** One response and the details expected from every reading path. */
export interface EquivalenceCase {
  /** Where it comes from: a shared fixture's file, a peer vector's id, a variant of the tests, or a generator. */
  readonly name: string;
  readonly response: {
    readonly status: number;
    readonly headers: Readonly<Record<string, string>>;
    readonly body: string;
    readonly method?: string;
  };
  /** The details, as JSON, without `hint` (see {@link comparable}); null when parseOssError returns undefined. */
  readonly expected: Readonly<Record<string, unknown>> | null;
}

/**
 * Every case: each shared fixture and peer vector, the variants and hostile bodies of the tests, hostile
 * fragments injected into fixtures, and generated well-formed and malformed documents.
 *
 * @example
 * for (const { response, expected } of EQUIVALENCE_CASES) assert.deepEqual(comparable(parseOssError(response)), expected);
 */
export const EQUIVALENCE_CASES: readonly EquivalenceCase[] = table as EquivalenceCase[];

/**
 * Details as the table holds them: JSON (undefined becomes null), without the optional `hint`, which one
 * build has and another may leave out.
 *
 * @example
 * expect(comparable(parseOssError(response))).toStrictEqual(expected);
 */
export function comparable(details: object | undefined): Record<string, unknown> | null {
  if (details === undefined) return null;
  const { hint: _, ...rest } = JSON.parse(JSON.stringify(details)) as Record<string, unknown>;
  return rest;
}

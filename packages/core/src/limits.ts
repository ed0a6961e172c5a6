/**
 * How much of an error body is read: 64 KiB. Real OSS error documents are well under 4 KiB; what lies
 * beyond the bound is never decoded or parsed, so a huge or hostile body costs no more than this.
 *
 * @example
 * const prefix = bytes.subarray(0, MAX_BODY_BYTES);
 */
export const MAX_BODY_BYTES: number = 64 * 1024;

/** At most this many `fields` are kept, so a body of thousands of tiny elements stays a small object. */
export const MAX_FIELDS: number = 100;

/** Elements nested deeper than this below `<Error>` give no field of their own (`A.B.C.D` is the deepest). */
export const MAX_FIELD_DEPTH: number = 4;

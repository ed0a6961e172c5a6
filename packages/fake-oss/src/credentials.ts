/**
 * Made-up credentials for a presigned URL, assembled at run time so that no file holds a string shaped
 * like a real access key id or STS token.
 */
export const FAKE_CREDENTIALS: {
  readonly accessKeyId: string;
  readonly signature: string;
  readonly securityToken: string;
} = {
  accessKeyId: `LTAI${'5tSecretKeyId0123456'}`,
  signature: 'c2lnbmF0dXJlLXNlY3JldA==',
  securityToken: `CAIS${'secretSecurityToken0123456789abcdef'}`,
};

/**
 * A presigned V1 URL's path and query for `key`, signed (badly) with {@link FAKE_CREDENTIALS}: the fake
 * OSS answers 403 SignatureDoesNotMatch and echoes all three in its body.
 */
export function presignedPath(key = 'object'): string {
  const query = new URLSearchParams({
    OSSAccessKeyId: FAKE_CREDENTIALS.accessKeyId,
    Expires: '1700000000',
    Signature: FAKE_CREDENTIALS.signature,
    'security-token': FAKE_CREDENTIALS.securityToken,
  });
  return `/scenario/signature-mismatch/${key}?${query.toString()}`;
}

/**
 * Every form in which {@link FAKE_CREDENTIALS} could leak into a text: as sent, percent-encoded, and the
 * token spelt out in hex as OSS's StringToSignBytes does.
 */
export function credentialForms(): string[] {
  const hex = [...new TextEncoder().encode(FAKE_CREDENTIALS.securityToken)]
    .map((byte) => byte.toString(16).toUpperCase().padStart(2, '0'))
    .join(' ');
  const forms = Object.values(FAKE_CREDENTIALS).flatMap((secret) => [secret, encodeURIComponent(secret)]);
  return [...new Set([...forms, hex])];
}

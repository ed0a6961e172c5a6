import { type FakeOss, startFakeOss } from '@oss-errors/fake-oss';
import type { AxiosError } from 'axios';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isOssError, ossErrors } from '../src/index';
import { AXIOS_VERSIONS, NODE_ADAPTERS, recordingClient, rejectionOf } from './helpers';

// A presigned URL with a bad signature: OSS echoes the access key id, the signature and the STS token
// (in StringToSign and its hex dump). None of them may appear in anything we add to the error.

// Made up; assembled at run time so no file holds a string shaped like a real access key id.
const ACCESS_KEY_ID = `LTAI${'5tSecretKeyId0123456'}`;
const SIGNATURE = 'c2lnbmF0dXJlLXNlY3JldA==';
const TOKEN = 'CAISsecretSecurityToken0123456789abcdef';
const SECRETS = [
  ACCESS_KEY_ID,
  SIGNATURE,
  encodeURIComponent(SIGNATURE),
  TOKEN,
  // StringToSignBytes spells the token out in hex.
  [...Buffer.from(TOKEN)].map((byte) => byte.toString(16).toUpperCase().padStart(2, '0')).join(' '),
];

let oss: FakeOss;
beforeAll(async () => {
  oss = await startFakeOss();
});
afterAll(async () => {
  await oss.close();
});

function expectNoSecret(text: string): void {
  for (const secret of SECRETS) expect(text).not.toContain(secret);
}

describe.each(AXIOS_VERSIONS)('axios $version', ({ axios }) => {
  it.each(NODE_ADAPTERS)(
    '%s adapter: oss, the message, the stack and toJSON carry no secret; err.config is untouched',
    async (adapter) => {
      const { client } = recordingClient(axios, { adapter, baseURL: oss.origin });
      client.interceptors.response.use(...ossErrors({ warn: false }));
      const params = {
        OSSAccessKeyId: ACCESS_KEY_ID,
        Expires: '1700000000',
        Signature: SIGNATURE,
        'security-token': TOKEN,
      };
      const err = (await rejectionOf(
        client.get('/scenario/signature-mismatch/photos/cat.jpg', { params }),
      )) as AxiosError;
      expect(isOssError(err)).toBe(true);
      if (!isOssError(err)) return;
      // The body did carry them: the details say so, masked.
      expect(err.oss.code).toBe('SignatureDoesNotMatch');
      expect(err.oss.fields.SignatureProvided).toBe('****');
      expect(err.oss.fields.OSSAccessKeyId).toBe('LTAI5tSe****');
      expect(err.oss.fields.StringToSign).toContain('security-token=****');
      expect(err.oss.url).toContain('Signature=****');
      expect(err.oss.url).toContain('/scenario/signature-mismatch/photos/cat.jpg?');

      expectNoSecret(JSON.stringify(err.oss));
      expectNoSecret(err.message);
      expectNoSecret(String(err.stack));
      // toJSON() is axios's, masked: the request config is there, with its credentials masked.
      const json = err.toJSON() as { config?: { params?: Record<string, string> }; oss?: unknown };
      expectNoSecret(JSON.stringify(json));
      expect(json.config?.params).toStrictEqual({
        OSSAccessKeyId: 'LTAI5tSe****',
        Expires: '1700000000',
        Signature: '****',
        'security-token': '****',
      });
      expect(json).toHaveProperty('oss');
      // What code reads is untouched.
      expect(err.config?.params).toStrictEqual(params);
    },
  );
});

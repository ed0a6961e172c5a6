import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeOss, startFakeOss } from '../src/index';
import {
  CAUSE_AS_IS,
  findLeaks,
  LEAK_CASE_NAMES,
  leakCase,
  leakCaseAt,
  leakCaseForm,
  leakCaseUrl,
  logOutputs,
  STACK_AS_IS,
  secretForms,
} from '../src/leaks';

let oss: FakeOss;
beforeAll(async () => {
  oss = await startFakeOss();
});
afterAll(async () => {
  await oss.close();
});

/** Bytes as StringToSignBytes spells them: upper-case hex pairs, spaced. */
function hexSpaced(text: string): string {
  return Array.from(Buffer.from(text, 'utf8'), (byte) =>
    byte.toString(16).toUpperCase().padStart(2, '0'),
  ).join(' ');
}

/** The text of each element of an `<Error>` document (enough for these flat documents). */
function elements(xml: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const [, name, text] of xml.matchAll(/<(\w+)>([^<]*)<\/\1>/g))
    found[name!] = text!.replaceAll('&amp;', '&');
  return found;
}

describe('signature-echo scenario', () => {
  it.each(LEAK_CASE_NAMES)(
    '%s: 403 SignatureDoesNotMatch echoing the credentials the way OSS does',
    async (name) => {
      const request = leakCase(name);
      const form = leakCaseForm(request);
      const response = await fetch(oss.origin + request.path, {
        method: request.method,
        headers: request.headers,
        ...(form === undefined ? {} : { body: form }),
      });
      expect(response.status).toBe(403);
      const echoed = elements(await response.text());
      expect(echoed.Code).toBe('SignatureDoesNotMatch');
      const value = (label: string) => request.secrets.find((secret) => secret.label.endsWith(label))!.value;
      expect(echoed.SignatureProvided).toBe(value('signature'));
      expect(echoed.OSSAccessKeyId ?? echoed.AWSAccessKeyId).toBe(value('access key id'));
      const stringToSign = echoed.StringToSign!;
      expect(echoed.StringToSignBytes).toBe(hexSpaced(stringToSign));
      // Everything the request signed but the signature: its token and callback values in particular.
      const signed = `${stringToSign}\n${echoed.CanonicalRequest ?? ''}`;
      for (const label of ['security token', 'callback', 'callback-var']) {
        const secret = request.secrets.find((candidate) => candidate.label === label);
        if (secret !== undefined && request.form === undefined) {
          expect(
            signed.includes(secret.value) || signed.includes(encodeURIComponent(secret.value)),
            label,
          ).toBe(true);
        }
      }
      if (name.startsWith('V4') || name.startsWith('S3'))
        expect(echoed.CanonicalRequest).toContain('UNSIGNED-PAYLOAD');
      if (name.startsWith('S3'))
        expect(echoed.CanonicalRequestBytes).toBe(hexSpaced(echoed.CanonicalRequest!));
      // A PostObject's StringToSign is its policy.
      if (request.form !== undefined) expect(stringToSign).toBe(request.form.policy);
    },
  );
});

describe('leak helpers', () => {
  it('every case plants fresh, distinct credentials', () => {
    for (const name of LEAK_CASE_NAMES) {
      const [first, second] = [leakCase(name), leakCase(name)];
      expect(first.secrets.length).toBeGreaterThan(1);
      for (const [i, secret] of first.secrets.entries())
        expect(secret.value).not.toBe(second.secrets[i]!.value);
      expect(new Set(first.secrets.map((secret) => secret.value)).size).toBe(first.secrets.length);
    }
  });

  it('findLeaks finds a credential as it is, URL-encoded, base64, hex, and cut short at either end', () => {
    const secret = { label: 'token', value: 'CAISab+cd/ef=0123456789XYZ' };
    const forms = secretForms(secret.value);
    expect(forms).toHaveLength(6);
    for (const form of [
      ...forms,
      secret.value.slice(0, 14),
      secret.value.slice(-14),
      forms[4]!.toLowerCase(),
    ]) {
      expect(findLeaks({ out: `before ${form} after` }, [secret]), form).not.toStrictEqual([]);
    }
    expect(findLeaks({ out: 'CAISab+c**** and ****' }, [secret])).toStrictEqual([]);
  });

  it('leakCaseAt keeps the query; leakCaseUrl puts user info in the URL', () => {
    const request = leakCase('Cookie, Proxy-Authorization and URL user info');
    const moved = leakCaseAt(request, '/scenario/callback-failed');
    expect(moved.path).toBe(`/scenario/callback-failed${request.path.slice(request.path.indexOf('?'))}`);
    expect(new URL(leakCaseUrl(oss.origin, request)).password).toBe(request.userInfo!.password);
  });

  it('logOutputs renders all twenty outputs, pino and winston included', async () => {
    const error = Object.assign(new Error('boom'), { code: 'E_TEST' });
    const outputs = await logOutputs(error);
    expect(Object.keys(outputs)).toHaveLength(20);
    for (const [name, text] of Object.entries(outputs)) {
      // A plain Error has no toJSON, no oss, and JSON.stringify skips its non-enumerable message.
      if (!['err.oss', 'toJSON()', 'JSON.stringify(err)'].includes(name))
        expect(text, name).toContain('boom');
    }
    expect(outputs['pino() logger.error(err), logger.info({ error })']).toContain('"code":"E_TEST"');
    // The outputs the leak tests set apart are among them, by name.
    for (const name of [...STACK_AS_IS, ...CAUSE_AS_IS]) expect(Object.keys(outputs)).toContain(name);
    expect(JSON.parse(outputs['pino logger.error(err)']!).err.code).toBe('E_TEST');
    expect(JSON.parse(outputs['winston logger.error(err)']!).code).toBe('E_TEST');
  });
});

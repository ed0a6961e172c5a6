import { type OssErrorDetails, parseOssError } from '@oss-errors/core';
import { loadOssFixtures } from '@oss-errors/fake-oss';
import { describe, expect, it } from 'vitest';

// Every shared sample (../../fake-oss/fixtures/oss-errors, provenance in SOURCES.md there), answered with
// the status, method and headers its source recorded, and every field we expect from it.
const EXPECTED: Record<string, OssErrorDetails | undefined> = {
  'AccessDenied.browser-injected-script.xml': {
    status: 403,
    code: 'AccessDenied',
    message: 'You have no right to access this object because of bucket acl.',
    requestId: '**********************',
    hostId: '****************',
    fields: {
      script: "isExtension=true;console.log('extMode');var AC_xhrCallBack = {};",
    },
    source: 'body',
    fault: 'client',
    retryable: false,
    method: 'GET',
  },
  'AccessDenied.doc-xmlns-whitespace.xml': {
    status: 403,
    code: 'AccessDenied',
    message: 'Query-string authentication requires the Signature, Expires and OSSAccessKeyId parameters',
    requestId: '1D842BC54255****',
    hostId: 'oss-cn-hangzhou.aliyuncs.com',
    fields: {},
    source: 'body',
    fault: 'client',
    retryable: false,
    method: 'GET',
  },
  'AccessDenied.go-v2.xml': {
    status: 403,
    code: 'AccessDenied',
    message: 'AccessDenied',
    requestId: '568D5566F2D0F89F5C0E****',
    hostId: 'test.oss.aliyuncs.com',
    fields: {},
    source: 'body',
    fault: 'client',
    retryable: false,
    method: 'GET',
  },
  'AccessDenied.wrong-endpoint.partial.xml': {
    status: 403,
    code: 'AccessDenied',
    message:
      'The bucket you are attempting to access must be addressed using the specified endpoint. Please send all future requests to this endpoint.',
    fields: {
      Bucket: 'simiao-images-assets',
      Endpoint: 'oss-cn-beijing.aliyuncs.com',
    },
    source: 'body',
    fault: 'client',
    retryable: false,
    method: 'GET',
  },
  'ArchiveRestoreNotFinished.xml': {
    status: 409,
    code: 'ArchiveRestoreNotFinished',
    message: "The archive file's restore is not finished.",
    requestId: '672C880CDF727138392C****',
    hostId: 'bucket.oss-cn-hangzhou.aliyuncs.com',
    ec: '0016-00000719',
    recommendDoc: 'https://api.aliyun.com/troubleshoot?q=0016-00000719',
    fields: {},
    source: 'body',
    fault: 'client',
    retryable: false,
    method: 'POST',
  },
  'BadRequestException.json-v2-x-oss-error-type.json': {
    status: 400,
    code: 'BadRequestException',
    message: 'Invalid table bucket operation.',
    requestId: 'id-1234',
    fields: {},
    source: 'body',
    fault: 'client',
    retryable: false,
    method: 'PUT',
  },
  'BucketAlreadyExists.xml': {
    status: 409,
    code: 'BucketAlreadyExists',
    message:
      'The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.',
    requestId: '6548A043CA31D****',
    ec: '0015-00000104',
    recommendDoc: 'https://api.aliyun.com/troubleshoot?q=0015-00000104',
    fields: {},
    source: 'body',
    fault: 'client',
    retryable: false,
    method: 'PUT',
  },
  'BucketNotEmpty.xml': {
    status: 409,
    code: 'BucketNotEmpty',
    message: 'The bucket has objects. Please delete them first.',
    requestId: '5C3D8D2A0ACA54D87B43****',
    hostId: 'test.oss-cn-hangzhou.aliyuncs.com',
    ec: '0015-00000301',
    recommendDoc: 'https://api.aliyun.com/troubleshoot?q=0015-00000301',
    fields: {
      BucketName: 'test',
    },
    source: 'body',
    fault: 'client',
    retryable: false,
    method: 'DELETE',
  },
  'CallbackFailed.203.xml': {
    status: 203,
    code: 'CallbackFailed',
    message: 'Error status : 301.',
    requestId: '5C3D9175B6FC201293AD****',
    hostId: 'bucket.oss-cn-hangzhou.aliyuncs.com',
    ec: '0007-00000203',
    recommendDoc: 'https://api.aliyun.com/troubleshoot?q=0007-00000203',
    fields: {},
    source: 'body',
    fault: 'client',
    retryable: false,
    method: 'PUT',
  },
  'Gateway-Tengine-400.no-body.headers.txt': undefined,
  'InvalidAccessKeyId.xml': {
    status: 403,
    code: 'InvalidAccessKeyId',
    message: 'The OSS Access Key Id you provided does not exist in our records.',
    requestId: 'id-1234',
    hostId: 'oss-cn-hangzhou.aliyuncs.com',
    ec: '0002-00000902',
    recommendDoc: 'https://api.aliyun.com/troubleshoot?q=0002-00000902',
    fields: {
      OSSAccessKeyId: '****',
    },
    source: 'body',
    fault: 'client',
    retryable: false,
    method: 'GET',
  },
  'InvalidArgument.ArgumentName.xml': {
    status: 400,
    code: 'InvalidArgument',
    message: 'no such bucket access control exists',
    requestId: '5C3D9175B6FC201293AD****',
    hostId: '***-test.example.com',
    fields: {
      ArgumentName: 'x-oss-acl',
      ArgumentValue: 'error-acl',
    },
    source: 'body',
    fault: 'client',
    retryable: false,
    method: 'PUT',
  },
  'InvalidRange.xml': {
    status: 400,
    code: 'InvalidRange',
    message:
      'The split range is invalid. The non-negative value should be from 0 to total_splits - 1. Its semantics is same as the value in Http Range header.Actual split range is 90-109.',
    requestId: '65698FC48B404DFCB581CC8F',
    hostId: 'demo-walker-6961.oss-cn-hangzhou.aliyuncs.com',
    ec: '0016-00000817',
    recommendDoc: 'https://api.aliyun.com/troubleshoot?q=0016-00000817',
    fields: {},
    source: 'body',
    fault: 'client',
    retryable: false,
    method: 'POST',
  },
  'InvalidRequest.xml': {
    status: 400,
    code: 'InvalidRequest',
    message:
      'Found mixed CreatedBeforeDate and Days based Expiration and Transition for StorageClass IA actions',
    requestId: '534B371674E88A4D8906****',
    hostId: 'oss.oss-cn-hangzhou.aliyuncs.com',
    ec: '0014-00000080',
    recommendDoc: 'https://api.aliyun.com/troubleshoot?q=0014-00000080',
    fields: {},
    source: 'body',
    fault: 'client',
    retryable: false,
    method: 'PUT',
  },
  'InvalidTargetType.x-oss-err-decoded.xml': {
    status: 400,
    code: 'InvalidTargetType',
    message: "The symbolic's target file type is invalid",
    requestId: '6556FF5BD11E5536368607E8',
    hostId: 'demo-walker-6961.oss-cn-hangzhou.aliyuncs.com',
    ec: '0026-00000011',
    recommendDoc: 'https://api.aliyun.com/troubleshoot?q=0026-00000011',
    fields: {},
    source: 'x-oss-err',
    fault: 'client',
    retryable: false,
    method: 'HEAD',
  },
  'MalformedXML.ErrorDetail.xml': {
    status: 400,
    code: 'MalformedXML',
    message: 'The XML you provided was not well-formed or did not validate against our published schema.',
    requestId: '6555AC764311A73931E0****',
    hostId: 'bucket.oss-cn-hangzhou.aliyuncs.com',
    ec: '0016-00000608',
    recommendDoc: 'https://api.aliyun.com/troubleshoot?q=0016-00000608',
    fields: {
      ErrorDetail: 'the root node is not named Delete.',
    },
    source: 'body',
    fault: 'client',
    retryable: false,
    method: 'POST',
  },
  'MalformedXML.doc-xmlns.xml': {
    status: 400,
    code: 'MalformedXML',
    message: 'The XML you provided was not well-formed or did not validate against our published schema.',
    requestId: '57ABD896CCB80C366955****',
    hostId: 'oss-cn-hangzhou.aliyuncs.com',
    ec: '0031-00000001',
    recommendDoc: 'https://api.aliyun.com/troubleshoot?q=0031-00000001',
    fields: {},
    source: 'body',
    fault: 'client',
    retryable: false,
    method: 'PUT',
  },
  'MethodNotAllowed.legacy-doc.xml': {
    status: 405,
    code: 'MethodNotAllowed',
    message: 'The specified method is not allowed against this resource.',
    requestId: '2403382433A2EDA8',
    hostId: 'storage.aliyun.com',
    fields: {
      ResourceType: 'BUCKET',
      Method: 'abc',
    },
    source: 'body',
    fault: 'client',
    retryable: false,
    method: 'GET',
  },
  'MissingArgument.doc.xml': {
    status: 400,
    code: 'MissingArgument',
    message: 'Missing Some Required Arguments.',
    requestId: '57ABD896CCB80C366955****',
    hostId: 'oss-example.oss-cn-hangzhou.aliyuncs.com',
    ec: '0016-00000502',
    recommendDoc: 'https://api.aliyun.com/troubleshoot?q=0016-00000502',
    fields: {},
    source: 'body',
    fault: 'client',
    retryable: false,
    method: 'GET',
  },
  'NoSuchBucket.json-variant.json': {
    status: 404,
    code: 'NoSuchBucket',
    message: 'The specified bucket does not exist.',
    requestId: '5C3D9175B6FC201293AD****',
    hostId: 'test.oss-cn-hangzhou.aliyuncs.com',
    ec: '0015-00000101',
    recommendDoc: 'https://api.aliyun.com/troubleshoot?q=0015-00000101',
    fields: {
      BucketName: 'test',
    },
    source: 'body',
    fault: 'client',
    retryable: false,
    method: 'GET',
  },
  'NoSuchBucket.xml': {
    status: 404,
    code: 'NoSuchBucket',
    message: 'The specified bucket does not exist.',
    requestId: '5C3D9175B6FC201293AD****',
    hostId: 'test.oss-cn-hangzhou.aliyuncs.com',
    ec: '0015-00000101',
    recommendDoc: 'https://api.aliyun.com/troubleshoot?q=0015-00000101',
    fields: {
      BucketName: 'test',
    },
    source: 'body',
    fault: 'client',
    retryable: false,
    method: 'GET',
  },
  'NoSuchKey.HEAD-404.headers.txt': {
    status: 404,
    code: 'NoSuchKey',
    message: 'The specified key does not exist.',
    requestId: '6556E3AED11E553933CCDEDF',
    hostId: 'demo-walker-6961.oss-cn-hangzhou.aliyuncs.com',
    ec: '0026-00000001',
    recommendDoc: 'https://api.aliyun.com/troubleshoot?q=0026-00000001',
    fields: {
      Key: 'walker2asdasdasd.txt',
    },
    source: 'x-oss-err',
    fault: 'client',
    retryable: false,
    method: 'HEAD',
  },
  'NoSuchKey.go-v2-restore.xml': {
    status: 404,
    code: 'NoSuchKey',
    message: 'The specified key does not exist.',
    requestId: '6557176CD11E5535303C****',
    hostId: 'bucket.oss-cn-hangzhou.aliyuncs.com',
    ec: '0026-00000001',
    recommendDoc: 'https://api.aliyun.com/troubleshoot?q=0026-00000001',
    fields: {
      Key: 'walker-not-.txt',
    },
    source: 'body',
    fault: 'client',
    retryable: false,
    method: 'POST',
  },
  'NoSuchKey.real-opendal.xml': {
    status: 404,
    code: 'NoSuchKey',
    message: 'The specified key does not exist.',
    requestId: '636BA0A2B7A5733230845ECC',
    hostId: 'query-storage-aqua.oss-cn-beijing-internal.aliyuncs.com',
    fields: {
      Key: 'tn71gyrdg/_res/54ca0610-5e6b-4bf0-b1ae-a6f656f67ecc/_t/meta_v1.json',
    },
    source: 'body',
    fault: 'client',
    retryable: false,
    method: 'GET',
  },
  'NoSuchLifecycle.xml': {
    status: 404,
    code: 'NoSuchLifecycle',
    message: 'No Row found in Lifecycle Table.',
    requestId: '534B371674E88A4D8906****',
    hostId: 'BucketName.oss.example.com',
    fields: {
      BucketName: 'oss-example',
    },
    source: 'body',
    fault: 'client',
    retryable: false,
    method: 'GET',
  },
  'OperationNotSupported.Detail.xml': {
    status: 400,
    code: 'OperationNotSupported',
    message: 'The operation is not supported for this resource',
    requestId: '6555AC764311A73931E0****',
    hostId: 'bucket.oss-cn-hangzhou.aliyuncs.com',
    ec: '0016-00000702',
    recommendDoc: 'https://api.aliyun.com/troubleshoot?q=0016-00000702',
    fields: {
      Detail: 'RestoreObject operation does not support this object storage class',
    },
    source: 'body',
    fault: 'client',
    retryable: false,
    method: 'POST',
  },
  'PositionNotEqualToLength.xml': {
    status: 409,
    code: 'PositionNotEqualToLength',
    message: 'Position is not equal to file length',
    requestId: '5C3D8D2A0ACA54D87B43****',
    hostId: 'demo-walker-6961.oss-cn-hangzhou.aliyuncs.com',
    ec: '0026-00000016',
    recommendDoc: 'https://api.aliyun.com/troubleshoot?q=0026-00000016',
    fields: {},
    source: 'body',
    fault: 'client',
    retryable: false,
    method: 'POST',
  },
  'RequestTimeTooSkewed.real-android.xml': {
    status: 403,
    code: 'RequestTimeTooSkewed',
    message: 'The difference between the request time and the current time is too large.',
    requestId: '5C9F6CBDB007B7575C5395BA',
    hostId: 'yw2018.oss-cn-hangzhou.aliyuncs.com',
    fields: {
      MaxAllowedSkewMilliseconds: '900000',
      RequestTime: '1970-01-01T12:52:35.000Z',
      ServerTime: '2019-03-30T13:18:53.000Z',
    },
    source: 'body',
    fault: 'client',
    retryable: true,
    method: 'GET',
    serverTime: '2019-03-30T13:18:53.000Z',
    clockSkewMs: -1553905578000,
  },
  'RequestTimeTooSkewed.rust-test.xml': {
    status: 403,
    code: 'RequestTimeTooSkewed',
    message: 'bar',
    requestId: '63145DB90BFD85303279D56B',
    hostId: 'honglei123.oss-cn-shanghai.aliyuncs.com',
    fields: {
      MaxAllowedSkewMilliseconds: '900000',
      RequestTime: '2022-09-04T07:11:33.000Z',
      ServerTime: '2022-09-04T08:11:37.000Z',
    },
    source: 'body',
    fault: 'client',
    retryable: true,
    method: 'GET',
    serverTime: '2022-09-04T08:11:37.000Z',
    clockSkewMs: -3604000,
  },
  'RestoreAlreadyInProgress.xml': {
    status: 409,
    code: 'RestoreAlreadyInProgress',
    message: 'The restore operation is in progress.',
    requestId: '6556FF5BD11E55363686****',
    hostId: '10.101.XX.XX',
    ec: '0026-00000011',
    recommendDoc: 'https://api.aliyun.com/troubleshoot?q=0026-00000011',
    fields: {},
    source: 'body',
    fault: 'client',
    retryable: false,
    method: 'POST',
  },
  'ServiceFail.500.xml': {
    status: 500,
    code: 'ServiceFail',
    message: 'Service in unreachable.',
    requestId: '65467C42E001B4333337****',
    ec: '0002-00000040',
    recommendDoc: 'https://api.aliyun.com/troubleshoot?q=0002-00000040',
    fields: {},
    source: 'body',
    fault: 'server',
    retryable: true,
    method: 'PUT',
  },
  'SignatureDoesNotMatch.doc-0002-00000040.xml': {
    status: 403,
    code: 'SignatureDoesNotMatch',
    message:
      'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
    requestId: '646DCB189AE2D1333018****',
    hostId: 'bucket.oss-cn-hangzhou.aliyuncs.com',
    ec: '0002-00000040',
    recommendDoc: 'https://api.aliyun.com/troubleshoot?q=0002-00000040',
    fields: {
      // Already masked in the sample (`LTAI********`): masking is idempotent, so it stays as it is.
      OSSAccessKeyId: 'LTAI********',
      SignatureProvided: '****',
      StringToSign: 'PUT\\n\\n\\nTue, 23 May 2023 15:24:55 GMT\\n/bucket/?acl',
      StringToSignBytes:
        '50 55 54 0A 0A 0A 54 75 65 2C 20 32 33 20 4D 61 79 20 32 30 32 33 20 31 35 3A 32 34 3A 35 35 20 47 4D 54 0A 2F 64 69 6E 61 72 79 2F 3F 61 63 6C',
    },
    source: 'body',
    fault: 'client',
    retryable: false,
    method: 'PUT',
  },
  'SignatureDoesNotMatch.go-v2-mock.xml': {
    status: 403,
    code: 'SignatureDoesNotMatch',
    message:
      'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
    requestId: '65467C42E001B4333337****',
    ec: '0002-00000040',
    recommendDoc: 'https://api.aliyun.com/troubleshoot?q=0002-00000040',
    fields: {
      SignatureProvided: '****',
    },
    source: 'body',
    fault: 'client',
    retryable: false,
    method: 'PUT',
  },
  'SignatureDoesNotMatch.s3-compat-AWSAccessKeyId.xml': {
    status: 403,
    code: 'SignatureDoesNotMatch',
    message:
      'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
    requestId: '65DA19AE09E59839308E9C36',
    hostId: 'testexample.oss-cn-hangzhou.aliyuncs.com',
    ec: '0002-00000307',
    recommendDoc: 'https://api.aliyun.com/troubleshoot?q=0002-00000307',
    fields: {
      AWSAccessKeyId: 'LTAI5tRU****',
      SignatureProvided: '****',
      StringToSign:
        'GET 1708795817 /testexample/testexample/share/data/2024/02/25/7316ceba652e43159ecfa9f69d634672.webp',
      StringToSignBytes:
        '47 45 54 0A 0A 0A 31 37 30 38 37 39 35 38 31 37 0A 2F 66 69 6C 65 62 6F 78 2D 77 6F 6F 6C 69 6F 2F 66 69 6C 65 62 6F 78 2D 77 6F 6F 6C 69 6F 2F 73 68 61 72 65 2F 64 61 74 61 2F 32 30 32 34 2F 30 32 2F 32 35 2F 37 33 31 36 63 65 62 61 36 35 32 65 34 33 31 35 39 65 63 66 61 39 66 36 39 64 36 33 34 36 37 32 2E 77 65 62 70',
    },
    source: 'body',
    fault: 'client',
    retryable: false,
    method: 'GET',
  },
  'TooManyCnameToken.no-prolog.xml': {
    status: 400,
    code: 'TooManyCnameToken',
    message: 'You have attempted to create more cname token than allowed.',
    requestId: '6215FD21DA0E27393F004E9E',
    hostId: '127.0.0.1',
    fields: {
      Bucket: 'bucket',
    },
    source: 'body',
    fault: 'client',
    retryable: false,
    method: 'POST',
  },
  'UserDisable.xml': {
    status: 403,
    code: 'UserDisable',
    message: 'UserDisable',
    requestId: '5C3D8D2A0ACA54D87B43****',
    hostId: 'test.oss-cn-hangzhou.aliyuncs.com',
    ec: '0003-00000801',
    recommendDoc: 'https://api.aliyun.com/troubleshoot?q=0003-00000801',
    fields: {
      BucketName: 'test',
    },
    source: 'body',
    fault: 'client',
    retryable: false,
    method: 'GET',
  },
};

describe('parseOssError over every shared OSS sample', () => {
  const fixtures = loadOssFixtures();

  it('has an expectation for every sample and no other', () => {
    expect(fixtures.map((f) => f.name).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(fixtures.map((f) => [f.name, f] as const))('%s', (name, fixture) => {
    const details = parseOssError({
      status: fixture.status,
      headers: fixture.headers,
      body: fixture.body,
      method: fixture.method,
    });
    // Each sample's `hint` is asserted in hints.test.ts.
    const { hint: _hint, ...withoutHint } = details ?? {};
    expect(details && withoutHint).toStrictEqual(EXPECTED[name]);
    if (details !== undefined) {
      // Plain and extensible (pino tags what it logs; see parse.ts), fields plain data of their own.
      expect(Object.getPrototypeOf(details)).toBe(Object.prototype);
      expect(Object.getPrototypeOf(details.fields)).toBe(Object.prototype);
      expect(Object.isExtensible(details) && Object.isExtensible(details.fields)).toBe(true);
      expect(JSON.parse(JSON.stringify(details))).toStrictEqual(details);
    }
  });

  it('reads a sample the same whether the body is a string, a Uint8Array or an ArrayBuffer', () => {
    for (const fixture of fixtures) {
      const bytes = new TextEncoder().encode(fixture.body);
      const input = { status: fixture.status, headers: fixture.headers, method: fixture.method };
      const fromString = parseOssError({ ...input, body: fixture.body });
      expect(parseOssError({ ...input, body: bytes })).toStrictEqual(fromString);
      expect(parseOssError({ ...input, body: bytes.slice().buffer })).toStrictEqual(fromString);
    }
  });

  it('reads a sample the same with headers as a Headers object or with upper-case names', () => {
    for (const fixture of fixtures) {
      const upper = Object.fromEntries(Object.entries(fixture.headers).map(([k, v]) => [k.toUpperCase(), v]));
      const input = { status: fixture.status, body: fixture.body, method: fixture.method };
      const fromRecord = parseOssError({ ...input, headers: fixture.headers });
      expect(parseOssError({ ...input, headers: new Headers(fixture.headers) })).toStrictEqual(fromRecord);
      expect(parseOssError({ ...input, headers: upper })).toStrictEqual(fromRecord);
    }
  });
});

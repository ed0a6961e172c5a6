export { credentialForms, FAKE_CREDENTIALS, presignedPath } from './credentials';
export type { OssFixture, PeerVector } from './fixtures';
export { loadOssFixtures, loadPeerVectors, readOssFixtureFile } from './fixtures';
export type { CorsRule, FakeOss, RecordedRequest } from './server';
export { CALLBACK_FAILED_REQUEST_ID, endlessBody, NON_ASCII_ERROR, startFakeOss } from './server';

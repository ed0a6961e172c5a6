export type { OssFixture, PeerVector } from './fixtures';
export { loadOssFixtures, loadPeerVectors, readOssFixtureFile } from './fixtures';
export type { FakeOss, RecordedRequest } from './server';
export { endlessBody, NON_ASCII_ERROR, startFakeOss } from './server';

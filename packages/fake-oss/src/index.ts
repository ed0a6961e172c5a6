export type { OssFixture, PeerVector } from './fixtures';
export { loadOssFixtures, loadPeerVectors, readOssFixtureFile } from './fixtures';

// The fake OSS server (packages/fake-oss), alone in this process. It tells the parent its origin.
import { startFakeOss } from '@oss-errors/fake-oss';

const oss = await startFakeOss();
// fake-oss records every request for the tests; a benchmark sends hundreds of thousands, so forget them
// every second instead of letting the log grow (and the server's GC work with it) as the run goes on.
setInterval(() => {
  oss.requests.length = 0;
}, 1000).unref();

// The soak asks how many connections are open once its requests have settled.
process.on('message', (message) => {
  if (message === 'open-sockets') process.send({ openSockets: oss.openSockets() });
});
process.on('SIGTERM', () => {
  oss.close().finally(() => process.exit(0));
});
process.on('disconnect', () => {
  oss.close().finally(() => process.exit(0));
});
process.send({ origin: oss.origin });

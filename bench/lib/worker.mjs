// The child side of lib/child.mjs: progress lines and the one result travel over the IPC channel.

export function say(message) {
  process.send?.({ progress: message });
}

/** Runs `main`, sends what it returns as the result, and exits (open keep-alive sockets must not hold it). */
export function runMain(main) {
  main().then(
    (result) => process.send({ result }, () => process.exit(0)),
    (error) => process.send({ error: error?.stack ?? String(error) }, () => process.exit(1)),
  );
}

/** Calls `fn` again and again for `ms` milliseconds (warm-up: lets the JIT settle before anything counts). */
export async function forDuration(ms, fn) {
  const end = performance.now() + ms;
  while (performance.now() < end) await fn();
}

/** `count` requests, `parallel` at a time: requests per second, and the client's CPU µs per request. */
export async function burst(request, count, parallel) {
  let started = 0;
  const worker = async () => {
    while (started < count) {
      started++;
      await request();
    }
  };
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  await Promise.all(Array.from({ length: parallel }, worker));
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const used = process.cpuUsage(cpu);
  return { rps: count / seconds, cpuUs: (used.user + used.system) / count };
}

// Progress goes to stderr, so stdout carries only the table (`pnpm bench > table.md` works).
const started = Date.now();

export function progress(message) {
  const seconds = ((Date.now() - started) / 1000).toFixed(1).padStart(6);
  process.stderr.write(`[bench ${seconds}s] ${message}\n`);
}

// Timing loop shared by the Node runners of bench/compare (the same protocol as common.py):
// `node RUNNER DIR SIZE SECONDS [--no-schema]` prints one JSON line {impl, size, messages, passes, best_rate,
// median_rate, note}. Every message is verified once first (warm-up, and each must succeed),
// then passes over all of them run until SECONDS have gone by (at least 3); best_rate is
// messages/s of the fastest pass.
import { readFileSync } from "node:fs";
import { join } from "node:path";

export function args() {
  const rest = process.argv.slice(5);
  if (process.argv.length < 5 || !(rest.length === 0 || (rest.length === 1 && rest[0] === "--no-schema"))) {
    console.error(`usage: node ${process.argv[1]} DIR SIZE SECONDS [--no-schema]`);
    process.exit(2);
  }
  const [dir, size, seconds] = process.argv.slice(2, 5);
  return { dir, size, seconds: Number(seconds), noSchema: rest.length === 1 };
}

export function messages(dir, size) {
  return readFileSync(join(dir, `messages-${size}.ndjson`), "utf8")
    .split("\n")
    .filter((l) => l.length > 0);
}

/** `verify(message)` may return a promise (jose is asynchronous); it is awaited. */
export async function run(name, verify, note = "") {
  const { dir, size, seconds } = args();
  const msgs = messages(dir, size);
  for (const m of msgs) await verify(m);
  const rates = [];
  const deadline = performance.now() + seconds * 1000;
  while (rates.length < 3 || performance.now() < deadline) {
    const t0 = performance.now();
    for (const m of msgs) await verify(m);
    rates.push(msgs.length / ((performance.now() - t0) / 1000));
  }
  const sorted = [...rates].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  console.log(
    JSON.stringify({
      impl: name,
      size,
      messages: msgs.length,
      passes: rates.length,
      best_rate: sorted[sorted.length - 1],
      median_rate: median,
      note,
    }),
  );
}

export function skip(name, size, why) {
  console.log(JSON.stringify({ impl: name, size, skipped: why }));
}

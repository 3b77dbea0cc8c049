// Bare argon2id verifications per second, in a process of its own: the same package and parameters as
// PasswordService, `concurrency` verifications in flight (one per core), for a bounded time, with libuv's
// worker threads at the same nice value as the API gives them.
//
//   node bench/lib/argon2-baseline.mts <seconds> <concurrency> <memoryKib> <timeCost> <niceness>
import argon2 from 'argon2';
import { readdirSync, readFileSync } from 'node:fs';
import { setPriority } from 'node:os';

const [seconds, concurrency, memoryCost, timeCost, niceness] = process.argv.slice(2).map(Number);
const hash = await argon2.hash('bench passphrase of bench-main', { type: argon2.argon2id, memoryCost, timeCost, parallelism: 1 });
await argon2.verify(hash, 'warm up');
for (const tid of readdirSync('/proc/self/task')) {
  if (readFileSync(`/proc/self/task/${tid}/comm`, 'utf8').trim() === 'libuv-worker') setPriority(Number(tid), niceness);
}
const started = performance.now();
const deadline = started + seconds * 1000;
let verifications = 0;
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (performance.now() < deadline) {
      if (!(await argon2.verify(hash, 'bench passphrase of bench-main'))) throw new Error('verification failed');
      verifications++;
    }
  }),
);
process.stdout.write(JSON.stringify({ verifications, seconds: (performance.now() - started) / 1000 }) + '\n');

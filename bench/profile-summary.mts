// Summarises a V8 CPU profile (from BENCH_CPU_PROFILE=1): self time by package (or our code) and the top
// functions, so a README can say where a request's time goes with evidence.
//
//   node_modules/.bin/node bench/profile-summary.mts bench/profiles/CPU.<...>.cpuprofile [top] [window-seconds] [skip-seconds]
//
// With window-seconds, only the busiest window of that length counts: the load itself, not start-up and seeding.
// When the load keeps the event loop less busy than start-up did (a login storm waits on argon2's threads),
// skip-seconds leaves the first seconds of the profile out of the search.
import { readFileSync } from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

const [file, topArg, windowArg, skipArg] = process.argv.slice(2);
if (!file) {
  process.stdout.write('usage: bench/profile-summary.mts <file.cpuprofile> [top]\n');
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const top = Number(topArg ?? 25);
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const idleId = profile.nodes.find((n) => n.callFrame.functionName === '(idle)')?.id;
const [from, to] = windowArg ? busiestWindow(Number(windowArg) * 1e6) : [0, profile.samples.length];
const self = new Map<number, number>();
for (let i = from; i < to; i++) self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + (profile.timeDeltas[i] ?? 0));

/** The sample range [from, to) of the given length (µs) with the least idle time. */
function busiestWindow(length: number): [number, number] {
  let best: [number, number] = [0, profile.samples.length];
  let bestIdle = Infinity;
  let first = 0;
  for (let elapsed = 0; first < profile.samples.length && elapsed < Number(skipArg ?? 0) * 1e6; first++) elapsed += profile.timeDeltas[first] ?? 0;
  let start = first;
  let span = 0;
  let idle = 0;
  for (let end = first; end < profile.samples.length; end++) {
    span += profile.timeDeltas[end] ?? 0;
    if (profile.samples[end] === idleId) idle += profile.timeDeltas[end] ?? 0;
    while (span - (profile.timeDeltas[start] ?? 0) >= length) {
      span -= profile.timeDeltas[start] ?? 0;
      if (profile.samples[start] === idleId) idle -= profile.timeDeltas[start] ?? 0;
      start++;
    }
    if (span >= length && idle < bestIdle) [bestIdle, best] = [idle, [start, end + 1]];
  }
  return best;
}
const total = [...self.values()].reduce((a, b) => a + b, 0);

function area(url: string, name: string): string {
  if (!url) return name === '(idle)' || name === '(program)' || name === '(garbage collector)' ? name : '(native/builtin)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  if (url.startsWith('node:')) return 'node core';
  if (/\/dist\//.test(url)) return 'our code (dist)';
  return url;
}

const areas = new Map<string, number>();
const functions = new Map<string, number>();
for (const [id, us] of self) {
  const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
  const a = area(url, functionName);
  areas.set(a, (areas.get(a) ?? 0) + us);
  const key = `${functionName || '(anonymous)'} ${url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/dist\//, 'dist/')}:${lineNumber + 1}`;
  functions.set(key, (functions.get(key) ?? 0) + us);
}
const busy = total - (areas.get('(idle)') ?? 0);
const line = (name: string, us: number) => `${((100 * us) / busy).toFixed(1).padStart(6)} %  ${(us / 1000).toFixed(0).padStart(7)} ms  ${name}`;
process.stdout.write(`profile: ${(total / 1e6).toFixed(1)} s, of which busy ${(busy / 1e6).toFixed(1)} s (idle excluded from the shares)\n\nself time by area:\n`);
for (const [name, us] of [...areas].filter(([n]) => n !== '(idle)').sort((a, b) => b[1] - a[1]).slice(0, top)) process.stdout.write(line(name, us) + '\n');
process.stdout.write(`\ntop functions (self):\n`);
for (const [name, us] of [...functions].sort((a, b) => b[1] - a[1]).slice(0, top)) process.stdout.write(line(name, us) + '\n');

// Where the machine's CPU went during a load: the API, the private PostgreSQL (its postmaster and every
// backend), the load generator (this process: autocannon runs in it), pgbench, and everything else.
// Read from /proc (Linux), so a figure can say what limited it with evidence rather than a guess.
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100; // USER_HZ: 100 on every Linux this runs on

interface Proc {
  pid: number;
  ppid: number;
  comm: string;
  ticks: number;
  /** CPU of children that ended and were waited for (pgbench, once it exits, lands in this process's). */
  childTicks: number;
}

function processes(): Proc[] {
  const out: Proc[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const fields = stat.slice(close + 2).split(' ');
      // after "pid (comm) ": state ppid ... utime (14th field overall) stime (15th)
      out.push({
        pid: Number(entry),
        comm: stat.slice(stat.indexOf('(') + 1, close),
        ppid: Number(fields[1]),
        ticks: Number(fields[11]) + Number(fields[12]),
        childTicks: Number(fields[13]) + Number(fields[14]),
      });
    } catch {
      // the process ended while we looked
    }
  }
  return out;
}

/** CPU of a process's libuv worker threads (their names say so). */
function threadPoolTicks(pid: number): number {
  let ticks = 0;
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      if (stat.slice(stat.indexOf('(') + 1, close) !== 'libuv-worker') continue;
      const fields = stat.slice(close + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    }
  } catch {
    // the process ended
  }
  return ticks;
}

function machineTicks(): { busy: number; total: number } {
  const [, ...values] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
  const n = values.map(Number);
  const total = n.slice(0, 8).reduce((a, b) => a + b, 0);
  return { busy: total - n[3] - n[4], total };
}

export interface CpuShares {
  /** Cores busy on average over the interval, per role. */
  api: number;
  /** Of `api`: libuv's worker threads (argon2 runs there) and the rest (the event loop, V8's helpers). */
  apiThreadPool: number;
  apiEventLoop: number;
  postgres: number;
  loadGenerator: number;
  pgbench: number;
  other: number;
  /** Cores busy in all; the machine has `cores`. */
  machine: number;
  cores: number;
}

/**
 * Starts counting; the returned function stops and tells the average cores each role used. `postmaster` is
 * the private PostgreSQL's postmaster pid; backends are its children (one that ends within the interval counts
 * through the postmaster's reaped-children time). pgbench counts once it has exited: it is this process's child.
 */
export function cpuMeter(roles: { api: number[]; postmaster: number }): () => CpuShares {
  type Role = 'api' | 'postgres' | 'loadGenerator';
  const classify = (p: Proc): Role | null => {
    if (roles.api.includes(p.pid) || roles.api.includes(p.ppid)) return 'api';
    if (p.pid === roles.postmaster || p.ppid === roles.postmaster) return 'postgres';
    if (p.pid === process.pid) return 'loadGenerator';
    return null;
  };
  const snapshot = () => {
    const ticks = new Map<number, { role: Role; ticks: number }>();
    let children = 0;
    let endedBackends = 0;
    let threadPool = 0;
    for (const p of processes()) {
      const role = classify(p);
      if (role) ticks.set(p.pid, { role, ticks: p.ticks });
      if (role === 'api') threadPool += threadPoolTicks(p.pid);
      if (p.pid === process.pid) children = p.childTicks;
      if (p.pid === roles.postmaster) endedBackends = p.childTicks;
    }
    return { ticks, children, endedBackends, threadPool, machine: machineTicks(), at: performance.now() };
  };
  const before = snapshot();
  return () => {
    const after = snapshot();
    const seconds = (after.at - before.at) / 1000;
    const share = (ticks: number) => ticks / TICKS_PER_SECOND / seconds;
    const used = { api: 0, postgres: 0, loadGenerator: 0 };
    for (const [pid, { role, ticks }] of after.ticks) used[role] += ticks - (before.ticks.get(pid)?.ticks ?? 0);
    // Backends that ended within the interval (pgbench's, at its exit) were reaped by the postmaster: their whole
    // lives are in its children's time; what they had used before the interval was counted at the start.
    used.postgres += after.endedBackends - before.endedBackends;
    for (const [pid, { role, ticks }] of before.ticks) if (role === 'postgres' && !after.ticks.has(pid)) used.postgres -= ticks;
    const [api, postgres, loadGenerator, pgbench] = [used.api, used.postgres, used.loadGenerator, after.children - before.children].map(share);
    const machine = share(after.machine.busy - before.machine.busy);
    const cores = Math.round((after.machine.total - before.machine.total) / TICKS_PER_SECOND / seconds);
    const apiThreadPool = share(after.threadPool - before.threadPool);
    return { api, apiThreadPool, apiEventLoop: api - apiThreadPool, postgres, loadGenerator, pgbench, machine, cores, other: Math.max(0, machine - api - postgres - loadGenerator - pgbench) };
  };
}

export function describeCpu(c: CpuShares): string {
  const f = (x: number) => x.toFixed(2);
  const pool = c.apiThreadPool >= 0.005 ? ` (thread pool ${f(c.apiThreadPool)}, event loop and the rest ${f(c.apiEventLoop)})` : '';
  return `CPU (cores of ${c.cores}): API ${f(c.api)}${pool}, PostgreSQL ${f(c.postgres)}, load generator ${f(c.loadGenerator)}${c.pgbench >= 0.005 ? `, pgbench client ${f(c.pgbench)}` : ''}, other ${f(c.other)}, machine ${f(c.machine)}`;
}

/**
 * Where the local stack's submission throughput goes (issue 11, goal 8): a load of submissions through the
 * local runtime under Node's CPU profiler, with the CPU time this process and its child processes (DynamoDB
 * Local's JVM) spent over the same window. One Node process plays the gateway, every handler, s3rver and the
 * local Step Functions, so its profile, grouped by package and module, shows which of them costs the time.
 *
 *   npm run bench:profile   (PROFILE_SUBMISSIONS, default 200; PROFILE_CLIENTS, default 10; PROFILE_OUT=file
 *                            also writes the profile, to open in Chrome DevTools' Performance panel)
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { measureLoad } from './load.js';
import { startBenchRuntime } from './runtime.js';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly hitCount?: number;
  readonly children?: readonly number[];
}

const submissions = Number(process.env.PROFILE_SUBMISSIONS ?? 200);
const clients = Number(process.env.PROFILE_CLIENTS ?? 10);
const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** CPU seconds (user + system) of this process's children, as /proc counts them (Linux only). */
function childCpuSeconds(): number {
  let ticks = 0;
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      // comm may hold spaces: the fields after its closing parenthesis are fixed
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[1]) !== process.pid) continue; // field 4: ppid
      ticks += Number(fields[11]) + Number(fields[12]); // fields 14 and 15: utime, stime
    } catch {
      // the process ended meanwhile
    }
  }
  return ticks / TICKS_PER_SECOND;
}

/** Where a sample's code lives: a package, one of ours by folder, Node itself, or the VM's own work. */
function placeOf(url: string, functionName: string): string {
  if (!url) return functionName ? `(${functionName.replace(/[()]/g, '')})` : '(native)';
  const pkg = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/)?.[1];
  if (pkg) return pkg;
  if (url.startsWith('node:')) return 'node (internals)';
  const ours = url.match(/\/(functions\/[^/]+|lib\/local(?:\/[^/]+)?|bench|test)\//)?.[1];
  return ours ?? url.replace(/^file:\/\//, '');
}

const runtime = await startBenchRuntime();
const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: 1000 });
let window = { wallSeconds: 0, ownCpuSeconds: 0, childCpuSeconds: 0 };
let nodes: ProfileNode[] = [];
try {
  const [level] = await measureLoad(runtime, [{ clients, submissions }], async (run) => {
    const ownBefore = process.cpuUsage();
    const childBefore = childCpuSeconds();
    await session.post('Profiler.start');
    const result = await run();
    const { profile } = await session.post('Profiler.stop');
    const own = process.cpuUsage(ownBefore);
    window = {
      wallSeconds: result as number,
      ownCpuSeconds: (own.user + own.system) / 1e6,
      childCpuSeconds: childCpuSeconds() - childBefore,
    };
    nodes = profile.nodes as ProfileNode[];
    if (process.env.PROFILE_OUT) writeFileSync(process.env.PROFILE_OUT, JSON.stringify(profile));
    return result;
  });
  if (!level) throw new Error('no load level was measured');

  // Node's internals and native calls (a readdir, a socket write) are counted where they were called from: the
  // nearest package or module of ours up the stack.
  const parents = new Map<number, ProfileNode>();
  for (const node of nodes) for (const child of node.children ?? []) parents.set(child, node);
  const ownPlace = (node: ProfileNode) => placeOf(node.callFrame.url, node.callFrame.functionName);
  // aws-cdk-lib (imported to synthesize the template) wraps fs functions to time them: see through it.
  const transparent = (at: ProfileNode) =>
    !at.callFrame.url ||
    at.callFrame.url.startsWith('node:') ||
    at.callFrame.url.includes('aws-cdk-lib/core/lib/private/perf');
  const callerPlace = (node: ProfileNode): string => {
    for (let at: ProfileNode | undefined = node; at; at = parents.get(at.id)) {
      if (!transparent(at)) return ownPlace(at);
    }
    return ownPlace(node);
  };
  const hits = nodes.reduce((sum, node) => sum + (node.hitCount ?? 0), 0) || 1;
  const busyHits = nodes
    .filter((node) => node.callFrame.functionName !== '(idle)')
    .reduce((sum, node) => sum + (node.hitCount ?? 0), 0);
  const share = (count: number) => `${((100 * count) / hits).toFixed(1).padStart(5)} %`;
  const top = (key: (node: ProfileNode) => string, count: number) =>
    [
      ...nodes
        .reduce((totals, node) => {
          const name = key(node);
          totals.set(name, (totals.get(name) ?? 0) + (node.hitCount ?? 0));
          return totals;
        }, new Map<string, number>())
        .entries(),
    ]
      .sort((a, b) => b[1] - a[1])
      .slice(0, count);

  console.log(`\n${submissions} submissions from ${clients} clients: ${level.perSecond.toFixed(1)}/s,`);
  console.log(
    `  p50 ${level.latencyMs.p50.toFixed(0)} ms, p99 ${level.latencyMs.p99.toFixed(0)} ms, ${level.failures} failed`,
  );
  console.log(
    `CPU over ${window.wallSeconds.toFixed(1)} s of wall time (2 cores = ${(2 * window.wallSeconds).toFixed(1)} s):`,
  );
  console.log(
    `  this Node process (gateway, handlers, s3rver, Step Functions): ${window.ownCpuSeconds.toFixed(1)} s`,
  );
  console.log(
    `  child processes (DynamoDB Local's JVM):                        ${window.childCpuSeconds.toFixed(1)} s`,
  );
  console.log(`  Node process busy in ${((100 * busyHits) / hits).toFixed(0)} % of its samples`);
  console.log(
    '\nSelf time in the Node process, by package or module (Node internals counted with their caller):',
  );
  for (const [name, count] of top(callerPlace, 15)) console.log(`  ${share(count)}  ${name}`);
  console.log('\nSelf time by function:');
  for (const [name, count] of top(
    (node) =>
      `${node.callFrame.functionName || '(anonymous)'}  ${ownPlace(node)}:${node.callFrame.lineNumber + 1}, from ${callerPlace(node)}`,
    20,
  ))
    console.log(`  ${share(count)}  ${name}`);
} finally {
  session.disconnect();
  await runtime.close();
}

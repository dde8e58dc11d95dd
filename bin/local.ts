import { readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { DEMO_BSRE_PASSPHRASE, DEMO_BSRE_SIGNERS, DEMO_BSRE_TOTP } from '../config/demo-bsre.js';
import { DEMO_CLIENTS } from '../config/demo-clients.js';
import { DEMO_PASSWORD, DEMO_USERS } from '../config/demo-users.js';
import { REPO_ROOT, startLocalRuntime } from '../lib/local/runtime.js';

/** `npm start`: the whole system on this machine, data under .data/ (PORT and DATA_DIR may override). */
const dataDir = resolve(process.env.DATA_DIR ?? join(REPO_ROOT, '.data'));
const port = Number(process.env.PORT ?? 8787);
const lockFile = join(dataDir, 'runtime.json');

const running = await readLock();
if (running) {
  console.error(
    `Desa Digital is already running at ${running.url} (pid ${running.pid}).\n` +
      'Stop it first (Ctrl+C in its terminal), or use it as it is.',
  );
  process.exit(1);
}

console.log('Starting Desa Digital locally…');
// The demo's Ponorogo letters are signed through BSrE (the local stand-in), Banyuwangi's by the platform.
const BSRE_DEMO_REGENCIES = ['35.02'];
const runtime = await startLocalRuntime({
  dataDir,
  port,
  bsreRegencies: BSRE_DEMO_REGENCIES,
  log: (line) => console.log(`  · ${line}`),
}).catch((error: NodeJS.ErrnoException) => {
  console.error(
    error.code === 'EADDRINUSE'
      ? `Port ${port} is in use by another program. Free it or start with PORT=<other> npm start.`
      : `Could not start: ${error.message}`,
  );
  process.exit(1);
});
await writeFile(lockFile, JSON.stringify({ pid: process.pid, url: runtime.url }));

const width = Math.max(...DEMO_USERS.map((user) => user.username.length));
console.log(`
Desa Digital is running at ${runtime.url}
  Portal:   ${runtime.url}/                (citizens)
  Console:  ${runtime.url}/console.html    (village, district and agency staff)
  Display:  ${runtime.url}/display.html?village=35.10.06.2001   (the waiting-room screen)
  API:      ${runtime.url}/v1/services   ·   OpenAPI: ${runtime.url}/openapi.json
  Data:     ${dataDir}
  DynamoDB: ${runtime.env.AWS_ENDPOINT_URL_DYNAMODB} (table ${runtime.env.TABLE_NAME}; the restore drill: docs/runbook.md)

Demo accounts (password for all: ${DEMO_PASSWORD}):
${DEMO_USERS.map((user) => `  ${user.username.padEnd(width)}  ${user.role.padEnd(23)} ${user.areas.join(', ') || '-'}  ${user.name}`).join('\n')}

Ponorogo signs through BSrE (the local stand-in at ${runtime.bsre.url}): at the signing stage, "Setujui dan
tandatangani" asks the signer's NIK and passphrase (all: ${DEMO_BSRE_PASSPHRASE}, or TOTP ${DEMO_BSRE_TOTP}):
${DEMO_BSRE_SIGNERS.filter((signer) => !signer.expired && signer.nik.startsWith('3502'))
  .map((signer) => `  NIK ${signer.nik}  ${signer.name}`)
  .join('\n')}

Demo agency systems (OAuth client credentials):
${DEMO_CLIENTS.map((client) => `  ${client.clientId}  secret ${client.clientSecret}  (${client.name})`).join('\n')}

Get a token:  curl -s -X POST ${runtime.url}/local/token -d username=operator.tampo -d password=${DEMO_PASSWORD}
An agency's:  curl -s -X POST ${runtime.url}/local/oauth2/token -d grant_type=client_credentials -d client_id=${DEMO_CLIENTS[0]?.clientId} -d client_secret=${DEMO_CLIENTS[0]?.clientSecret}
Press Ctrl+C to stop.`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping…');
    await runtime.stop();
    await rm(lockFile, { force: true });
    process.exit(0);
  });
}

/** The lock names a live process, or it is stale (a crash) and ignored. */
async function readLock(): Promise<{ pid: number; url: string } | undefined> {
  try {
    const lock = JSON.parse(await readFile(lockFile, 'utf8')) as { pid: number; url: string };
    process.kill(lock.pid, 0);
    return lock;
  } catch {
    return undefined;
  }
}

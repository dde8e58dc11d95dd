import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { GenerateMacCommand } from '@aws-sdk/client-kms';
import { setPseudonymKey } from '../core/privacy/person-pseudonym.js';
import { kms } from './signing/kms-signer.js';

/**
 * Loads the pseudonym key (core/person-pseudonym.ts) once per container, from the function's environment:
 * - PSEUDONYM_KEY_ID (set by the stack for functions that need 'pseudonym:key' or 'notify'): a KMS HMAC key
 *   (HMAC_256, GENERATE_VERIFY_MAC). The working key is KMS's MAC of a fixed label: one GenerateMac call per
 *   cold start (not one per pseudonym: a call costs latency and $0.03 per 10,000), the key material never
 *   leaves KMS, and only functions granted kms:GenerateMac on that key can derive it.
 * - else PSEUDONYM_KEY_FILE (set by the local runtime): 32 random bytes in a file under the data directory,
 *   created (mode 0600) when the runtime first starts.
 * - else it throws: no pseudonym is ever taken without the key.
 * Loaded again when the configuration changes (tests restart the local runtime with another data directory).
 */
export async function loadPseudonymKey(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const configuration = env.PSEUDONYM_KEY_ID
    ? `kms:${env.PSEUDONYM_KEY_ID}`
    : env.PSEUDONYM_KEY_FILE
      ? `file:${env.PSEUDONYM_KEY_FILE}`
      : undefined;
  if (!configuration) {
    throw new Error(
      'No pseudonym key is configured: set PSEUDONYM_KEY_ID (a KMS HMAC key, in AWS) or ' +
        'PSEUDONYM_KEY_FILE (the local runtime sets it to a key file under its data directory)',
    );
  }
  if (loaded?.configuration !== configuration) {
    const key = env.PSEUDONYM_KEY_ID
      ? deriveWithKms(env.PSEUDONYM_KEY_ID)
      : readKeyFile(configuration.slice(5));
    loaded = { configuration, key };
    // A failed load is not kept: the next call tries again.
    key.catch(() => {
      if (loaded?.key === key) loaded = undefined;
    });
  }
  setPseudonymKey(await loaded.key);
}

let loaded: { configuration: string; key: Promise<Uint8Array> } | undefined;

/** What KMS MACs to give the working key; changing it changes every pseudonym (needs a migration). */
const KEY_LABEL = 'desa-digital/pseudonym-key/v1';

async function deriveWithKms(keyId: string): Promise<Uint8Array> {
  const result = await kms().send(
    new GenerateMacCommand({
      KeyId: keyId,
      MacAlgorithm: 'HMAC_SHA_256',
      Message: new TextEncoder().encode(KEY_LABEL),
    }),
  );
  if (!result.Mac) throw new Error('KMS GenerateMac returned no MAC');
  return result.Mac;
}

async function readKeyFile(file: string): Promise<Uint8Array> {
  return Buffer.from((await readFile(file, 'utf8')).trim(), 'hex');
}

/**
 * The local key file: created with 32 random bytes (hex) and mode 0600 if it does not exist yet; an existing
 * key is kept (the table's pseudonyms were made with it).
 */
export async function ensureLocalPseudonymKey(file: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  try {
    await writeFile(file, `${randomBytes(32).toString('hex')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  await chmod(file, 0o600);
}

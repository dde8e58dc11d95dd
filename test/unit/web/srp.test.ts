import { createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  cognitoTimestamp,
  G,
  modPow,
  N,
  newSrpClient,
  padHex,
  passwordAuthenticationKey,
  passwordClaimSignature,
} from '../../../web/src/shared/srp.js';

/**
 * The browser's Cognito SRP against a server written here with Node's crypto (its own HKDF and HMAC): both
 * sides must derive the same key, so the password claim the browser signs is the one the server expects.
 * (Cognito itself is not reachable from the tests; the wire format follows amazon-cognito-identity-js.)
 */
const sha256Hex = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');
const hexHash = (hex: string) => sha256Hex(Buffer.from(hex, 'hex'));
const big = (hex: string) => BigInt(`0x${hex}`);

function server(poolName: string, userId: string, password: string) {
  const salt = randomBytes(16).toString('hex');
  const x = big(hexHash(padHex(big(salt)) + sha256Hex(`${poolName}${userId}:${password}`)));
  const verifier = modPow(G, x, N);
  const k = big(hexHash(padHex(N) + padHex(G)));
  const b = big(randomBytes(128).toString('hex')) % N;
  const B = (k * verifier + modPow(G, b, N)) % N;
  const secretBlock = randomBytes(64).toString('base64');
  return {
    challenge: { userId, serverBHex: B.toString(16), saltHex: salt, secretBlock },
    /** The signature the server expects for the client's A at `timestamp`. */
    expected(A: bigint, timestamp: string) {
      const u = big(hexHash(padHex(A) + padHex(B)));
      const S = modPow((A * modPow(verifier, u, N)) % N, b, N);
      const key = Buffer.from(
        hkdfSync(
          'sha256',
          Buffer.from(padHex(S), 'hex'),
          Buffer.from(padHex(u), 'hex'),
          'Caldera Derived Key',
          16,
        ),
      );
      return createHmac('sha256', key)
        .update(
          Buffer.concat([
            Buffer.from(poolName),
            Buffer.from(userId),
            Buffer.from(secretBlock, 'base64'),
            Buffer.from(timestamp),
          ]),
        )
        .digest('base64');
    },
  };
}

describe('Cognito SRP sign-in in the browser', () => {
  it('signs the password claim the server can check, without sending the password', async () => {
    // Prepare
    const poolName = 'Abc123XyZ';
    const account = server(poolName, 'd2c1f0e4-user', 'Kata-Sandi-Desa-2026!');
    const client = newSrpClient();
    const timestamp = cognitoTimestamp(new Date('2026-09-05T09:03:07Z'));
    // Act
    const key = await passwordAuthenticationKey(client, poolName, account.challenge, 'Kata-Sandi-Desa-2026!');
    const signature = await passwordClaimSignature(key, poolName, account.challenge, timestamp);
    // Assess
    expect(signature).toBe(account.expected(client.largeA, timestamp));
  });

  it('produces a claim the server rejects when the password is wrong', async () => {
    const poolName = 'Abc123XyZ';
    const account = server(poolName, 'user', 'the-right-password');
    const client = newSrpClient();
    const timestamp = cognitoTimestamp(new Date());
    const key = await passwordAuthenticationKey(client, poolName, account.challenge, 'a-wrong-password');
    expect(await passwordClaimSignature(key, poolName, account.challenge, timestamp)).not.toBe(
      account.expected(client.largeA, timestamp),
    );
  });

  it('pads hex as Cognito does and writes its timestamp format', () => {
    expect(padHex(0x7fn)).toBe('7f');
    expect(padHex(0x80n)).toBe('0080');
    expect(padHex(0xabcn)).toBe('0abc');
    expect(cognitoTimestamp(new Date('2026-09-05T09:03:07Z'))).toBe('Sat Sep 5 09:03:07 UTC 2026');
    expect(cognitoTimestamp(new Date('2026-11-22T23:59:59Z'))).toBe('Sun Nov 22 23:59:59 UTC 2026');
  });

  it('refuses a server value that would make the shared secret predictable', async () => {
    const client = newSrpClient();
    const challenge = { userId: 'u', serverBHex: N.toString(16), saltHex: '00', secretBlock: '' };
    await expect(passwordAuthenticationKey(client, 'pool', challenge, 'pw')).rejects.toThrow(/Invalid SRP/);
  });
});

/**
 * Cognito's SRP-6a variant (USER_SRP_AUTH): the password never leaves the device, as the user pool client
 * is configured (SRP only, no USER_PASSWORD_AUTH). Native BigInt and SubtleCrypto, no library: a few KB,
 * loaded only when someone signs in. Group: RFC 5054 3072-bit, g = 2; hashes SHA-256; key derivation
 * HKDF-SHA256 with info "Caldera Derived Key", 16 bytes; hex values are "padded" the way Cognito pads them
 * (a leading 00 when the first nibble has its high bit set, so the value reads as positive).
 */
export const N = BigInt(
  '0xFFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD' +
    'EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED' +
    'EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F' +
    '83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B' +
    'E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510' +
    '15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7' +
    'ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200C' +
    'BBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF',
);
export const G = 2n;

const encoder = new TextEncoder();

export function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  let b = ((base % modulus) + modulus) % modulus;
  let e = exponent;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % modulus;
    b = (b * b) % modulus;
    e >>= 1n;
  }
  return result;
}

const mod = (value: bigint, modulus: bigint): bigint => ((value % modulus) + modulus) % modulus;

/** Cognito's padHex: even length, and a leading 00 when the value would otherwise read as negative. */
export function padHex(value: bigint): string {
  let hex = value.toString(16);
  if (hex.length % 2 === 1) hex = `0${hex}`;
  else if ('89abcdef'.includes(hex[0] ?? '')) hex = `00${hex}`;
  return hex;
}

export function hexToBytes(hex: string): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

const toHex = (bytes: Uint8Array): string =>
  Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

async function sha256(data: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', data));
}

export const hexHash = async (hex: string): Promise<string> => toHex(await sha256(hexToBytes(hex)));

export async function hmac(
  key: Uint8Array<ArrayBuffer>,
  data: Uint8Array<ArrayBuffer>,
): Promise<Uint8Array<ArrayBuffer>> {
  const cryptoKey = await crypto.subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
  ]);
  return new Uint8Array(await crypto.subtle.sign('HMAC', cryptoKey, data));
}

export function concat(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

export interface SrpClient {
  readonly smallA: bigint;
  readonly largeA: bigint;
}

/** A fresh ephemeral key pair: a is 128 random bytes, A = g^a mod N (never 0). */
export function newSrpClient(random: (bytes: number) => Uint8Array = randomBytes): SrpClient {
  for (;;) {
    const smallA = BigInt(`0x${toHex(random(128))}`) % N;
    const largeA = modPow(G, smallA, N);
    if (largeA % N !== 0n) return { smallA, largeA };
  }
}

const randomBytes = (count: number): Uint8Array => crypto.getRandomValues(new Uint8Array(count));

export interface SrpChallenge {
  readonly userId: string;
  readonly serverBHex: string;
  readonly saltHex: string;
  readonly secretBlock: string;
}

/** The 16-byte key both sides derive from the shared secret S. */
export async function passwordAuthenticationKey(
  client: SrpClient,
  poolName: string,
  challenge: SrpChallenge,
  password: string,
): Promise<Uint8Array<ArrayBuffer>> {
  const B = BigInt(`0x${challenge.serverBHex}`);
  if (B % N === 0n) throw new Error('Invalid SRP value from the identity service.');
  const u = BigInt(`0x${await hexHash(padHex(client.largeA) + padHex(B))}`);
  if (u === 0n) throw new Error('Invalid SRP value from the identity service.');
  const k = BigInt(`0x${await hexHash(padHex(N) + padHex(G))}`);
  const userPasswordHash = toHex(await sha256(encoder.encode(`${poolName}${challenge.userId}:${password}`)));
  const x = BigInt(`0x${await hexHash(padHex(BigInt(`0x${challenge.saltHex}`)) + userPasswordHash)}`);
  const S = modPow(mod(B - k * modPow(G, x, N), N), client.smallA + u * x, N);
  const prk = await hmac(hexToBytes(padHex(u)), hexToBytes(padHex(S)));
  const okm = await hmac(prk, concat(encoder.encode('Caldera Derived Key'), new Uint8Array([1])));
  return okm.slice(0, 16);
}

/** PASSWORD_CLAIM_SIGNATURE: HMAC(key, poolName ‖ userId ‖ secret block ‖ timestamp), base64. */
export async function passwordClaimSignature(
  key: Uint8Array<ArrayBuffer>,
  poolName: string,
  challenge: SrpChallenge,
  timestamp: string,
): Promise<string> {
  const secret = Uint8Array.from(atob(challenge.secretBlock), (char) => char.charCodeAt(0));
  const message = concat(
    encoder.encode(poolName),
    encoder.encode(challenge.userId),
    secret,
    encoder.encode(timestamp),
  );
  const signature = await hmac(key, message);
  return btoa(String.fromCharCode(...signature));
}

/** "Sat Sep 5 09:03:07 UTC 2026": English names, day of month not padded, UTC. */
export function cognitoTimestamp(date: Date): string {
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const two = (n: number) => String(n).padStart(2, '0');
  return `${days[date.getUTCDay()]} ${months[date.getUTCMonth()]} ${date.getUTCDate()} ${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} UTC ${date.getUTCFullYear()}`;
}

/**
 * Form drafts on the device (localStorage), per account: a half-filled form holds NIKs and names, and one
 * browser may be shared (a family phone, the village office's computer). A draft is stored under the
 * account's subject (the token's `sub`), read only for that account, and every draft goes when anyone signs
 * out, and other accounts' leftovers go when someone signs in (a session that ended without a sign-out).
 * Signing out therefore discards the account's unfinished forms: a draft is a convenience, a submission is
 * not (queued submissions wait in the outbox, per account, and are never discarded by a sign-out).
 * Drafts never travel in a URL.
 */
const PREFIX = 'dd.draft.';

const keyOf = (subject: string, form: string) => `${PREFIX}${subject}.${form}`;

export function readDraft<T>(subject: string, form: string): T | undefined {
  try {
    const raw = localStorage.getItem(keyOf(subject, form));
    return raw ? (JSON.parse(raw) as T) : undefined;
  } catch {
    return undefined;
  }
}

/** False when the device would not keep it (storage full or disabled): the form still works. */
export function saveDraft(subject: string, form: string, value: unknown): boolean {
  try {
    localStorage.setItem(keyOf(subject, form), JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}

export function removeDraft(subject: string, form: string): void {
  localStorage.removeItem(keyOf(subject, form));
}

/** Removes every draft on the device, but those of `keep` (an account that stays signed in). */
export function clearDrafts(keep?: string): void {
  const kept = keep === undefined ? undefined : `${PREFIX}${keep}.`;
  const stale: string[] = [];
  for (let i = 0; i < localStorage.length; i++) {
    const key = localStorage.key(i);
    if (key?.startsWith(PREFIX) && !(kept && key.startsWith(kept))) stale.push(key);
  }
  for (const key of stale) localStorage.removeItem(key);
}

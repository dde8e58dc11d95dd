import { ApiError, api, NetworkError } from './api.js';
import { signedIn } from './auth.js';
import type { RequestView } from './types.js';
import { uploadAttachment } from './upload.js';

/**
 * Submissions made without a connection wait on the device (IndexedDB: it keeps the attached files) and
 * are sent when the connection returns. Each carries the Idempotency-Key chosen when the person pressed
 * "send", and the exact body is fixed once its files are uploaded, so a resend after a dropped connection
 * never creates a second request. Each belongs to the account that queued it (`subject`): it is listed and
 * sent only while that account is signed in, never under another account on the same device; a sign-out
 * keeps it (it is a request, not a draft) until its account signs in again.
 */
export interface OutboxItem {
  readonly key: string;
  readonly createdAt: string;
  readonly serviceCode: string;
  readonly villageCode: string;
  readonly serviceName: { id: string; en: string };
  readonly data: Record<string, unknown>;
  /** Where the applicant wants news of the request (SMS), if anywhere. */
  readonly contact?: { readonly phone?: string };
  /** A counter (assisted) submission: the citizen served and their consent, as the operator recorded it. */
  readonly assisted?: {
    readonly citizen: { readonly name: string; readonly phone?: string };
    readonly consent: { readonly method: string; readonly recordedAt: string; readonly witnessName?: string };
  };
  readonly files: readonly { readonly requirementCode: string; readonly blob: Blob }[];
  /** Upload ids already obtained, by requirement code: kept so a retry sends the same body. */
  uploads: Record<string, string>;
  /** The account (token `sub`) that queued it; required to queue. Items without one are never sent. */
  readonly subject?: string;
  lastError?: { id: string; en: string };
}

const DB = 'desa-digital';
const STORE = 'outbox';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'key' });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function run<T>(mode: IDBTransactionMode, act: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const request = act(db.transaction(STORE, mode).objectStore(STORE));
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  } finally {
    db.close();
  }
}

/** The signed-in account's waiting submissions (none when no one is signed in). */
export async function queued(): Promise<OutboxItem[]> {
  const subject = signedIn()?.subject;
  if (!subject) return [];
  const all = await run('readonly', (store) => store.getAll() as IDBRequest<OutboxItem[]>).catch(() => []);
  return all.filter((item) => item.subject === subject);
}
export const enqueue = (item: OutboxItem): Promise<unknown> => {
  if (!item.subject) return Promise.reject(new Error('An outbox item needs the account that queued it'));
  return run('readwrite', (store) => store.put(item));
};
const remove = (key: string): Promise<unknown> => run('readwrite', (store) => store.delete(key));

/**
 * Sends one submission: uploads its files (once), then the request with its Idempotency-Key. An item that
 * waits in the outbox keeps its upload progress there, so a retry sends the same body.
 */
export async function send(item: OutboxItem, queuedItem = false): Promise<RequestView> {
  for (const file of item.files) {
    if (item.uploads[file.requirementCode]) continue;
    item.uploads[file.requirementCode] = await uploadAttachment(
      item.serviceCode,
      file.requirementCode,
      file.blob,
    );
    if (queuedItem) await enqueue(item).catch(() => undefined);
  }
  const attachments = Object.entries(item.uploads).map(([requirementCode, uploadId]) => ({
    requirementCode,
    uploadId,
  }));
  return api<RequestView>('/v1/requests', {
    method: 'POST',
    headers: { 'idempotency-key': item.key },
    body: {
      serviceCode: item.serviceCode,
      villageCode: item.villageCode,
      data: item.data,
      ...(attachments.length > 0 ? { attachments } : {}),
      ...(item.contact?.phone ? { contact: item.contact } : {}),
      ...(item.assisted ? { citizen: item.assisted.citizen, consent: item.assisted.consent } : {}),
    },
  });
}

let flushing: Promise<RequestView[]> | undefined;

/**
 * Sends every waiting submission; stops at the first network failure (still offline). A submission the API
 * refuses stays in the outbox with the reason, for the person to see and fix.
 */
export function flush(): Promise<RequestView[]> {
  flushing ??= (async () => {
    const sent: RequestView[] = [];
    try {
      for (const item of await queued()) {
        if (signedIn()?.subject !== item.subject) break; // signed out (or switched) while sending
        try {
          sent.push(await send(item, true));
          await remove(item.key);
        } catch (error) {
          if (error instanceof NetworkError) break;
          if (error instanceof ApiError && error.status === 401) break; // sign in first
          item.lastError = error instanceof ApiError ? error.text : { id: String(error), en: String(error) };
          await enqueue(item);
        }
      }
    } finally {
      flushing = undefined;
    }
    return sent;
  })();
  return flushing;
}

export const discard = remove;

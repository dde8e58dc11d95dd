import { ApiError, api, NetworkError } from './api.js';
import { signedIn } from './auth.js';
import type { RequestView } from './types.js';
import { uploadAttachment } from './upload.js';

/**
 * What is made without a connection waits on the device (IndexedDB: it keeps the attached files) and is
 * sent when the connection returns: a citizen's submission, or an enumerator's household survey. Each
 * carries the Idempotency-Key chosen when the person pressed "send", and the exact body is fixed before
 * the first attempt (a submission's once its files are uploaded), so a resend after a dropped connection
 * never creates a second record. Each belongs to the account that queued it (`subject`): it is listed and
 * sent only while that account is signed in, never under another account on the same device; a sign-out
 * keeps it (it is a submission, not a draft) until its account signs in again. An item leaves the device as
 * soon as the API has it (its answer, or a replay's).
 */
interface Queued {
  readonly key: string;
  readonly createdAt: string;
  /** The account (token `sub`) that queued it; required to queue. Items without one are never sent. */
  readonly subject?: string;
  lastError?: { id: string; en: string };
}

/** A request's submission (no `kind`: the items queued before surveys were). */
export interface OutboxItem extends Queued {
  readonly kind?: undefined;
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
}

/**
 * A household survey (POST /v1/villages/{code}/household-surveys). Its body holds the family card number
 * and the members' NIKs: kept on the device only until the API has the survey (then removed), or, refused,
 * until the enumerator corrects or deletes it. The list on screen names it by head and hamlet only.
 */
export interface SurveyOutboxItem extends Queued {
  readonly kind: 'survey';
  readonly villageCode: string;
  readonly headName: string;
  readonly hamlet?: string;
  readonly body: Record<string, unknown>;
}

export type AnyOutboxItem = OutboxItem | SurveyOutboxItem;
const isSurvey = (item: AnyOutboxItem): item is SurveyOutboxItem => item.kind === 'survey';

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

/** Everything the signed-in account has waiting (nothing when no one is signed in). */
async function waiting(): Promise<AnyOutboxItem[]> {
  const subject = signedIn()?.subject;
  if (!subject) return [];
  const all = await run('readonly', (store) => store.getAll() as IDBRequest<AnyOutboxItem[]>).catch(() => []);
  return all.filter((item) => item.subject === subject);
}

/** The signed-in account's waiting submissions. */
export const queued = async (): Promise<OutboxItem[]> =>
  (await waiting()).filter((item): item is OutboxItem => !isSurvey(item));
/** The signed-in account's waiting surveys. */
export const queuedSurveys = async (): Promise<SurveyOutboxItem[]> => (await waiting()).filter(isSurvey);

export const enqueue = (item: AnyOutboxItem): Promise<unknown> => {
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

/** Sends one survey with its Idempotency-Key: a resend of what the API already has is answered as the first. */
const sendSurvey = (item: SurveyOutboxItem): Promise<unknown> =>
  api(`/v1/villages/${encodeURIComponent(item.villageCode)}/household-surveys`, {
    method: 'POST',
    headers: { 'idempotency-key': item.key },
    body: item.body,
  });

let flushing: Promise<AnyOutboxItem[]> | undefined;

/** Dispatched on window after a flush sent something (detail: how many), for the screens that list the outbox. */
export const OUTBOX_SENT = 'dd:outbox-sent';

/**
 * Sends everything waiting, oldest first; stops at the first network failure (still offline). What the API
 * refuses stays in the outbox with the reason, for the person to see and fix. Answers what was sent.
 */
export function flush(): Promise<AnyOutboxItem[]> {
  flushing ??= (async () => {
    const sent: AnyOutboxItem[] = [];
    try {
      const items = (await waiting()).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
      for (const item of items) {
        if (signedIn()?.subject !== item.subject) break; // signed out (or switched) while sending
        try {
          await (isSurvey(item) ? sendSurvey(item) : send(item, true));
          sent.push(item);
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
    if (sent.length > 0) window.dispatchEvent(new CustomEvent(OUTBOX_SENT, { detail: sent.length }));
    return sent;
  })();
  return flushing;
}

export const discard = remove;

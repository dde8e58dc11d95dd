import { assertWorksFor, SITE_PUBLISHERS } from '../identity/policy.js';
import type { Actor } from '../identity/roles.js';
import { type AuditEntry, auditEntry } from '../privacy/audit.js';
import { type FieldIssue, ForbiddenError, NotFoundError, ValidationError } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import type { Clock, VillageDirectory } from '../shared/ports.js';
import { text } from '../shared/text.js';
import { villageFor } from '../villages/places.js';
import type { SiteItem, SiteItemKind } from './content.js';

/**
 * The village's news and agenda register (issue 12, item 3): the operator drafts, the village secretary or
 * head publishes, and publishing renders the site. A register of its own rather than the village record's
 * `announcements`: those are short notices replaced whole with the record by onboarding, with no author,
 * no draft and no date; they stay as they are and the site shows them as "Pengumuman".
 */
export interface SiteItemStore {
  get(villageCode: string, kind: SiteItemKind, id: string): Promise<SiteItem | undefined>;
  /** Every item of the village, drafts included. */
  list(villageCode: string): Promise<SiteItem[]>;
  /** Writes a new item and its audit entry in one transaction. */
  create(item: SiteItem, audit: AuditEntry): Promise<void>;
  /** Writes the published item and its audit entry in one transaction, only if it is still a draft. */
  publish(item: SiteItem, audit: AuditEntry): Promise<boolean>;
}

export type SiteItemInput = Pick<SiteItem, 'title' | 'body' | 'titleEn' | 'bodyEn' | 'startsAt' | 'place'>;

const KIND_NAMES: Record<SiteItemKind, { id: string; en: string }> = {
  news: { id: 'Berita', en: 'News item' },
  agenda: { id: 'Agenda', en: 'Agenda entry' },
};

/** A NIK or family-card number is 16 digits: the public site never carries one. */
const SIXTEEN_DIGITS = /\d{16}/;

/** A site item the public will read: no NIK or KK number in any of its texts. */
export function siteItemIssues(input: SiteItemInput): FieldIssue[] {
  return (['title', 'body', 'titleEn', 'bodyEn', 'place'] as const)
    .filter((field) => SIXTEEN_DIGITS.test((input[field] ?? '').replace(/[\s.-]/g, '')))
    .map((field) => ({
      field,
      message: text(
        `${field}: jangan memuat NIK atau nomor KK (16 angka); situs desa bersifat publik`,
        `${field}: must not contain a NIK or family-card number (16 digits); the village site is public`,
      ),
    }));
}

/**
 * Drafts a news item or an agenda entry.
 * Primary course: staff of the village (the route admits operators) send the texts; the village exists; the
 * texts hold no NIK; the draft and a `site.draft` audit entry are written together. Nothing is published.
 */
export async function draftSiteItem(
  deps: { items: SiteItemStore; villages: VillageDirectory; clock: Clock },
  actor: Actor,
  villageCode: string,
  kind: SiteItemKind,
  input: SiteItemInput,
): Promise<SiteItem> {
  assertWorksFor(actor, villageCode);
  const issues = siteItemIssues(input);
  if (issues.length > 0) {
    throw new ValidationError(
      text(
        `Data tidak valid: ${issues.map((issue) => issue.message.id).join('; ')}`,
        `Invalid data: ${issues.map((issue) => issue.message.en).join('; ')}`,
      ),
      issues,
    );
  }
  await villageFor(deps.villages, villageCode);
  const now = deps.clock.now();
  const item: SiteItem = {
    ...input,
    id: newId(now),
    villageCode,
    kind,
    status: 'draft',
    createdAt: now.toISOString(),
    createdBy: actor.subject,
  };
  await deps.items.create(
    item,
    auditEntry(actor, 'site.draft', siteTarget(villageCode), now, `${kind} ${item.id}`),
  );
  return item;
}

/**
 * Publishes a drafted item.
 * Primary course: the village secretary or head of the village names a draft; it becomes published with a
 * `site.publish` audit entry. Publishing it again answers the published item unchanged, so a caller whose
 * site render failed after the write can simply repeat the call (the render runs after every call).
 */
export async function publishSiteItem(
  deps: { items: SiteItemStore; clock: Clock },
  actor: Actor,
  villageCode: string,
  kind: SiteItemKind,
  id: string,
): Promise<SiteItem> {
  if (!SITE_PUBLISHERS.some((role) => actor.roles.includes(role))) {
    throw new ForbiddenError(
      text(
        'Hanya sekretaris desa atau kepala desa yang menerbitkan berita dan agenda.',
        'Only the village secretary or village head publishes news and agenda entries.',
      ),
    );
  }
  assertWorksFor(actor, villageCode);
  const notFound = new NotFoundError(
    text(`${KIND_NAMES[kind].id} ${id} tidak ditemukan.`, `${KIND_NAMES[kind].en} ${id} not found.`),
  );
  const draft = await deps.items.get(villageCode, kind, id);
  if (!draft) throw notFound;
  if (draft.status === 'published') return draft;
  const now = deps.clock.now();
  const published: SiteItem = {
    ...draft,
    status: 'published',
    publishedAt: now.toISOString(),
    publishedBy: actor.subject,
  };
  const audit = auditEntry(actor, 'site.publish', siteTarget(villageCode), now, `${kind} ${id}`);
  if (await deps.items.publish(published, audit)) return published;
  // Someone published it in between: theirs stands.
  const current = await deps.items.get(villageCode, kind, id);
  if (!current) throw notFound;
  return current;
}

/**
 * The village's register as its editors see it, drafts included, newest first (the route admits SITE_EDITORS
 * only; the village is checked here).
 */
export async function listSiteItems(
  deps: { items: SiteItemStore },
  actor: Actor,
  villageCode: string,
): Promise<SiteItem[]> {
  assertWorksFor(actor, villageCode);
  const items = await deps.items.list(villageCode);
  return items.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

const siteTarget = (villageCode: string) => ({ kind: 'site', id: villageCode }) as const;

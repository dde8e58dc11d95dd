import type { z } from 'zod';
import type {
  myRequestPage,
  taskList,
  villageBoard,
  villageStats,
} from '../../../functions/api/console-schemas.js';
import type { legalProduct } from '../../../functions/api/legal-schemas.js';
import type {
  documentLink,
  requestView,
  serviceSummary,
  uploadVerification,
  verification,
  villageView,
} from '../../../functions/api/schemas.js';
import type { siteItemView } from '../../../functions/api/website-routes.js';
import type { LocalizedText } from '../../../functions/core/shared/text.js';

/** Wire types, inferred from the API's own zod schemas (type-only imports: no zod in the bundle). */
export type { LocalizedText };
export type Service = z.output<typeof serviceSummary>;
export type Field = Service['fields'][number];
export type Requirement = Service['requirements'][number];
export type Village = z.output<typeof villageView>;
export type VillageBoard = z.output<typeof villageBoard>;
export type Verification = z.output<typeof verification>;
export type UploadVerification = z.output<typeof uploadVerification>;
export type DocumentLink = z.output<typeof documentLink>;
export type TaskList = z.output<typeof taskList>;
export type VillageStats = z.output<typeof villageStats>;
export type RequestPage = z.output<typeof myRequestPage>;
export type LegalProduct = z.output<typeof legalProduct>;
export type SiteItem = z.output<typeof siteItemView>;

/** Attachments and registry checks are being added to the request view (issue 3); read them when present. */
export interface AttachmentRef {
  readonly attachmentId: string;
  readonly requirementCode: string;
  readonly contentType: string;
  readonly size: number;
}
export interface RegistryCheck {
  readonly registry: string;
  readonly outcome: 'match' | 'mismatch';
  readonly reasons: readonly LocalizedText[];
  readonly at: string;
}
export type RequestView = z.output<typeof requestView> & {
  readonly attachments?: readonly AttachmentRef[];
  readonly checks?: readonly RegistryCheck[];
};
export type RequestEvent = NonNullable<RequestView['events']>[number];

export interface UploadTicket {
  readonly uploadId: string;
  readonly url: string;
  readonly fields: Readonly<Record<string, string>>;
  readonly maxBytes: number;
  readonly expiresAt: string;
}

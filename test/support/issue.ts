import { certificateStore } from '../../functions/adapters/dynamo-certificates.js';
import { documentRegistry } from '../../functions/adapters/dynamo-document-registry.js';
import { requestStore } from '../../functions/adapters/dynamo-request-store.js';
import { catalog } from '../../functions/adapters/dynamo-village-services.js';
import { villageDirectory } from '../../functions/adapters/dynamo-villages.js';
import { systemClock } from '../../functions/adapters/env.js';
import { documentStore } from '../../functions/adapters/s3-document-store.js';
import { emblemStore } from '../../functions/adapters/s3-emblems.js';
import { certificateAuthorityKey, documentSigner } from '../../functions/adapters/signing/index.js';
import { issueDocument } from '../../functions/core/documents/issue-document.js';
import type { ServiceRequest } from '../../functions/core/requests/requests.js';
import { newId, newTrackingCode } from '../../functions/core/shared/ids.js';
import type { DocumentRecord } from '../../functions/core/shared/ports.js';

/** A stored letter's PDF, through a short-lived link as the citizen downloads it. */
export async function downloadDocument(document: DocumentRecord): Promise<Uint8Array> {
  const url = await documentStore().downloadUrl(document.objectKey, 'letter.pdf', 60);
  return new Uint8Array(await (await fetch(url)).arrayBuffer());
}

/**
 * An approved request, written as the workflow leaves it after its last stage, then issued by the issue use
 * case through the real adapters of the running local runtime (notifications aside); its record and PDF.
 */
export async function issueApproved(
  verifyBaseUrl: string,
  approved: Pick<ServiceRequest, 'serviceCode' | 'villageCode' | 'data'> & { readonly applicantName: string },
): Promise<{ document: DocumentRecord; pdf: Uint8Array }> {
  const now = new Date();
  const request: ServiceRequest = {
    id: newId(now),
    trackingCode: newTrackingCode(),
    serviceCode: approved.serviceCode,
    villageCode: approved.villageCode,
    status: 'APPROVED',
    stageIndex: 2,
    applicant: { subject: 'test-citizen', name: approved.applicantName },
    data: approved.data,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    version: 1,
  };
  // The applicant's person lookup, as a submission writes it (idsByNik finds the letter by its NIK).
  const niks = typeof approved.data.nik === 'string' ? [approved.data.nik] : [];
  await requestStore().create(
    request,
    {
      requestId: request.id,
      at: now.toISOString(),
      type: 'APPROVED',
      status: 'APPROVED',
      actor: { subject: 'system', name: 'test', role: 'system' },
    },
    undefined,
    niks,
  );
  const { documentId } = await issueDocument(
    {
      requests: requestStore(),
      villages: villageDirectory(),
      catalog: catalog(),
      registry: documentRegistry(),
      files: documentStore(),
      signer: documentSigner(),
      notifier: { notify: async () => undefined }, // notifications are not what these tests are about
      clock: systemClock,
      verifyBaseUrl,
      authorityKey: certificateAuthorityKey(),
      certificates: certificateStore(),
      emblems: emblemStore(),
    },
    request.id,
  );
  const document = await documentRegistry().get(documentId);
  if (!document) throw new Error('the issued document is not on record');
  return { document, pdf: await downloadDocument(document) };
}

import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3RVER_CREDENTIALS } from '../../lib/local/s3.js';
import { SAWOO, TAMPO, validBusinessApplication } from '../support/fixtures.js';
import { type ApiClient, eventually, signInAll, startTestRuntime, tableItems } from '../support/runtime.js';
import { attachAll, requiredRequirements, SAMPLE_PDF, SAMPLE_PNG, upload } from '../support/uploads.js';

type Runtime = Awaited<ReturnType<typeof startTestRuntime>>;
type ErrorBody = {
  error: { code: string; message: { id: string; en: string }; issues?: { field: string }[] };
};
type RequestBody = { id: string; attachments?: { attachmentId: string; requirementCode: string }[] };

const encode = (text: string) => new TextEncoder().encode(text);

/**
 * Uploads are bound to their ticket (owner, service, village, requirement, size, type), checked again on
 * every submission, never named by caller text, and refused when they carry active content.
 */
describe('uploads and attachments', () => {
  let runtime: Runtime;
  let citizen: ApiClient;
  let operator: ApiClient;
  let s3: S3Client;
  const valid = { serviceCode: 'SKU', villageCode: TAMPO, data: validBusinessApplication };
  const complete = async () => ({
    ...valid,
    attachments: await attachAll(citizen, 'SKU', requiredRequirements('SKU')),
  });

  beforeAll(async () => {
    runtime = await startTestRuntime();
    [citizen, operator] = await signInAll(runtime, ['warga.tampo', 'operator.tampo']);
    s3 = new S3Client({
      endpoint: runtime.env.AWS_ENDPOINT_URL_S3 ?? '',
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: S3RVER_CREDENTIALS,
    });
  }, 600_000);
  afterAll(async () => {
    s3?.destroy();
    await runtime?.cleanup();
  });

  async function objectKeys(): Promise<string[]> {
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const page = await s3.send(
        new ListObjectsV2Command({ Bucket: runtime.env.DOCUMENTS_BUCKET, ContinuationToken: token }),
      );
      keys.push(...(page.Contents ?? []).flatMap((object) => (object.Key ? [object.Key] : [])));
      token = page.NextContinuationToken;
    } while (token);
    return keys.sort();
  }

  /**
   * Runs `act` and asserts the table and the bucket's attachments hold exactly what they held before. The
   * account's daily submission counter (RATE#) is taken before files are checked and given back on a refusal:
   * its window may be left at the count it had, which is no record.
   */
  async function expectNothingWritten(act: () => Promise<unknown>) {
    const records = async () =>
      (await tableItems(runtime)).filter((item) => !(item.pk as { S?: string }).S?.startsWith('RATE#'));
    const before = await records();
    const attachedBefore = (await objectKeys()).filter((key) => key.startsWith('attachments/'));
    await act();
    expect(await records()).toEqual(before);
    expect((await objectKeys()).filter((key) => key.startsWith('attachments/'))).toEqual(attachedBefore);
  }

  /** Waits until the workflow has opened the verify stage (so no background write races the next count). */
  const waitForVerify = (id: string) =>
    eventually('the verify stage to open', async () => {
      const { body } = await operator.get<{ stage?: { key: string; dueAt?: string } }>(`/v1/requests/${id}`);
      return body.stage?.key === 'verify' && body.stage.dueAt ? true : undefined;
    });

  const expectRefused = (response: { status: number; body: ErrorBody }, field: string) => {
    expect(response.status, JSON.stringify(response.body)).toBe(400);
    expect(response.body.error.message.id).not.toBe('');
    expect(response.body.error.message.en).not.toBe('');
    expect(response.body.error.issues?.map((issue) => issue.field)).toContain(field);
  };

  describe('upload tickets', () => {
    const ticket = (body: Record<string, unknown>) =>
      citizen.post<ErrorBody>('/v1/uploads', {
        serviceCode: 'SKU',
        requirementCode: 'ktp',
        contentType: 'application/pdf',
        size: 100,
        ...body,
      });

    it.each([
      ['a village that does not exist', { villageCode: '35.10.99.2999' }, 'villageCode'],
      ['a service that does not exist', { serviceCode: 'XYZ' }, 'serviceCode'],
      ['a village programme without its village', { serviceCode: 'OR-TIDAKADA' }, 'serviceCode'],
      ['a requirement the service does not declare', { requirementCode: 'surat-lahir' }, 'requirementCode'],
      [
        'a requirement code carrying a header',
        { requirementCode: `ktp"; filename*=UTF-8''surat-resmi.html` },
        'requirementCode',
      ],
      ['a requirement code with a path', { requirementCode: '../ktp' }, 'requirementCode'],
      ['a size above the limit', { size: 6 * 1024 * 1024 }, 'size'],
    ])('refuses a ticket for %s with 400 naming the field, writing nothing', async (_case, body, field) => {
      const before = await objectKeys();
      await expectNothingWritten(async () => expectRefused(await ticket(body), field));
      expect(await objectKeys()).toEqual(before);
    });
  });

  describe('on submission', () => {
    /** The required attachments, with `change` applied to the list before submitting. */
    async function submitWith(
      change: (attachments: { requirementCode: string; uploadId: string }[]) => unknown[],
      field: string,
    ) {
      const body = await complete();
      const attachments = change(body.attachments);
      await expectNothingWritten(async () =>
        expectRefused(await citizen.post<ErrorBody>('/v1/requests', { ...body, attachments }), field),
      );
      // The refused submission moved nothing: the same uploads are still there to submit properly.
      const retried = await citizen.post<RequestBody>('/v1/requests', body);
      expect(retried.status).toBe(201);
      await waitForVerify(retried.body.id);
      expect(retried.body.attachments?.map((file) => file.requirementCode).sort()).toEqual(
        body.attachments.map((file) => file.requirementCode).sort(),
      );
    }

    it('refuses a requirementCode the service does not declare', async () => {
      const extra = await upload(citizen, 'SKU', 'foto-usaha');
      await submitWith(
        (attachments) => [...attachments, { requirementCode: 'surat-lahir', uploadId: extra }],
        `attachments.${requiredRequirements('SKU').length}.requirementCode`,
      );
    });

    it('refuses one upload used for two requirements', async () => {
      await submitWith(
        (attachments) => [
          ...attachments,
          { requirementCode: 'foto-usaha', uploadId: attachments[0]?.uploadId ?? '' },
        ],
        `attachments.${requiredRequirements('SKU').length}.uploadId`,
      );
    });

    it('refuses an upload used for another requirement than its ticket named', async () => {
      await submitWith(
        // The first two uploads swap requirements: each now claims what its ticket did not name.
        (attachments) =>
          attachments.map((file, index) =>
            index < 2 ? { ...file, requirementCode: attachments[1 - index]?.requirementCode ?? '' } : file,
          ),
        'attachments.0.requirementCode',
      );
    });

    it('refuses a file larger than its ticket declared', async () => {
      const body = await complete();
      const ticket = await citizen.post<{ uploadId: string; url: string; fields: Record<string, string> }>(
        '/v1/uploads',
        { serviceCode: 'SKU', requirementCode: 'foto-usaha', contentType: 'application/pdf', size: 40 },
      );
      expect(ticket.status).toBe(201);
      const form = new FormData();
      for (const [name, value] of Object.entries(ticket.body.fields)) form.append(name, value);
      const padded = new Uint8Array(4000).fill(0x20);
      padded.set(SAMPLE_PDF);
      form.append('file', new Blob([padded], { type: 'application/pdf' }), 'x.pdf');
      // s3rver ignores the POST policy's size range (S3 enforces it): the submission must catch it too.
      await fetch(ticket.body.url, { method: 'POST', body: form });
      const attachments = [
        ...body.attachments,
        { requirementCode: 'foto-usaha', uploadId: ticket.body.uploadId },
      ];
      await expectNothingWritten(async () =>
        expectRefused(
          await citizen.post<ErrorBody>('/v1/requests', { ...body, attachments }),
          `attachments.${body.attachments.length}.uploadId`,
        ),
      );
    });

    it('refuses an upload whose ticket was for another service', async () => {
      const body = await complete();
      const other = await upload(citizen, 'SKD', 'ktp');
      const attachments = body.attachments.map((file) =>
        file.requirementCode === 'ktp' ? { ...file, uploadId: other } : file,
      );
      const index = attachments.findIndex((file) => file.requirementCode === 'ktp');
      await expectNothingWritten(async () =>
        expectRefused(
          await citizen.post<ErrorBody>('/v1/requests', { ...body, attachments }),
          `attachments.${index}.uploadId`,
        ),
      );
    });

    it('refuses an upload whose ticket was for another village', async () => {
      const body = await complete();
      const other = await upload(citizen, 'SKU', 'ktp', SAMPLE_PDF, 'application/pdf', SAWOO);
      const attachments = body.attachments.map((file) =>
        file.requirementCode === 'ktp' ? { ...file, uploadId: other } : file,
      );
      const index = attachments.findIndex((file) => file.requirementCode === 'ktp');
      await expectNothingWritten(async () =>
        expectRefused(
          await citizen.post<ErrorBody>('/v1/requests', { ...body, attachments }),
          `attachments.${index}.uploadId`,
        ),
      );
    });

    it("refuses someone else's upload", async () => {
      const body = await complete();
      const others = await upload(operator, 'SKU', 'ktp');
      const attachments = body.attachments.map((file) =>
        file.requirementCode === 'ktp' ? { ...file, uploadId: others } : file,
      );
      const index = attachments.findIndex((file) => file.requirementCode === 'ktp');
      await expectNothingWritten(async () =>
        expectRefused(
          await citizen.post<ErrorBody>('/v1/requests', { ...body, attachments }),
          `attachments.${index}.uploadId`,
        ),
      );
    });

    it.each([
      [
        'a PDF with JavaScript',
        encode(
          '%PDF-1.7\n1 0 obj << /Type /Catalog /OpenAction 2 0 R >> endobj\n2 0 obj << /S /JavaScript /JS (app.alert(1)) >> endobj\n%%EOF\n',
        ),
        'application/pdf',
      ],
      [
        'a PDF that is also HTML',
        encode('%PDF-1.4\n<html><script>alert(1)</script></html>\n%%EOF\n'),
        'application/pdf',
      ],
      [
        'a PNG that is also HTML',
        Uint8Array.from([...SAMPLE_PNG, ...encode('<!DOCTYPE html><script>alert(1)</script>')]),
        'image/png',
      ],
    ] as const)('refuses %s', async (_case, bytes, contentType) => {
      const body = await complete();
      const active = await upload(citizen, 'SKU', 'foto-usaha', bytes, contentType);
      const attachments = [...body.attachments, { requirementCode: 'foto-usaha', uploadId: active }];
      await expectNothingWritten(async () =>
        expectRefused(
          await citizen.post<ErrorBody>('/v1/requests', { ...body, attachments }),
          `attachments.${body.attachments.length}.uploadId`,
        ),
      );
    });
  });

  describe('on resubmission and decisions', () => {
    it('refuses a requirementCode a decision stage does not declare, moving nothing', async () => {
      const { body } = await citizen.post<RequestBody>('/v1/requests', await complete());
      await waitForVerify(body.id);
      const file = await upload(operator, 'SKU', 'ktp');
      await expectNothingWritten(async () =>
        expectRefused(
          await operator.post<ErrorBody>(`/v1/requests/${body.id}/decisions`, {
            decision: 'approve',
            note: '',
            attachments: [{ requirementCode: 'ktp', uploadId: file }],
          }),
          'attachments.0.requirementCode',
        ),
      );
    });
  });

  it('refuses, on resubmission, a requirement the service does not declare and one upload used twice', async () => {
    const { body } = await citizen.post<RequestBody>('/v1/requests', await complete());
    const stageOf = async () =>
      (
        await operator.get<{ status: string; stage?: { key: string; dueAt?: string } }>(
          `/v1/requests/${body.id}`,
        )
      ).body;
    await waitForVerify(body.id);
    const returned = await operator.post(`/v1/requests/${body.id}/decisions`, {
      decision: 'return',
      note: 'Foto KTP buram',
    });
    expect(returned.status).toBe(200);
    await eventually('the request to wait for its applicant', async () =>
      (await stageOf()).status === 'RETURNED' ? true : undefined,
    );
    const file = await upload(citizen, 'SKU', 'ktp');
    const resubmit = (attachments: unknown[]) =>
      citizen.post<ErrorBody>(`/v1/requests/${body.id}/resubmission`, {
        data: validBusinessApplication,
        attachments,
      });
    await expectNothingWritten(async () => {
      expectRefused(
        await resubmit([{ requirementCode: 'surat-lahir', uploadId: file }]),
        'attachments.0.requirementCode',
      );
      expectRefused(
        await resubmit([
          { requirementCode: 'ktp', uploadId: file },
          { requirementCode: 'kk', uploadId: file },
        ]),
        'attachments.1.uploadId',
      );
    });
    expect((await resubmit([{ requirementCode: 'ktp', uploadId: file }])).status).toBe(200);
  });

  describe('downloads', () => {
    it('names an attachment download from the catalog and the id, never from caller text', async () => {
      const { body } = await citizen.post<RequestBody>('/v1/requests', await complete());
      await waitForVerify(body.id);
      const attachment = body.attachments?.[0];
      if (!attachment) throw new Error('no attachment');
      const link = await operator.get<{ url: string }>(
        `/v1/requests/${body.id}/attachments/${attachment.attachmentId}`,
      );
      expect(link.status).toBe(200);
      const query = new URL(link.body.url).searchParams;
      expect(query.get('response-content-disposition')).toBe(
        `attachment; filename="lampiran-${attachment.requirementCode}-${attachment.attachmentId.toLowerCase()}.pdf"`,
      );
      expect(query.get('response-content-type')).toBe('application/pdf');
    });
  });
});

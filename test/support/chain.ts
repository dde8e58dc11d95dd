import type { ServiceDefinition } from '../../functions/core/catalog/types.js';
import { type ApiClient, eventually } from './runtime.js';
import { attachAll, stageAttachments } from './uploads.js';

export interface RequestState {
  id: string;
  status: string;
  stage?: { index: number; key: string; role: string; dueAt?: string; actingRole?: string };
  document?: { documentId: string; letterNumber: string };
  checks?: { registry: string; outcome: string; reasons: { id: string; en: string }[] }[];
  attachments: { attachmentId: string; requirementCode: string; uploadedByRole: string }[];
  events: { type: string; status: string; stage?: string; actor: { name: string; role: string } }[];
}

/** Waits until the request leaves the workflow's hands: a person is awaited, or it reached an end. */
export function settled(client: ApiClient, id: string): Promise<RequestState> {
  return eventually(`request ${id} to settle`, async () => {
    const { body } = await client.get<RequestState>(`/v1/requests/${id}`);
    const waiting = body.stage?.dueAt !== undefined;
    return waiting || ['ISSUED', 'REJECTED', 'FAILED', 'EXPIRED'].includes(body.status) ? body : undefined;
  });
}

/** Waits until the workflow has opened the stage `key` (its deadline set), so no background write races the test. */
export function stageOpen<T extends { stage?: { key: string; dueAt?: string } }>(
  client: ApiClient,
  id: string,
  key: string,
): Promise<T> {
  return eventually(`stage ${key} to open`, async () => {
    const { body } = await client.get<T>(`/v1/requests/${id}`);
    return body.stage?.key === key && body.stage.dueAt ? body : undefined;
  });
}

export async function submit(
  client: ApiClient,
  service: ServiceDefinition,
  villageCode: string,
  data: Record<string, unknown>,
) {
  const required = service.requirements
    .filter((requirement) => requirement.required)
    .map((requirement) => requirement.code);
  const response = await client.post<RequestState>('/v1/requests', {
    serviceCode: service.code,
    villageCode,
    data,
    attachments: await attachAll(client, service.code, required, villageCode),
  });
  if (response.status !== 201)
    throw new Error(`submission refused: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

/**
 * Drives a request through its real chain: whenever a stage waits, the staff member holding that stage's
 * role approves it (attaching the document the stage requires, as Dukcapil attaches the akta).
 * Returns the request once issued, and the roles that decided, in order.
 */
export async function approveThroughChain(
  service: ServiceDefinition,
  id: string,
  staff: Readonly<Record<string, ApiClient>>,
  reader: ApiClient,
): Promise<{ request: RequestState; deciders: string[] }> {
  const deciders: string[] = [];
  for (let step = 0; step < service.stages.length + 2; step++) {
    const request = await settled(reader, id);
    if (request.status === 'ISSUED') return { request, deciders };
    if (request.status !== 'IN_REVIEW' || !request.stage)
      throw new Error(`request stopped at ${request.status}: ${JSON.stringify(request.events.at(-1))}`);
    const stage = service.stages[request.stage.index];
    const client = staff[request.stage.role];
    if (stage?.kind !== 'decision' || !client)
      throw new Error(`no staff for stage ${request.stage.key} (${request.stage.role})`);
    const attachments = await stageAttachments(client, service.code, stage);
    const decided = await client.post(`/v1/requests/${id}/decisions`, {
      decision: 'approve',
      note: 'OK',
      ...(attachments ? { attachments } : {}),
    });
    if (decided.status !== 200)
      throw new Error(
        `${request.stage.role} could not approve: ${decided.status} ${JSON.stringify(decided.body)}`,
      );
    deciders.push(request.stage.role);
  }
  const final = await eventually('the document', async () => {
    const { body } = await reader.get<RequestState>(`/v1/requests/${id}`);
    return body.status === 'ISSUED' ? body : undefined;
  });
  return { request: final, deciders };
}

import * as z from 'zod/mini';
import { bpjsRegistry, populationRegistry } from '../adapters/registries/index.js';
import { runChecks } from '../core/registry-checks.js';
import { reviewDeps, workflowTask } from './task.js';

/** A check stage: the declared people against the population registry and BPJS (every lookup is logged). */
export const handler = workflowTask(
  'RunChecks',
  z.object({
    requestId: z.string(),
    stage: z.object({ index: z.number().check(z.int(), z.minimum(0)), key: z.string() }),
  }),
  async ({ requestId, stage }) => ({
    requestId,
    ...(await runChecks(
      { ...reviewDeps(), population: populationRegistry(), bpjs: bpjsRegistry() },
      requestId,
      stage,
    )),
  }),
);

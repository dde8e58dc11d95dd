import * as z from 'zod/mini';
import { budgetStore } from '../adapters/dynamo-budgets.js';
import { documentRegistry } from '../adapters/dynamo-document-registry.js';
import { legalProductStore } from '../adapters/dynamo-legal-products.js';
import { siteChangeMarker } from '../adapters/dynamo-stale-sites.js';
import { villageDirectory } from '../adapters/dynamo-villages.js';
import { bpjsRegistry, desilRegistry, populationRegistry } from '../adapters/registries/index.js';
import { advance } from '../core/approvals/advance.js';
import { budgetAdoption } from '../core/budget/adoption.js';
import { STAFF_ROLES } from '../core/identity/roles.js';
import { legalRegister } from '../core/legal/register.js';
import { stageStaff } from './stage-staff.js';
import { reviewDeps, workflowTask } from './task.js';

/**
 * The human task of every stage: runs the automated steps up to the next person awaited (registry checks
 * log every lookup) and records the task token on the request; the decision API resumes the workflow with it.
 */
export const handler = workflowTask(
  'AwaitDecision',
  z.object({
    requestId: z.string(),
    stage: z.object({
      index: z.number().check(z.int(), z.minimum(0)),
      key: z.string(),
      deadlineSeconds: z.number().check(z.int(), z.minimum(1)),
      actingRole: z.optional(z.enum(STAFF_ROLES)),
    }),
    taskToken: z.string().check(z.minLength(1)),
    enteredAt: z.iso.datetime(),
  }),
  async ({ requestId, stage, taskToken, enteredAt }) => {
    const deps = reviewDeps(stageStaff);
    const legalProducts = legalRegister({
      legalProducts: legalProductStore(),
      requests: deps.requests,
      villages: villageDirectory(),
      registry: documentRegistry(),
      budgets: budgetAdoption({ budgets: budgetStore(), clock: deps.clock }),
      siteChanged: siteChangeMarker(),
    });
    await advance(
      {
        ...deps,
        population: populationRegistry(),
        bpjs: bpjsRegistry(),
        desil: desilRegistry(),
        registers: { 'legal-products': legalProducts },
      },
      requestId,
      stage,
      taskToken,
      new Date(enteredAt),
    );
    return { requestId };
  },
);

import { cognitoStaffDirectory } from '../adapters/cognito-staff-directory.js';
import { auditTrail } from '../adapters/dynamo-audit.js';
import { villageDirectory } from '../adapters/dynamo-villages.js';
import { systemClock } from '../adapters/env.js';
import { createVillageStaff as createStaff } from '../core/villages/tenants.js';
import { apiHandler } from './http.js';
import { createVillageStaff } from './tenant-routes.js';

export const handler = apiHandler(createVillageStaff, async ({ actor, params, body }) => {
  const deps = {
    villages: villageDirectory(),
    staff: cognitoStaffDirectory(),
    audit: auditTrail(),
    clock: systemClock,
  };
  const { account, created } = await createStaff(deps, actor, params.code, body);
  return { status: created ? 201 : 200, body: account };
});

import { cognitoStaffContacts } from '../adapters/cognito-staff-directory.js';
import type { StaffContacts } from '../core/identity/staff.js';

/**
 * The user pool's staff listing, built on first use: only the tasks that open or escalate stages
 * (AwaitDecision, EscalateStage: need 'staff:read') import it, have USER_POOL_ID and the grant, and list staff.
 */
export const stageStaff: StaffContacts = {
  staffWithRole: (role) => cognitoStaffContacts().staffWithRole(role),
};

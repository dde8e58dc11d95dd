import { REGENCY_SERVICE_CODES } from '../catalog/index.js';
import { canOnboard } from '../identity/policy.js';
import type { Actor } from '../identity/roles.js';
import {
  type StaffAccount,
  type StaffDirectory,
  sameAccount,
  type VillageStaffRole,
} from '../identity/staff.js';
import { type AuditEntry, type AuditTrail, auditEntry } from '../privacy/audit.js';
import { ConflictError, type FieldIssue, ForbiddenError, ValidationError } from '../shared/errors.js';
import type { Clock, VillageDirectory } from '../shared/ports.js';
import { text } from '../shared/text.js';
import { districtCodeOf, regencyCodeOf, type Village, villageFor } from './places.js';

/**
 * Villages as tenants (issue 4): a regency admin onboards a village and its staff through the API. A village
 * is a row, so it is live for the next request (nothing caches the village list across invocations), and
 * no deploy is needed.
 */

/** Where villages are written: the record and its audit entry in one transaction. */
export interface VillageRegistry extends VillageDirectory {
  /**
   * Writes the village and the audit entry together. `expect` 'new': only if no village has the code;
   * 'existing': only if one has. False when that condition failed (someone else got there first).
   */
  save(village: Village, audit: AuditEntry, expect: 'new' | 'existing'): Promise<boolean>;
}

/** Everything of a village but its code, which the path names. */
export type VillageInput = Omit<Village, 'code'>;

export interface OnboardResult {
  readonly village: Village;
  /** True when the village is new (`village.onboard`), false when it replaced one (`village.update`). */
  readonly created: boolean;
}

const notYourArea = (villageCode: string) =>
  new ForbiddenError(
    text(
      `Anda bukan admin kabupaten untuk desa ${villageCode}.`,
      `You are not the regency admin for village ${villageCode}.`,
    ),
  );

/** Two writers racing for the same village: each attempt re-reads whether it exists. */
const SAVE_ATTEMPTS = 3;

/**
 * Creates or replaces a village.
 * Primary course: the regency admin over the village sends its complete record; the path's region code
 * agrees with the district and regency codes and the kind; every service offered is in the regency's
 * catalog; the village and a `village.onboard` (or `village.update`) audit entry are written in one
 * transaction. A replacement is complete: what the body leaves out (announcements) is gone; the numbering
 * scope cannot change (409), since that would reuse letter numbers.
 */
export async function onboardVillage(
  deps: { villages: VillageRegistry; clock: Clock },
  actor: Actor,
  code: string,
  input: VillageInput,
): Promise<OnboardResult> {
  if (!canOnboard(actor, code)) throw notYourArea(code);
  const issues = villageIssues(code, input);
  if (issues.length > 0) {
    throw new ValidationError(
      text(
        `Data desa tidak valid: ${issues.map((issue) => issue.message.id).join('; ')}`,
        `Invalid village: ${issues.map((issue) => issue.message.en).join('; ')}`,
      ),
      issues,
    );
  }
  const village: Village = { ...input, code, services: [...input.services] };
  for (let attempt = 1; attempt <= SAVE_ATTEMPTS; attempt++) {
    const existing = await deps.villages.get(code);
    if (existing) assertSameNumbering(existing, village);
    const entry = auditEntry(
      actor,
      existing ? 'village.update' : 'village.onboard',
      { kind: 'village', id: code },
      deps.clock.now(),
      `${village.name}; services ${village.services.join(', ') || '-'}`,
    );
    if (await deps.villages.save(village, entry, existing ? 'existing' : 'new')) {
      return { village, created: !existing };
    }
  }
  throw new ConflictError(
    'VILLAGE_BUSY',
    text(
      `Desa ${code} sedang diubah oleh orang lain; coba lagi.`,
      `Village ${code} is being changed by someone else; try again.`,
    ),
  );
}

/**
 * A village's numbering scope is fixed once it exists: each scope keeps its own counters, so switching
 * would restart sequences and hand out letter numbers that were already issued this year.
 */
function assertSameNumbering(existing: Village, wanted: Village): void {
  const before = existing.numberingScope ?? 'village';
  const after = wanted.numberingScope ?? 'village';
  if (before === after) return;
  throw new ConflictError(
    'NUMBERING_SCOPE_FIXED',
    text(
      `numberingScope desa ${existing.code} tetap ${before}: mengubahnya akan memakai ulang nomor surat.`,
      `Village ${existing.code}'s numberingScope stays ${before}: changing it would reuse letter numbers.`,
    ),
  );
}

/**
 * The rules a region code and its record must keep (Kemendagri, Permendagri 72/2019): the village code
 * continues its district's and regency's codes, and its four-digit number starts with 1 for a kelurahan
 * and 2 for a desa. Every service offered is a regency service (a village's own programmes are offered by
 * being added, see village-services.ts), each listed once.
 */
export function villageIssues(code: string, input: VillageInput): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const issue = (field: string, id: string, en: string) => issues.push({ field, message: text(id, en) });
  const [province, regency, district, number = ''] = code.split('.');
  if (province === '00' || regency === '00' || district === '00' || !/^[12]\d{3}$/.test(number)) {
    issue('code', `kode wilayah ${code} tidak valid`, `region code ${code} is not a valid village code`);
  } else if ((input.kind === 'kelurahan') !== number.startsWith('1')) {
    issue(
      'kind',
      `kode ${code} adalah ${number.startsWith('1') ? 'kelurahan' : 'desa'}, bukan ${input.kind}`,
      `code ${code} is a ${number.startsWith('1') ? 'kelurahan' : 'desa'}, not a ${input.kind}`,
    );
  }
  if (input.district.code !== districtCodeOf(code)) {
    issue(
      'district.code',
      `district.code harus ${districtCodeOf(code)} untuk desa ${code}`,
      `district.code must be ${districtCodeOf(code)} for village ${code}`,
    );
  }
  if (input.regency.code !== regencyCodeOf(code)) {
    issue(
      'regency.code',
      `regency.code harus ${regencyCodeOf(code)} untuk desa ${code}`,
      `regency.code must be ${regencyCodeOf(code)} for village ${code}`,
    );
  }
  const seen = new Set<string>();
  input.services.forEach((service, index) => {
    if (!REGENCY_SERVICE_CODES.includes(service)) {
      issue(
        `services.${index}`,
        `services.${index}: layanan "${service}" tidak ada di katalog kabupaten`,
        `services.${index}: "${service}" is not a regency service`,
      );
    } else if (seen.has(service)) {
      issue(
        `services.${index}`,
        `services.${index}: "${service}" tercantum dua kali`,
        `services.${index}: "${service}" is listed twice`,
      );
    }
    seen.add(service);
  });
  return issues;
}

export interface StaffInput {
  readonly username: string;
  readonly name: string;
  readonly email?: string;
  readonly phone?: string;
  readonly role: VillageStaffRole;
}

export interface StaffResult {
  readonly account: StaffAccount;
  /** False when the call repeated an earlier one (the account existed with the same details). */
  readonly created: boolean;
}

/**
 * Creates a staff account for a village.
 * Primary course: the regency admin over the village names the person, how to reach them and their role;
 * the identity provider creates the account with `custom:area` = the village and sends the temporary
 * password; the account is put in its role's group; a `staff.create` audit entry is written.
 *
 * The account lives in the identity provider, so this is not one transaction: the audit entry is written
 * right after the provider succeeded. A retry is safe: an account that already exists with the same
 * details is this call's own earlier attempt (it is put in its group again and the audit entry written if
 * the first attempt stopped before it); any other account under that username is a 409.
 */
export async function createVillageStaff(
  deps: { villages: VillageDirectory; staff: StaffDirectory; audit: AuditTrail; clock: Clock },
  actor: Actor,
  villageCode: string,
  input: StaffInput,
): Promise<StaffResult> {
  if (!canOnboard(actor, villageCode)) throw notYourArea(villageCode);
  if (!input.email && !input.phone) {
    const message = text(
      'isi email atau phone: kata sandi sementara dikirim ke sana',
      'give an email or a phone: the temporary password is sent there',
    );
    throw new ValidationError(text(`Data tidak valid: ${message.id}`, `Invalid data: ${message.en}`), [
      { field: 'email', message },
      { field: 'phone', message },
    ]);
  }
  await villageFor(deps.villages, villageCode);
  const account: StaffAccount = {
    username: input.username,
    name: input.name,
    ...(input.email ? { email: input.email } : {}),
    ...(input.phone ? { phone: input.phone } : {}),
    role: input.role,
    area: villageCode,
  };
  const creation = await deps.staff.create(account);
  if (creation.outcome === 'exists' && !sameAccount(creation.existing, account)) {
    throw new ConflictError(
      'USERNAME_TAKEN',
      text(
        `Nama pengguna ${account.username} sudah dipakai akun lain; pilih nama lain.`,
        `The username ${account.username} belongs to another account; choose another.`,
      ),
    );
  }
  await deps.staff.addToGroup(account.username, account.role);
  const target = { kind: 'staff', id: account.username } as const;
  const recorded =
    creation.outcome === 'exists' &&
    (await deps.audit.list(target)).some((entry) => entry.action === 'staff.create');
  if (!recorded) {
    await deps.audit.append(
      auditEntry(actor, 'staff.create', target, deps.clock.now(), `${account.role} of ${villageCode}`),
    );
  }
  return { account, created: creation.outcome === 'created' };
}

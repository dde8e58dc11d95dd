import { describe, expect, it } from 'vitest';
import {
  agencyGrant,
  agencyScope,
  assertCanCorrect,
  assertWorksFor,
  canCorrect,
  canSeeRequest,
  canSubmitIn,
  decidingRole,
  documentAuthority,
  MACHINE_SCOPES,
  mayCallRoute,
} from '../../../functions/core/identity/policy.js';
import type { Actor } from '../../../functions/core/identity/roles.js';
import type { ServiceRequest } from '../../../functions/core/requests/requests.js';
import { ForbiddenError, NotFoundError } from '../../../functions/core/shared/errors.js';

const TAMPO = '35.10.06.2001';
const SAWOO = '35.02.05.2008';
const person = (roles: Actor['roles'], areas: string[] = [], agency?: string): Actor => ({
  subject: `s-${roles.join('-')}-${areas.join('-')}`,
  name: 'X',
  roles,
  areas,
  ...(agency ? { agency } : {}),
});
const request = (villageCode = TAMPO, subject = 'citizen-1') =>
  ({ id: 'R', villageCode, applicant: { subject, name: 'A' } }) as ServiceRequest;
const noAgency = { stages: [{ kind: 'decision', role: 'operator' }] } as never;
const withKesmas = { stages: [{ kind: 'decision', role: 'agency_officer', agency: 'kesmas' }] } as never;

describe('the authorization policy', () => {
  it('denies by default: no caller, no matching role, an empty role list', () => {
    expect(mayCallRoute(undefined, { access: ['citizen'] })).toBe(false);
    expect(mayCallRoute(person(['operator']), { access: ['citizen'] })).toBe(false);
    expect(mayCallRoute(person([]), { access: ['citizen', 'operator'] })).toBe(false);
    expect(mayCallRoute(undefined, { access: 'public' })).toBe(true);
  });

  it('lets a machine in only through a scope the route lists, never through its role', () => {
    const machine: Actor = {
      ...person(['agency_officer'], ['35.10'], 'kesmas'),
      client: { id: 'c1', scopes: [MACHINE_SCOPES.readRequests] },
    };
    expect(mayCallRoute(machine, { access: ['agency_officer'] })).toBe(false);
    expect(
      mayCallRoute(machine, { access: ['agency_officer'], machineScopes: [MACHINE_SCOPES.decide] }),
    ).toBe(false);
    expect(
      mayCallRoute(machine, { access: ['agency_officer'], machineScopes: [MACHINE_SCOPES.readRequests] }),
    ).toBe(true);
  });

  it('reads the agency and its areas from agency scopes, and refuses a mix of agencies', () => {
    expect(agencyGrant([agencyScope('kesmas', '35.10'), agencyScope('kesmas', '35.02')])).toEqual({
      agency: 'kesmas',
      areas: ['35.10', '35.02'],
    });
    expect(agencyGrant([agencyScope('kesmas', '35.10'), agencyScope('dukcapil', '35.10')])).toBeUndefined();
    expect(agencyGrant([MACHINE_SCOPES.readRequests, 'desa-digital/agency:kesmas'])).toBeUndefined();
  });

  it('shows a request to its applicant and to staff of its area, agencies only where they take part', () => {
    expect(canSeeRequest(person(['citizen']), request(TAMPO, 's-citizen-'))).toBe(true);
    expect(canSeeRequest(person(['citizen']), request())).toBe(false);
    expect(canSeeRequest(person(['operator'], [TAMPO]), request())).toBe(true);
    expect(canSeeRequest(person(['operator'], [SAWOO]), request())).toBe(false);
    expect(canSeeRequest(person(['district_head'], ['35.10.06']), request())).toBe(true);
    expect(canSeeRequest(person(['data_protection_officer'], ['35.10']), request())).toBe(false);
    const kesmas = person(['agency_officer'], ['35.10'], 'kesmas');
    expect(canSeeRequest(kesmas, request(), noAgency)).toBe(false);
    expect(canSeeRequest(kesmas, request(), withKesmas)).toBe(true);
    expect(canSeeRequest(kesmas, request())).toBe(false); // without the service: deny
  });

  it("never lets staff rewrite a citizen's own application: only its applicant corrects a self-service request", () => {
    const own = { ...request(TAMPO, 'citizen-1'), channel: 'self', status: 'RETURNED' } as ServiceRequest;
    const legacy = { ...request(TAMPO, 'citizen-1'), status: 'RETURNED' } as ServiceRequest; // before channels
    const citizen = { ...person(['citizen']), subject: 'citizen-1' };
    for (const returned of [own, legacy]) {
      expect(canCorrect(citizen, returned)).toBe(true);
      expect(canCorrect(person(['operator'], [TAMPO]), returned)).toBe(false);
      expect(assertCanCorrect(citizen, returned, 'R')).toBe(returned);
      // The village's operator sees it, so is told why (403, naming the state); an outsider learns nothing.
      expect(() => assertCanCorrect(person(['operator'], [TAMPO]), returned, 'R')).toThrow(ForbiddenError);
      expect(() => assertCanCorrect(person(['operator'], [TAMPO]), returned, 'R')).toThrow(
        /RETURNED.*self-service/,
      );
      expect(() => assertCanCorrect(person(['operator'], [SAWOO]), returned, 'R')).toThrow(NotFoundError);
      expect(() => assertCanCorrect(person(['citizen']), returned, 'R')).toThrow(NotFoundError);
    }
    expect(() => assertCanCorrect(citizen, undefined, 'R')).toThrow(NotFoundError);
  });

  it('treats an agency officer without an agency as no one: no request, no task list, no decision', () => {
    const adrift = person(['agency_officer'], ['35.10']);
    expect(canSeeRequest(adrift, request(), noAgency)).toBe(false);
    expect(canSeeRequest(adrift, request(), withKesmas)).toBe(false);
    expect(
      canSeeRequest(adrift, request(), { stages: [{ kind: 'decision', role: 'agency_officer' }] } as never),
    ).toBe(false);
    expect(() => assertWorksFor(adrift, TAMPO)).toThrow(/do not work for village/);
    expect(
      decidingRole(adrift, { role: 'agency_officer', agency: undefined }, undefined, TAMPO),
    ).toBeUndefined();
    // Their other roles still count: an operator who is also a (misconfigured) agency officer stays an operator.
    expect(canSeeRequest(person(['operator', 'agency_officer'], [TAMPO]), request(), noAgency)).toBe(true);
  });

  it("lets only the stage's role, agency and area decide; the stand-in once it is late", () => {
    const stage = { role: 'village_head', agency: undefined } as const;
    expect(decidingRole(person(['village_head'], [TAMPO]), stage, undefined, TAMPO)).toBe('village_head');
    expect(decidingRole(person(['village_head'], [SAWOO]), stage, undefined, TAMPO)).toBeUndefined();
    expect(decidingRole(person(['village_secretary'], [TAMPO]), stage, undefined, TAMPO)).toBeUndefined();
    expect(decidingRole(person(['village_secretary'], [TAMPO]), stage, 'village_secretary', TAMPO)).toBe(
      'village_secretary',
    );
    const agencyStage = { role: 'agency_officer', agency: 'dukcapil' } as const;
    expect(
      decidingRole(person(['agency_officer'], ['35.10'], 'kesmas'), agencyStage, undefined, TAMPO),
    ).toBeUndefined();
    expect(
      decidingRole(person(['agency_officer'], ['35.10'], 'dukcapil'), agencyStage, undefined, TAMPO),
    ).toBe('agency_officer');
    // Late: the regency admin stands in for the agency, without being of it.
    expect(decidingRole(person(['regency_admin'], ['35.10']), agencyStage, 'regency_admin', TAMPO)).toBe(
      'regency_admin',
    );
    expect(
      decidingRole(person(['regency_admin'], ['35.02']), agencyStage, 'regency_admin', TAMPO),
    ).toBeUndefined();
  });

  it('lets the applicant or, for a counter submission, its village operator correct; operators submit at home, heads manage letters', () => {
    const atCounter = { ...request(TAMPO, 'operator-1'), channel: 'assisted' } as ServiceRequest;
    expect(canCorrect(person(['operator'], [TAMPO]), atCounter)).toBe(true);
    expect(canCorrect(person(['operator'], [SAWOO]), atCounter)).toBe(false);
    expect(canCorrect(person(['citizen']), atCounter)).toBe(false);
    expect(canSubmitIn(person(['citizen']), SAWOO)).toBe(true);
    expect(canSubmitIn(person(['operator'], [TAMPO]), SAWOO)).toBe(false);
    expect(documentAuthority(person(['village_head'], [TAMPO]), TAMPO)).toBe('village_head');
    expect(documentAuthority(person(['operator'], [TAMPO]), TAMPO)).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../functions/core/identity/roles.js';
import type { SubmitDeps } from '../../../functions/core/requests/submit-request.js';
import { ForbiddenError, ValidationError } from '../../../functions/core/shared/errors.js';
import { draftMusdesVerification, householdList } from '../../../functions/core/welfare/musdes.js';
import type { HouseholdSurvey } from '../../../functions/core/welfare/survey.js';

const TAMPO = '35.10.06.2001';
const enumerator: Actor = { subject: 'e-1', name: 'Pendata', roles: ['enumerator'], areas: [TAMPO] };

const household = (index: number, head: string, hamlet?: string): HouseholdSurvey =>
  ({
    id: `S${index}`,
    villageCode: TAMPO,
    household: `kk-${index}`,
    recordedAt: `2026-11-30T00:00:0${index}Z`,
    ...(hamlet ? { hamlet } : {}),
    members: [
      { name: 'Anak', birthDate: '2014-06-01', relation: 'anak', school: 'masih-sekolah' },
      { name: head, birthDate: '1970-01-01', relation: 'kepala-keluarga', school: 'tidak-sekolah-lagi' },
    ],
  }) as unknown as HouseholdSurvey;

/** Only the surveys are read before the draft is refused: the rest of a submission's deps is never touched. */
const deps = (surveys: HouseholdSurvey[]) =>
  ({
    surveys: { listAudited: async () => surveys },
    clock: { now: () => new Date('2026-12-03T08:00:00Z') },
  }) as unknown as SubmitDeps & { surveys: { listAudited: () => Promise<HouseholdSurvey[]> } };

describe('the musdes list', () => {
  it('names each household by its head and hamlet, by hamlet then name', () => {
    expect(
      householdList([
        household(1, 'Sutini', 'Sumberejo'),
        household(2, 'Paiman', 'Krajan'),
        household(3, 'Adi'),
      ]),
    ).toBe('1. Adi (dusun tidak dicatat); 2. Paiman (Dusun Krajan); 3. Sutini (Dusun Sumberejo)');
  });

  it('is drafted by the village’s enumerators and operator only', async () => {
    const head: Actor = { ...enumerator, roles: ['village_head'] };
    await expect(draftMusdesVerification(deps([household(1, 'Adi')]), head, TAMPO, {})).rejects.toThrow(
      ForbiddenError,
    );
    const elsewhere: Actor = { ...enumerator, areas: ['35.02.05.2004'] };
    await expect(draftMusdesVerification(deps([household(1, 'Adi')]), elsewhere, TAMPO, {})).rejects.toThrow(
      ForbiddenError,
    );
  });

  it('refuses a meeting with nothing to verify, or a list too long for one berita acara, naming the hamlet', async () => {
    const none = draftMusdesVerification(deps([household(1, 'Adi', 'Krajan')]), enumerator, TAMPO, {
      hamlet: 'Sumberejo',
    });
    await expect(none).rejects.toThrow(ValidationError);
    await expect(none).rejects.toMatchObject({ issues: [{ field: 'hamlet' }] });
    const many = Array.from({ length: 400 }, (_, index) =>
      household(index, `Kepala Keluarga ${index}`, 'Krajan'),
    );
    await expect(draftMusdesVerification(deps(many), enumerator, TAMPO, {})).rejects.toMatchObject({
      issues: [{ field: 'hamlet' }],
    });
  });
});

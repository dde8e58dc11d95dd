import { DEMO_DESIL_REGENCIES, demoDesilCsv } from '../../config/population/desil.js';
import { loadPseudonymKey } from '../../functions/adapters/pseudonym-key.js';
import type { Actor } from '../../functions/core/identity/roles.js';
import { type DesilDeps, importDesil } from '../../functions/core/welfare/desil.js';

/**
 * Imports the synthetic DTSEN desil file of each demo regency (config/population/desil.ts) through the same use
 * case the API runs. A regency that has an import keeps it, so what someone imported locally survives a restart.
 */
export async function seedDemoDesil(deps: DesilDeps): Promise<void> {
  await loadPseudonymKey();
  for (const regencyCode of DEMO_DESIL_REGENCIES) {
    if (await deps.desil.current(regencyCode)) continue;
    // The import names the seeding, not a person.
    const seeder: Actor = {
      subject: 'local-demo-seed',
      name: 'Data demo (npm start)',
      roles: ['regency_admin'],
      areas: [regencyCode],
    };
    await importDesil(deps, seeder, regencyCode, new TextEncoder().encode(demoDesilCsv(regencyCode)));
  }
}

import { agencyScope, MACHINE_SCOPES } from '../functions/core/identity/policy.js';

/**
 * Demo OAuth clients of agencies' systems (client-credentials grant), for the local token endpoint
 * `POST /local/oauth2/token`. In AWS each is a Cognito app client with a secret, allowed the scopes of the
 * `desa-digital` resource server the regency grants it: what it may do (MACHINE_SCOPES) and for which
 * agency and area (policy.agencyScope). The secrets below exist only in the local runtime.
 */
export interface DemoClient {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly name: string;
  /** Every scope the client may ask for; it gets them all when it asks for none. */
  readonly scopes: readonly string[];
}

const agencyClient = (agency: string, regency: string, area: string, name: string): DemoClient => ({
  clientId: `${agency}-${regency}`,
  clientSecret: `${agency}-${regency}-local-secret`,
  name,
  scopes: [
    MACHINE_SCOPES.readRequests,
    MACHINE_SCOPES.decide,
    MACHINE_SCOPES.upload,
    agencyScope(agency, area),
  ],
});

export const DEMO_CLIENTS: readonly DemoClient[] = [
  agencyClient('kesmas', 'banyuwangi', '35.10', 'Sistem Dinas Kesehatan Banyuwangi (kesmas)'),
  agencyClient('dukcapil', 'banyuwangi', '35.10', 'SIAK Dukcapil Banyuwangi'),
];

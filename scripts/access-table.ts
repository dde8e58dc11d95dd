import type { RouteDefinition, RowRule } from '../functions/api/route-types.js';
import { ROUTES } from '../functions/api/routes.js';
import { ROLES, type Role } from '../functions/core/identity/roles.js';

/**
 * Prints who may do what, as a Markdown role × action table generated from the route table (the one source
 * the API, the local gateway and the access matrix test also use). `npm run access-table`.
 */
const SCOPE: Partial<Record<RowRule, string>> = {
  request: 'area',
  'request-decision': 'stage, area',
  'request-correction': 'counter, village',
  submission: 'own village',
  village: 'area',
  'village-services': 'area',
  'village-onboarding': 'area',
  document: 'area',
  'personal-data': 'area',
};

function cell(route: RouteDefinition, role: Role): string {
  if (route.access === 'public') return '✓';
  if (!route.access.includes(role)) return '';
  if (role === 'citizen') {
    if (route.rows === 'submission') return 'any village';
    return route.rows === 'none' ? '✓' : 'own';
  }
  const scope = SCOPE[route.rows];
  if (!scope) return '✓';
  return role === 'agency_officer' && route.rows.startsWith('request') ? `${scope}, own agency` : scope;
}

const header = ['Action', ...ROLES, 'agency system (scope)'];
const rows = ROUTES.map((route) => [
  `\`${route.method} ${route.path}\``,
  ...ROLES.map((role) => cell(route, role)),
  (route.machineScopes ?? []).map((scope) => scope.replace('desa-digital/', '')).join(', '),
]);
const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
console.log(
  [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n') +
    '\n\n✓ everyone with that role · own: their own requests · area: records of villages their area covers' +
    ' · stage: only the role (and agency) the current stage waits for · own agency: services their agency takes part in' +
    ' · village / own village: only their own village · counter: requests submitted at the village counter' +
    ' · public rows need no sign-in',
);

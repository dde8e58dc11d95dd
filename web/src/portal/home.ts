import { signedIn } from '../shared/auth.js';
import {
  loadServices,
  loadVillages,
  rememberedVillage,
  rememberVillage,
  villageLabel,
} from '../shared/catalog.js';
import { errorBox } from '../shared/chrome.js';
import { h, mount } from '../shared/dom.js';
import { duration } from '../shared/format.js';
import { common, label, translator, tx } from '../shared/i18n.js';
import { offeredBy } from '../shared/offered.js';
import type { Service, Village } from '../shared/types.js';
import { searchServices } from './service-search.js';
import { t } from './strings.js';

const families = translator({
  certificate: ['Surat keterangan & pengantar', 'Certificates & cover letters'],
  'civil-registration': ['Akta kelahiran & kematian', 'Birth & death certificates'],
  permit: ['Perizinan', 'Permits'],
  statement: ['Surat pernyataan', 'Statements'],
  welfare: ['Kesejahteraan & kesehatan', 'Welfare & health'],
  'village-programme': ['Program desa', 'Village programmes'],
  other: ['Layanan lain', 'Other services'],
  search: ['Cari layanan', 'Search services'],
  searchHint: [
    'Contoh: hilang, tanah, beasiswa, nikah, usaha',
    'For example: loss, land, scholarship, marriage, business',
  ],
  noMatch: ['Tidak ada layanan yang cocok.', 'No service matches.'],
});

/**
 * The catalog: a village's services grouped by kind, each opening onto its requirements, target time and
 * steps, with a search box — a short list on a small screen, long descriptions only on demand.
 */
export async function homePage(root: HTMLElement): Promise<void> {
  let villages: Village[];
  try {
    villages = await loadVillages();
  } catch (error) {
    mount(root, h('h1', null, t('title')), errorBox(error));
    return;
  }
  const list = h('div', { class: 'services' });
  const search = h('input', {
    id: 'service-search',
    type: 'search',
    autocomplete: 'off',
    'aria-describedby': 'service-search-hint',
    oninput: () => void show(),
  });
  const select = villageSelect(villages, rememberedVillage(), (code) => {
    rememberVillage(code);
    void show();
  });
  const show = async () => {
    const village = villages.find((candidate) => candidate.code === select.value);
    let services: Service[];
    try {
      services = offeredBy(village, await loadServices(village?.code));
    } catch (error) {
      mount(list, errorBox(error));
      return;
    }
    const matching = searchServices(services, search.value);
    if (matching.length === 0) {
      mount(list, h('p', null, services.length === 0 ? t('noServices') : families('noMatch')));
      return;
    }
    const groups = new Map<string, Service[]>();
    for (const service of matching) {
      const family = service.family ?? 'other';
      groups.set(family, [...(groups.get(family) ?? []), service]);
    }
    mount(
      list,
      [...groups].map(([family, members]) =>
        h(
          'section',
          { class: 'family', 'aria-labelledby': `family-${family}` },
          h('h2', { id: `family-${family}` }, families(family as never)),
          members.map(serviceEntry),
        ),
      ),
    );
  };
  mount(
    root,
    h('h1', null, t('title')),
    h('p', { class: 'lead' }, t('tagline')),
    signedIn() ? h('p', null, h('a', { href: '#/jual' }, t('sellLink'))) : null,
    h('div', { class: 'field' }, h('label', { for: 'village' }, t('yourVillage')), select),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'service-search' }, families('search')),
      h('p', { class: 'hint', id: 'service-search-hint' }, families('searchHint')),
      search,
    ),
    list,
  );
  await show();
}

export function villageSelect(
  villages: readonly Village[],
  selected: string | undefined,
  onChange: (code: string) => void,
) {
  const byDistrict = new Map<string, Village[]>();
  for (const village of villages) {
    const group = `${village.district.name}, ${village.regency.name}`;
    byDistrict.set(group, [...(byDistrict.get(group) ?? []), village]);
  }
  const select = h(
    'select',
    { id: 'village', name: 'village', onchange: () => onChange(select.value) },
    h('option', { value: '' }, t('chooseVillage')),
    [...byDistrict].map(([group, members]) =>
      h(
        'optgroup',
        { label: group },
        members.map((village) =>
          h('option', { value: village.code, selected: village.code === selected }, villageLabel(village)),
        ),
      ),
    ),
  );
  return select;
}

/** One service: its name and target time; opened, what to bring, the steps, and where to apply. */
function serviceEntry(service: Service): HTMLElement {
  const steps = service.stages.map((stage) => label('role', String(stage.role))).join(' → ');
  return h(
    'details',
    { class: 'service' },
    h(
      'summary',
      null,
      h('span', { class: 'name' }, tx(service.name)),
      h('span', { class: 'meta' }, t('target', { time: duration(service.targetHours) })),
    ),
    h(
      'div',
      { class: 'service-body' },
      h('p', null, tx(service.description)),
      h('h3', null, t('requirements', { n: service.requirements.length })),
      h(
        'ul',
        null,
        service.requirements.map((requirement) =>
          h(
            'li',
            null,
            tx(requirement.label),
            ' ',
            h(
              'span',
              { class: 'muted' },
              `(${requirement.required ? common('required') : common('optional')})`,
            ),
          ),
        ),
      ),
      h('p', { class: 'meta' }, t('flow', { steps })),
      h(
        'a',
        { class: 'button primary', href: `#/ajukan/${encodeURIComponent(service.code)}` },
        t('apply', { name: tx(service.name) }),
      ),
    ),
  );
}

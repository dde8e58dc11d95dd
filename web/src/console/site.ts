import { SITE_PUBLISHERS } from '../../../functions/core/identity/policy.js';
import { ApiError, api } from '../shared/api.js';
import { errorBox, errorText } from '../shared/chrome.js';
import { h, mount } from '../shared/dom.js';
import { flash } from '../shared/flash.js';
import { dateTime } from '../shared/format.js';
import { common, translator, tx } from '../shared/i18n.js';
import type { SiteItem } from '../shared/types.js';
import type { ConsoleContext } from './main.js';

const t = translator({
  title: ['Situs desa — {village}', 'Village website — {village}'],
  intro: [
    'Operator menulis berita dan agenda; sekretaris desa atau kepala desa menerbitkannya di situs desa.',
    'The operator writes news and agenda entries; the village secretary or head publishes them on the village website.',
  ],
  viewSite: ['Lihat situs desa', 'View the village website'],
  listTitle: ['Berita dan agenda', 'News and agenda'],
  none: ['Belum ada berita atau agenda.', 'No news or agenda entries yet.'],
  colKind: ['Jenis', 'Kind'],
  colTitle: ['Judul', 'Title'],
  colStatus: ['Status', 'Status'],
  colDate: ['Tanggal', 'Date'],
  colAction: ['Tindakan', 'Action'],
  kind_news: ['Berita', 'News'],
  kind_agenda: ['Agenda', 'Agenda'],
  status_draft: ['Draf', 'Draft'],
  status_published: ['Terbit', 'Published'],
  publish: ['Terbitkan', 'Publish'],
  publishNamed: ['Terbitkan: {title}', 'Publish: {title}'],
  published: ['"{title}" terbit di situs desa.', '"{title}" is on the village website.'],
  draftTitle: ['Tulis draf', 'Write a draft'],
  kind: ['Jenis', 'Kind'],
  itemTitle: ['Judul', 'Title'],
  body: ['Isi', 'Text'],
  startsAt: ['Mulai (WIB)', 'Starts (WIB)'],
  place: ['Tempat', 'Place'],
  save: ['Simpan draf', 'Save draft'],
  saved: [
    'Draf "{title}" tersimpan; menunggu diterbitkan.',
    'Draft "{title}" saved; waiting to be published.',
  ],
});

/** `#/situs`: the village website's news and agenda, drafted by the operator and published by the secretary or head. */
export async function sitePage(root: HTMLElement, ctx: ConsoleContext): Promise<void> {
  const base = `/v1/villages/${encodeURIComponent(ctx.village.code)}`;
  const publishes = SITE_PUBLISHERS.some((role) => ctx.roles.includes(role));
  const title = h('h1', null, t('title', { village: ctx.village.name }));
  const reload = () => void sitePage(root, ctx);
  let items: SiteItem[];
  try {
    items = (await api<{ items: SiteItem[] }>(`${base}/site-items`)).items;
  } catch (error) {
    mount(root, title, errorBox(error));
    return;
  }
  mount(
    root,
    title,
    h('p', null, t('intro'), ' ', h('a', { href: `/desa/${ctx.village.code}/` }, t('viewSite'))),
    ctx.roles.includes('operator') ? draftForm(base, reload) : null,
    h('h2', { id: 'site-items-title' }, t('listTitle')),
    items.length === 0 ? h('p', { class: 'muted' }, t('none')) : itemTable(items, base, publishes, reload),
  );
}

function itemTable(items: readonly SiteItem[], base: string, publishes: boolean, reload: () => void) {
  const publish = async (item: SiteItem, button: HTMLButtonElement) => {
    button.disabled = true;
    try {
      await api(`${base}/${item.kind}/${item.id}/publish`, { method: 'POST' });
      flash(t('published', { title: item.title }));
      reload();
    } catch (error) {
      flash(errorText(error), 'error');
      button.disabled = false;
    }
  };
  return h(
    'div',
    // An operator's table has no button: the scrolled region takes focus, so a keyboard can scroll it.
    { class: 'table-scroll', tabindex: 0, role: 'region', 'aria-labelledby': 'site-items-title' },
    h(
      'table',
      { 'aria-labelledby': 'site-items-title' },
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          [t('colKind'), t('colTitle'), t('colStatus'), t('colDate'), publishes ? t('colAction') : null].map(
            (text) => (text ? h('th', { scope: 'col' }, text) : null),
          ),
        ),
      ),
      h(
        'tbody',
        null,
        items.map((item) => {
          const button = h(
            'button',
            { type: 'button', 'aria-label': t('publishNamed', { title: item.title }) },
            t('publish'),
          );
          button.addEventListener('click', () => void publish(item, button));
          return h(
            'tr',
            null,
            h('td', null, t(`kind_${item.kind}`)),
            h(
              'td',
              null,
              item.title,
              item.startsAt
                ? h('div', { class: 'muted' }, `${dateTime(item.startsAt)} · ${item.place ?? ''}`)
                : null,
            ),
            h('td', null, t(`status_${item.status}`)),
            h('td', null, dateTime(item.publishedAt ?? item.createdAt)),
            publishes ? h('td', null, item.status === 'draft' ? button : '') : null,
          );
        }),
      ),
    ),
  );
}

/** The operator's draft: a news item, or an agenda entry with when and where. */
function draftForm(base: string, reload: () => void): HTMLElement {
  const row = (id: string, label: string, control: HTMLElement, hidden = false) => {
    const error = h('p', { class: 'field-error', id: `${id}-error`, hidden: true });
    control.setAttribute('aria-describedby', error.id);
    return {
      error,
      element: h(
        'div',
        { class: 'field', hidden },
        h('label', { for: id }, label, ' ', h('span', { class: 'muted' }, `(${common('required')})`)),
        control,
        error,
      ),
    };
  };
  const kind = h(
    'select',
    { id: 'site-kind', onchange: () => toggleAgenda() },
    h('option', { value: 'news' }, t('kind_news')),
    h('option', { value: 'agenda' }, t('kind_agenda')),
  );
  const controls = {
    title: h('input', { id: 'site-title', type: 'text', maxlength: 150 }),
    body: h('textarea', { id: 'site-body', rows: 5, maxlength: 2000 }),
    startsAt: h('input', { id: 'site-starts', type: 'datetime-local' }),
    place: h('input', { id: 'site-place', type: 'text', maxlength: 150 }),
  };
  const rows = {
    title: row('site-title', t('itemTitle'), controls.title),
    body: row('site-body', t('body'), controls.body),
    startsAt: row('site-starts', t('startsAt'), controls.startsAt, true),
    place: row('site-place', t('place'), controls.place, true),
  };
  const toggleAgenda = () => {
    rows.startsAt.element.hidden = kind.value !== 'agenda';
    rows.place.element.hidden = kind.value !== 'agenda';
  };
  const failure = h('div');
  const button = h('button', { type: 'submit', class: 'primary' }, t('save'));
  const form = h(
    'form',
    { novalidate: true },
    h('div', { class: 'field' }, h('label', { for: 'site-kind' }, t('kind')), kind),
    Object.values(rows).map((entry) => entry.element),
    failure,
    button,
  );
  /** The API's issues beside their fields (title, body, startsAt, place); anything else above the button. */
  const show = (issues: readonly { field: string; message: { id: string; en: string } }[]) => {
    for (const [field, entry] of Object.entries(rows)) {
      const issue = issues.find((candidate) => candidate.field === field);
      entry.error.hidden = !issue;
      entry.error.textContent = issue ? tx(issue.message) : '';
      const control = controls[field as keyof typeof controls];
      if (issue) control.setAttribute('aria-invalid', 'true');
      else control.removeAttribute('aria-invalid');
    }
    const first = Object.keys(rows).find((field) => issues.some((issue) => issue.field === field));
    if (first) controls[first as keyof typeof controls].focus();
    return first !== undefined;
  };
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    failure.replaceChildren();
    const agenda = kind.value === 'agenda';
    const body = {
      title: controls.title.value.trim(),
      body: controls.body.value.trim(),
      // The console shows and takes times in WIB, as the villages it serves keep them.
      ...(agenda
        ? {
            startsAt: controls.startsAt.value ? `${controls.startsAt.value}:00+07:00` : '',
            place: controls.place.value.trim(),
          }
        : {}),
    };
    button.disabled = true;
    try {
      await api(`${base}/${agenda ? 'agenda' : 'news'}`, { method: 'POST', body });
      flash(t('saved', { title: body.title }));
      reload();
    } catch (error) {
      if (!(error instanceof ApiError && show(error.issues))) {
        failure.replaceChildren(h('p', { class: 'banner error', role: 'alert' }, errorText(error)));
      }
      button.disabled = false;
    }
  });
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'site-draft-title' },
    h('h2', { id: 'site-draft-title' }, t('draftTitle')),
    form,
  );
}

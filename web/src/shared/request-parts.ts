import { api } from './api.js';
import { errorText } from './chrome.js';
import { h } from './dom.js';
import { bytes } from './format.js';
import { translator, tx } from './i18n.js';
import type { RequestView, Service } from './types.js';

/** Parts of a request's page shared by the portal and the console. */
const t = translator({
  details: ['Isian permohonan', 'Application details'],
  attachments: ['Lampiran', 'Attachments'],
  open: ['Buka', 'Open'],
  checks: ['Pemeriksaan data kependudukan', 'Registry checks'],
  check_match: ['cocok', 'match'],
  check_mismatch: ['tidak cocok', 'mismatch'],
  registry_population: ['Dukcapil (data kependudukan)', 'Dukcapil (population data)'],
  registry_bpjs: ['BPJS Kesehatan', 'BPJS (health insurance)'],
});

export function checksList(request: RequestView): HTMLElement {
  return h(
    'section',
    null,
    h('h2', null, t('checks')),
    h(
      'ul',
      null,
      (request.checks ?? []).map((check) =>
        h(
          'li',
          null,
          h('strong', null, t(`registry_${check.registry}` as never) || check.registry),
          ': ',
          t(`check_${check.outcome}` as never),
          check.reasons.length > 0
            ? h(
                'ul',
                null,
                check.reasons.map((reason) => h('li', null, tx(reason))),
              )
            : null,
        ),
      ),
    ),
  );
}

export function attachmentsList(request: RequestView, service: Service | undefined): HTMLElement {
  const labelOf = (code: string) => {
    const requirement = service?.requirements.find((candidate) => candidate.code === code);
    return requirement ? tx(requirement.label) : code;
  };
  return h(
    'section',
    null,
    h('h2', null, t('attachments')),
    h(
      'ul',
      null,
      (request.attachments ?? []).map((attachment) =>
        h(
          'li',
          null,
          `${labelOf(attachment.requirementCode)} (${bytes(attachment.size)}) `,
          h(
            'button',
            {
              type: 'button',
              class: 'link-button',
              onclick: async (event: Event) => {
                // Opened before the await, so no pop-up blocker stops it; the short-lived link follows.
                const opened = window.open('about:blank', '_blank');
                if (opened) opened.opener = null;
                try {
                  const link = await api<{ url: string }>(
                    `/v1/requests/${request.id}/attachments/${attachment.attachmentId}`,
                  );
                  if (opened) opened.location.href = link.url;
                  else window.location.href = link.url;
                } catch (error) {
                  opened?.close();
                  (event.target as HTMLElement).after(
                    h('span', { class: 'field-error', role: 'alert' }, ` ${errorText(error)}`),
                  );
                }
              },
            },
            t('open'),
          ),
        ),
      ),
    ),
  );
}

export function detailsList(request: RequestView, service: Service | undefined): HTMLElement {
  const fields =
    service?.fields ??
    Object.keys(request.data).map((name) => ({ name, label: { id: name, en: name }, choices: undefined }));
  return h(
    'details',
    null,
    h('summary', null, t('details')),
    h(
      'dl',
      { class: 'data' },
      fields.flatMap((field) => {
        const value = request.data[field.name];
        if (value === undefined) return [];
        const choice = field.choices?.find((candidate) => candidate.value === value);
        return [h('dt', null, tx(field.label)), h('dd', null, choice ? tx(choice.label) : String(value))];
      }),
    ),
  );
}

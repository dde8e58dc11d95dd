import {
  SURVEY_CHOICES,
  SURVEY_FLAGS,
  SURVEY_NUMBERS,
  type SurveyChoice,
} from '../../../functions/core/welfare/survey-fields.js';
import { newIdempotencyKey } from '../shared/api.js';
import { signedIn } from '../shared/auth.js';
import { h, mount, uid } from '../shared/dom.js';
import { flash } from '../shared/flash.js';
import { dateTime } from '../shared/format.js';
import { translator, tx } from '../shared/i18n.js';
import {
  discard,
  enqueue,
  flush,
  OUTBOX_SENT,
  queuedSurveys,
  type SurveyOutboxItem,
} from '../shared/outbox.js';
import type { ConsoleContext } from './main.js';

/**
 * `#/survei`: the household survey form of the village poverty team (issue 13), made from the survey's own
 * list of questions (functions/core/welfare/survey-fields.ts). Saving always queues the survey in the
 * device's outbox first, then sends what waits when there is a connection: on a phone in the field it goes
 * once the connection returns, with the Idempotency-Key it got when saved, so it is stored once. The form
 * itself is never kept as a draft: the family card number and NIKs live only in the queued item.
 */
const t = translator({
  title: ['Survei rumah tangga — {village}', 'Household survey — {village}'],
  intro: [
    'Isi saat berkunjung, juga tanpa sinyal: survei disimpan di perangkat dan terkirim sekali ketika tersambung.',
    'Fill it in during the visit, even without signal: the survey is kept on the device and sent once when connected.',
  ],
  household: ['Rumah tangga', 'Household'],
  familyCard: ['Nomor KK (16 angka)', 'Family card number (16 digits)'],
  surveyedOn: ['Tanggal survei', 'Survey date'],
  hamlet: ['Dusun', 'Hamlet'],
  housing: ['Kondisi rumah', 'Housing'],
  consumption: ['Konsumsi dan kesehatan', 'Food and health'],
  head: ['Kepala rumah tangga', 'Head of household'],
  programmes: ['Bantuan yang diterima dan aset', 'Programmes received and assets'],
  members: ['Anggota rumah tangga', 'Household members'],
  member: ['Anggota {n}', 'Member {n}'],
  name: ['Nama', 'Name'],
  nik: ['NIK (boleh kosong bila belum punya)', 'NIK (may be empty if none yet)'],
  birthDate: ['Tanggal lahir', 'Date of birth'],
  addMember: ['Tambah anggota', 'Add a member'],
  removeMember: ['Hapus anggota {n}', 'Remove member {n}'],
  choose: ['— pilih —', '— choose —'],
  save: ['Simpan survei', 'Save the survey'],
  waitingTitle: ['Menunggu dikirim ({n})', 'Waiting to be sent ({n})'],
  waitingConnection: ['menunggu sambungan', 'waiting for a connection'],
  refused: ['Ditolak: {reason}', 'Refused: {reason}'],
  sendNow: ['Kirim sekarang', 'Send now'],
  delete: ['Hapus dari perangkat', 'Delete from the device'],
  queued: [
    'Survei {name} disimpan di perangkat dan dikirim saat tersambung.',
    'The survey of {name} is kept on the device and sent when connected.',
  ],
  sent: ['{n} survei terkirim.', '{n} surveys sent.'],
});

type Body = Record<string, unknown>;

/** Sets `a.b` in a nested body. */
function put(body: Body, path: string, value: unknown): void {
  const [first = '', second] = path.split('.');
  if (second === undefined) body[first] = value;
  else body[first] = { ...((body[first] as Body | undefined) ?? {}), [second]: value };
}

const row = (label: string, control: HTMLElement) =>
  h('div', { class: 'field' }, h('label', { for: control.id }, label), control);

const select = (id: string, choice: SurveyChoice, value?: string) =>
  h(
    'select',
    { id, required: true },
    h('option', { value: '' }, t('choose')),
    choice.options.map((option) =>
      h('option', { value: option, selected: option === value }, choice.labels[option as never]),
    ),
  );

const idOf = (path: string) => `sv-${path.replace('.', '-')}`;

function memberBlock(index: number, onRemove: () => void): HTMLFieldSetElement {
  const prefix = uid('sv-member');
  const control = (key: string, attrs: Record<string, unknown>) =>
    h('input', { id: `${prefix}-${key}`, 'data-key': key, ...attrs });
  const pick = (key: 'relation' | 'school') => {
    const element = select(
      `${prefix}-${key}`,
      SURVEY_CHOICES[`members.${key}`],
      index === 0 && key === 'relation' ? 'kepala-keluarga' : undefined,
    );
    element.dataset.key = key;
    return row(SURVEY_CHOICES[`members.${key}`].label, element);
  };
  return h(
    'fieldset',
    { class: 'member' },
    h('legend', null, t('member', { n: index + 1 })),
    row(t('name'), control('name', { type: 'text', required: true, minlength: 2, maxlength: 100 })),
    row(
      t('nik'),
      control('nik', {
        type: 'text',
        inputmode: 'numeric',
        pattern: '\\d{16}',
        maxlength: 16,
        autocomplete: 'off',
      }),
    ),
    row(t('birthDate'), control('birthDate', { type: 'date', required: true })),
    pick('relation'),
    pick('school'),
    index > 0
      ? h(
          'button',
          { type: 'button', class: 'link-button', onclick: onRemove },
          t('removeMember', { n: index + 1 }),
        )
      : null,
  );
}

/** The survey's body from the form, as the API takes it. */
function bodyOf(form: HTMLFormElement): Body {
  const value = (id: string) => (form.querySelector(`#${id}`) as HTMLInputElement).value.trim();
  const body: Body = {
    familyCardNumber: value('sv-familyCardNumber'),
    surveyedOn: value('sv-surveyedOn'),
  };
  const hamlet = value('sv-hamlet');
  if (hamlet) body.hamlet = hamlet;
  for (const path of Object.keys(SURVEY_CHOICES)) {
    if (!path.startsWith('members.')) put(body, path, value(idOf(path)));
  }
  for (const path of Object.keys(SURVEY_NUMBERS)) put(body, path, Number(value(idOf(path))));
  for (const path of Object.keys(SURVEY_FLAGS)) {
    put(body, path, (form.querySelector(`#${idOf(path)}`) as HTMLInputElement).checked);
  }
  body.members = [...form.querySelectorAll('fieldset.member')].map((fieldset) => {
    const field = (key: string) =>
      (fieldset.querySelector(`[data-key="${key}"]`) as HTMLInputElement).value.trim();
    const nik = field('nik');
    return {
      ...(nik ? { nik } : {}),
      name: field('name'),
      birthDate: field('birthDate'),
      relation: field('relation'),
      school: field('school'),
    };
  });
  return body;
}

function surveyForm(ctx: ConsoleContext, onSaved: (item: SurveyOutboxItem) => void): HTMLFormElement {
  const members = h('div');
  const renumber = () => {
    const blocks = [...members.querySelectorAll('fieldset.member')];
    blocks.forEach((block, index) => {
      const legend = block.querySelector('legend');
      if (legend) legend.textContent = t('member', { n: index + 1 });
    });
  };
  const addMember = () => {
    const block: HTMLFieldSetElement = memberBlock(members.children.length, () => {
      block.remove();
      renumber();
    });
    members.append(block);
  };
  addMember();
  const number = (path: keyof typeof SURVEY_NUMBERS) => {
    const { label, min, max } = SURVEY_NUMBERS[path];
    return row(
      label,
      h('input', {
        id: idOf(path),
        type: 'number',
        inputmode: 'decimal',
        required: true,
        min,
        max,
        step: 'any',
      }),
    );
  };
  const choice = (path: keyof typeof SURVEY_CHOICES) =>
    row(SURVEY_CHOICES[path].label, select(idOf(path), SURVEY_CHOICES[path]));
  const flag = (path: keyof typeof SURVEY_FLAGS) =>
    h(
      'div',
      { class: 'field' },
      h('input', { id: idOf(path), type: 'checkbox' }),
      ' ',
      h('label', { for: idOf(path), class: 'inline' }, SURVEY_FLAGS[path]),
    );
  const section = (legend: string, ...children: HTMLElement[]) =>
    h('fieldset', null, h('legend', null, legend), children);
  const form = h(
    'form',
    {
      class: 'survey',
      onsubmit: async (event: Event) => {
        event.preventDefault();
        if (!form.reportValidity()) return;
        const body = bodyOf(form);
        const listed = body.members as { name: string; relation: string }[];
        const head = listed.find((member) => member.relation === 'kepala-keluarga') ?? listed[0];
        const item: SurveyOutboxItem = {
          kind: 'survey',
          key: newIdempotencyKey(),
          createdAt: new Date().toISOString(),
          subject: signedIn()?.subject,
          villageCode: ctx.village.code,
          headName: head?.name ?? '',
          ...(typeof body.hamlet === 'string' ? { hamlet: body.hamlet } : {}),
          body,
        };
        await enqueue(item);
        form.reset();
        members.replaceChildren();
        addMember();
        onSaved(item);
      },
    },
    section(
      t('household'),
      row(
        t('familyCard'),
        h('input', {
          id: 'sv-familyCardNumber',
          type: 'text',
          inputmode: 'numeric',
          pattern: '\\d{16}',
          maxlength: 16,
          required: true,
          autocomplete: 'off',
        }),
      ),
      row(
        t('surveyedOn'),
        h('input', {
          id: 'sv-surveyedOn',
          type: 'date',
          required: true,
          value: new Date().toLocaleDateString('sv-SE'),
        }),
      ),
      row(t('hamlet'), h('input', { id: 'sv-hamlet', type: 'text', maxlength: 60 })),
    ),
    section(
      t('housing'),
      number('housing.floorAreaM2'),
      choice('housing.floor'),
      choice('housing.wall'),
      choice('housing.toilet'),
      choice('housing.lighting'),
      choice('housing.drinkingWater'),
      choice('housing.cookingFuel'),
    ),
    section(
      t('consumption'),
      number('consumption.meatMilkPerWeek'),
      number('consumption.mealsPerDay'),
      number('consumption.newClothesPerYear'),
      flag('consumption.canPayTreatment'),
    ),
    section(t('head'), choice('head.incomeSource'), number('head.monthlyIncome'), choice('head.education')),
    section(
      t('programmes'),
      flag('programmes.pkh'),
      flag('programmes.bpnt'),
      flag('programmes.pbiJk'),
      flag('programmes.bltDanaDesa'),
      flag('saleableAssets'),
    ),
    section(
      t('members'),
      members,
      h('button', { type: 'button', class: 'secondary', onclick: addMember }, t('addMember')),
    ),
    h('button', { type: 'submit' }, t('save')),
  );
  return form;
}

/** The surveys waiting on this device: named by head and hamlet, never by KK or NIK. */
async function waitingList(refresh: () => void): Promise<HTMLElement | null> {
  const items = await queuedSurveys();
  if (items.length === 0) return null;
  const sendNow = async () => {
    const sent = await flush();
    if (sent.length > 0) flash(t('sent', { n: sent.length }));
    refresh();
  };
  return h(
    'section',
    { 'aria-labelledby': 'survey-outbox' },
    h('h2', { id: 'survey-outbox' }, t('waitingTitle', { n: items.length })),
    h(
      'ul',
      { class: 'list' },
      items.map((item) =>
        h(
          'li',
          { class: 'survey-waiting' },
          h('strong', null, item.headName),
          item.hamlet ? ` · ${item.hamlet}` : '',
          ` · ${dateTime(item.createdAt)} · `,
          item.lastError
            ? h('span', { class: 'field-error' }, t('refused', { reason: tx(item.lastError) }))
            : h('span', { class: 'muted' }, t('waitingConnection')),
          ' ',
          h('button', { type: 'button', class: 'secondary', onclick: sendNow }, t('sendNow')),
          ' ',
          h(
            'button',
            {
              type: 'button',
              class: 'link-button',
              onclick: async () => {
                await discard(item.key);
                refresh();
              },
            },
            t('delete'),
          ),
        ),
      ),
    ),
  );
}

/**
 * `#/survei`: the form and what waits to be sent, shown again when the outbox changes. Answers the
 * cleanup that stops listening for the console's own sending (main.ts) once the page is left.
 */
export async function surveyPage(root: HTMLElement, ctx: ConsoleContext): Promise<() => void> {
  const outbox = h('div', { id: 'survey-waiting', 'aria-live': 'polite' });
  const refresh = () => {
    void waitingList(refresh).then((list) => mount(outbox, list));
  };
  const form = surveyForm(ctx, (item) => {
    flash(t('queued', { name: item.headName }));
    if (navigator.onLine) {
      void flush().then((sent) => {
        if (sent.length > 0) flash(t('sent', { n: sent.length }));
        refresh();
      });
    }
    refresh();
  });
  mount(
    root,
    h('h1', null, t('title', { village: ctx.village.name })),
    h('p', null, t('intro')),
    outbox,
    form,
  );
  refresh();
  // The console sends the outbox when the connection returns (main.ts): show the list as it is then.
  const onSent = (event: Event) => {
    flash(t('sent', { n: (event as CustomEvent<number>).detail }));
    refresh();
  };
  window.addEventListener(OUTBOX_SENT, onSent);
  return () => window.removeEventListener(OUTBOX_SENT, onSent);
}

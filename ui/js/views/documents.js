// Documents people print and keep: a group's induction pack and terms of
// reference (their wording edited here, with the pages previewed beside
// the editor exactly as they will print), and the quarterly feedback
// report. Agendas and minutes are printed from each meeting's page.

import { publications, roster } from '../api.js';
import { announce, errorBlock, fill, h } from '../dom.js';
import { saveGroup } from '../saving.js';
import { clearProblems, field, lastQuarter, showProblems } from '../forms.js';

export const title = 'Documents';

const kinds = [
  ['induction_pack', 'Induction pack'],
  ['terms_of_reference', 'Terms of reference'],
  ['feedback', 'Quarterly feedback'],
];

export async function render([kind = 'induction_pack', groupId] = []) {
  const groups = (await roster.groups()).filter((g) => g.status === 'active');
  const tabs = h('nav', { class: 'subnav', 'aria-label': 'Documents' },
    kinds.map(([key, label]) => h('a', { href: `#/documents/${key}${groupId ? `/${groupId}` : ''}`, 'aria-current': key === kind ? 'true' : null }, label)));
  const intro = h('p', {}, 'Agendas, sign-in sheets and minutes are printed from each meeting’s page. Here: the documents new members and the public keep.');
  if (kind === 'feedback') return h('div', {}, h('h1', {}, 'Documents'), intro, tabs, feedbackPanel(groups));
  const group = groups.find((g) => String(g.id) === String(groupId)) ?? groups[0];
  if (!group) return h('div', {}, h('h1', {}, 'Documents'), tabs, h('p', { class: 'empty' }, 'Add a group on the Roster first.'));
  return h('div', {}, h('h1', {}, 'Documents'), intro, tabs, await editorPanel(kind, group, groups));
}

async function editorPanel(kind, group, groups) {
  const blocks = await publications.texts(group.id, kind);
  const members = kind === 'induction_pack' ? await roster.search({ group: group.id }) : [];
  const notice = h('div', { id: 'documents-message', 'aria-live': 'polite' });
  // The pages scroll in a box of their own: a Tab stop, so the arrow keys
  // can scroll it too.
  const pages = h('div', { class: 'preview-pages', id: 'preview-pages', 'aria-live': 'polite', tabindex: '0', role: 'region', 'aria-label': 'The pages, as they will print' });
  const groupSelect = field({ name: 'group', label: 'Group', options: groups.map((g) => [g.id, g.name]), value: group.id });
  groupSelect.control.addEventListener('change', () => { location.hash = `#/documents/${kind}/${groupSelect.control.value}`; });
  const member = field({ name: 'member', label: 'Personalise for a new member', options: [['', 'No one (a general pack)'], ...members.map((m) => [m.id, m.full_name])] });
  const large = h('input', { type: 'checkbox', id: 'large-print' });
  const options = () => ({
    member: member.control.value ? Number(member.control.value) : null,
    largePrint: large.checked,
  });

  const preview = async () => {
    fill(pages, h('p', { class: 'hint' }, 'Drawing the pages…'));
    try {
      const { member: m, largePrint } = options();
      const svgs = await publications.preview(group.id, kind, m, largePrint);
      fill(pages,
        h('p', { class: 'hint', id: 'preview-count' }, `${svgs.length} page${svgs.length === 1 ? '' : 's'}, as they will print.`),
        svgs.map((svg, i) => h('img', {
          class: 'preview-page', alt: `Page ${i + 1} of ${svgs.length}`,
          src: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`,
        })));
    } catch (e) { fill(pages, errorBlock(e)); }
  };
  member.control.addEventListener('change', preview);
  large.addEventListener('change', preview);

  const editors = blocks.map((b) => {
    const f = h('form', { class: 'text-block', novalidate: true, 'data-key': b.key });
    const text = field({ name: b.key, label: b.title, type: 'textarea', value: b.body, hint: b.hint || null });
    text.control.rows = Math.min(14, Math.max(4, b.body.split('\n').length + 1));
    text.control.setAttribute('dir', 'auto');
    const state = h('span', { class: 'hint' }, b.is_default ? 'Default wording' : 'This group’s own wording');
    f.append(text, h('div', { class: 'row-actions' },
      h('button', { type: 'submit', class: 'small', 'data-save': b.key }, 'Save'),
      h('button', {
        type: 'button', class: 'secondary small', 'data-reset': b.key,
        onclick: async () => {
          try {
            await publications.saveText(group.id, b.key, '');
            window.dispatchEvent(new Event('vault-changed'));
          } catch (e) { showProblems(f, e); }
        },
      }, 'Back to the default'), ' ', state));
    f.addEventListener('submit', async (e) => {
      e.preventDefault();
      clearProblems(f);
      try {
        await publications.saveText(group.id, b.key, text.control.value);
        fill(state, 'Saved.');
        announce(`${b.title} saved.`);
        preview();
      } catch (err) { showProblems(f, err); }
    });
    return f;
  });

  const label = kind === 'induction_pack' ? 'the induction pack' : 'the terms of reference';
  const actions = h('div', { class: 'actions' },
    saveGroup({
      label: kind === 'induction_pack' ? 'Save the induction pack' : 'Save the terms of reference',
      id: 'export-publication',
      what: label,
      notice,
      save: (format) => {
        const { member: m, largePrint } = options();
        return publications.export(group.id, kind, m, largePrint, format);
      },
    }),
    h('button', {
      type: 'button', class: 'secondary', id: 'print-publication',
      onclick: async () => {
        try {
          const { member: m, largePrint } = options();
          fill(notice, h('p', { class: 'ok', role: 'status' }, await publications.print({ group: group.id, publication: kind, member: m, largePrint })));
        } catch (e) { fill(notice, errorBlock(e)); }
      },
    }, 'Print…'));

  const settings = h('div', { class: 'inline-form' }, groupSelect,
    kind === 'induction_pack' ? [member, h('label', { class: 'check' }, large, 'Large print (16 pt)')] : null);
  preview();
  return h('div', {},
    settings, actions, notice,
    h('div', { class: 'publication-layout' },
      h('section', { 'aria-label': 'Wording' },
        h('h2', {}, 'Wording'),
        h('p', { class: 'hint' }, kind === 'induction_pack'
          ? 'The structure of the force, contacts and meeting dates come from the roster and the meetings; the words below are yours to change. A blank line starts a new paragraph; “- ” starts a bullet.'
          : 'How often the group meets, its quorum, voting and point of escalation come from the group’s settings on the Roster; the words below are yours to change.'),
        editors),
      h('section', { 'aria-label': 'Preview' }, h('h2', {}, 'Preview'), pages)));
}

function feedbackPanel(groups) {
  const f = h('form', { novalidate: true, id: 'feedback-form', class: 'inline-form' },
    field({ name: 'quarter', label: 'Quarter', value: lastQuarter(), hint: 'For example 2026-Q3 (July to September).' }),
    field({ name: 'group', label: 'Group', options: [['', 'The whole force'], ...groups.map((g) => [g.id, g.name])] }));
  const notice = h('div', { id: 'documents-message', 'aria-live': 'polite' });
  const args = () => {
    const quarter = f.querySelector('[name=quarter]').value;
    const group = f.querySelector('[name=group]').value;
    return { quarter, group: group ? Number(group) : null };
  };
  const run = (action) => async () => {
    clearProblems(f);
    try { await action(); } catch (e) { showProblems(f, e); }
  };
  return h('div', {},
    h('p', {}, 'The advice given in a quarter and what the police did with it (including where it was not followed, and why), decisions, actions completed and open, and meetings held with their attendance. Built only from the public record: nothing confidential can reach it.'),
    f,
    h('div', { class: 'actions' },
      saveGroup({
        label: 'Save the report',
        id: 'export-feedback',
        what: 'the feedback report',
        notice,
        before: () => clearProblems(f),
        save: async (format) => {
          const { quarter, group } = args();
          try {
            return await publications.exportFeedback(quarter, group, format);
          } catch (e) {
            // A bad quarter is shown beside its field.
            showProblems(f, e);
            return null;
          }
        },
      }),
      h('button', {
        type: 'button', class: 'secondary', id: 'print-feedback',
        onclick: run(async () => {
          const { quarter, group } = args();
          fill(notice, h('p', { class: 'ok', role: 'status' }, await publications.print({ quarter, group })));
        }),
      }, 'Print…')),
    notice);
}

// Escalation between tiers, on a group's page: concerns this group has
// sent up to its parent (with the parent's response once given), and
// concerns its subgroups or local groups have sent it, to answer.

import { escalations } from '../api.js';
import { announce, h } from '../dom.js';
import { clearProblems, field, showProblems, values } from '../forms.js';

function line(e, extra) {
  return h('li', { 'data-escalation': e.id },
    h('p', {}, h('strong', {}, `${e.raised_on}: `), h('span', { dir: 'auto' }, e.text),
      e.confidential ? [' ', h('span', { class: 'tag warn' }, 'Confidential')] : null),
    e.responded_on
      ? h('p', { class: 'ok' }, `Response from ${e.to_name} (${e.responded_on}): `, h('span', { class: 'response', dir: 'auto' }, e.response))
      : h('p', { class: 'hint' }, `Awaiting a response from ${e.to_name}.`),
    extra);
}

export async function escalationsSection(groupId) {
  const g = await escalations.forGroup(groupId);
  const refresh = () => window.dispatchEvent(new Event('vault-changed'));
  let raise = null;
  if (g.parent) {
    raise = h('form', { novalidate: true, id: 'raise-form' },
      field({ name: 'text', label: `Escalate a concern or action to ${g.parent}`, type: 'textarea' }),
      h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'confidential' }), 'Confidential (public agendas show only that a concern came from this group)'),
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'secondary' }, 'Escalate')));
    raise.addEventListener('submit', async (e) => {
      e.preventDefault();
      clearProblems(raise);
      try {
        const v = values(raise);
        await escalations.raise(groupId, { text: v.text, confidential: Boolean(v.confidential) });
        announce(`Escalated to ${g.parent}.`);
        refresh();
      } catch (err) { showProblems(raise, err); }
    });
  }
  const respondForm = (e) => {
    const f = h('form', { novalidate: true, class: 'respond' },
      field({ name: 'response', label: 'This group’s response', type: 'textarea' }),
      field({ name: 'responded_on', label: 'Date', type: 'date' }),
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'small' }, 'Send the response')));
    f.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      clearProblems(f);
      try {
        await escalations.respond(e.id, values(f));
        announce('Response recorded; the group that raised it will see it.');
        refresh();
      } catch (err) { showProblems(f, err); }
    });
    return h('details', {}, h('summary', {}, 'Respond'), f);
  };
  return h('section', { 'aria-labelledby': 'escalations-title', id: 'escalations' },
    h('h2', { id: 'escalations-title' }, 'Escalations'),
    g.parent ? h('h3', {}, `Sent up to ${g.parent} (${g.raised.length})`) : null,
    g.raised.length ? h('ul', { class: 'escalations' }, g.raised.map((e) => line(e))) : null,
    raise,
    g.received.length || !g.parent
      ? [h('h3', {}, `Received from other groups (${g.received.length})`),
        g.received.length
          ? h('ul', { class: 'escalations' }, g.received.map((e) => line({ ...e, to_name: 'this group' }, [h('p', { class: 'hint' }, `From ${e.from_name}.`), e.responded_on ? null : respondForm(e)])))
          : h('p', { class: 'hint' }, 'Nothing has been escalated to this group.')]
      : null);
}

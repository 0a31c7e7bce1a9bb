// Help for the screen in view, and the optional first-run tour. Plain
// English, a few lines each: what the screen is for and what to do on it.
// Both open in a modal dialog (see `modal` in dom.js).

import { desk } from './api.js';
import { h, modal } from './dom.js';

/// Help by screen: the router's first word, then (where a screen has parts)
/// the second. Each entry: [title, paragraphs].
const HELP = {
  dashboard: ['The dashboard', [
    'What needs doing now: groups due to meet, agendas waiting for agreement, minutes waiting for approval, overdue actions, advice without a response, vetting or agreements to renew, open incidents and records past their retention period.',
    'Each line is a link to the place to act. Nothing is changed from here.',
  ]],
  roster: ['The roster', [
    'Groups shows the IAGs in their tiers. Open a group to see its members, its police contacts and its escalations.',
    'Members lists everyone, a page at a time; type in the search box to find someone by name, skill or area, in any script. Open a member to see their roles, vetting, agreements and status history, or to copy or erase their data.',
    'Warnings beside a name (vetting expiring, an agreement not signed) come from the group’s rules.',
  ]],
  meetings: ['Meetings', [
    'Coming up lists the meetings planned; Held lists those that have taken place. Open one to see its agenda.',
    'New meeting plans a meeting for a group; its agenda starts from the group’s template and can be changed.',
    'Export calendar writes every meeting to a calendar file; a hand-over file moves one meeting between laptops.',
  ]],
  'meetings/new': ['Planning a meeting', [
    'Choose the group and type the date as day/month/year (22/11/2026). The agenda starts from the group’s template; you can change it on the next screen.',
  ]],
  'meetings/meeting': ['A meeting and its agenda', [
    'Edit, add, move or remove agenda items. An item marked confidential appears only in the members’ papers; the public agenda shows that a confidential item exists, never its title or text.',
    'The agenda is agreed by the chair and the police contact. Save it as a PDF or as a web page (HTML), the accessible format for people who use screen readers.',
    'Take minutes opens the minutes for this meeting.',
  ]],
  'meetings/minutes': ['Taking minutes', [
    'Everything is saved as you type; “All changes saved” confirms it. Work down the agenda on the left.',
    'Mark an entry Confidential and it goes only to the members’ confidential annex (OFFICIAL-SENSITIVE). The public minutes, their web page and every other output leave it out. Not recorded means it is kept nowhere.',
    'Record attendance in the register: it decides whether the meeting was quorate. Votes are counted for you.',
  ]],
  records: ['Records', [
    'The advice register: every piece of advice the group gave the police, with the response. The action log: who is doing what, by when; overdue actions are marked.',
    'Both can be saved as PDF or CSV. Confidential advice is never in the public register.',
  ]],
  incidents: ['Critical incidents', [
    'Log an incident as soon as it is known. IAG Desk suggests which members to call, by area, skill and language, and convenes a critical incident group.',
    'The call list can be saved as a PDF for the person making the calls.',
  ]],
  documents: ['Documents', [
    'The induction pack and the terms of reference are built from the group’s own wording, shown beside a preview of the printed pages. Edit the wording on the left; the preview follows.',
    'Save as PDF (normal or large print) or as a web page (HTML). The quarterly feedback report summarises the group’s advice and responses.',
  ]],
  settings: ['Settings', [
    'Back up the vault to a file and restore from one; change the passphrase; set how long the window waits before locking itself; set how long leavers’ records are kept.',
    'The audit trail lists who copied or exported what, and when.',
  ]],
  search: ['Search everything', [
    'Finds members, groups, meetings, minutes, actions, advice and incidents in any script. Confidential results are marked, and only ever shown here in the window.',
  ]],
  import: ['Importing a hand-over file', [
    'A hand-over file carries one meeting between laptops: its agenda, register, minutes and papers. Double-click a .iagmeeting file, or use Meetings → Import a hand-over file…, to come here.',
    'This screen says whom the file is for (a members’ copy holds confidential items), which meeting it is, what it holds and what importing it would change here. Nothing is written until you choose Import; Don’t import leaves the vault as it was.',
  ]],
};

function helpFor(hash) {
  const [name, second, third] = hash.replace(/^#\//, '').split('/');
  if (name === 'meetings' && second === 'new') return HELP['meetings/new'];
  if (name === 'meetings' && third === 'minutes') return HELP['meetings/minutes'];
  if (name === 'meetings' && second) return HELP['meetings/meeting'];
  return HELP[name] ?? HELP.dashboard;
}

/// Opens the help for the screen in view; focus returns to `opener`.
export function showHelp(opener) {
  const [title, paragraphs] = helpFor(location.hash);
  const tour = h('button', { type: 'button', class: 'secondary', id: 'help-tour' }, 'Take the tour');
  const dialog = modal({
    id: 'help-dialog',
    title: `Help: ${title}`,
    body: [paragraphs.map((p) => h('p', {}, p)),
      h('p', { class: 'hint' }, 'Press F1 on any screen to open its help. Every control can be reached with Tab and used with Enter or Space.')],
    actions: [tour],
    opener,
  });
  tour.addEventListener('click', () => { dialog.close(); startTour(opener); });
}

/// The first-run tour: one step per area, each skippable.
const STEPS = [
  ['Welcome to IAG Desk', 'IAG Desk keeps your group’s roster, meetings, minutes and documents on this computer, encrypted. It never needs a network. This tour takes a minute; skip it whenever you like.'],
  ['Dashboard', 'The first screen after unlocking lists what needs doing, each line a link to the place to act.'],
  ['Roster', 'Groups in their tiers, members and police contacts, with vetting and agreements. Search finds anyone in any script.'],
  ['Meetings and minutes', 'Plan a meeting from the group’s template, agree the agenda, then take minutes as the meeting happens. Minutes save as you type.'],
  ['Confidential items', 'An item or entry marked confidential goes only to the members’ confidential annex. Public minutes, agendas and every other output leave it out, always.'],
  ['Documents', 'Induction packs and terms of reference from your group’s wording, as PDF or as an accessible web page.'],
  ['Help and locking', 'Help on every screen is one press of F1 or the Help button. Lock the window when you step away; it also locks itself after a spell without use.'],
];

/// Runs the tour; `onFinish` is told when it was finished or skipped.
export function startTour(opener, onFinish = () => {}) {
  let step = 0;
  const heading = h('h3', { id: 'tour-step-title' });
  const text = h('p', { id: 'tour-step-text' });
  const position = h('p', { class: 'hint', id: 'tour-position' });
  const back = h('button', { type: 'button', class: 'secondary', id: 'tour-back' }, 'Back');
  const next = h('button', { type: 'button', id: 'tour-next' }, 'Next');
  const skip = h('button', { type: 'button', class: 'secondary', id: 'tour-skip' }, 'Skip the tour');
  let finished = false;
  const end = () => {
    if (finished) return;
    finished = true;
    desk.finishTour().catch(() => {});
    onFinish();
  };
  const dialog = modal({
    id: 'tour-dialog',
    title: 'A short tour',
    body: [position, heading, text],
    actions: [back, next, skip],
    opener,
    initialFocus: next,
    onClose: end,
  });
  const draw = () => {
    const [t, p] = STEPS[step];
    heading.textContent = t;
    text.textContent = p;
    position.textContent = `Step ${step + 1} of ${STEPS.length}`;
    back.disabled = step === 0;
    next.textContent = step === STEPS.length - 1 ? 'Finish' : 'Next';
  };
  back.addEventListener('click', () => { if (step > 0) { step -= 1; draw(); next.focus(); } });
  next.addEventListener('click', () => {
    if (step === STEPS.length - 1) { dialog.close(); return; }
    step += 1;
    draw();
  });
  skip.addEventListener('click', () => dialog.close());
  draw();
}

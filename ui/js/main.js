// Boot and a tiny hash router. While the vault is locked only the gate
// (create / unlock) exists; once unlocked the shell shows one view per area.

import { desk, handover, publications, vault } from './api.js';
import { showGate, waitingNote } from './views/gate.js';
import * as dashboard from './views/dashboard.js';
import * as roster from './views/roster.js';
import * as meetings from './views/meetings.js';
import * as records from './views/records.js';
import * as documents from './views/documents.js';
import * as settings from './views/settings.js';
import * as search from './views/search.js';
import * as incidents from './views/incidents.js';
import * as importing from './views/handover.js';
import { announce, errorBlock, fill, h } from './dom.js';
import { showHelp } from './help.js';
import { setClock } from './forms.js';
import { loadChoices } from './choices.js';

const views = { dashboard, roster, meetings, records, incidents, documents, settings, search, import: importing };

const gate = document.getElementById('gate');
const shell = document.getElementById('shell');
const main = document.getElementById('main');
// Only the shell has navigation to skip past; the gate is one form.
const skipLink = document.getElementById('skip-link');

async function boot() {
  const state = await vault.state();
  if (state.unlocked) {
    enterShell();
  } else {
    shell.hidden = true;
    gate.hidden = false;
    skipLink.hidden = true;
    showGate(gate, state, enterShell);
  }
}

function enterShell() {
  fill(gate);
  gate.hidden = true;
  shell.hidden = false;
  skipLink.hidden = false;
  vault.idleLock().then((seconds) => { idleSeconds = seconds; restartIdleCount(); }).catch(() => {});
  // A hand-over file opened with the app waited behind the unlock screen:
  // its check comes first.
  handover.waiting().catch(() => null).then((waiting) => {
    const wanted = waiting ? '#/import' : (location.hash && location.hash !== '#' ? location.hash : '#/dashboard');
    if (location.hash === wanted) route();
    else location.hash = wanted;
  });
}

// A hand-over file given to this window by a later start (a double click
// while IAG Desk is open): show its check, or name it on the unlock screen.
window.addEventListener('handover-waiting', async () => {
  if (!shell.hidden) {
    if (location.hash === '#/import') route();
    else location.hash = '#/import';
    return;
  }
  const waiting = await handover.waiting().catch(() => null);
  const note = document.getElementById('waiting-file');
  if (waiting && note) fill(note, waitingNote(waiting));
});


async function refreshDemoFlag() {
  try {
    const status = await vault.status();
    document.getElementById('demo-flag').hidden = !status.demo_loaded;
  } catch {
    // The flag is a courtesy; a failure here must not block the screen.
  }
}

let renderCount = 0;
let shown = null;
async function route() {
  if (shell.hidden) return;
  const [name, ...rest] = location.hash.replace(/^#\//, '').split('/');
  const view = views[name] ?? views.dashboard;
  const active = views[name] ? name : 'dashboard';
  // Leaving the documents screen: the pages kept for its quick previews go.
  if (shown === 'documents' && active !== 'documents') publications.previewClosed().catch(() => {});
  shown = active;
  for (const link of document.querySelectorAll('.sidebar a')) {
    if (link.dataset.route === active) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  const ticket = ++renderCount;
  fill(main, h('p', { class: 'hint' }, 'Loading…'));
  try {
    setClock(await desk.today());
    await loadChoices();
    const content = await view.render(rest);
    // A slower earlier render must not overwrite a newer screen.
    if (ticket !== renderCount) return;
    fill(main, content);
    document.title = `${view.title} · IAG Desk`;
    main.focus();
  } catch (e) {
    if (e.kind === 'Locked') return lockScreen();
    fill(main, h('h1', {}, view.title), errorBlock(e));
  }
  refreshDemoFlag();
}

/// Locks: the vault drops its key, and everything the window showed is
/// cleared before the unlock screen returns.
async function lockScreen(reason) {
  clearTimeout(idleTimer);
  idleTimer = null;
  // Hidden first, so no screen still loading can draw into it again.
  shell.hidden = true;
  for (const d of document.querySelectorAll('dialog')) d.remove();
  fill(main);
  document.getElementById('search-box').value = '';
  document.getElementById('announcer').textContent = '';
  await vault.lock();
  // Forget the screen without a hashchange (which would try to draw it).
  history.replaceState(null, '', location.pathname + location.search);
  await boot();
  if (reason) gate.querySelector('.gate-card')?.prepend(h('p', { class: 'warning', role: 'status', id: 'lock-reason' }, reason));
}

// Locking after a spell without use: any key, click or movement restarts
// the count. The length comes from Settings (10 minutes unless changed).
let idleTimer = null;
let idleSeconds = 0;
function restartIdleCount() {
  if (!idleSeconds || shell.hidden) return;
  clearTimeout(idleTimer);
  idleTimer = setTimeout(() => {
    const minutes = Math.round(idleSeconds / 60);
    lockScreen(minutes >= 1
      ? `Locked after ${minutes} minute${minutes === 1 ? '' : 's'} without use. Unlock to carry on.`
      : 'Locked after a spell without use. Unlock to carry on.');
  }, idleSeconds * 1000);
}
for (const event of ['keydown', 'mousedown', 'mousemove', 'wheel', 'touchstart']) {
  window.addEventListener(event, restartIdleCount, { passive: true });
}
window.addEventListener('idle-lock-changed', async () => {
  idleSeconds = await vault.idleLock();
  restartIdleCount();
});

// Zoom as in a browser: Ctrl with + (or =), - and 0, a quarter at a time,
// from half size to four times; WebKit reflows the page at each step.
let zoom = 1;
window.addEventListener('keydown', (e) => {
  if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
  const step = { '+': 0.25, '=': 0.25, '-': -0.25, _: -0.25 }[e.key];
  if (step === undefined && e.key !== '0') return;
  e.preventDefault();
  const wanted = e.key === '0' ? 1 : Math.round((zoom + step) * 100) / 100;
  desk.zoom(wanted).then((applied) => {
    zoom = applied;
    announce(`Zoom ${Math.round(applied * 100)}%`);
  }).catch(() => {});
});

window.addEventListener('hashchange', route);
// Views announce a change to the vault's contents; redraw with fresh data.
window.addEventListener('vault-changed', route);
// The skip link moves focus to the content without touching the address,
// which the router would take for a screen called "main".
skipLink.addEventListener('click', (e) => {
  e.preventDefault();
  main.focus();
});
document.getElementById('lock-button').addEventListener('click', () => lockScreen());
// Help for the screen in view: the Help button, or F1 from anywhere in it.
const helpButton = document.getElementById('help-button');
helpButton.addEventListener('click', () => showHelp(helpButton));
window.addEventListener('keydown', (e) => {
  if (e.key !== 'F1' || shell.hidden || document.querySelector('dialog[open]')) return;
  e.preventDefault();
  showHelp(document.activeElement instanceof HTMLElement ? document.activeElement : helpButton);
});
document.getElementById('search-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const q = document.getElementById('search-box').value.trim();
  if (q) location.hash = `#/search/${encodeURIComponent(q)}`;
});
boot().catch((e) => fill(gate, errorBlock(e)));

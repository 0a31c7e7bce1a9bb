// Search across the vault: members, meetings, agenda items, minutes, advice
// and actions, grouped by kind. Arrow keys move between results; Enter
// opens one. Confidential hits are marked: they are for the vault's owner
// on this screen and never reach an export from here.

import { search } from '../api.js';
import { h } from '../dom.js';

export const title = 'Search';

export async function render([encoded = ''] = []) {
  const query = decodeURIComponent(encoded);
  const box = document.getElementById('search-box');
  if (box && box.value !== query) box.value = query;
  if (!query.trim()) {
    return h('div', {}, h('h1', {}, 'Search'), h('p', {}, 'Type in the search box at the top: a name in any script, or part of one (accents can be left off), a place, a word from an agenda or the minutes.'));
  }
  const results = await search.run(query);
  const list = h('div', { class: 'search-results', id: 'search-results' },
    results.groups.map((g) => h('section', { 'aria-labelledby': `hits-${g.kind}` },
      h('h2', { id: `hits-${g.kind}` }, `${g.label} (${g.total})`),
      h('ul', { class: 'hits' }, g.hits.map((hit) => h('li', {},
        h('a', { href: hit.link, class: 'hit', dir: 'auto' }, hit.title || '(no text)'),
        hit.confidential ? [' ', h('span', { class: 'tag warn' }, 'Confidential')] : null,
        h('div', { class: 'hint' }, hit.detail)))),
      g.total > g.hits.length ? h('p', { class: 'hint' }, `Showing the first ${g.hits.length}; add a word to narrow the search.`) : null)));
  list.addEventListener('keydown', (e) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const links = [...list.querySelectorAll('a.hit')];
    const at = links.indexOf(document.activeElement);
    const next = e.key === 'ArrowDown' ? Math.min(links.length - 1, at + 1) : Math.max(0, at - 1);
    links[next]?.focus();
    e.preventDefault();
  });
  return h('div', {},
    h('h1', {}, `Search: “${query}”`),
    h('p', { role: 'status', id: 'search-summary' }, results.total === 0
      ? 'Nothing matches every word.'
      : `${results.total} result${results.total === 1 ? '' : 's'}. Use the arrow keys to move between them.`),
    list);
}

// Documents: the papers IAG Desk produces from the vault.

import { h } from '../dom.js';

export const title = 'Documents';

export async function render() {
  return h('div', {},
    h('h1', {}, 'Documents'),
    h('p', {}, 'Agendas, public minutes, the members’ confidential annex, the induction pack, terms of reference and the quarterly feedback report are produced here as PDFs, each built only from what its readers are entitled to see.'),
    h('p', { class: 'empty' }, 'No documents have been produced from this vault yet.'));
}

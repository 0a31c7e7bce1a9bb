// One labelled group of Save buttons per document: "Agenda: PDF | Word |
// Web page". Tidier than a button per format in a long row, and every
// choice stays visible and reachable by Tab (a menu would hide them).

import { files } from './api.js';
import { errorBlock, fill, h, savedNotice } from './dom.js';

/// The formats a document is saved in, in the order offered.
export const DOCUMENT_FORMATS = [['pdf', 'PDF'], ['docx', 'Word'], ['html', 'Web page']];

const AS = { pdf: '', docx: ' as a Word file', html: ' as a web page', csv: ' as CSV' };

/// `label`: the document ("Agenda"); `id`: the PDF button's id (the others
/// add -docx, -html…); `what`: how the notice names it ("the agenda");
/// `save(code)`: asks the shell, returns the path or null; `notice`: where
/// to say so; `before`: awaited first (e.g. the minutes' autosave).
export function saveGroup({ label, id, what, formats = DOCUMENT_FORMATS, save, notice, before }) {
  const labelId = `${id}-label`;
  return h('div', { class: 'save-group', role: 'group', 'aria-labelledby': labelId },
    h('span', { class: 'save-group-label', id: labelId }, label),
    formats.map(([code, name]) => h('button', {
      type: 'button',
      class: 'secondary small',
      id: code === 'pdf' ? id : `${id}-${code}`,
      'aria-label': `Save ${what} as ${name === 'Web page' ? 'a web page' : name}`,
      onclick: async () => {
        try {
          if (before) await before();
          const path = await save(code);
          if (path) fill(notice, savedNotice(`${what}${AS[code] ?? ''}`, path, files.openLast));
        } catch (e) { fill(notice, errorBlock(e)); }
      },
    }, name)));
}

// Every closed list of the core (kinds, levels, statuses, roles…): codes,
// labels and order as the Rust core defines them, fetched once. Menus and
// labels on every screen come from here, so a kind added in the core
// reaches every screen and the page keeps no list of its own.

import { choicesApi } from './api.js';

let lists = null;

/// Fetches the lists once; main.js awaits it before drawing a screen.
export async function loadChoices() {
  lists ??= await choicesApi.all();
  return lists;
}

/// One list as [code, label] pairs, e.g. choices('confidentiality').
export function choices(name) {
  return lists[name];
}

/// The label of `code` in list `name`, or the code itself if unknown.
export function labelOf(name, code) {
  return lists[name].find(([c]) => c === code)?.[1] ?? code;
}

/// The position of `code` in list `name` (the core's order: for levels,
/// open < confidential < not recorded).
export function rankOf(name, code) {
  return lists[name].findIndex(([c]) => c === code);
}

// The ONLY module that talks to Rust. Every call goes through `call`, which
// turns any failure into an ApiError with a stable `kind` (views branch on
// kind, never on message text) and a message written for the user.

export class ApiError extends Error {
  constructor(kind, message) {
    super(message);
    this.kind = kind;
  }
}

async function call(command, args = {}) {
  const tauri = window.__TAURI__;
  if (!tauri || !tauri.core) {
    throw new ApiError('Internal', 'IAG Desk must be opened as the desktop app, not in a browser.');
  }
  try {
    return await tauri.core.invoke(command, args);
  } catch (e) {
    if (e && typeof e === 'object' && 'kind' in e && 'message' in e) {
      throw new ApiError(e.kind, e.message);
    }
    throw new ApiError('Internal', String(e));
  }
}

export const vault = {
  state: () => call('vault_state'),
  create: (passphrase, confirmation, withDemo) =>
    call('vault_create', { passphrase, confirmation, withDemo }),
  unlock: (passphrase) => call('vault_unlock', { passphrase }),
  lock: () => call('vault_lock'),
  status: () => call('vault_status'),
};

export const demo = {
  load: () => call('demo_load'),
  remove: () => call('demo_remove'),
};

export const roster = {
  groups: () => call('roster_groups'),
  members: () => call('roster_members'),
  police: () => call('roster_police'),
};

export const meetings = {
  list: () => call('meetings_list'),
};

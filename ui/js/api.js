// The ONLY module that talks to Rust. Every call goes through `call`, which
// turns any failure into an ApiError with a stable `kind` (views branch on
// kind, never on message text) and a message written for the user.

export class ApiError extends Error {
  constructor(kind, message, problems = []) {
    super(message);
    this.kind = kind;
    // [{ field, message }] for a rejected form: shown beside each field.
    this.problems = problems;
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
      throw new ApiError(e.kind, e.message, e.problems ?? []);
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
  backup: () => call('vault_backup'),
  changePassphrase: (current, next, confirmation) => call('vault_change_passphrase', { current, new: next, confirmation }),
  restore: (passphrase) => call('vault_restore', { passphrase }),
  idleLock: () => call('vault_idle_lock'),
  audit: () => call('audit_list'),
  setIdleLock: (minutes) => call('vault_idle_lock_set', { minutes }),
};

export const dataProtection = {
  /// format: 'json' or 'pdf'. Resolves to the saved path, or null if cancelled.
  subjectAccess: (id, format) => call('data_protection_subject_access', { id, format }),
  erase: (id, confirmName) => call('data_protection_erase', { id, confirmName }),
  retentionMonths: () => call('data_protection_retention_months'),
  setRetentionMonths: (months) => call('data_protection_retention_months_set', { months }),
};

export const demo = {
  load: () => call('demo_load'),
  remove: () => call('demo_remove'),
};

export const roster = {
  groups: () => call('roster_groups'),
  groupForm: (id) => call('roster_group_form', { id }),
  addGroup: (form) => call('roster_group_add', { form }),
  updateGroup: (id, form) => call('roster_group_update', { id, form }),
  search: (query) => call('roster_search', { query }),
  membersPage: (query, offset, limit) => call('roster_members_page', { query, offset, limit }),
  police: () => call('roster_police'),
  person: (id) => call('roster_person', { id }),
  add: (form) => call('roster_person_add', { form }),
  update: (id, form) => call('roster_person_update', { id, form }),
  changeStatus: (id, form) => call('roster_status_change', { id, form }),
  assignRole: (person, group, role, from) => call('roster_role_assign', { person, group, role, from }),
  endRole: (membership, on) => call('roster_role_end', { membership, on }),
  setVetting: (person, form) => call('roster_vetting_set', { person, form }),
  setAgreement: (person, kind, signedOn) => call('roster_agreement_set', { person, kind, signedOn }),
  setRepresentation: (person, form) => call('roster_representation_set', { person, form }),
  withdrawRepresentation: (person) => call('roster_representation_withdraw', { person }),
  representationSummary: (group) => call('roster_representation_summary', { group }),
  groupAttention: (group) => call('roster_group_attention', { group }),
  // format: 'csv' or 'xlsx'.
  exportRoster: (group, format) => call('roster_export', { group, format }),
  // No sheet: ask for a file; a sheet: check that sheet of the file chosen.
  importCheck: (sheet = null) => call('roster_import_check', { sheet }),
  // groups: [{ name, tier, parent }] for the groups the check listed as new.
  importRun: (sheet = null, groups = []) => call('roster_import_run', { sheet, groups }),
};

export const meetings = {
  list: () => call('meetings_list'),
  /// upcoming: true for those coming up, false for those held.
  page: (upcoming, offset, limit) => call('meetings_page', { upcoming, offset, limit }),
  detail: (id) => call('meeting_detail', { id }),
  create: (form) => call('meeting_create', { form }),
  update: (id, form) => call('meeting_update', { id, form }),
  saveAgenda: (id, items) => call('agenda_save', { id, items }),
  agree: (id, who, name) => call('agenda_agree', { id, who, name }),
  saveTemplate: (group, items) => call('agenda_template_save', { group, items }),
  setPresence: (id, person, presence, arrivedAt = null, leftAt = null) =>
    call('attendance_set', { id, person, presence, arrivedAt, leftAt }),
  addGuest: (id, guest) => call('attendance_add_guest', { id, guest }),
  setLine: (id, line, form) => call('attendance_set_line', { id, line, form }),
  setChair: (id, person) => call('attendance_set_chair', { id, person }),
  attendanceReport: (group, from = '', to = '') => call('attendance_report', { group, from, to }),
  attendanceOfMember: (person) => call('attendance_of_member', { person }),
  exportAttendance: (group, from, to, formatCode) =>
    call('attendance_export', { group, from, to, formatCode }),
  exportCalendar: (group = null) => call('meetings_export_calendar', { group }),
  exportInvitation: (id) => call('meeting_export_invitation', { id }),
  exportHandover: (id, audience) => call('meeting_export_handover', { id, audience }),
  exportAgenda: (id, formatCode) => call('meeting_export_agenda', { id, formatCode }),
  exportSignInPdf: (id) => call('meeting_export_signin_pdf', { id }),
  attachPaper: (id, item) => call('agenda_paper_attach', { id, item }),
  savePaper: (id, paper) => call('agenda_paper_save', { id, paper }),
  removePaper: (id, paper) => call('agenda_paper_remove', { id, paper }),
  setPaperLevel: (id, paper, level) => call('agenda_paper_level_set', { id, paper, level }),
};

/// The papers going out: agenda packs and email drafts.
export const papers = {
  sending: (id) => call('papers_sending', { id }),
  savePack: (id, audience, supplement) => call('papers_save_pack', { id, audience, supplement }),
  saveEmail: (id, audience, supplement) => call('papers_save_email', { id, audience, supplement }),
  openEmail: () => call('papers_open_email'),
};

export const minutes = {
  taking: (id) => call('minutes_taking', { id }),
  saveEntry: (id, entry) => call('minutes_entry_save', { id, entry }),
  deleteEntry: (id, entry) => call('minutes_entry_delete', { id, entry }),
  declareVote: (id, entry) => call('minutes_vote_declare', { id, entry }),
  approve: (id, at, item) => call('minutes_approve', { id, at, item }),
  amend: (id, entry, text, reason) => call('minutes_amend', { id, entry, text, reason }),
  export: (id, audience, formatCode) => call('minutes_export', { id, audience, formatCode }),
};

export const records = {
  advice: (query) => call('advice_register', { query }),
  respond: (entry, form) => call('advice_respond', { entry, form }),
  exportAdvice: (query, formatCode) => call('advice_export', { query, formatCode }),
  actions: (query) => call('actions_log', { query }),
  setActionStatus: (action, form) => call('actions_status_set', { action, form }),
  exportActions: (query, formatCode) => call('actions_export', { query, formatCode }),
};

export const publications = {
  texts: (group, publication) => call('publications_texts', { group, publication }),
  saveText: (group, key, body) => call('publications_text_save', { group, key, body }),
  preview: (group, publication, member, largePrint) =>
    call('publications_preview', { group, publication, member, largePrint }),
  previewClosed: () => call('publications_preview_closed'),
  export: (group, publication, member, largePrint, formatCode) =>
    call('publications_export', { group, publication, member, largePrint, formatCode }),
  exportFeedback: (quarter, group, formatCode) => call('publications_export_feedback', { quarter, group, formatCode }),
  print: (args) => call('publications_print', { group: null, publication: null, member: null, largePrint: false, quarter: null, ...args }),
};

export const search = {
  run: (text) => call('search_run', { text }),
};

export const choicesApi = {
  all: () => call('choices_all'),
};

export const desk = {
  today: () => call('clock_today'),
  dashboard: () => call('dashboard_summary'),
  finishTour: () => call('dashboard_tour_finish'),
  zoom: (factor) => call('window_zoom', { factor }),
};

export const escalations = {
  forGroup: (group) => call('escalations_for_group', { group }),
  raise: (group, form) => call('escalation_raise', { group, form }),
  respond: (id, form) => call('escalation_respond', { id, form }),
};

export const incidents = {
  list: () => call('incidents_list'),
  detail: (id) => call('incident_detail', { id }),
  add: (form) => call('incident_add', { form }),
  update: (id, form) => call('incident_update', { id, form }),
  suggestions: (id) => call('incident_suggestions', { id }),
  convene: (id, form) => call('incident_convene', { id, form }),
  exportCallList: (id) => call('incident_export_calllist', { id }),
};

export const files = {
  openLast: () => call('files_open_last'),
};

// A hand-over file coming in: it waits, is checked (nothing written), and
// is imported only on "Import".
export const handover = {
  waiting: () => call('handover_waiting'),
  choose: () => call('handover_choose'),
  check: () => call('handover_check'),
  import: () => call('handover_import'),
  discard: () => call('handover_discard'),
};

import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { ReportBacksTable } from './schema.report-backs';
import type {
  StudiesTable,
  StudyChoicesTable,
  StudyTeamTable,
  StudySessionsTable,
  SessionInterpretationTable,
  RegistrationsTable,
  SampleDrawsTable,
  InvitationsTable,
  IncentivesTable,
  SessionRemindersTable,
} from './schema.studies';
import type {
  SurveysTable,
  SurveyVersionsTable,
  SurveyPagesTable,
  SurveyQuestionsTable,
  SurveyOptionsTable,
  SurveyRecipientsTable,
  SurveyResponsesTable,
  SurveyAnswersTable,
  ThemesTable,
  SessionNotesTable,
  SessionNoteThemesTable,
} from './schema.surveys';
import type { CitySharesTable } from './schema.results';

/** The database, typed by hand from db/migrations. Timestamps are ISO-8601 UTC strings. */
export interface Database {
  app_settings: AppSettingsTable;
  staff_users: StaffUsersTable;
  sessions: SessionsTable;
  magic_links: MagicLinksTable;
  login_failures: LoginFailuresTable;
  outbox: OutboxTable;
  audit_log: AuditLogTable;
  council_districts: { district: number; name: string; labels: ReferenceLabels };
  neighborhood_councils: {
    id: Generated<number>;
    name: string;
    service_region: string;
    labels: ReferenceLabels;
  };
  owner_agencies: { code: string; agency: string };
  request_types: {
    name: string;
    usual_owner: string;
    requests_2019_2020: number;
    labels: ReferenceLabels;
  };
  request_sources: { name: string };
  request_statuses: { status: string; meaning: string };
  languages: {
    code: string;
    english_name: string;
    native_name: string;
    where_used: string;
    sort_order: number;
  };
  cx_questions: { driver: string; statement: string; scale: string };
  consent_versions: ConsentVersionsTable;
  consent_texts: ConsentTextsTable;
  participants: ParticipantsTable;
  participant_choices: ParticipantChoicesTable;
  consent_events: ConsentEventsTable;
  contact_log: ContactLogTable;
  participant_imports: ParticipantImportsTable;
  import_drafts: ImportDraftsTable;
  rate_limit_hits: RateLimitHitsTable;
  link_requests: LinkRequestsTable;
  studies: StudiesTable;
  study_choices: StudyChoicesTable;
  study_team: StudyTeamTable;
  study_sessions: StudySessionsTable;
  session_interpretation: SessionInterpretationTable;
  registrations: RegistrationsTable;
  sample_draws: SampleDrawsTable;
  invitations: InvitationsTable;
  incentives: IncentivesTable;
  session_reminders: SessionRemindersTable;
  surveys: SurveysTable;
  survey_versions: SurveyVersionsTable;
  survey_pages: SurveyPagesTable;
  survey_questions: SurveyQuestionsTable;
  survey_options: SurveyOptionsTable;
  survey_recipients: SurveyRecipientsTable;
  survey_responses: SurveyResponsesTable;
  survey_answers: SurveyAnswersTable;
  themes: ThemesTable;
  session_notes: SessionNotesTable;
  session_note_themes: SessionNoteThemesTable;
  report_backs: ReportBacksTable;
  city_shares: CitySharesTable;
}

/** JSON: the label in each resident language, `{"en": "…", "es": "…"}` (default `{}`). */
export type ReferenceLabels = Generated<string>;

export interface AppSettingsTable {
  key: string;
  value: string;
}

export type StaffRole = 'admin' | 'organizer' | 'facilitator' | 'analyst';
export type StaffStatus = 'invited' | 'active' | 'deactivated';

export interface StaffUsersTable {
  id: Generated<number>;
  email: string;
  name: string;
  role: StaffRole;
  status: StaffStatus;
  password_hash: string | null;
  created_at: string;
  updated_at: string;
  last_login_at: string | null;
  /** Sessions of this account started before this time are refused (password change, reset, deactivation). */
  sessions_valid_after: string | null;
}
export type StaffUserRow = Selectable<StaffUsersTable>;
export type NewStaffUser = Insertable<StaffUsersTable>;
export type StaffUserUpdate = Updateable<StaffUsersTable>;

export interface SessionsTable {
  sid: string;
  data: string;
  expires_at: string;
  /** The resident signed in through a link, if any (copied from data). */
  participant_id: Generated<number | null>;
  /** The staff member signed in (Passport's user id, copied from data), if any. */
  staff_user_id: Generated<number | null>;
}

export interface MagicLinksTable {
  id: Generated<number>;
  token_hash: string;
  purpose: string;
  staff_user_id: number | null;
  participant_id: Generated<number | null>;
  /** A value the link confirms (the new email address of an email change). */
  payload: Generated<string | null>;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

/** One per-IP counter of one limiter; key = limiter name + ':' + client key. */
export interface RateLimitHitsTable {
  key: string;
  hits: number;
  /** ISO-8601 UTC: when the current window ends and the count starts again. */
  reset_at: string;
}

export interface LoginFailuresTable {
  id: Generated<number>;
  account_key: string;
  ip: string;
  at: string;
}

export type OutboxStatus = 'queued' | 'sent' | 'failed' | 'kept' | 'cancelled';

export interface OutboxTable {
  id: Generated<number>;
  message_id: string;
  template: string;
  to_address: string;
  to_name: string | null;
  language: string;
  subject: string;
  text_body: string;
  html_body: string;
  /** JSON array of { filename, contentType, content (base64) }. */
  attachments: Generated<string>;
  status: OutboxStatus;
  attempts: Generated<number>;
  next_attempt_at: string;
  lease_owner: string | null;
  lease_until: string | null;
  last_error: string | null;
  staff_user_id: number | null;
  participant_id: Generated<number | null>;
  /** 1 for mail to someone deleted: the address and body are blanked once sent. */
  scrub_after_send: Generated<number>;
  created_at: string;
  sent_at: string | null;
}
export type OutboxRow = Selectable<OutboxTable>;
export type NewOutboxRow = Insertable<OutboxTable>;

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor_staff_id: number | null;
  action: string;
  subject_type: string;
  subject_id: string | null;
  /** JSON object; never holds names, emails or phones. */
  details: Generated<string>;
}

export interface ConsentVersionsTable {
  id: Generated<number>;
  version: number;
  published_at: string;
  published_by: number | null;
}

export interface ConsentTextsTable {
  version_id: number;
  language: string;
  text: string;
  text_hash: string;
}

export type ParticipantStatus = 'pending' | 'active' | 'paused' | 'withdrawn' | 'deleted';
export type ParticipantSource = 'web' | 'event' | 'phone' | 'paper' | 'referral' | 'import';

export interface ParticipantsTable {
  id: Generated<number>;
  /** Random, stable, not personal: what other tables and exports may show. */
  public_id: string;
  status: ParticipantStatus;
  source: ParticipantSource;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  phone: string | null;
  contact_preference: 'email' | 'phone' | 'text' | null;
  language: string;
  zip: string | null;
  council_district: number | null;
  neighborhood_council_id: number | null;
  myla311_use: 'never' | 'once' | 'few' | 'often' | null;
  interpreter_language: string | null;
  needs_other: string | null;
  format_preference: 'in_person' | 'online' | 'either' | null;
  age_range: string | null;
  gender: string | null;
  consent_version_id: number | null;
  /** 1 when they agreed that focus groups may be audio-recorded. */
  recording_consent: Generated<number>;
  created_at: string;
  updated_at: string;
  confirmed_at: string | null;
  last_contacted_at: string | null;
  paused_until: string | null;
  withdrawn_at: string | null;
  deleted_at: string | null;
  sessions_attended: Generated<number>;
  no_shows: Generated<number>;
  created_by_staff_id: number | null;
  import_id: number | null;
  /** The last sign of life (joined, confirmed, signed in by a link, staff contact …); retention counts from it. */
  last_active_at: string | null;
  /** When they were warned that inactivity will delete them; cleared when they are active again. */
  retention_warned_at: string | null;
}
export type ParticipantRow = Selectable<ParticipantsTable>;
export type NewParticipant = Insertable<ParticipantsTable>;
export type ParticipantUpdate = Updateable<ParticipantsTable>;

export interface ParticipantChoicesTable {
  participant_id: number;
  /** channels | request_types | needs | availability | race */
  field: string;
  value: string;
}

export interface ConsentEventsTable {
  id: Generated<number>;
  participant_id: number;
  version_id: number;
  action: 'given' | 'withdrawn';
  language: string;
  channel: ParticipantSource;
  text_hash: string;
  recorded_by_staff_id: number | null;
  at: string;
}

export interface ContactLogTable {
  id: Generated<number>;
  participant_id: number;
  at: string;
  staff_id: number | null;
  channel: string;
  outcome: string;
  note: string | null;
}

export interface ParticipantImportsTable {
  id: Generated<number>;
  staff_id: number | null;
  created_at: string;
  filename: string;
  consent_source: string;
  duplicate_policy: string;
  rows_total: number;
  rows_created: number;
  rows_merged: number;
  rows_skipped: number;
  rows_invalid: number;
  /** JSON array of { row, field, message }. */
  report: Generated<string>;
  /** event | phone | paper | referral: how the imported people gave consent. */
  consent_channel: string | null;
}

/** A "get my link" request waiting for its job; deleted once processed (an hour at most). */
export interface LinkRequestsTable {
  id: Generated<number>;
  /** Trimmed and lower-cased. */
  email: string;
  requested_at: string;
}

/** A CSV import between upload and commit (deleted then, or after 24 hours). */
export interface ImportDraftsTable {
  id: Generated<number>;
  staff_id: number;
  created_at: string;
  filename: string;
  /** JSON { headers: string[], rows: string[][] }. */
  rows_json: string;
  /** JSON { appField: column index }, once mapped. */
  mapping_json: string | null;
}

export * from './schema.studies';
export * from './schema.surveys';
export * from './schema.report-backs';
export * from './schema.results';

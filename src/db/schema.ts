import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

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

export type StudyStatus = 'draft' | 'recruiting' | 'running' | 'closed' | 'archived';
export type IncentiveKind = 'gift_card' | 'cash_card' | 'other';

export interface StudiesTable {
  id: Generated<number>;
  title: string;
  purpose: string;
  target_participants: number;
  incentive_cents: number;
  incentive_kind: IncentiveKind;
  /** JSON array of whole hours before the start ([48,2]). */
  reminder_offsets: string;
  status: Generated<StudyStatus>;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}
export type StudyRow = Selectable<StudiesTable>;

export interface StudyChoicesTable {
  study_id: number;
  /** request_type | stage */
  field: string;
  value: string;
}

export interface StudyTeamTable {
  study_id: number;
  staff_user_id: number;
  role: 'organizer' | 'facilitator' | 'note_taker';
}

export interface StudySessionsTable {
  id: Generated<number>;
  study_id: number;
  /** UTC instant; typed and shown in the city's time zone. */
  starts_at: string;
  duration_minutes: number;
  mode: 'in_person' | 'online' | 'hybrid';
  place_name: string | null;
  address: string | null;
  /** 1 step-free entrance, 0 not, null when there is no place (online). */
  step_free: number | null;
  parking: string | null;
  transit: string | null;
  video_url: string | null;
  language: string;
  capacity: number;
  extra_seats: number;
  /** Confirmed seats; registrations raise it with a conditional update (never past capacity + extra_seats). */
  seats_taken: Generated<number>;
  registration_deadline: string;
  facilitator_id: number | null;
  note_taker_id: number | null;
  incentive_cents: number;
  incentive_kind: IncentiveKind;
  status: Generated<'scheduled' | 'cancelled'>;
  created_at: string;
  updated_at: string;
}
export type StudySessionRow = Selectable<StudySessionsTable>;
export type NewStudySession = Insertable<StudySessionsTable>;

export interface SessionInterpretationTable {
  session_id: number;
  language: string;
}

export type RegistrationStatus = 'confirmed' | 'waitlisted' | 'cancelled' | 'attended' | 'no_show';
export type RegistrationChannel = 'web' | 'phone' | 'staff';

export interface RegistrationsTable {
  id: Generated<number>;
  session_id: number;
  participant_id: number;
  /** confirmed holds a seat (counted in seats_taken); waitlisted waits in created_at, id order. */
  status: RegistrationStatus;
  accommodations: string | null;
  channel: RegistrationChannel;
  /** 1 when cancelled within 24 hours of the start. */
  late_cancellation: Generated<number>;
  created_at: string;
  updated_at: string;
  cancelled_at: string | null;
  /** The status before an outcome was recorded at check-in (an undo returns there); null for a walk-in. */
  outcome_from: 'confirmed' | 'waitlisted' | null;
  /** 1 when they came without a registration (or after cancelling): attended without a seat. */
  walk_in: Generated<number>;
  /** When and by whom the outcome (attended, no-show, late cancellation at check-in) was recorded. */
  outcome_at: string | null;
  outcome_by: number | null;
}
export type RegistrationRow = Selectable<RegistrationsTable>;

export interface SampleDrawsTable {
  id: Generated<number>;
  study_id: number;
  seed: string;
  /** People the study needs in the room; invited_count adds the over-recruitment. */
  size: number;
  over_recruit_rate: number;
  cool_down_days: number;
  /** The sample builder's query string (pool filter and quotas) that drew it. */
  query: string;
  invited_count: number;
  created_by: number | null;
  created_at: string;
  /** A hash of the drawn ids in draw order (UNIQUE per study): the same draw is sent once. */
  fingerprint: string | null;
}

export type InvitationChannel = 'email' | 'phone';
export type InvitationResponse = 'registered' | 'declined';
export type CallOutcome = 'reached' | 'no_answer' | 'wrong_number' | 'declined';

export interface InvitationsTable {
  id: Generated<number>;
  study_id: number;
  participant_id: number;
  draw_id: number | null;
  /** email: a /r/ link was mailed; phone: the person is on the study's call list. */
  channel: InvitationChannel;
  invited_at: string;
  last_sent_at: string | null;
  times_sent: Generated<number>;
  /** null until the person registers or says no (on the /r/ page or on the phone). */
  response: InvitationResponse | null;
  responded_at: string | null;
  call_outcome: CallOutcome | null;
  called_at: string | null;
  called_by: number | null;
}
export type InvitationRow = Selectable<InvitationsTable>;
export type IncentiveMethod = 'gift_card' | 'cash_card' | 'other';

/** An incentive handed over to someone who attended: at most one per registration. */
export interface IncentivesTable {
  id: Generated<number>;
  registration_id: number;
  amount_cents: number;
  method: IncentiveMethod;
  /** City calendar day, YYYY-MM-DD. */
  issued_on: string;
  /** E.g. the card's last 4 digits; never a full card number. */
  reference_note: string | null;
  issued_by: number | null;
  created_at: string;
}
export type ReminderKind = 'reminder' | 'session_cancelled';
export type ReminderChannel = 'email' | 'call';
export type ReminderStatus = 'pending' | 'sent' | 'called' | 'unreached' | 'skipped';
export type ReminderSkipReason =
  'late' | 'registration' | 'session' | 'started' | 'person' | 'offset';

/** A reminder or cancellation notice, due at a time (src/studies/reminders). */
export interface SessionRemindersTable {
  id: Generated<number>;
  registration_id: number;
  kind: ReminderKind;
  /** Hours before the start (a reminder); 0 for a cancellation notice. */
  offset_hours: number;
  /** The registration's created_at when planned (a registration taken up again plans anew). */
  registered_at: string;
  /** UTC: the start minus offset_hours real hours. */
  due_at: string;
  /** The session's start due_at was worked out from. */
  session_starts_at: string;
  channel: ReminderChannel;
  status: Generated<ReminderStatus>;
  skip_reason: ReminderSkipReason | null;
  created_at: string;
  /** When it was sent, called, marked unreached or skipped. */
  done_at: string | null;
  /** The staff member who made the call. */
  done_by: number | null;
}
export type SessionReminderRow = Selectable<SessionRemindersTable>;
export type NewSessionReminder = Insertable<SessionRemindersTable>;

// Surveys (src/surveys). Texts are JSON with one entry per language; see the migration.

export type SurveyKind = 'screener' | 'pre_session' | 'post_session' | 'general';
export type SurveyStatus = 'draft' | 'open' | 'closed';

export interface SurveysTable {
  id: Generated<number>;
  /** Staff's name for it (English). */
  title: string;
  kind: SurveyKind;
  study_id: number | null;
  /** JSON array of language codes, the first the default. */
  languages: string;
  anonymous: Generated<number>;
  status: Generated<SurveyStatus>;
  closes_at: string | null;
  response_limit: number | null;
  /** JSON `{lang: {title, introduction, thankYou}}`. */
  texts: Generated<string>;
  open_slug: string | null;
  send_after_minutes: Generated<number>;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}
export type SurveyRow = Selectable<SurveysTable>;
export type NewSurvey = Insertable<SurveysTable>;
export type SurveyUpdate = Updateable<SurveysTable>;

export interface SurveyVersionsTable {
  id: Generated<number>;
  survey_id: number;
  number: number;
  created_at: string;
}
export type SurveyVersionRow = Selectable<SurveyVersionsTable>;

export interface SurveyPagesTable {
  id: Generated<number>;
  version_id: number;
  position: number;
  /** JSON `{lang: title}`. */
  texts: Generated<string>;
  /** JSON condition, or null: always shown. */
  condition: string | null;
}
export type SurveyPageRow = Selectable<SurveyPagesTable>;

export interface SurveyQuestionsTable {
  id: Generated<number>;
  version_id: number;
  page_id: number;
  position: number;
  code: string;
  /** A `QuestionType` (src/surveys/model/question-types.ts). */
  type: string;
  required: Generated<number>;
  prefer_not: Generated<number>;
  /** JSON `{lang: {label, help}}`. */
  texts: Generated<string>;
  /** JSON `QuestionSettings`. */
  settings: Generated<string>;
  condition: string | null;
  service: string | null;
  stage: 'intake' | 'fulfillment' | 'communication' | null;
  driver: string | null;
}
export type SurveyQuestionRow = Selectable<SurveyQuestionsTable>;

export interface SurveyOptionsTable {
  id: Generated<number>;
  question_id: number;
  role: Generated<'option' | 'statement'>;
  position: number;
  code: string;
  /** JSON `{lang: label}`. */
  texts: Generated<string>;
  is_other: Generated<number>;
}
export type SurveyOptionRow = Selectable<SurveyOptionsTable>;

export interface SurveyRecipientsTable {
  id: Generated<number>;
  survey_id: number;
  participant_id: number;
  session_id: number | null;
  sent_at: string;
  sent_by: number | null;
  responded_at: string | null;
}
export type SurveyRecipientRow = Selectable<SurveyRecipientsTable>;

export type ResponseChannel = 'web' | 'phone' | 'paper';
export type ResponseStatus = 'in_progress' | 'submitted';

export interface SurveyResponsesTable {
  id: Generated<number>;
  survey_id: number;
  version_id: number;
  respondent_key: string;
  participant_id: number | null;
  channel: ResponseChannel;
  entered_by: number | null;
  language: string;
  status: Generated<ResponseStatus>;
  page_position: Generated<number>;
  submission_key: string;
  council_district: number | null;
  myla311_use: string | null;
  study_id: number | null;
  session_id: number | null;
  started_at: string;
  updated_at: string;
  submitted_at: string | null;
}
export type SurveyResponseRow = Selectable<SurveyResponsesTable>;

export type AnswerState = 'answered' | 'skipped' | 'not_shown' | 'prefer_not' | 'not_selected';

export interface SurveyAnswersTable {
  id: Generated<number>;
  response_id: number;
  question_id: number;
  /** '' for the question; an option code (multi-select, ranking) or a statement code (grid). */
  item: Generated<string>;
  state: AnswerState;
  value: string | null;
  number: number | null;
  other_text: string | null;
}
export type SurveyAnswerRow = Selectable<SurveyAnswersTable>;
export type ThemeStatus = 'active' | 'proposed';

/** A theme notes are tagged with (src/feedback): curated by admins, proposed by the team. */
export interface ThemesTable {
  id: Generated<number>;
  name: string;
  /** The name trimmed, spaces collapsed, lower case: UNIQUE, so names differ case-insensitively. */
  name_key: string;
  status: ThemeStatus;
  proposed_by: number | null;
  created_at: string;
  updated_at: string;
}
export type ThemeRow = Selectable<ThemesTable>;

export type NoteStage = 'intake' | 'fulfillment' | 'communication';
export type NoteDriver =
  'satisfaction' | 'confidence' | 'effectiveness' | 'ease' | 'efficiency' | 'equity' | 'employee';
export type NoteSentiment = 'praise' | 'pain_point' | 'suggestion';

/** One coded observation written at a session (src/feedback). */
export interface SessionNotesTable {
  id: Generated<number>;
  session_id: number;
  author_staff_id: number | null;
  body: string;
  /** A request type's name, or 'general' (311 in general). */
  service: string;
  stage: NoteStage | null;
  driver: NoteDriver | null;
  sentiment: NoteSentiment | null;
  is_quote: number;
  /** 'P1' … 'Pn' by the session's roster; never a name. */
  pseudonym: string | null;
  created_at: string;
  updated_at: string;
}
export type SessionNoteRow = Selectable<SessionNotesTable>;
export type NewSessionNote = Insertable<SessionNotesTable>;
export type SessionNoteChange = Updateable<SessionNotesTable>;

export interface SessionNoteThemesTable {
  note_id: number;
  theme_id: number;
}

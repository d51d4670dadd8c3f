import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

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
  /** One more at each in-place change of the version's content (wording, a draft's rewrite). */
  revision: Generated<number>;
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

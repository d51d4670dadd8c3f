import { Kysely, sql } from 'kysely';

// Frozen in time: uses Kysely<any> and imports no app code.
// Surveys. A survey's questions live in a version: pages, questions and options are rows of one
// version, and a structural change to a survey that has responses copies the version and
// changes the copy, so every response keeps the exact questions it answered. Questions and
// options are known by stable codes (unique within a version) that exports are keyed by;
// conditions name earlier questions by code. Every text a respondent reads is JSON with one
// entry per language (`{"en": "…", "es": "…"}`).
// A response is one person's (or one browser's) answers to one survey: UNIQUE(survey_id,
// respondent_key) makes a second start the same response, and its submission_key (UNIQUE) is
// what a final submit names, so two submits record one. An answer row is one question, or one
// option of a multi-select or ranking, or one statement of a grid, with the state that says
// why a value is missing (not shown, skipped, prefer not to say, not selected).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('surveys')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    // Staff's name for the survey (English); respondents read `texts`.
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('screener', 'pre_session', 'post_session', 'general')`),
    )
    .addColumn('study_id', 'integer', (c) => c.references('studies.id').onDelete('set null'))
    // JSON array of language codes offered, the first being the default.
    .addColumn('languages', 'text', (c) => c.notNull())
    .addColumn('anonymous', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`anonymous in (0, 1)`),
    )
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('draft')
        .check(sql`status in ('draft', 'open', 'closed')`),
    )
    .addColumn('closes_at', 'text')
    .addColumn('response_limit', 'integer', (c) => c.check(sql`response_limit > 0`))
    // JSON `{lang: {title, introduction, thankYou}}`.
    .addColumn('texts', 'text', (c) => c.notNull().defaultTo('{}'))
    // A public slug for the open link (/s/o/<slug>), null while the survey has none.
    .addColumn('open_slug', 'text', (c) => c.unique())
    // Post-session surveys go to those who attended this long after the session ends.
    .addColumn('send_after_minutes', 'integer', (c) => c.notNull().defaultTo(120))
    .addColumn('created_by', 'integer', (c) => c.references('staff_users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('surveys_study').on('surveys').column('study_id').execute();

  await db.schema
    .createTable('survey_versions')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('survey_id', 'integer', (c) =>
      c.notNull().references('surveys.id').onDelete('cascade'),
    )
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('survey_versions_number', ['survey_id', 'number'])
    .execute();

  await db.schema
    .createTable('survey_pages')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('version_id', 'integer', (c) =>
      c.notNull().references('survey_versions.id').onDelete('cascade'),
    )
    .addColumn('position', 'integer', (c) => c.notNull())
    // JSON `{lang: title}`; `{}` for a page without a title.
    .addColumn('texts', 'text', (c) => c.notNull().defaultTo('{}'))
    // JSON condition (see src/surveys/model/conditions.ts) or null: always shown.
    .addColumn('condition', 'text')
    .execute();
  await db.schema
    .createIndex('survey_pages_version')
    .on('survey_pages')
    .columns(['version_id', 'position'])
    .execute();

  await db.schema
    .createTable('survey_questions')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('version_id', 'integer', (c) =>
      c.notNull().references('survey_versions.id').onDelete('cascade'),
    )
    .addColumn('page_id', 'integer', (c) =>
      c.notNull().references('survey_pages.id').onDelete('cascade'),
    )
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('required', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`required in (0, 1)`),
    )
    .addColumn('prefer_not', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`prefer_not in (0, 1)`),
    )
    // JSON `{lang: {label, help}}`.
    .addColumn('texts', 'text', (c) => c.notNull().defaultTo('{}'))
    // JSON: what the type takes (bounds of a number or a date, a text's length).
    .addColumn('settings', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('condition', 'text')
    // The shared vocabulary: a request type name or 'general', a life-cycle stage, a driver.
    .addColumn('service', 'text')
    .addColumn('stage', 'text', (c) =>
      c.check(sql`stage in ('intake', 'fulfillment', 'communication')`),
    )
    .addColumn('driver', 'text')
    .addUniqueConstraint('survey_questions_code', ['version_id', 'code'])
    .execute();
  await db.schema
    .createIndex('survey_questions_page')
    .on('survey_questions')
    .columns(['page_id', 'position'])
    .execute();
  await db.schema
    .createIndex('survey_questions_tags')
    .on('survey_questions')
    .columns(['driver', 'service', 'stage'])
    .execute();

  await db.schema
    .createTable('survey_options')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('question_id', 'integer', (c) =>
      c.notNull().references('survey_questions.id').onDelete('cascade'),
    )
    // An answer option, or a statement of an agreement grid.
    .addColumn('role', 'text', (c) =>
      c
        .notNull()
        .defaultTo('option')
        .check(sql`role in ('option', 'statement')`),
    )
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    // JSON `{lang: label}`.
    .addColumn('texts', 'text', (c) => c.notNull().defaultTo('{}'))
    // "Other, please specify": choosing it asks for a text.
    .addColumn('is_other', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`is_other in (0, 1)`),
    )
    .addUniqueConstraint('survey_options_code', ['question_id', 'role', 'code'])
    .execute();

  await db.schema
    .createTable('survey_recipients')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('survey_id', 'integer', (c) =>
      c.notNull().references('surveys.id').onDelete('cascade'),
    )
    .addColumn('participant_id', 'integer', (c) =>
      c.notNull().references('participants.id').onDelete('cascade'),
    )
    // The focus-group session it follows (post-session surveys), if any.
    .addColumn('session_id', 'integer', (c) =>
      c.references('study_sessions.id').onDelete('set null'),
    )
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addColumn('sent_by', 'integer', (c) => c.references('staff_users.id').onDelete('set null'))
    // Set when their response is submitted (the funnel's "responded"), kept for anonymous surveys too.
    .addColumn('responded_at', 'text')
    .addUniqueConstraint('survey_recipients_person', ['survey_id', 'participant_id'])
    .execute();

  await db.schema
    .createTable('survey_responses')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('survey_id', 'integer', (c) =>
      c.notNull().references('surveys.id').onDelete('cascade'),
    )
    .addColumn('version_id', 'integer', (c) =>
      c.notNull().references('survey_versions.id').onDelete('cascade'),
    )
    // Who answers: a recipient's key, an open link's browser cookie, or a staff entry's own.
    .addColumn('respondent_key', 'text', (c) => c.notNull())
    // Identified surveys only; null for anonymous ones, open links, and after deletion.
    .addColumn('participant_id', 'integer', (c) =>
      c.references('participants.id').onDelete('set null'),
    )
    .addColumn('channel', 'text', (c) =>
      c.notNull().check(sql`channel in ('web', 'phone', 'paper')`),
    )
    .addColumn('entered_by', 'integer', (c) => c.references('staff_users.id').onDelete('set null'))
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('in_progress')
        .check(sql`status in ('in_progress', 'submitted')`),
    )
    // The page position to resume at.
    .addColumn('page_position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('submission_key', 'text', (c) => c.notNull().unique())
    // De-identified facts about the respondent when they started, for results' filters.
    .addColumn('council_district', 'integer')
    .addColumn('myla311_use', 'text')
    .addColumn('study_id', 'integer', (c) => c.references('studies.id').onDelete('set null'))
    .addColumn('session_id', 'integer', (c) =>
      c.references('study_sessions.id').onDelete('set null'),
    )
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text')
    .addUniqueConstraint('survey_responses_respondent', ['survey_id', 'respondent_key'])
    .execute();
  await db.schema
    .createIndex('survey_responses_status')
    .on('survey_responses')
    .columns(['survey_id', 'status', 'submitted_at'])
    .execute();
  await db.schema
    .createIndex('survey_responses_participant')
    .on('survey_responses')
    .column('participant_id')
    .execute();

  await db.schema
    .createTable('survey_answers')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('response_id', 'integer', (c) =>
      c.notNull().references('survey_responses.id').onDelete('cascade'),
    )
    .addColumn('question_id', 'integer', (c) =>
      c.notNull().references('survey_questions.id').onDelete('cascade'),
    )
    // '' for the question itself; an option code (multi-select, ranking) or a statement code (grid).
    .addColumn('item', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('state', 'text', (c) =>
      c
        .notNull()
        .check(sql`state in ('answered', 'skipped', 'not_shown', 'prefer_not', 'not_selected')`),
    )
    // An option code, a text, a date (YYYY-MM-DD), or a scale point as text.
    .addColumn('value', 'text')
    // Scales, ratings, numbers and ranks, for arithmetic in SQL.
    .addColumn('number', 'real')
    // "Other, please specify".
    .addColumn('other_text', 'text')
    .addUniqueConstraint('survey_answers_item', ['response_id', 'question_id', 'item'])
    .execute();
  await db.schema
    .createIndex('survey_answers_question')
    .on('survey_answers')
    .columns(['question_id', 'state'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'survey_answers',
    'survey_responses',
    'survey_recipients',
    'survey_options',
    'survey_questions',
    'survey_pages',
    'survey_versions',
    'surveys',
  ])
    await db.schema.dropTable(table).execute();
}

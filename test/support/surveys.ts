import type { DB } from '../../src/db/database';
import type { SurveySpec } from '../../src/surveys/model/spec';
import { insertSurvey } from '../../src/surveys/surveys.queries';
import { addSurveyLink } from '../../src/surveys/survey-links';

const both = (en: string, es: string) => ({ en, es });

/**
 * A small survey in English and Spanish with one of the common types on each page and a
 * condition: page 2's "ease" is shown only to those who used 311; page 3 only to those who never did.
 */
export function sampleSurveySpec(over: Partial<SurveySpec> = {}): SurveySpec {
  return {
    title: 'MyLA311 check-in',
    kind: 'general',
    languages: ['en', 'es'],
    status: 'open',
    texts: {
      title: both('Your experience with 311', 'Su experiencia con el 311'),
      introduction: both('Five short questions.', 'Cinco preguntas breves.'),
      thankYou: both('Thank you!', '¡Gracias!'),
    },
    pages: [
      {
        title: both('About you', 'Sobre usted'),
        questions: [
          {
            code: 'use',
            type: 'single_choice',
            required: true,
            label: both('Have you used 311?', '¿Ha usado el 311?'),
            options: [
              { code: 'never', label: both('Never', 'Nunca') },
              { code: 'often', label: both('Often', 'A menudo') },
            ],
          },
          {
            code: 'channels',
            type: 'multi_choice',
            preferNot: true,
            label: both('How do you contact the City?', '¿Cómo contacta a la Ciudad?'),
            options: [
              { code: 'app', label: both('App', 'Aplicación') },
              { code: 'phone', label: both('Phone', 'Teléfono') },
              { code: 'other', label: both('Other', 'Otro'), isOther: true },
            ],
          },
        ],
      },
      {
        questions: [
          {
            code: 'ease',
            type: 'agreement',
            required: true,
            driver: 'ease',
            service: 'general',
            stage: 'intake',
            label: both('It was easy to report my problem.', 'Fue fácil reportar mi problema.'),
            condition: {
              combine: 'all',
              rules: [{ question: 'use', op: 'equals', value: 'often' }],
            },
          },
          {
            code: 'nps',
            type: 'nps',
            label: both(
              'How likely are you to recommend 311 to a neighbor?',
              '¿Qué tan probable es que recomiende el 311 a un vecino?',
            ),
          },
        ],
      },
      {
        condition: { combine: 'all', rules: [{ question: 'use', op: 'equals', value: 'never' }] },
        questions: [
          {
            code: 'barrier',
            type: 'long_text',
            label: both('What keeps you from using 311?', '¿Qué le impide usar el 311?'),
          },
        ],
      },
    ],
    ...over,
  };
}

/** Stores a survey (sampleSurveySpec by default), as the builder or a template would. */
export async function createSurvey(
  db: DB,
  spec: SurveySpec = sampleSurveySpec(),
  createdBy: number | null = null,
) {
  return db
    .transaction()
    .execute((trx) => insertSurvey(trx, spec, { now: new Date().toISOString(), createdBy }));
}

/**
 * A recipient row for a person and their personal link (`/s/<token>`), as sending would make
 * them (the sending itself is another use case's).
 */
export async function surveyLinkFor(
  ctx: { db: DB; clock: { now(): Date } },
  surveyId: number,
  participantId: number,
  sessionId: number | null = null,
): Promise<string> {
  return ctx.db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('survey_recipients')
      .values({
        survey_id: surveyId,
        participant_id: participantId,
        session_id: sessionId,
        sent_at: ctx.clock.now().toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return addSurveyLink(trx, { id, participant_id: participantId }, ctx.clock.now());
  });
}

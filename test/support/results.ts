import type { DB } from '../../src/db/database';
import type { ResponseChannel } from '../../src/db/schema';
import type { SurveySpec } from '../../src/surveys/model/spec';
import { insertResponse, type TestAnswer } from './survey-responses';
import { createSurvey } from './surveys';

/*
 * A survey with one question of each counted type and a known set of responses, for the results
 * tests: each test computes the figures it expects from `people` itself, never with the app's code.
 */

const both = (en: string, es: string) => ({ en, es });

export function resultsSurveySpec(): SurveySpec {
  return {
    title: 'Service check',
    kind: 'general',
    languages: ['en', 'es'],
    status: 'open',
    texts: { title: both('Service check', 'Revisión del servicio') },
    pages: [
      {
        questions: [
          {
            code: 'use',
            type: 'single_choice',
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
          {
            code: 'ease',
            type: 'agreement',
            label: both('It was easy to report my problem.', 'Fue fácil reportar mi problema.'),
          },
          {
            code: 'grid',
            type: 'agreement_grid',
            preferNot: true,
            label: both('About the staff', 'Sobre el personal'),
            statements: [
              { code: 's1', label: both('Staff were courteous', 'El personal fue cortés') },
              { code: 's2', label: both('It was quick', 'Fue rápido') },
            ],
          },
        ],
      },
      {
        questions: [
          { code: 'nps', type: 'nps', label: both('Recommend 311?', '¿Recomendaría el 311?') },
          { code: 'rate', type: 'rating', label: both('Rate the service', 'Califique') },
          {
            code: 'age',
            type: 'number',
            label: both('Your age', 'Su edad'),
            settings: { min: 0, max: 120, integer: true },
          },
          { code: 'why', type: 'long_text', label: both('Tell us more', 'Cuéntenos más') },
        ],
      },
    ],
  };
}

export interface Person {
  i: number;
  language: string;
  district: number;
  use: 'never' | 'often';
  channel: ResponseChannel;
  startedAt: string;
  submittedAt: string;
  answers: TestAnswer[];
}

/** Person i of the fixed set (i from 0 to 39): who they are and how they answered. */
export function person(i: number): Person {
  const use = i % 2 ? 'often' : 'never';
  const answers: TestAnswer[] = [];
  answers.push(
    i % 10 === 9
      ? { code: 'use', state: 'skipped' }
      : { code: 'use', state: 'answered', value: use },
  );
  if (i % 5 === 0) answers.push({ code: 'channels', state: 'prefer_not' });
  else {
    const chosen = { app: i % 2 === 0, phone: i % 3 === 0, other: i % 7 === 1 };
    if (!chosen.app && !chosen.phone && !chosen.other) chosen.app = true;
    for (const [item, on] of Object.entries(chosen))
      answers.push(
        on
          ? { code: 'channels', item, state: 'answered', value: '1', number: 1 }
          : { code: 'channels', item, state: 'not_selected', value: '0', number: 0 },
      );
  }
  const point = (v: number) => ({ state: 'answered' as const, value: String(v), number: v });
  answers.push(
    i % 8 === 7 ? { code: 'ease', state: 'skipped' } : { code: 'ease', ...point(1 + (i % 5)) },
  );
  answers.push({ code: 'grid', item: 's1', ...point(1 + ((i * 2) % 5)) });
  answers.push(
    i % 9 === 8
      ? { code: 'grid', item: 's2', state: 'prefer_not' }
      : { code: 'grid', item: 's2', ...point(5 - (i % 5)) },
  );
  answers.push({ code: 'nps', ...point(i % 11) });
  answers.push({ code: 'rate', ...point((i * 3) % 11) });
  answers.push({ code: 'age', ...point(18 + ((i * 7) % 60)) });
  answers.push(
    i % 3 === 0
      ? {
          code: 'why',
          state: 'answered',
          value:
            i === 0
              ? 'All done 100%_sure'
              : `Answer ${i}: the app ${i % 2 ? 'crashed' : 'was slow'}`,
        }
      : { code: 'why', state: 'skipped' },
  );
  // Started i minutes after 22:50 on 30 June; took (i + 1) minutes (the last ones cross midnight
  // and the month's end).
  const start = Date.UTC(2027, 5, 30, 22, 50) + i * 60_000;
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    i,
    language: i % 4 === 0 ? 'es' : 'en',
    // Three people in district 9: a group too small to show.
    district: i < 37 ? 1 + (i % 3) : 9,
    use,
    // Three phone interviews: filtering to the web would give them back by difference.
    channel: i < 3 ? 'phone' : 'web',
    startedAt: iso(start),
    submittedAt: iso(start + (i + 1) * 60_000),
    answers,
  };
}

export const PEOPLE = 40;
export const IN_PROGRESS = 4;

/** Stores the survey, its 40 completed responses and 4 in progress; returns the survey and people. */
export async function seedResults(db: DB) {
  const survey = await createSurvey(db, resultsSurveySpec());
  const people = Array.from({ length: PEOPLE }, (_, i) => person(i));
  for (const p of people) {
    const id = await insertResponse(db, {
      ...survey,
      language: p.language,
      channel: p.channel,
      answers: p.answers,
    });
    await db
      .updateTable('survey_responses')
      .set({
        started_at: p.startedAt,
        submitted_at: p.submittedAt,
        council_district: p.district,
        myla311_use: p.use,
      })
      .where('id', '=', id)
      .execute();
  }
  for (let k = 0; k < IN_PROGRESS; k++)
    await insertResponse(db, {
      ...survey,
      status: 'in_progress',
      at: '2027-06-30T12:00:00.000Z',
      // Answers of every kind, far out of the submitted ones' range: none may be counted.
      answers: [
        { code: 'use', state: 'answered', value: 'never' },
        { code: 'channels', item: 'app', state: 'answered', value: '1', number: 1 },
        { code: 'channels', item: 'phone', state: 'not_selected', value: '0', number: 0 },
        { code: 'channels', item: 'other', state: 'not_selected', value: '0', number: 0 },
        { code: 'ease', state: 'answered', value: '5', number: 5 },
        { code: 'age', state: 'answered', value: '99', number: 99 },
        { code: 'why', state: 'answered', value: 'Not sent yet' },
      ],
    });
  return { survey, people };
}

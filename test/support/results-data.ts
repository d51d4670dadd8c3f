import type { TestContext } from './app';
import { addPerson } from './db';
import { insertNote, insertSession, insertStudy, PEOPLE, register } from './results-people';
import { insertResponse } from './survey-responses';
import { createSurvey, sampleSurveySpec } from './surveys';

/**
 * A study and an identified survey with data from PEOPLE: all six in district 5, five attended
 * the study's session, each answered the survey (linked to them), the session has coded notes.
 */
export async function resultsWithPeople(ctx: Pick<TestContext, 'db'>) {
  const studyId = await insertStudy(ctx.db, 'Results access study');
  const sessionId = await insertSession(ctx.db, studyId, '2026-02-15T18:00:00.000Z');
  const { surveyId, versionId } = await createSurvey(
    ctx.db,
    sampleSurveySpec({ anonymous: false, studyId }),
  );
  const people: number[] = [];
  for (const [i, [first, last, email, phone, zip]] of PEOPLE.entries()) {
    const id = await addPerson(ctx.db, {
      first_name: first,
      last_name: last,
      email,
      phone,
      zip,
      council_district: 5,
      language: i % 2 ? 'es' : 'en',
    });
    people.push(id);
    if (i < 5) await register(ctx.db, sessionId, id);
    await insertResponse(ctx.db, {
      surveyId,
      versionId,
      participantId: id,
      at: `2026-02-1${i}T20:00:00.000Z`,
      answers: [
        { code: 'use', state: 'answered', value: 'often' },
        { code: 'ease', state: 'answered', value: String(1 + (i % 5)), number: 1 + (i % 5) },
        { code: 'nps', state: 'answered', value: String(i + 4), number: i + 4 },
        { code: 'barrier', state: 'not_shown' },
      ],
    });
  }
  for (const sentiment of ['pain_point', 'praise', 'suggestion'] as const) {
    await insertNote(ctx.db, sessionId, {
      service: 'general',
      stage: 'intake',
      sentiment,
      pseudonym: 'P1',
      body: 'The app lost my photo.',
    });
  }
  return { studyId, sessionId, surveyId, versionId, people };
}

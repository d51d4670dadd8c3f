import { poolQuerySchema } from '../../src/participants/pool/pool.schema';
import type { ReferenceData } from '../../src/reference/reference.queries';
import {
  parseQueryString,
  queryStringOf,
  readAudience,
} from '../../src/surveys/distribute/audience';
import { sendSummary } from '../../src/surveys/distribute/distribute.view';
import { allQuestions } from '../../src/surveys/model/definition';
import { definitionOf } from '../../src/surveys/model/spec';
import { responseQuestions } from '../../src/surveys/responses/responses.view';
import { sampleSurveySpec } from '../support/surveys';

const ref = {
  languageCodes: new Set(['en', 'es']),
  districtNumbers: new Set([1, 2]),
  councilIds: new Set<number>(),
  requestTypeNames: [],
  languages: [],
} as unknown as ReferenceData;
const schema = poolQuerySchema(ref);
const read = (q: Record<string, unknown>, studies = [4]) =>
  readAudience(q, schema, 'America/Los_Angeles', (id) => studies.includes(id));

describe('the send page’s audience', () => {
  test('a study group needs a study that exists and one of the three groups', () => {
    expect(read({ audience: 'study', studyId: '4', group: 'attendees' })).toEqual({
      ok: true,
      data: { kind: 'study', studyId: 4, group: 'attendees' },
    });
    const bad = read({ audience: 'study', studyId: '5', group: 'everyone' });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && Object.keys(bad.errors)).toEqual(['studyId', 'group']);
    expect(read({ audience: ['study'] }).ok).toBe(false);
  });

  test('a pool filter is the Pool page’s own, bad values dropped', () => {
    const r = read({ audience: 'pool', language: ['es', 'xx'], status: 'deleted' });
    expect(r.ok && r.data.kind === 'pool' && r.data.criteria.languages).toEqual(['es']);
  });

  test('the query string carried by "Send" round-trips, without the flag or a token', () => {
    const qs = queryStringOf({
      audience: 'pool',
      language: ['es', 'ko'],
      preview: '1',
      _csrf: 'x',
    });
    expect(parseQueryString(qs)).toEqual({ audience: 'pool', language: ['es', 'ko'] });
  });

  test('the summary after sending', () => {
    expect(sendSummary({ byEmail: 1, byPhone: 2, alreadySent: 0 })).toBe(
      'Sent by email to 1 person; 2 people added to the survey’s call list.',
    );
  });
});

describe('one response as staff read it', () => {
  const spec = sampleSurveySpec();
  const def = { languages: spec.languages, ...definitionOf(spec.pages) };
  const id = (code: string) => allQuestions(def).find((q) => q.code === code)!.id;
  const row = (code: string, state: string, value: string | null = null, item = '') => ({
    question_id: id(code),
    item,
    state: state as 'answered',
    value,
    other_text: null,
  });

  test('labels in the response’s language with the codes, and every missing-data state spelled out', () => {
    const pages = responseQuestions(
      def,
      [
        row('use', 'answered', 'often'),
        row('channels', 'answered', '1', 'app'),
        row('channels', 'not_selected', '0', 'phone'),
        row('ease', 'prefer_not'),
        row('nps', 'skipped'),
        row('barrier', 'not_shown'),
      ],
      'es',
    );
    const q = (code: string) => pages.flatMap((p) => p.questions).find((x) => x.code === code)!;
    expect(q('use').label).toBe('¿Ha usado el 311?');
    expect(q('use').lines[0]).toMatchObject({ text: 'A menudo', code: 'often' });
    expect(q('channels').lines.map((l) => [l.item?.label, l.text])).toEqual([
      ['Aplicación', 'Selected'],
      ['Teléfono', 'Not selected'],
    ]);
    expect(q('ease').lines[0].text).toBe('Prefer not to say');
    expect(q('nps').lines[0].text).toBe('Skipped');
    expect(q('barrier').lines[0].text).toBe('Not shown (condition)');
  });

  test('a question with no stored row says it was not reached', () => {
    const pages = responseQuestions(def, [], 'en');
    expect(pages[0].questions[0].lines[0].text).toBe('No answer stored (not reached yet)');
  });

  test('an agreement answer shows the scale’s label in the response’s language', () => {
    const pages = responseQuestions(def, [row('ease', 'answered', '4')], 'es');
    const ease = pages.flatMap((p) => p.questions).find((x) => x.code === 'ease')!;
    expect(ease.lines[0]).toMatchObject({ text: 'De acuerdo', code: '4' });
  });
});

import { CHANNELS } from '../participants/profile/options';
import type { SeededRandom } from '../random';
import type { ReferenceData } from '../reference/reference.queries';
import {
  PREFER_NOT,
  completeResponse,
  readPage,
  seenFrom,
  type AnswerInput,
} from '../surveys/model/answers';
import { conditionHolds } from '../surveys/model/conditions';
import type { SurveyDefinition } from '../surveys/model/definition';
import { districtCode, languageCode, requestTypeCode } from '../surveys/templates/screener.codes';
import {
  ACCESS_PROBLEM,
  COULD_BE_BETTER,
  OTHER_CHANNEL,
  OTHER_LANGUAGE,
  SESSION_CHANGE,
  WORKED_WELL,
  sentence,
} from './survey-texts.demo';

/*
 * Demo respondents' answers as the form bodies a respondent page would post (`q_<code>` …), so
 * that the pure model reads them exactly as it reads real ones. Patterns: A-11 agreement skewed
 * by driver (ease and equity rated well, efficiency and confidence less so), each person a bit
 * more or less content overall; NPS spread with most promoters; free text from a small bank.
 */
export type Body = Record<string, string | string[]>;

/** Weights of the agreement points 1…5 by A-11 driver (Bulky Item pickup, intake). */
const DRIVER_WEIGHTS: Record<string, number[]> = {
  satisfaction: [6, 12, 20, 38, 24],
  confidence: [10, 18, 30, 28, 14],
  effectiveness: [7, 12, 18, 38, 25],
  ease: [5, 9, 16, 40, 30],
  efficiency: [14, 22, 24, 26, 14],
  equity: [3, 6, 18, 41, 32],
  employee: [4, 8, 20, 38, 30],
};
const OTHER_DRIVER = [10, 15, 30, 30, 15];

const point = (rnd: SeededRandom, weights: number[], mood: number): number => {
  const v = rnd.weighted(weights.map((w, i) => [i + 1, w] as const));
  return Math.min(5, Math.max(1, v + (rnd.chance(0.5) ? mood : 0)));
};

/** A respondent's overall leaning: -1, 0 or +1 on every statement half the time. */
export const moodOf = (rnd: SeededRandom): number =>
  rnd.weighted([
    [-1, 2],
    [0, 5],
    [1, 3],
  ] as const);

export function a11Body(rnd: SeededRandom, language: string, drivers: string[]): Body {
  const mood = moodOf(rnd);
  const body: Body = {};
  for (const driver of drivers) {
    if (rnd.chance(0.05)) continue; // skipped (every A-11 question is optional)
    const weights = DRIVER_WEIGHTS[driver] ?? OTHER_DRIVER;
    body[`q_${driver}`] = String(point(rnd, weights, mood));
  }
  if (rnd.chance(0.55)) body.q_worked_well = sentence(WORKED_WELL, language, (x) => rnd.pick(x));
  if (rnd.chance(mood < 0 ? 0.85 : 0.55))
    body.q_could_be_better = sentence(COULD_BE_BETTER, language, (x) => rnd.pick(x));
  return body;
}

export interface ScreenerFacts {
  language: string;
  council_district: number | null;
  myla311_use: 'never' | 'once' | 'few' | 'often' | null;
  channels: string[];
  requestTypes: string[];
}

const LAST_USED: Record<string, readonly (readonly [string, number])[]> = {
  once: [
    ['past_month', 1],
    ['past_3_months', 2],
    ['past_year', 4],
    ['over_year', 4],
    ['dont_remember', 1],
  ],
  few: [
    ['past_month', 3],
    ['past_3_months', 4],
    ['past_year', 3],
    ['over_year', 1],
    ['dont_remember', 1],
  ],
  often: [
    ['past_month', 7],
    ['past_3_months', 3],
    ['past_year', 1],
  ],
};

/** A screener as someone answers it: mostly what their profile says (people are not always consistent). */
export function screenerBody(
  rnd: SeededRandom,
  p: ScreenerFacts,
  ref: Pick<ReferenceData, 'requestTypes' | 'languages'>,
): Body {
  const use =
    p.myla311_use && rnd.chance(0.9)
      ? p.myla311_use
      : rnd.weighted([
          ['never', 3],
          ['once', 2],
          ['few', 4],
          ['often', 2],
        ] as const);
  const body: Body = { q_use_frequency: use };
  if (use !== 'never') {
    const channels = p.channels.length ? [...p.channels] : [rnd.pick(['app', 'phone', 'web'])];
    if (rnd.chance(0.05)) {
      channels.push('other');
      body.q_channels__other = sentence(OTHER_CHANNEL, p.language, (x) => rnd.pick(x));
    }
    body.q_channels = channels;
    const types = p.requestTypes.length
      ? p.requestTypes
      : rnd.some(
          ref.requestTypes.slice(0, 5).map((r) => r.name),
          0.3,
        );
    if (types.length) body.q_request_types = types.map(requestTypeCode);
    if (rnd.chance(0.93)) body.q_last_used = rnd.weighted(LAST_USED[use]);
  }
  const offered = ref.languages.some((l) => l.code === p.language);
  if (offered) body.q_language = languageCode(p.language);
  else {
    body.q_language = 'other';
    body.q_language__other = rnd.pick(OTHER_LANGUAGE);
  }
  body.q_council_district = rnd.chance(0.04)
    ? PREFER_NOT
    : p.council_district !== null
      ? districtCode(p.council_district)
      : 'dont_know';
  return body;
}

/** Someone from the open link (not in the panel): facts drawn like the city's. */
export function strangerFacts(
  rnd: SeededRandom,
  ref: Pick<ReferenceData, 'districts' | 'requestTypes'>,
): ScreenerFacts {
  const language = rnd.weighted([
    ['en', 45],
    ['es', 35],
    ['ko', 7],
    ['hy', 6],
    ['zh-Hant', 7],
  ] as const);
  return {
    language,
    council_district: rnd.chance(0.88) ? rnd.pick(ref.districts).district : null,
    myla311_use: rnd.weighted([
      ['never', 3],
      ['once', 3],
      ['few', 3],
      ['often', 1],
    ] as const),
    channels: rnd.some(CHANNELS, 0.35),
    requestTypes: rnd.some(
      ref.requestTypes.map((r) => r.name),
      0.12,
    ),
  };
}

const RATINGS = [
  ['very_good', 35],
  ['good', 40],
  ['okay', 15],
  ['poor', 7],
  ['very_poor', 3],
] as const;
/** NPS weights 0…10 after a session rated well, or not. */
const NPS_WELL = [0, 0, 1, 1, 2, 4, 6, 10, 18, 24, 34];
const NPS_POORLY = [6, 5, 8, 10, 10, 14, 12, 10, 8, 4, 3];

export function postSessionBody(rnd: SeededRandom, language: string): Body {
  const rating = rnd.weighted(RATINGS);
  const well = rating === 'very_good' || rating === 'good';
  const body: Body = {
    q_session_rating: rating,
    q_felt_heard: String(
      well
        ? rnd.weighted([
            [5, 5],
            [4, 4],
            [3, 1],
          ] as const)
        : rnd.int(1, 4),
    ),
    q_again: well || rnd.chance(0.5) ? 'yes' : 'no',
  };
  const access = rnd.weighted([
    ['easy', 75],
    ['some_problems', 17],
    ['hard', 5],
    [PREFER_NOT, 3],
  ] as const);
  body.q_accessibility = access;
  if ((access === 'some_problems' || access === 'hard') && rnd.chance(0.7))
    body.q_access_problem = sentence(ACCESS_PROBLEM, language, (x) => rnd.pick(x));
  if (rnd.chance(well ? 0.4 : 0.8))
    body.q_change = sentence(SESSION_CHANGE, language, (x) => rnd.pick(x));
  if (rnd.chance(0.95)) {
    const weights = well ? NPS_WELL : NPS_POORLY;
    body.q_recommend = String(rnd.weighted(weights.map((w, i) => [i, w] as const)));
  }
  return body;
}

/**
 * A response's rows through the pure model: each page read from the body in turn (pages a
 * condition hides are passed by, as the respondent pages do); stopped after `stoppedAfter`
 * pages, or completed for submission.
 */
export function answersOf(
  def: Pick<SurveyDefinition, 'pages'>,
  body: Body,
  stoppedAfter: number | null,
): AnswerInput[] {
  const stored: AnswerInput[] = [];
  for (const page of def.pages.slice(0, stoppedAfter ?? def.pages.length)) {
    const seen = seenFrom(def, stored);
    if (!conditionHolds(page.condition, seen)) continue;
    const read = readPage(page, body, seen);
    if (Object.keys(read.errors).length)
      throw new Error(`The demo answers were refused: ${JSON.stringify(read.errors)}`);
    stored.push(...read.answers);
  }
  if (stoppedAfter !== null) return stored;
  const done = completeResponse(def, stored);
  if (done.missingOnPage !== null) throw new Error('A demo response misses a required answer');
  return done.answers;
}

import type { AnswerState, SurveyAnswerRow } from '../../db/schema';
import { translator } from '../../i18n/i18n';
import type { ReferenceData } from '../../reference/reference.queries';
import { formatCityTime } from '../../studies/city-time';
import type { QuestionDef, SurveyDefinition } from '../model/definition';
import { QUESTION_TYPE_LABELS, isAnswerable } from '../model/question-types';
import { textIn, type Translated } from '../model/texts';
import type { ResponseListRow, responseCounts } from './responses.queries';

/*
 * View models of the responses pages (staff: English, but a respondent's questions and answers
 * are shown as they saw them, in the response's language, with the codes beside).
 */

/** The missing-data states as staff read them. */
export const STATE_LABELS: Record<Exclude<AnswerState, 'answered'>, string> = {
  not_shown: 'Not shown (condition)',
  skipped: 'Skipped',
  prefer_not: 'Prefer not to say',
  not_selected: 'Not selected',
};

export const CHANNEL_LABELS = { web: 'Online', phone: 'Phone interview', paper: 'Paper' };
export const STATUS_LABELS = { in_progress: 'In progress', submitted: 'Submitted' };

/** What analysts see instead of a name: a number that says nothing about the person. */
export const respondentNumber = (responseId: number) => `Respondent R${responseId}`;

const nameOf = (p: { first_name?: string | null; last_name?: string | null }) =>
  [p.first_name, p.last_name].filter(Boolean).join(' ') || '(no name)';

/** The counts table: sent, started, submitted; by channel and by language. */
export function countsView(
  rows: Awaited<ReturnType<typeof responseCounts>>,
  sent: number,
  ref: ReferenceData,
) {
  const languageName = new Map(ref.languages.map((l) => [l.code, l.english_name]));
  const sum = (f: (r: (typeof rows)[number]) => boolean) =>
    rows.filter(f).reduce((n, r) => n + Number(r.n), 0);
  const by = <K extends 'channel' | 'language'>(key: K, label: (v: string) => string) =>
    [...new Set(rows.map((r) => String(r[key])))].sort().map((v) => ({
      label: label(v),
      started: sum((r) => r[key] === v),
      submitted: sum((r) => r[key] === v && r.status === 'submitted'),
    }));
  return {
    sent,
    started: sum(() => true),
    submitted: sum((r) => r.status === 'submitted'),
    byChannel: by('channel', (v) => CHANNEL_LABELS[v as keyof typeof CHANNEL_LABELS] ?? v),
    byLanguage: by('language', (v) => languageName.get(v) ?? v),
  };
}

/** The list's rows; `names` only for organizers on an identified survey. */
export function responseRows(
  surveyId: number,
  rows: ResponseListRow[],
  o: { names: boolean; zone: string; ref: ReferenceData },
) {
  const languageName = new Map(o.ref.languages.map((l) => [l.code, l.english_name]));
  return rows.map((r) => ({
    href: `/staff/surveys/${surveyId}/responses/${r.id}`,
    respondent: respondentNumber(r.id),
    person:
      o.names && r.participant_id !== null
        ? { name: nameOf(r), href: `/staff/participants/${r.participant_id}` }
        : null,
    status: STATUS_LABELS[r.status],
    language: languageName.get(r.language) ?? r.language,
    channel: CHANNEL_LABELS[r.channel],
    enteredBy: r.channel === 'web' ? '—' : (r.entered_by_name ?? 'A former staff member'),
    version: r.version,
    started: formatCityTime(r.started_at, o.zone),
    submitted: r.submitted_at ? formatCityTime(r.submitted_at, o.zone) : 'Not yet',
  }));
}

type Answer = Pick<SurveyAnswerRow, 'question_id' | 'item' | 'state' | 'value' | 'other_text'>;

export interface AnswerLine {
  /** What the line is about: an option or a statement, in the response's language, and its code. */
  item: { label: string; code: string } | null;
  /** The answer as the respondent saw it (a label and its code), or a missing-data state. */
  text: string;
  code: string | null;
  state: AnswerState | 'none';
  other: string | null;
}

/**
 * Every question of the response's version, in order, with its answer lines: labels in the
 * response's language (else the survey's first), option codes beside, and the missing-data
 * states spelled out. A question with no stored row (a page not reached yet) says so.
 */
export function responseQuestions(
  def: Pick<SurveyDefinition, 'pages' | 'languages'>,
  answers: Answer[],
  lang: string,
) {
  const t = translator(lang);
  const first = def.languages[0] ?? 'en';
  const say = (x: Translated) => textIn(x, lang) || textIn(x, first);
  const scaleLabel = (q: QuestionDef, v: string): string => {
    switch (q.type) {
      case 'agreement':
      case 'agreement_grid':
        return t(`survey.agreement.${v}`);
      case 'yes_no':
        return t(v === 'yes' ? 'survey.yes' : 'survey.no');
      case 'consent':
        return v === 'yes' ? 'Acknowledged' : v;
      default: {
        const o = q.options.find((x) => x.code === v);
        return o ? say(o.label) : v;
      }
    }
  };
  const hasCode = (q: QuestionDef) =>
    ['single_choice', 'dropdown', 'yes_no', 'agreement', 'agreement_grid', 'consent'].includes(
      q.type,
    );
  const line = (q: QuestionDef, a: Answer): AnswerLine => {
    const itemDef =
      a.item === ''
        ? null
        : ([...q.options, ...q.statements].find((o) => o.code === a.item) ?? null);
    const item =
      a.item === '' ? null : { label: itemDef ? say(itemDef.label) : a.item, code: a.item };
    if (a.state !== 'answered')
      return { item, text: STATE_LABELS[a.state], code: null, state: a.state, other: null };
    let text = a.value ?? '';
    let code: string | null = null;
    if (q.type === 'multi_choice') text = 'Selected';
    else if (q.type === 'ranking') text = `Rank ${a.value ?? ''}`;
    else if (hasCode(q) && a.value !== null) {
      text = scaleLabel(q, a.value);
      code = a.value;
    }
    return { item, text, code, state: 'answered', other: a.other_text };
  };
  return def.pages.map((p) => ({
    title: say(p.title),
    position: p.position + 1,
    questions: p.questions
      .filter((q) => isAnswerable(q.type))
      .map((q) => {
        const rows = answers.filter((a) => a.question_id === q.id);
        return {
          code: q.code,
          type: QUESTION_TYPE_LABELS[q.type],
          label: say(q.texts.label),
          lines: rows.length
            ? rows.map((a) => line(q, a))
            : [
                {
                  item: null,
                  text: 'No answer stored (not reached yet)',
                  code: null,
                  state: 'none' as const,
                  other: null,
                },
              ],
        };
      }),
  }));
}

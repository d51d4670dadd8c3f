import { summaryExport } from '../survey/summary.export';
import { studyExports } from '../study/study-exports';
import type { ExportDeps, ExportFactory, ExportType } from './export-type';
import { codebookExport } from './responses/codebook.export';
import { responseExports } from './responses/responses.export';
import { scorecardExport } from '../scorecard/scorecard.export';
import { participantsExport } from '../people/participants.export';

/**
 * Every export, in the order the command line lists them. Each use case of src/results adds its
 * factories here, one line each; the pages' download route, the bundle and `npm run export` read
 * this list, so a type added here is reachable by all three.
 */
const FACTORIES: ExportFactory[] = [
  summaryExport,
  responseExports,
  codebookExport,
  studyExports,
  scorecardExport,
  participantsExport,
];

export function exportTypes(deps: ExportDeps): Map<string, ExportType> {
  const types = new Map<string, ExportType>();
  for (const factory of FACTORIES) {
    const made = factory(deps);
    for (const t of Array.isArray(made) ? made : [made]) {
      if (types.has(t.type)) throw new Error(`Two exports are called ${t.type}`);
      types.set(t.type, t);
    }
  }
  return types;
}

import type { Readable } from 'node:stream';
import { ZipFile } from 'yazl';
import { csvReadable } from '../../web/csv';
import { filterParams } from '../filters';
import { cityIsoFormatter } from './city-iso';
import { MISSING_CODES } from './codes';
import type { ExportDeps, ExportRequest, ExportType } from './export-type';
import { codebookExport } from './responses/codebook.export';
import { exportFilename, loadSurvey, wideTable } from './responses/responses.export';

/*
 * The bundle (issue 9 item 14): one ZIP, streamed with yazl, holding the wide CSV, the codebook
 * CSV and a README. Not an ExportType (it is not one CSV), but run by the same rules: the same
 * request, the wide file's roles. The README says how many rows the data file has, known only
 * once the data has streamed, so it is the zip's last entry.
 */

/** What the pages and the command line list for it, and whose roles it follows. */
export const BUNDLE: Pick<ExportType, 'type' | 'title' | 'scope' | 'roles'> = {
  type: 'bundle',
  title: 'Bundle: a ZIP of the wide responses, the codebook and a README',
  scope: 'survey',
  roles: ['analyst', 'organizer'],
};

export interface BundleStream {
  filename: string;
  stream: Readable;
}

export function readmeText(o: {
  title: string;
  surveyId: number;
  filters: [string, string][];
  exportedAt: string;
  exportedCity: string;
  profile: string;
  labels: string | null;
  rows: number;
  files: string[];
}): string {
  const lines = [
    `Survey: ${o.title} (id ${o.surveyId})`,
    `Exported: ${o.exportedAt} (UTC), ${o.exportedCity} (city time)`,
    `Filters: ${o.filters.length ? o.filters.map(([k, v]) => `${k}=${v}`).join(', ') : 'none (every submitted response)'}`,
    `Profile: ${o.profile === 'excel' ? 'excel (UTF-8 with BOM, CRLF, text cells that start with = + - @ prefixed with a quote)' : 'analysis (UTF-8, LF, text as stored)'}`,
    `Values: ${o.labels ? `labels in ${o.labels} (English where a label is missing)` : 'codes'}`,
    `Rows in the data file: ${o.rows} (one per submitted response)`,
    '',
    'Files:',
    `  ${o.files[0]}  one row per response, one column per question (see the codebook)`,
    `  ${o.files[1]}  what each column means, its labels in each language, and the versions`,
    '',
    'Missing-data codes:',
    ...MISSING_CODES.map((m) => `  ${m.code.padEnd(8)} ${m.meaning}`),
    '',
    'Respondents are pseudonyms (R + 10 characters): the same within this export, different in',
    'any other. The files hold no names, emails, phone numbers or addresses.',
    '',
  ];
  return lines.join(o.profile === 'excel' ? '\r\n' : '\n');
}

export async function openBundle(
  deps: ExportDeps,
  req: ExportRequest,
  onRow?: (rows: number) => void,
): Promise<BundleStream> {
  const { survey } = await loadSurvey(deps, req);
  const wide = await wideTable(deps, req);
  const book = await codebookExport(deps).open(req);
  const exportedAt = deps.clock.now().toISOString();
  let rows = 0;
  async function* counted() {
    for await (const row of wide.rows) {
      rows++;
      onRow?.(rows);
      yield row;
    }
  }
  const zip = new ZipFile();
  const data = csvReadable(wide.columns, counted(), req.profile);
  const fail = (err: Error) => (zip.outputStream as Readable).destroy(err);
  data.on('error', fail);
  zip.addReadStream(data, wide.filename, { mtime: new Date(exportedAt) });
  const codebook = csvReadable(book.columns, book.rows, req.profile);
  codebook.on('error', fail);
  zip.addReadStream(codebook, book.filename, { mtime: new Date(exportedAt) });
  data.on('end', () => {
    const readme = readmeText({
      title: survey.title,
      surveyId: survey.id,
      filters: filterParams(req.filter),
      exportedAt,
      exportedCity: cityIsoFormatter(deps.cityTimeZone)(exportedAt),
      profile: req.profile,
      labels: req.labels,
      rows,
      files: [wide.filename, book.filename],
    });
    zip.addBuffer(Buffer.from(readme, 'utf8'), 'README.txt', { mtime: new Date(exportedAt) });
    zip.end();
  });
  return {
    filename: exportFilename(deps, survey.id, 'bundle', 'zip'),
    stream: zip.outputStream as Readable,
  };
}

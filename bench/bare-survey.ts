import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Database from 'better-sqlite3';
import express from 'express';

/** A question of the page the bare endpoint stores, with what it needs to make the same rows. */
export interface BareQuestion {
  id: number;
  code: string;
  type: string;
  options: string[];
}

/**
 * The baseline of the survey bench: a bare Express app on its own better-sqlite3 connection
 * (same file, same pragmas as the app: WAL, synchronous FULL) whose one endpoint stores a page
 * of answers as the respondent pages do — that page's rows replaced and the response's place
 * moved, in one transaction — with none of the app's session, CSRF, validation or views.
 */
export async function startBareSurvey(
  file: string,
  questions: BareQuestion[],
): Promise<{ baseUrl: string; close(): Promise<void> }> {
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const remove = sqlite.prepare(
    `delete from survey_answers where response_id = ? and question_id in (${questions.map(() => '?').join(',')})`,
  );
  const insert = sqlite.prepare(
    `insert into survey_answers (response_id, question_id, item, state, value, number, other_text)
     values (?, ?, ?, ?, ?, ?, null)`,
  );
  const move = sqlite.prepare(
    'update survey_responses set page_position = ?, updated_at = ? where id = ?',
  );
  const store = sqlite.transaction((responseId: number, body: Record<string, unknown>) => {
    remove.run(responseId, ...questions.map((q) => q.id));
    for (const q of questions) {
      const v = body[`q_${q.code}`];
      if (q.type === 'multi_choice') {
        const chosen = Array.isArray(v) ? v : [v];
        for (const o of q.options) {
          const on = chosen.includes(o);
          insert.run(responseId, q.id, o, on ? 'answered' : 'not_selected', on ? '1' : '0', +on);
        }
      } else if (typeof v === 'string' && v !== '') {
        const n = Number(v);
        insert.run(responseId, q.id, '', 'answered', v, Number.isFinite(n) ? n : null);
      } else insert.run(responseId, q.id, '', 'skipped', null, null);
    }
    move.run(1, new Date().toISOString(), responseId);
  });
  const app = express();
  app.use(express.urlencoded({ extended: false, limit: '100kb' }));
  app.post('/bare/:responseId', (req, res) => {
    store(Number(req.params.responseId), req.body as Record<string, unknown>);
    res.redirect(303, `/bare/${req.params.responseId}`);
  });
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      sqlite.close();
    },
  };
}

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { closeDatabase, openDatabase } from '../../src/db/database';
import { migrateToLatest } from '../../src/db/migrate';
import { csrfFrom } from '../support/app';
import { addPerson } from '../support/db';
import { startServer } from '../support/server';
import { createSurvey, surveyLinkFor } from '../support/surveys';

/**
 * QUALITY reliability 2, "nothing acknowledged is lost": residents answer a survey against the
 * real server process, which is killed with SIGKILL at a random moment of the load and started
 * again. Every page and every submit that had been answered with its redirect is in the file,
 * exactly once, with all its answers; the file passes `integrity_check`. Transactions share
 * their COMMIT (src/db/group-commit.ts): an answer sent before that COMMIT would fail this.
 */
const RESIDENTS = 150;
const CONNECTIONS = 16;

interface Resident {
  participantId: number;
  base: string;
  cookie: string;
  csrf: string;
}

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cp-crash-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A survey and each resident's personal link, written before the server starts. */
async function seed(file: string): Promise<{ surveyId: number; links: Map<number, string> }> {
  const opened = openDatabase(file);
  try {
    await migrateToLatest(opened.db);
    const { surveyId } = await createSurvey(opened.db);
    const ctx = { db: opened.db, clock: { now: () => new Date() } };
    const links = new Map<number, string>();
    for (let i = 0; i < RESIDENTS; i++) {
      const id = await addPerson(opened.db, { email: `crash${i}@example.com` });
      links.set(id, await surveyLinkFor(ctx, surveyId, id));
    }
    return { surveyId, links };
  } finally {
    await closeDatabase(opened);
  }
}

/** Follows a personal link: the session cookie, the survey's address and the form's token. */
async function follow(url: string, participantId: number, link: string): Promise<Resident> {
  const first = await fetch(`${url}${link}`, { redirect: 'manual' });
  const cookie = first.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const base = first.headers.get('location')!;
  const page = await fetch(`${url}${base}/p/1`, { headers: { cookie } });
  return { participantId, base, cookie, csrf: csrfFrom(await page.text()) };
}

const post = (url: string, r: Resident, to: string, form: Record<string, string>) =>
  fetch(`${url}${r.base}${to}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: r.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: r.csrf, ...form }),
  });

test('a server killed with SIGKILL mid-load keeps every page and submit it had answered', async () => {
  const file = path.join(dir, 'civic-panel.sqlite');
  const { surveyId, links } = await seed(file);
  const server = startServer(file);
  const pagesAnswered = new Set<number>();
  const submitsAnswered = new Set<number>();
  let cut = false;
  try {
    const url = `http://127.0.0.1:${await server.ready}`;
    const residents: Resident[] = [];
    for (const [id, link] of links) residents.push(await follow(url, id, link));

    // Each resident: page 1, page 2, the review page's key, the submit. The kill comes as the
    // client hears a random one of the first answers, with other posts still in flight.
    const killAt = 20 + Math.floor(Math.random() * RESIDENTS);
    const answered = (set: Set<number>, id: number) => {
      set.add(id);
      if (pagesAnswered.size + submitsAnswered.size === killAt) {
        cut = true;
        server.child.kill('SIGKILL');
      }
    };
    let next = 0;
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async () => {
        while (next < residents.length && !cut) {
          const r = residents[next++];
          try {
            const p1 = await post(url, r, '/p/1', { q_use: 'often', q_channels: 'app' });
            expect(p1.status).toBe(303);
            answered(pagesAnswered, r.participantId);
            await post(url, r, '/p/2', { q_ease: '4', q_nps: '8' });
            const review = await fetch(`${url}${r.base}/review`, { headers: { cookie: r.cookie } });
            const key = /name="submission" value="([^"]+)"/.exec(await review.text())![1];
            const done = await post(url, r, '/submit', { submission: key });
            expect(`${done.status} ${done.headers.get('location')}`).toBe(`303 ${r.base}/done`);
            answered(submitsAnswered, r.participantId);
          } catch (error) {
            if (!cut) throw error;
          }
        }
      }),
    );
  } finally {
    server.child.kill('SIGKILL');
  }
  expect(submitsAnswered.size).toBeLessThan(RESIDENTS); // the kill came mid-load

  // Started again on the same file, the server serves; then the file is checked on its own.
  const again = startServer(file);
  try {
    const url = `http://127.0.0.1:${await again.ready}`;
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
  } finally {
    const exited = new Promise((resolve) => again.child.on('exit', resolve));
    again.child.kill('SIGTERM');
    await exited;
  }
  const sqlite = new SQLite(file, { readonly: true });
  try {
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    const rows = sqlite
      .prepare(
        `select r.participant_id, r.status, q.code, a.item, a.state, a.value
         from survey_responses r
         join survey_answers a on a.response_id = r.id
         join survey_questions q on q.id = a.question_id
         where r.survey_id = ?`,
      )
      .all(surveyId) as {
      participant_id: number;
      status: string;
      code: string;
      item: string;
      state: string;
      value: string | null;
    }[];
    const responses = sqlite
      .prepare('select participant_id, status from survey_responses where survey_id = ?')
      .all(surveyId) as { participant_id: number; status: string }[];
    const answersOf = (id: number) =>
      rows
        .filter((a) => a.participant_id === id)
        .map((a) => `${a.code}:${a.item}:${a.state}:${a.value ?? ''}`)
        .sort();
    for (const id of pagesAnswered) {
      expect(responses.filter((r) => r.participant_id === id)).toHaveLength(1);
      expect(answersOf(id)).toEqual(
        expect.arrayContaining([
          'use::answered:often',
          'channels:app:answered:1',
          'channels:phone:not_selected:0',
        ]),
      );
    }
    for (const id of submitsAnswered) {
      expect(responses.filter((r) => r.participant_id === id)).toEqual([
        { participant_id: id, status: 'submitted' },
      ]);
      expect(answersOf(id)).toEqual(
        expect.arrayContaining(['ease::answered:4', 'nps::answered:8', 'use::answered:often']),
      );
    }
  } finally {
    sqlite.close();
  }
}, 120_000);

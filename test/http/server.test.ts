import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer } from '../support/server';

test('a fresh start creates and migrates the database, serves /login and /healthz, prints the first-admin link, and stops cleanly on SIGTERM', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cp-server-'));
  const dbPath = path.join(dir, 'nested', 'civic-panel.sqlite');
  const { child, output, ready } = startServer(dbPath);
  try {
    const port = await ready;
    // Give the first-admin message a moment to be printed after "listening".
    for (let i = 0; i < 50 && !/set-password\//.test(output()); i++)
      await new Promise((r) => setTimeout(r, 100));
    expect(output()).toMatch(/\/set-password\/[A-Za-z0-9_-]{43}/);
    // The token is printed on the console, never in the JSON log lines.
    const logLines = output()
      .split('\n')
      .filter((l) => l.startsWith('{'));
    expect(logLines.length).toBeGreaterThan(0);
    expect(logLines.join('\n')).not.toMatch(/set-password\/[A-Za-z0-9_-]{43}/);

    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(await health.json()).toEqual({ status: 'ok' });
    const login = await fetch(`http://127.0.0.1:${port}/login`);
    expect(login.status).toBe(200);
    expect(await login.text()).toContain('<h1>Sign in</h1>');
    expect(fs.existsSync(dbPath)).toBe(true);

    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => resolve(code)),
    );
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output()).toContain('"msg":"stopped"');
  } finally {
    child.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);

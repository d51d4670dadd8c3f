// Browser tests drive a real Chromium: allow them time on a busy 2-core machine.
jest.setTimeout(90_000);

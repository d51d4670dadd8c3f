// HTTP tests hash passwords with argon2 and run real SMTP: leave room on a busy 2-core machine.
jest.setTimeout(30_000);

/** Three suites; the type check runs once in `npm test`, so ts-jest only transpiles. */
const base = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
};
module.exports = {
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    {
      ...base,
      displayName: 'http',
      testMatch: ['<rootDir>/test/http/**/*.test.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/support/http-setup.ts'],
    },
    {
      ...base,
      displayName: 'browser',
      testMatch: ['<rootDir>/test/browser/**/*.test.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/support/browser-setup.ts'],
    },
  ],
};

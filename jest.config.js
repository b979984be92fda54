/**
 * ts-jest transpiles only (tsconfig has isolatedModules); `tsc --noEmit` in `npm test` does the
 * type-checking once for the whole project instead of once per test file.
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/__tests__'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.tsx?$': ['ts-jest', { diagnostics: false }] },
  setupFilesAfterEnv: ['<rootDir>/setup.js'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  maxWorkers: 2,
};

// NestJS 12 and PGlite ship ESM only: swc transpiles them (and our TS) to CommonJS for jest.
const path = require('node:path');
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true, dynamicImport: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
  },
];
const shared = {
  rootDir: __dirname,
  transform: { '^.+\\.(t|j|mj|cj)s$': swc },
  transformIgnorePatterns: [
    '/node_modules/(?!(@nestjs|@electric-sql|file-type|strtok3|token-types|uint8array-extras|@tokenizer|@borewit|htmlparser2|domhandler|domutils|dom-serializer|domelementtype|entities|@fastify|content-disposition)/)',
  ],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
  moduleNameMapper: {
    '^@convergo/contracts(.*)$': path.join(__dirname, 'libs/contracts/src$1'),
    // Our dynamic imports name the built file (`import('./pdf-renderer.js')`, as node16 resolution
    // requires); jest runs the TypeScript beside it.
    '^(\\.{1,2}/.*)\\.js$': '$1',
    // file-type exports only `import`/`module-sync` conditions, which jest's require does not try.
    '^file-type$': path.join(__dirname, 'node_modules/file-type/index.js'),
  },
  testEnvironment: 'node',
};
module.exports = {
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['<rootDir>/apps/**/*.spec.ts', '<rootDir>/libs/**/*.spec.ts'],
    },
    {
      ...shared,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
  maxWorkers: 2,
  // Each test file starts a whole Nest app and a worker's memory grew with every file it ran:
  // after ~50 files each held 3.9 GB, near V8's heap limit (4.1 GiB here), and collected for
  // seconds at a time, which stalled realtime-flood's in-process server past its timeout (CI,
  // 2026-12-05). A worker above this after a file is replaced by a fresh one.
  workerIdleMemoryLimit: '1GB',
  // End-to-end tests start whole apps and browsers (minutes on a loaded 2-core machine); jest reads
  // the timeout from the root config, not the projects.
  testTimeout: 120000,
};

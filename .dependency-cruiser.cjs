/**
 * The layering rules `npm test` keeps (npm run lint:deps): no import cycles; a module reaches
 * another only through its exported service (never its repository or entity); services never
 * import the socket side — the gateway or a capability's socket handlers (they record events in
 * the outbox; the realtime module relays them).
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Import cycles make module boundaries meaningless and initialisation order fragile.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-foreign-repository-or-entity',
      severity: 'error',
      comment: "A module reads another's data only through that module's exported service.",
      from: { path: '^apps/api/src/modules/([^/]+)/' },
      to: {
        path: '^apps/api/src/modules/[^/]+/.+[.](repository|entity)[.]ts$',
        pathNot: '^apps/api/src/modules/$1/',
      },
    },
    {
      name: 'no-service-to-gateway',
      severity: 'error',
      comment:
        'Services record events (EventOutbox) or domain events; only the gateway and socket handlers touch sockets.',
      from: { path: '[.]service[.]ts$' },
      to: { path: '[.](gateway|socket-handlers)[.]ts$' },
    },
    {
      name: 'no-api-to-web',
      severity: 'error',
      comment: 'The API and the web app share types only through libs/contracts.',
      from: { path: '^(apps/api|libs)/' },
      to: { path: '^apps/web/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
  },
};

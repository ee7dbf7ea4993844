// The allow-map of the layers (docs/ARCHITECTURE.md): each layer names the layers and packages it may import; every
// other import is refused by the `layers/allowed-imports` rule, with a message that lists what is allowed. In the
// style of VS Code's `code-import-patterns`: an allow-list catches what nobody thought to forbid.
//
// A file belongs to the first layer whose `files` prefix it starts with (so the more specific entries come first);
// files outside every layer (tests, scripts, configs) are not checked. A layer may always import itself.
// `packages: '*'` allows any package; a list allows those packages (and their subpaths); `node:*` all of Node's
// built-ins.

/** @typedef {{ name: string, files: string[], allow: string[], packages: '*' | string[], sample: string }} Layer */

/** @type {Layer[]} */
export const LAYERS = [
  // cloud/: the API, its rules and its estate.
  {
    name: 'cloud/contract',
    files: ['cloud/contract/'],
    allow: [],
    packages: ['zod'],
    sample: 'cloud/contract/index.ts',
  },
  {
    name: 'cloud/domain',
    files: ['cloud/domain/'],
    allow: ['cloud/contract'],
    // Pure rules: no database, network, file system or AWS; documents are drawn in memory; papaparse reads the
    // seat-map designer's CSV from a string.
    packages: ['node:crypto', 'pdf-lib', 'qrcode', 'papaparse', '@lingui/core', '@lingui/message-utils'],
    sample: 'cloud/domain/errors.ts',
  },
  {
    name: 'cloud/db',
    files: ['cloud/db/'],
    allow: ['cloud/contract', 'cloud/domain'],
    packages: '*',
    sample: 'cloud/db/port.ts',
  },
  {
    name: 'cloud/services',
    files: ['cloud/services/'],
    allow: ['cloud/contract', 'cloud/domain', 'cloud/db'],
    packages: '*',
    sample: 'cloud/services/ports.ts',
  },
  {
    name: 'cloud/adapters',
    files: ['cloud/adapters/'],
    // Adapters implement the ports that services declare; those that keep state of their own (the WebSocket
    // connections, the sandbox provider's sessions, the outbox relay's claims) keep it through cloud/db.
    allow: ['cloud/contract', 'cloud/domain', 'cloud/db', 'cloud/services'],
    packages: '*',
    sample: 'cloud/adapters/local-keys.ts',
  },
  {
    name: 'cloud/http',
    files: ['cloud/http/'],
    allow: ['cloud/contract', 'cloud/domain', 'cloud/services'],
    packages: '*',
    sample: 'cloud/http/app.ts',
  },
  {
    name: 'cloud/lambda',
    files: ['cloud/lambda/'],
    // Composition roots: they wire adapters, services and the HTTP app together.
    allow: ['cloud/contract', 'cloud/domain', 'cloud/db', 'cloud/services', 'cloud/adapters', 'cloud/http'],
    packages: '*',
    sample: 'cloud/lambda/api.ts',
  },
  {
    name: 'cloud/local',
    files: ['cloud/local/'],
    allow: ['cloud/contract', 'cloud/domain', 'cloud/db', 'cloud/services', 'cloud/adapters', 'cloud/http'],
    packages: '*',
    sample: 'cloud/local/start.ts',
  },
  {
    name: 'cloud/infra',
    files: ['cloud/infra/'],
    // The estate describes resources; it runs none of the product's code.
    allow: ['cloud/contract'],
    packages: '*',
    sample: 'cloud/infra/app.ts',
  },
  // The Electron triangle: renderer and main meet only in preload/bridge.ts (with its device-notices.ts), which knows
  // only the contract.
  {
    name: 'preload/bridge',
    files: ['preload/bridge.ts', 'preload/device-notices.ts'],
    allow: ['cloud/contract'],
    packages: ['zod'],
    sample: 'preload/bridge.ts',
  },
  {
    name: 'preload/glue',
    files: ['preload/index.ts'],
    // Only exposes the bridge to the page: the one preload file that touches Electron.
    allow: ['cloud/contract', 'preload/bridge'],
    packages: ['electron'],
    sample: 'preload/index.ts',
  },
  {
    name: 'preload',
    files: ['preload/'],
    // Any other preload file (none today) is held to the bridge's rules, without Electron.
    allow: ['cloud/contract', 'preload/bridge'],
    packages: ['zod'],
    sample: 'preload/architecture-sample.ts',
  },
  {
    name: 'main/glue',
    files: ['main/app.ts', 'main/ipc.ts'],
    // The only Electron code of the main process: everything behind it is plain Node, tested without Electron.
    allow: ['main', 'preload/bridge', 'cloud/contract', 'cloud/domain'],
    packages: '*',
    sample: 'main/app.ts',
  },
  {
    name: 'main',
    files: ['main/'],
    allow: ['preload/bridge', 'cloud/contract', 'cloud/domain'],
    packages: ['better-sqlite3', 'ws', 'zod', 'node:*'],
    sample: 'main/security.ts',
  },
  {
    name: 'renderer',
    files: ['renderer/'],
    allow: ['preload/bridge', 'cloud/contract', 'cloud/domain'],
    // The back office (issue 17): headless tables, charts, QR codes of pairing codes, the designer's CSV import.
    packages: [
      'react',
      'react-dom',
      '@tanstack/react-table',
      'chart.js',
      'react-chartjs-2',
      'qrcode',
      'papaparse',
      // Issue 18: the UI's words (ICU MessageFormat catalogs compiled at build time).
      '@lingui/core',
      '@lingui/react',
      'ics', // wallet (issue 18): the ticket wallet's calendar file, loaded on click
    ],
    sample: 'renderer/main.tsx',
  },
];

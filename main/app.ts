// Electron glue, and the only file besides ipc.ts that touches Electron: one instance, one window in kiosk or
// box-office mode, the app's pages served from app://ticketboss under a strict CSP, navigation, new windows and
// permissions locked down, and a renderer that crashes reloaded (the kiosk must come back by itself). Everything it
// wires — cache, cloud client, bridge handler, live relay — is plain Node, tested without Electron.
import { app, BrowserWindow, ipcMain, protocol, safeStorage, session } from 'electron';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { LIVE_PATH } from '../cloud/contract/routes.ts';
import { LiveRelay } from './sync/live-relay.ts';
import { wireMachine } from './wiring/machine.ts';
import { SimulatedTerminal } from './peripherals/card-terminal.ts';
import { PdfFilePrinter } from './peripherals/printer.ts';
import { pushLive, registerIpc } from './ipc.ts';
import { APP_CSP, APP_ORIGIN, APP_SCHEME, isAllowedNavigation, permissionDecision, windowOptions } from './security.ts';

/** Before pairing the window opens as a box office (a normal window for the admin); paired, as what the cloud says. */
const MODE_OVERRIDE = process.env.TICKETBOSS_MODE;
const CLOUD_URL = process.env.TICKETBOSS_CLOUD_URL ?? 'http://127.0.0.1:8080';
// In AWS the live view is on the shop's origin (wss://<shop>/v1/live), not on the devices' API.
const LIVE_URL = process.env.TICKETBOSS_LIVE_URL ?? CLOUD_URL.replace(/^http/, 'ws') + LIVE_PATH;
/** Built by `npm run build` (renderer) and `npm run build:desktop` (this file and the preload script). */
const WEB_ROOT = resolve(__dirname, '..', 'web');
const PRELOAD = join(__dirname, 'preload.cjs');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

// Where the cache, credential and printed PDFs live (the OS's app data folder unless set, e.g. for a test).
if (process.env.TICKETBOSS_DATA_DIR) app.setPath('userData', process.env.TICKETBOSS_DATA_DIR);
// A second launch quits before it opens anything: the store is the first instance's, which may be writing it.
const firstInstance = app.requestSingleInstanceLock();
if (!firstInstance) app.quit();

async function start(): Promise<void> {
  await app.whenReady();
  // The app's own pages, and nothing outside the web root.
  protocol.handle(APP_SCHEME, async (request) => {
    const path = decodeURIComponent(new URL(request.url).pathname);
    const file = normalize(join(WEB_ROOT, path === '/' ? 'index.html' : path));
    const inside = file.startsWith(WEB_ROOT + sep);
    const target = inside && extname(file) ? file : join(WEB_ROOT, 'index.html');
    try {
      return new Response(await readFile(target), {
        headers: {
          'content-type': TYPES[extname(target)] ?? 'application/octet-stream',
          'content-security-policy': APP_CSP,
        },
      });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback) =>
    callback(permissionDecision(permission)),
  );
  session.defaultSession.setPermissionCheckHandler((_contents, permission) => permissionDecision(permission));

  const relay = new LiveRelay(LIVE_URL, (push) =>
    pushLive(
      BrowserWindow.getAllWindows().map((w) => w.webContents),
      push,
    ),
  );
  // The card terminal and printer ports: the simulator and the PDF folder until a driver is configured.
  const machine = wireMachine({
    dataDir: app.getPath('userData'),
    cloudUrl: CLOUD_URL,
    terminal: new SimulatedTerminal([], 1500),
    printer: new PdfFilePrinter(join(app.getPath('userData'), 'prints')),
    secretBox: safeStorage,
    relay,
    appVersion: app.getVersion(),
  });
  await machine.device.restore();
  machine.device.startSync();
  const status = machine.device.status();
  const MODE = MODE_OVERRIDE === 'kiosk' || (!MODE_OVERRIDE && status.kind === 'kiosk') ? 'kiosk' : 'boxoffice';
  registerIpc(ipcMain, machine.handle);

  const window = new BrowserWindow(windowOptions(MODE, PRELOAD));
  const contents = window.webContents;
  contents.on('will-navigate', (event, url) => {
    if (!isAllowedNavigation(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAllowedNavigation(url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.on('render-process-gone', () => {
    // A kiosk must not sit on a dead page: reload the app.
    if (!window.isDestroyed()) void window.loadURL(`${APP_ORIGIN}/`);
  });
  if (MODE === 'kiosk') window.removeMenu();
  window.once('ready-to-show', () => window.show());
  app.on('second-instance', () => {
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('window-all-closed', () => {
    machine.close();
    app.quit();
  });
  await window.loadURL(`${APP_ORIGIN}/`);
}

if (firstInstance) void start();

// The desktop app's security settings in one plain module, so tests check them without Electron: the renderer's web
// preferences (context isolation, sandbox, no Node), where it may navigate (only the app's own origin), which
// permissions it gets (none), and the Content-Security-Policy its pages are served with.
export const APP_SCHEME = 'app';
export const APP_HOST = 'ticketboss';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** The BrowserWindow webPreferences of every window: Electron's security checklist, item by item. */
export function secureWebPreferences(preloadPath: string) {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    // A middle click must not open a link in a new window (the window-open handler denies it anyway).
    disableBlinkFeatures: 'Auxclick',
  } as const;
}

/** Window options per mode: the kiosk fills the screen with no way out; the box office is a normal window. */
export function windowOptions(mode: 'kiosk' | 'boxoffice', preloadPath: string) {
  const common = {
    show: false,
    backgroundColor: '#f4f4f1',
    autoHideMenuBar: true,
    webPreferences: { ...secureWebPreferences(preloadPath), devTools: mode !== 'kiosk' },
  };
  return mode === 'kiosk'
    ? { ...common, kiosk: true, fullscreen: true, frame: false, closable: false, minimizable: false }
    : { ...common, width: 1440, height: 900, minWidth: 1024, minHeight: 700 };
}

/** Only the app's own pages: anything else (a link, a redirect, a window.open) is refused. */
export function isAllowedNavigation(url: string): boolean {
  try {
    // Compared by scheme and host: URL.origin is "null" for a custom scheme outside Electron.
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

/** Camera, microphone, geolocation, notifications, … : the app needs none, so every request is denied. */
export function permissionDecision(_permission: string): false {
  return false;
}

/** The pages' CSP: scripts and styles from the app only, no network of their own (the main process talks to the cloud). */
export const APP_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

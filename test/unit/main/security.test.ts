// The desktop app's security settings (Electron's checklist), checked without Electron: the window options of both
// modes, the navigation lock, the permission policy, the pages' CSP, and a static read of main/app.ts that every
// window is made from those options and every lock is wired, and that a second instance starts nothing.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  APP_CSP,
  APP_ORIGIN,
  isAllowedNavigation,
  permissionDecision,
  secureWebPreferences,
  windowOptions,
} from '../../../main/security.ts';

describe('desktop security settings', () => {
  it('isolates and sandboxes every renderer, with no Node and no webviews', () => {
    for (const mode of ['kiosk', 'boxoffice'] as const) {
      const prefs = windowOptions(mode, '/app/preload.cjs').webPreferences;
      expect(prefs).toMatchObject({
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
        preload: '/app/preload.cjs',
      });
    }
    expect(secureWebPreferences('p').experimentalFeatures).toBe(false);
  });

  it('runs the kiosk full screen with no way out and no devtools; the box office as a window', () => {
    expect(windowOptions('kiosk', 'p')).toMatchObject({ kiosk: true, fullscreen: true, frame: false, closable: false });
    expect(windowOptions('kiosk', 'p').webPreferences.devTools).toBe(false);
    expect(windowOptions('boxoffice', 'p')).not.toHaveProperty('kiosk');
  });

  it('navigates only within the app, and grants no permission', () => {
    expect(isAllowedNavigation(`${APP_ORIGIN}/events/1`)).toBe(true);
    for (const url of [
      'https://evil.example/',
      'file:///etc/passwd',
      'app://other/',
      'javascript:alert(1)',
      'not a url',
    ]) {
      expect(isAllowedNavigation(url), url).toBe(false);
    }
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      expect(permissionDecision(permission)).toBe(false);
    }
  });

  it('serves pages under a CSP with no inline script, no remote content and no framing', () => {
    expect(APP_CSP).toContain("default-src 'none'");
    expect(APP_CSP).toContain("script-src 'self'");
    expect(APP_CSP).toContain("frame-ancestors 'none'");
    expect(APP_CSP).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
  });

  it('main/app.ts builds every window from those options and wires every lock (static check)', () => {
    const source = readFileSync(new URL('../../../main/app.ts', import.meta.url), 'utf8');
    const windows = source.match(/new BrowserWindow\(([^)]*)\)/g) ?? [];
    expect(windows.length).toBeGreaterThan(0);
    for (const created of windows) expect(created).toMatch(/new BrowserWindow\(windowOptions\(/);
    for (const wiring of [
      "on('will-navigate'",
      "on('will-redirect'",
      'setWindowOpenHandler(',
      "action: 'deny'",
      'setPermissionRequestHandler(',
      'setPermissionCheckHandler(',
      "on('will-attach-webview'",
      'requestSingleInstanceLock()',
      "on('render-process-gone'",
      "'content-security-policy': APP_CSP",
    ]) {
      expect(source, wiring).toContain(wiring);
    }
    expect(source).not.toMatch(
      /nodeIntegration:\s*true|contextIsolation:\s*false|sandbox:\s*false|webSecurity:\s*false/,
    );
    expect(source).not.toMatch(/loadURL\((?!`\$\{APP_ORIGIN\})/);
  });
  it('main/app.ts starts nothing in a second instance: start() only behind the single-instance lock (static check)', () => {
    // A second launch that went on to start would open (or set aside) the store the first instance is writing.
    const source = readFileSync(new URL('../../../main/app.ts', import.meta.url), 'utf8');
    const lock = /const (\w+) = app\.requestSingleInstanceLock\(\);/.exec(source)?.[1];
    expect(lock, 'the lock is kept in a constant').toBeDefined();
    expect(source).toContain(`if (!${lock}) app.quit();`);
    const starts = source.match(/^.*\bstart\(\);.*$/gm) ?? [];
    expect(starts).toEqual([`if (${lock}) void start();`]);
  });
});

// The keys of the screen in front of the clerk, always in view beside it (a disclosure, open by default), so nobody
// has to remember them.
import { useT } from '../../../i18n/index.ts';

const KEYS = {
  sell: [
    ['1–9', 'boxoffice.keys.quantity'],
    ['↵', 'boxoffice.keys.holdBest'],
    ['Esc', 'boxoffice.keys.allEvents'],
  ],
  pay: [
    ['X', 'boxoffice.keys.exact'],
    ['C', 'boxoffice.keys.cash'],
    ['K', 'boxoffice.keys.card'],
    ['Esc', 'boxoffice.keys.cancel'],
  ],
} as const;

export function ShortcutHelp({ screen }: { screen: keyof typeof KEYS }) {
  const t = useT();
  return (
    <details className="shortcut-help" open>
      <summary>{t('boxoffice.keys.heading')}</summary>
      <dl>
        {KEYS[screen].map(([key, id]) => (
          <div key={key}>
            <dt>
              <kbd>{key}</kbd>
            </dt>
            <dd>{t(id)}</dd>
          </div>
        ))}
        <div>
          <dt>
            <kbd>Esc</kbd>
          </dt>
          <dd>{t('boxoffice.keys.leaveField')}</dd>
        </div>
      </dl>
    </details>
  );
}

// Above every tab, so the clerk cannot miss them: offline sales the cloud refused after the connection came back.
import { currentLocale, useT } from '../../i18n/index.ts';
import { problemWords } from '../../i18n/problem-words.ts';
import { formatDateTime } from '../../ui/format.ts';
import { useDevice } from '../device/device-context.ts';
import { problemCode } from '../device/notice-words.ts';

/** Offline sales the cloud refused for good: the clerk settles them with the buyer (the reason says why, in words by the refusal's type). */
export function RejectedSales() {
  const t = useT();
  const { status } = useDevice();
  if (status.sync.rejected.length === 0) return null;
  return (
    <section className="error" role="alert" aria-labelledby="rejected-heading">
      <h2 id="rejected-heading">{t('boxoffice.rejected.heading')}</h2>
      <ul>
        {status.sync.rejected.map((entry) => (
          <li key={entry.id}>
            {formatDateTime(entry.createdAt, Intl.DateTimeFormat().resolvedOptions().timeZone)}:{' '}
            {entry.problemType
              ? problemWords(problemCode(entry.problemType), entry.reason)
              : entry.reason && currentLocale() === 'en'
                ? entry.reason
                : t('boxoffice.rejected.unknown')}
          </li>
        ))}
      </ul>
    </section>
  );
}

// Sales over time as stacked bars per channel (chart.js through react-chartjs-2). Only the pieces drawn are
// registered (bars on a category and a linear axis, tooltip, legend), so the chunk carries no other chart types.
// The canvas has a summary for screen readers, and the same figures are a table one click away.
import { BarElement, CategoryScale, Chart as ChartJS, Legend, LinearScale, Tooltip } from 'chart.js';
import { Bar } from 'react-chartjs-2';
import type { Dashboard } from '../../../../cloud/contract/index.ts';

ChartJS.register(CategoryScale, LinearScale, BarElement, Tooltip, Legend);

const CHANNELS = [
  { id: 'web', label: 'Web shop', color: '#1f5fa8' },
  { id: 'kiosk', label: 'Kiosk', color: '#b3541e' },
  { id: 'boxoffice', label: 'Box office', color: '#2e7d4f' },
] as const;

type Point = { key: string; channel: string; tickets: number };

export function salesPoints(dashboard: Dashboard, span: 'today' | 'season'): { labels: string[]; points: Point[] } {
  if (span === 'today') {
    const labels = Array.from({ length: 24 }, (_, hour) => `${String(hour).padStart(2, '0')}:00`);
    const points = dashboard.salesToday.map((row) => ({
      key: labels[row.hour]!,
      channel: row.channel,
      tickets: row.tickets,
    }));
    return { labels, points };
  }
  const labels = [...new Set(dashboard.salesSeason.map((row) => row.day))];
  return { labels, points: dashboard.salesSeason.map((row) => ({ key: row.day, ...row })) };
}

export function SalesChart({ dashboard, span }: { dashboard: Dashboard; span: 'today' | 'season' }) {
  const { labels, points } = salesPoints(dashboard, span);
  const total = points.reduce((sum, point) => sum + point.tickets, 0);
  const datasets = CHANNELS.map((channel) => ({
    label: channel.label,
    backgroundColor: channel.color,
    data: labels.map((label) =>
      points.filter((p) => p.key === label && p.channel === channel.id).reduce((sum, p) => sum + p.tickets, 0),
    ),
  }));
  const what = span === 'today' ? 'Tickets sold today per hour' : "Tickets sold per day for the season's events";
  return (
    <figure className="rep-chart">
      <div className="rep-chart-canvas">
        <Bar
          role="img"
          aria-label={`${what}: ${total} in all, by channel.`}
          data={{ labels, datasets }}
          options={{
            animation: false,
            maintainAspectRatio: false,
            responsive: true,
            scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
            plugins: { legend: { position: 'bottom' } },
          }}
        />
      </div>
      <figcaption>{what}</figcaption>
      <details>
        <summary>Show the figures as a table</summary>
        <table className="admin-table">
          <caption>{what}</caption>
          <thead>
            <tr>
              <th scope="col">{span === 'today' ? 'Hour' : 'Day'}</th>
              {CHANNELS.map((channel) => (
                <th key={channel.id} scope="col">
                  {channel.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {labels
              .map((label, index) => ({ label, values: datasets.map((set) => set.data[index]!) }))
              .filter((row) => row.values.some((value) => value > 0))
              .map((row) => (
                <tr key={row.label}>
                  <th scope="row">{row.label}</th>
                  {row.values.map((value, index) => (
                    <td key={CHANNELS[index]!.id}>{value}</td>
                  ))}
                </tr>
              ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

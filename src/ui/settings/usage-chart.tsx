import type { KeyUsageDay } from "../api";
import { formatDay } from "../format";

const WIDTH = 600;
const HEIGHT = 120;
const GAP = 2;

/** "12 accepted and 3 refused checks in the last 30 days": the chart's accessible name and caption. */
export function usageSummary(days: KeyUsageDay[]): string {
  const valid = days.reduce((sum, day) => sum + day.valid, 0);
  const refused = days.reduce((sum, day) => sum + day.refused, 0);
  const checks = (n: number) => (n === 1 ? "1 check" : `${n} checks`);
  return `${checks(valid)} accepted and ${refused} refused ${days.length === 1 ? "today" : `in the last ${days.length} days`}`;
}

/** A UTC day ("2026-11-29") in the reader's words, read as that calendar day wherever they are. */
const dayLabel = (date: string) => formatDay(`${date}T12:00:00Z`);

/**
 * A key's checks per day as stacked bars: accepted below, refused (disabled or expired) on top. Hand-drawn
 * SVG, no library. Screen readers get the totals as the image's name and every day in the table after it.
 */
export function UsageChart({ days }: { days: KeyUsageDay[] }) {
  const peak = Math.max(0, ...days.map((day) => day.valid + day.refused));
  const most = Math.max(1, peak);
  const slot = WIDTH / days.length;
  const height = (count: number) => (count / most) * (HEIGHT - 4);
  const summary = usageSummary(days);
  return (
    <figure class="usage">
      <svg
        class="usage-chart"
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={`Checks per day: ${summary}`}
        preserveAspectRatio="none"
      >
        <line class="usage-axis" x1="0" x2={WIDTH} y1={HEIGHT - 0.5} y2={HEIGHT - 0.5} />
        {days.map((day, index) => {
          const valid = height(day.valid);
          const refused = height(day.refused);
          const x = index * slot + GAP / 2;
          return (
            <g key={day.date}>
              <title>{`${dayLabel(day.date)}: ${day.valid} accepted, ${day.refused} refused`}</title>
              {valid > 0 && <rect class="usage-valid" x={x} width={slot - GAP} y={HEIGHT - valid} height={valid} />}
              {refused > 0 && <rect class="usage-refused" x={x} width={slot - GAP} y={HEIGHT - valid - refused} height={refused} />}
            </g>
          );
        })}
      </svg>
      <figcaption class="usage-caption">
        <span>{dayLabel(days[0]!.date)}</span>
        <span class="usage-legend">
          <span class="legend-valid">accepted</span> <span class="legend-refused">refused</span> · at most {peak} a day
        </span>
        <span>{dayLabel(days.at(-1)!.date)} (today, UTC)</span>
      </figcaption>
      <details class="usage-table">
        <summary>The days as a table</summary>
        <table>
          <caption class="visually-hidden">{summary}</caption>
          <thead>
            <tr>
              <th scope="col">Day (UTC)</th>
              <th scope="col">Accepted</th>
              <th scope="col">Refused</th>
            </tr>
          </thead>
          <tbody>
            {[...days].reverse().map((day) => (
              <tr key={day.date}>
                <th scope="row">{dayLabel(day.date)}</th>
                <td>{day.valid}</td>
                <td>{day.refused}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTranslation } from 'react-i18next';
import type { Stats } from '@bu/shared';

/**
 * Votes per day, online and ЦНАП stacked. Hidden from screen readers: the table next to it (a real
 * <table> with a caption, on each page that draws the chart) carries the same numbers. Hence no
 * accessibility layer either: it would make the hidden svg focusable, a Tab stop that reads nothing.
 * Colours differ in lightness too, and the legend names each series.
 */
export function VotesPerDayChart({
  days,
  formatDay,
}: {
  days: Stats['votesPerDay'];
  formatDay: (day: string) => string;
}) {
  const { t } = useTranslation();
  const data = days.map((d) => ({ day: formatDay(d.day), online: d.online, cnap: d.cnap }));
  return (
    <div className="chart" aria-hidden="true">
      <ResponsiveContainer width="100%" height={280}>
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="day" tick={{ fontSize: 12 }} interval="preserveStartEnd" />
          <YAxis allowDecimals={false} tick={{ fontSize: 12 }} width={44} />
          <Tooltip />
          <Legend />
          <Bar
            dataKey="online"
            name={t('stats.online')}
            stackId="v"
            fill="#1f5fa8"
            isAnimationActive={false}
          />
          <Bar dataKey="cnap" name={t('stats.cnap')} stackId="v" fill="#f2b630" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

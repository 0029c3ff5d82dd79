"use client";
// Pass-rate and duration trends of a project's recent runs (Recharts).
import { modeColor } from "@/components/charts/mode-colors";
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatAxisSeconds, formatDuration } from "@/lib/format";

export interface TrendPoint {
  label: string;
  mode: string;
  durationS: number | null;
  passRate: number | null;
}


export function DurationTrend({ points }: { points: TrendPoint[] }) {
  const modes = [...new Set(points.map((p) => p.mode))];
  // one series per mode: a run's value sits in its mode's column only
  const data = points.map((p) => ({ label: p.label, ...Object.fromEntries(modes.map((m) => [m, p.mode === m ? p.durationS : null])) }));
  return (
    <div className="h-48" role="img" aria-label="Run duration by mode">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 5, right: 10, bottom: 5, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" strokeOpacity={0.3} />
          <XAxis dataKey="label" fontSize={11} />
          <YAxis fontSize={11} tickFormatter={formatAxisSeconds} width={64} />
          <Tooltip formatter={(v) => formatDuration(Number(v) * 1000)} />
          <Legend />
          {modes.map((m) => (
            <Line key={m} type="monotone" dataKey={m} stroke={modeColor(m)} connectNulls dot isAnimationActive={false} />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

export function PassRateTrend({ points }: { points: TrendPoint[] }) {
  return (
    <div className="h-48" role="img" aria-label="Pass rate of specs that ran">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={points} margin={{ top: 5, right: 10, bottom: 5, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" strokeOpacity={0.3} />
          <XAxis dataKey="label" fontSize={11} />
          <YAxis fontSize={11} unit="%" domain={[0, 100]} width={45} />
          <Tooltip />
          <Line type="monotone" dataKey="passRate" name="pass rate" stroke="#059669" dot isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

"use client";
// A spec's duration over its recent runs (Recharts line), oldest left.
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export interface SpecDurationPoint {
  label: string;
  durationS: number | null;
  status: string;
}

export function SpecDurationChart({ points }: { points: SpecDurationPoint[] }) {
  return (
    <div className="h-48" role="img" aria-label="Spec duration over its recent runs">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={points} margin={{ top: 5, right: 10, bottom: 5, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" strokeOpacity={0.3} />
          <XAxis dataKey="label" fontSize={11} minTickGap={20} />
          <YAxis fontSize={11} unit=" s" width={55} />
          <Tooltip formatter={(v) => [`${v} s`, "duration"]} />
          <Line type="monotone" dataKey="durationS" name="duration" stroke="#2563eb" connectNulls dot isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

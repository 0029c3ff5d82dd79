"use client";
// Median phase durations per mode (and layout), stacked.
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

const COLORS = ["#2563eb", "#d97706", "#059669", "#9333ea", "#dc2626", "#0891b2", "#65a30d"];

export interface PhaseStackRow {
  label: string;
  phases: { name: string; medianMs: number | null }[];
}

export function PhaseStackChart({ rows }: { rows: PhaseStackRow[] }) {
  const names = [...new Set(rows.flatMap((r) => r.phases.map((p) => p.name)))];
  const data = rows.map((r) => ({ label: r.label, ...Object.fromEntries(r.phases.map((p) => [p.name, p.medianMs === null ? 0 : Math.round(p.medianMs / 100) / 10])) }));
  return (
    <div className="h-72" role="img" aria-label="Median phase durations per mode">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ top: 5, right: 20, bottom: 5, left: 10 }}>
          <CartesianGrid strokeDasharray="3 3" strokeOpacity={0.3} />
          <XAxis type="number" unit=" s" fontSize={11} />
          <YAxis type="category" dataKey="label" width={200} fontSize={11} />
          <Tooltip formatter={(v) => `${v} s`} />
          <Legend />
          {names.map((n, i) => (
            <Bar key={n} dataKey={n} stackId="phases" fill={COLORS[i % COLORS.length]} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

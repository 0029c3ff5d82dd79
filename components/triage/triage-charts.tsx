"use client";
// Open work by root-cause category and by assignee (the same counts are in the
// lists beside the charts, for screen readers and exact figures).
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export function CountChart({ title, data, color }: { title: string; data: { label: string; count: number }[]; color: string }) {
  const height = Math.max(120, data.length * 28 + 30);
  return (
    <figure className="rounded-lg border border-zinc-200 p-3 dark:border-zinc-800">
      <figcaption className="mb-2 text-sm font-medium">{title}</figcaption>
      {data.length === 0 ? (
        <p className="text-sm text-zinc-500">No items.</p>
      ) : (
        <div style={{ height }} aria-hidden="true">
          <ResponsiveContainer width="100%" height="100%">
            <BarChart accessibilityLayer={false} data={data} layout="vertical" margin={{ left: 8, right: 16 }}>
              <CartesianGrid horizontal={false} strokeDasharray="3 3" />
              <XAxis type="number" allowDecimals={false} fontSize={11} />
              <YAxis type="category" dataKey="label" width={170} fontSize={11} />
              <Tooltip />
              <Bar dataKey="count" name="items" fill={color} isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </div>
      )}
      <ul className="sr-only">
        {data.map((d) => <li key={d.label}>{d.label}: {d.count}</li>)}
      </ul>
    </figure>
  );
}

"use client";
// Durations over time by mode, every run a dot; layout changes marked. A
// mode's line breaks where runs paused for longer than usual (gaps.ts), and a
// mode has the same colour as in every other chart (mode-colors.ts).
import { markerLabelPosition, modeColor } from "@/components/charts/mode-colors";
import { type PackedPoints, unpackPoints } from "@/components/timing/duration-points";
import { splitAtGaps } from "@/lib/analysis/timing/gaps";
import { CartesianGrid, Legend, ReferenceLine, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis, ZAxis } from "recharts";

const fmtDate = (t: number) => new Date(t).toISOString().slice(5, 10);

/** `packed`: every run of the page (components/timing/duration-points.ts: columns, not an object per run) */
export function DurationCharts({ packed, changes }: { packed: PackedPoints; changes: { at: number; label: string }[] }) {
  const points = unpackPoints(packed);
  const modes = [...new Set(points.map((p) => p.mode))];
  const times = points.map((p) => p.at);
  const [tMin, tMax] = [Math.min(...times), Math.max(...times)];
  const metrics = [
    { key: "totalS", title: "Total duration" },
    { key: "setupS", title: "Setup duration" },
    { key: "testS", title: "Test duration" },
  ] as const;
  return (
    <div className="grid gap-4 lg:grid-cols-3">
      {metrics.map((m) => (
        <figure key={m.key} className="rounded border border-zinc-200 p-2 dark:border-zinc-800">
          <figcaption className="mb-1 text-sm font-medium">{m.title} by mode (each dot a run)</figcaption>
          <div className="h-56" role="img" aria-label={`${m.title} by mode over time`}>
            <ResponsiveContainer width="100%" height="100%">
              <ScatterChart margin={{ top: 10, right: 10, bottom: 5, left: 0 }}>
                <CartesianGrid strokeDasharray="3 3" strokeOpacity={0.3} />
                <XAxis dataKey="at" type="number" domain={["dataMin", "dataMax"]} tickFormatter={fmtDate} fontSize={11} scale="time" />
                <YAxis dataKey={m.key} unit=" s" fontSize={11} width={55} />
                <ZAxis range={[40, 40]} />
                <Tooltip formatter={(v) => `${Number(v).toFixed(1)} s`} labelFormatter={(v) => fmtDate(Number(v))} />
                <Legend />
                {changes.map((c) => (
                  <ReferenceLine
                    key={c.at} x={c.at} stroke="#9333ea" strokeDasharray="4 2"
                    label={{ value: c.label, fontSize: 10, fill: "currentColor", position: markerLabelPosition(c.at, tMin, tMax), className: "layout-change-label" }}
                  />
                ))}
                {modes.flatMap((mode) =>
                  splitAtGaps(points.filter((p) => p.mode === mode && !p.setupFailed && p[m.key] !== null)).map((segment, i) => (
                    <Scatter
                      key={`${mode}-${i}`}
                      name={mode}
                      data={segment}
                      fill={modeColor(mode)}
                      line={{ stroke: modeColor(mode) }}
                      legendType={i === 0 ? "circle" : "none"}
                      isAnimationActive={false}
                    />
                  )),
                )}
              </ScatterChart>
            </ResponsiveContainer>
          </div>
        </figure>
      ))}
    </div>
  );
}

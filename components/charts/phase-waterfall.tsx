"use client";
// The phase waterfall: one lane per phase (children indented under their
// parent), a transparent bar for the offset from the run's start and a
// coloured bar for the duration, so parallel phases overlap in time.
// The table below the chart (components/runs/phase-table.tsx) has the same figures.
import { useEffect, useRef, useState } from "react";
import { Bar, BarChart, CartesianGrid, Rectangle, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { WaterfallLane } from "@/lib/analysis/phase-waterfall";
import { formatAxisSeconds, formatDuration, niceAxisMax } from "@/lib/format";

export const PHASE_COLORS: Record<string, string> = {
  passed: "#059669",
  failed: "#dc2626",
  running: "#0284c7",
  pending: "#a1a1aa",
  skipped: "#a1a1aa",
  cancelled: "#71717a",
};

interface Datum extends WaterfallLane {
  label: string;
  offsetS: number;
  durationS: number;
}

function LaneTooltip({ active, payload }: { active?: boolean; payload?: ReadonlyArray<{ payload?: Datum }> }) {
  const d = payload?.[0]?.payload;
  if (!active || !d) return null;
  return (
    <div className="rounded border border-zinc-300 bg-white p-2 text-xs shadow dark:border-zinc-700 dark:bg-zinc-900">
      <p className="font-semibold">{d.name}</p>
      {d.parent && <p>in {d.parent}{d.group ? ` (parallel group “${d.group}”)` : ""}</p>}
      <p>
        starts at +{formatDuration(d.offsetMs)}, takes {formatDuration(d.durationMs)} · {d.status}
      </p>
      {d.peakMemoryMb !== null && <p>peak memory {d.peakMemoryMb.toLocaleString("en")} MB</p>}
      {d.oomKills !== null && <p>OOM kills {d.oomKills}</p>}
    </div>
  );
}

/** `maxS` fixes the time axis, so two runs' waterfalls line up on one scale (/runs/compare). */
export function PhaseWaterfall({ lanes, maxS, label = "Phase waterfall: when each setup phase ran and for how long" }: { lanes: WaterfallLane[]; maxS?: number; label?: string }) {
  // the labels take at most 300 px and at most 40 % of the chart's width (a 390 px phone keeps room for the bars)
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(1000);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const ro = new ResizeObserver(([e]) => setWidth(e.contentRect.width));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  const labelWidth = Math.round(Math.min(300, Math.max(110, width * 0.4)));
  const maxChars = Math.floor((labelWidth - 10) / 6.2);
  const data: Datum[] = lanes
    .filter((l) => l.offsetMs !== null)
    .map((l) => ({
      ...l,
      // U+2003 em spaces survive SVG text rendering where plain spaces collapse
      label: `${"\u2003".repeat(l.depth)}${l.name.length > maxChars - 2 * l.depth ? `${l.name.slice(0, Math.max(4, maxChars - 2 * l.depth - 1))}…` : l.name}`,
      offsetS: l.offsetMs! / 1000,
      durationS: Math.max((l.durationMs ?? 0) / 1000, 0.05),
    }));
  if (data.length === 0) return <p className="text-sm text-zinc-500">No phase reported a start time.</p>;
  const end = maxS ?? niceAxisMax(Math.max(...data.map((d) => d.offsetS + d.durationS)));
  return (
    <div ref={box} role="img" aria-label={label} style={{ height: 40 + data.length * 30 }} data-testid="phase-waterfall">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ top: 5, right: 20, bottom: 5, left: 10 }} barCategoryGap={5}>
          <CartesianGrid strokeDasharray="3 3" strokeOpacity={0.3} horizontal={false} />
          <XAxis type="number" fontSize={11} domain={[0, end]} tickFormatter={formatAxisSeconds} allowDecimals />
          <YAxis type="category" dataKey="label" width={labelWidth} fontSize={11} interval={0} tick={{ textAnchor: "start", dx: -(labelWidth - 10) }} />
          <Tooltip content={<LaneTooltip />} cursor={{ fillOpacity: 0.08 }} />
          <Bar dataKey="offsetS" stackId="t" fill="transparent" isAnimationActive={false} />
          <Bar
            dataKey="durationS"
            stackId="t"
            isAnimationActive={false}
            shape={(props: unknown) => {
              const p = props as { payload: Datum } & Record<string, unknown>;
              return <Rectangle {...p} fill={PHASE_COLORS[p.payload.status] ?? PHASE_COLORS.pending} radius={2} />;
            }}
          />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

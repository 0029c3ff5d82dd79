// One colour per mode, the same in every chart: fixed for the usual modes,
// otherwise derived from the mode's name (never from its position in a list,
// which made "parallel" orange in one chart and blue in another).

const FIXED: Record<string, string> = { sequential: "#2563eb", parallel: "#d97706" };
const PALETTE = ["#059669", "#9333ea", "#dc2626", "#0891b2", "#65a30d", "#db2777"];

export function modeColor(mode: string): string {
  const fixed = FIXED[mode.toLowerCase()];
  if (fixed) return fixed;
  let h = 0;
  for (const ch of mode.toLowerCase()) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return PALETTE[h % PALETTE.length];
}

/**
 * Side of a vertical marker's label: towards the wider part of the plot, so a
 * marker near the right edge does not push its label out of the chart.
 */
export function markerLabelPosition(at: number, min: number, max: number): "insideTopLeft" | "insideTopRight" {
  return max > min && at - min > (max - min) / 2 ? "insideTopRight" : "insideTopLeft";
}

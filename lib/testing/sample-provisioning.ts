// scripts/sample-provisioning.sh and the phases its output gives, for the
// runner's tests and `runboard exec`'s: both must read the same phases from it.
import path from "node:path";

export const SAMPLE_SCRIPT = path.resolve(import.meta.dirname, "../../scripts/sample-provisioning.sh");

const IMAGES = ["Gateway image", "DataStorage image", "Mock LLM image"];

/** [name, status] in recorded order; the three image builds run in parallel, so their order varies. */
export function samplePhases(anyString: unknown): [unknown, string][] {
  return [
    ["Kind cluster + CRDs", "passed"], ["Build images", "passed"],
    ...IMAGES.map((): [unknown, string] => [anyString, "passed"]),
    ["Deploy DataStorage", "passed"], ["Deploy Gateway", "passed"],
  ];
}

/** The image builds: children of "Build images" in group "images", with their peak memory. */
export const SAMPLE_IMAGE_PHASES = [
  { name: "Gateway image", peakMemoryMb: 2150 },
  { name: "DataStorage image", peakMemoryMb: 1730 },
  { name: "Mock LLM image", peakMemoryMb: 610 },
];

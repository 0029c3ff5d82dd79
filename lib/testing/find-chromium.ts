// Which Chromium Playwright should drive: CHROMIUM_PATH, Debian's package, or
// Playwright's own download where one is installed.
import fs from "node:fs";
import { chromium } from "@playwright/test";

export function findChromium(): { path?: string; help: string } {
  const help =
    "Install one with `apt-get install -y chromium` (Debian/Ubuntu), or set CHROMIUM_PATH to a Chromium/Chrome binary.";
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/lib/chromium/chromium"];
  for (const c of candidates) if (c && fs.existsSync(c)) return { path: c, help };
  try {
    const own = chromium.executablePath();
    if (own && fs.existsSync(own)) return { path: own, help };
  } catch {
    /* no bundled browser */
  }
  return { help };
}

/** Marks a run whose setup took far longer than its mode's recent runs (median + 3 scaled MADs of up to 20 previous runs). */
export function SlowSetupBadge() {
  return (
    <span
      className="ml-1 inline-block rounded bg-amber-100 px-1 text-xs font-medium text-amber-900 dark:bg-amber-900/40 dark:text-amber-200"
      title="Setup took far longer than this mode's recent runs: above the median + 3 scaled MADs of up to 20 previous runs"
      data-testid="slow-setup"
    >
      slow setup
    </span>
  );
}

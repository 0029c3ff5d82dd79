// What a page says to someone signed in whose role does not reach it (the page answers 200: they may read the rest of the site).
export function RoleNotice({ children }: { children: React.ReactNode }) {
  return (
    <p role="alert" className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm dark:border-amber-800 dark:bg-amber-950">
      {children}
    </p>
  );
}

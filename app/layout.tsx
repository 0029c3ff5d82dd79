import type { Metadata } from "next";
import Link from "next/link";
import { SignOutButton } from "@/components/auth/user-menu";
import { NavDisclosure } from "@/components/layout/nav-disclosure";
import { accountRoleOf, hasRole } from "@/lib/auth/roles";
import { getSessionUser } from "@/lib/auth/session";
import "./globals.css";

export const metadata: Metadata = {
  title: "Runboard",
  description: "E2E test run timing and failure triage",
};

const navLink = "text-sm text-zinc-700 hover:underline dark:text-zinc-300";

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const user = await getSessionUser().catch(() => null);
  return (
    <html lang="en">
      <body className="min-h-screen font-sans antialiased">
        <a href="#main" className="sr-only rounded bg-white px-3 py-2 text-sm font-medium text-sky-800 focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 dark:bg-zinc-900 dark:text-sky-300">
          Skip to content
        </a>
        <header className="border-b border-zinc-200 dark:border-zinc-800">
          <nav className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3" aria-label="Main">
            <Link href="/" className="font-semibold">
              Runboard
            </Link>
            <NavDisclosure>
            <Link href="/runs" className={navLink}>
              Runs
            </Link>
            <Link href="/triage" className={navLink}>
              Triage
            </Link>
            <Link href="/requirements" className={navLink}>
              Requirements
            </Link>
            <Link href="/runner" className={navLink}>
              Runner
            </Link>
            {user && (
              <Link href="/my-work" className={navLink}>
                My work
              </Link>
            )}
            {user && (
              <Link href="/teams" className={navLink}>
                Teams
              </Link>
            )}
            {hasRole(user?.role, "admin") && (
              <Link href="/admin/users" className={navLink}>
                Users
              </Link>
            )}
            <span className="flex flex-wrap items-center gap-4 md:ml-auto">
              {user ? (
                <>
                  <span className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="signed-in-as">
                    {user.name} · {accountRoleOf(user.role)}
                  </span>
                  <SignOutButton />
                </>
              ) : (
                <Link href="/sign-in" className={navLink}>
                  Sign in
                </Link>
              )}
            </span>
            </NavDisclosure>
          </nav>
        </header>
        <main id="main" tabIndex={-1} className="mx-auto max-w-7xl px-4 py-6 focus:outline-none">{children}</main>
      </body>
    </html>
  );
}

import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { safeNextPath } from "@/lib/auth/safe-next";
import { getSessionUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Sign in · Runboard" };
export const dynamic = "force-dynamic";

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const { next } = await searchParams;
  if (await getSessionUser()) redirect(safeNextPath(next));
  return (
    <div className="mx-auto mt-16 max-w-sm">
      <h1 className="mb-1 text-xl font-semibold">Sign in to Runboard</h1>
      <p className="mb-6 text-sm text-zinc-600 dark:text-zinc-400">
        Accounts are created by an admin (<code>npx runboard user create</code> or the Users page).
      </p>
      <SignInForm next={safeNextPath(next)} />
    </div>
  );
}

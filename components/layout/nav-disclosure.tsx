"use client";
// The header's links: inline from 768 px up; below that behind a "Menu"
// disclosure button (aria-expanded/aria-controls), closed again by Escape or
// by following a link.
import { usePathname } from "next/navigation";
import { useEffect, useRef, useState } from "react";

export function NavDisclosure({ children }: { children: React.ReactNode }) {
  const [open, setOpen] = useState(false);
  const pathname = usePathname();
  const button = useRef<HTMLButtonElement>(null);
  const [shownFor, setShownFor] = useState(pathname);
  if (shownFor !== pathname) {
    // a followed link closes the menu (state adjusted during render, not in an effect)
    setShownFor(pathname);
    setOpen(false);
  }
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [open]);
  return (
    <>
      <button
        ref={button}
        type="button"
        className="ml-auto rounded border border-zinc-300 px-3 py-1 text-sm text-zinc-800 md:hidden dark:border-zinc-700 dark:text-zinc-200"
        aria-expanded={open}
        aria-controls="main-menu"
        onClick={() => setOpen((o) => !o)}
      >
        Menu
      </button>
      <div
        id="main-menu"
        className={`${open ? "flex" : "hidden"} w-full flex-col items-start gap-3 pb-1 md:flex md:w-auto md:flex-1 md:flex-row md:flex-wrap md:items-center md:gap-x-6 md:gap-y-2 md:pb-0`}
      >
        {children}
      </div>
    </>
  );
}

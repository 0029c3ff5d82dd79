"use client";
import { ErrorPanel } from "@/components/ui/error-panel";

export default function RunError({ error, retry, reset }: { error: unknown; retry?: () => void; reset?: () => void }) {
  return <ErrorPanel what="The run" error={error} retry={retry ?? reset} />;
}

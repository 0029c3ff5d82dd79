"use client";
import { ErrorPanel } from "@/components/ui/error-panel";

export default function RunsError({ error, retry, reset }: { error: unknown; retry?: () => void; reset?: () => void }) {
  return <ErrorPanel what="The runs" error={error} retry={retry ?? reset} />;
}

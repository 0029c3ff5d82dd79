"use client";
import { ErrorPanel } from "@/components/ui/error-panel";

export default function SpecError({ error, retry, reset }: { error: unknown; retry?: () => void; reset?: () => void }) {
  return <ErrorPanel what="The spec's history" error={error} retry={retry ?? reset} />;
}

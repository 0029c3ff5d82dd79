import { NotFoundPanel } from "@/components/ui/not-found-panel";

export default function RunNotFound() {
  return <NotFoundPanel what="Run" backHref="/runs" backLabel="All runs" />;
}

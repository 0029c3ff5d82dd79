import { NotFoundPanel } from "@/components/ui/not-found-panel";

export default function SpecNotFound() {
  return <NotFoundPanel what="Spec" backHref="/runs" backLabel="All runs" />;
}

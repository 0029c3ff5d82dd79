import { NotFoundPanel } from "@/components/ui/not-found-panel";

export default function NotFound() {
  return <NotFoundPanel what="Page" backHref="/" backLabel="Overview" />;
}

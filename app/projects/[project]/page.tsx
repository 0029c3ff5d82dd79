// A project's landing page is its runs list.
import { redirect } from "next/navigation";

export default async function ProjectPage({ params }: { params: Promise<{ project: string }> }) {
  const { project } = await params;
  redirect(`/runs?project=${encodeURIComponent(project)}`);
}

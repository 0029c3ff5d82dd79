// A project's landing page is its runs list.
import { redirect } from "next/navigation";
import { requireReader } from "@/lib/auth/session";

export default async function ProjectPage({ params }: { params: Promise<{ project: string }> }) {
  const { project } = await params;
  await requireReader(`/projects/${project}`);
  redirect(`/runs?project=${encodeURIComponent(project)}`);
}

// People a triage item can be assigned to: every user who may triage.
import { db } from "@/lib/db";

export function findAssignees() {
  return db().user.findMany({ where: { role: { in: ["triager", "lead", "admin"] } }, orderBy: { name: "asc" }, select: { id: true, name: true } });
}

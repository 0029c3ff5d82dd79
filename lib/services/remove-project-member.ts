// Taking a person or a team out of a project (the settings page's route and `runboard member remove`).
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/schemas/uuid";

/** By membership id, within the project; 404 when it is not one of the project's. */
export async function removeProjectMember(projectId: string, memberId: string): Promise<void> {
  const n = isUuid(memberId) ? await db().projectMember.deleteMany({ where: { id: memberId, projectId } }) : { count: 0 };
  if (!n.count) throw new AppError("not_found", `Member ${memberId} does not exist in this project`);
}

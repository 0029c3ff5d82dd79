// What an ownership rule may name as owner: users (by email) and teams.
import { db } from "@/lib/db";

export function findOwnerChoices() {
  return Promise.all([
    db().user.findMany({ orderBy: { name: "asc" }, select: { email: true, name: true } }),
    db().team.findMany({ orderBy: { name: "asc" }, select: { slug: true, name: true } }),
  ]).then(([users, teams]) => ({ users, teams }));
}

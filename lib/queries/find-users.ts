// Users for the admin page (never their password hashes or sessions).
import { db } from "@/lib/db";

export function findUsers() {
  return db().user.findMany({
    orderBy: { createdAt: "asc" },
    select: { id: true, name: true, email: true, role: true, createdAt: true },
    take: 2000,
  });
}

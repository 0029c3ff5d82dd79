// People's changes to triage items. Each change is one transaction that writes
// the item and its audit event (who, when, from, to). Role checks happen in the
// routes (lib/http/session-route.ts); these functions trust their caller's user.
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { enqueueNotificationQuietly } from "@/lib/notifications/enqueue";
import type { assignSchema, bulkChangeSchema, categorySchema, itemChangeSchema } from "@/lib/triage/schemas";
import type { z } from "zod";

type Tx = Prisma.TransactionClient;

async function event(tx: Tx, itemId: string, actorId: string, kind: string, fromValue: string | null, toValue: string | null, comment?: string) {
  await tx.triageEvent.create({ data: { itemId, actorId, kind, fromValue, toValue, comment } });
}

/** Lead: assign items (several at once) to a person, or unassign with null. */
export async function assignItems(user: SessionUser, input: z.infer<typeof assignSchema>) {
  const out = await assignItemsTx(user, input);
  if (input.assigneeId && out.changedIds.length) {
    await enqueueNotificationQuietly({ kind: "item.assigned", itemIds: out.changedIds, assigneeId: input.assigneeId, actorName: user.name });
  }
  return { changed: out.changedIds.length };
}

async function assignItemsTx(user: SessionUser, input: z.infer<typeof assignSchema>) {
  return db().$transaction(async (tx) => {
    let assignee: { id: string; name: string } | null = null;
    if (input.assigneeId) {
      assignee = await tx.user.findUnique({ where: { id: input.assigneeId }, select: { id: true, name: true, role: true } });
      if (!assignee) throw new AppError("validation_failed", "Unknown assignee", [{ path: "assigneeId", message: "no such user" }]);
    }
    const items = await tx.triageItem.findMany({
      where: { id: { in: input.itemIds } },
      select: { id: true, assignee: { select: { id: true, name: true } } },
    });
    const missing = input.itemIds.filter((id) => !items.some((i) => i.id === id));
    if (missing.length) throw new AppError("not_found", `Unknown triage item(s): ${missing.join(", ")}`);
    const changedIds: string[] = [];
    for (const item of items) {
      if ((item.assignee?.id ?? null) === (assignee?.id ?? null)) continue;
      await tx.triageItem.update({ where: { id: item.id }, data: { assigneeId: assignee?.id ?? null } });
      await event(tx, item.id, user.id, "assignee", item.assignee?.name ?? null, assignee?.name ?? null);
      changedIds.push(item.id);
    }
    return { changedIds };
  });
}

/** Triager: status, category, ticket link, comment. */
export async function changeItem(user: SessionUser, itemId: string, input: z.infer<typeof itemChangeSchema>) {
  return db().$transaction((tx) => changeItemTx(tx, user, itemId, input));
}

/**
 * Lead: the same change of status and/or category for several items, all or
 * none (one transaction; an item whose project lacks the category fails the lot).
 */
export async function changeItems(user: SessionUser, input: z.infer<typeof bulkChangeSchema>) {
  return db().$transaction(async (tx) => {
    const items = await tx.triageItem.findMany({ where: { id: { in: input.itemIds } }, select: { id: true, projectId: true } });
    const missing = input.itemIds.filter((id) => !items.some((i) => i.id === id));
    if (missing.length) throw new AppError("not_found", `Unknown triage item(s): ${missing.join(", ")}`);
    const byProject = new Map<string, string>();
    if (input.categoryKey) {
      const cats = await tx.triageCategory.findMany({ where: { key: input.categoryKey, projectId: { in: [...new Set(items.map((i) => i.projectId))] } }, select: { id: true, projectId: true } });
      for (const c of cats) byProject.set(c.projectId, c.id);
      if (items.some((i) => !byProject.has(i.projectId))) {
        throw new AppError("validation_failed", "A selected item's project has no such category", [{ path: "categoryKey", message: "no such category in every selected item's project" }]);
      }
    }
    for (const item of items) {
      const categoryId = input.categoryKey === undefined ? undefined : input.categoryKey === null ? null : byProject.get(item.projectId)!;
      await changeItemTx(tx, user, item.id, { status: input.status, categoryId });
    }
    return { changed: items.length };
  });
}

async function changeItemTx(tx: Tx, user: SessionUser, itemId: string, input: z.infer<typeof itemChangeSchema>) {
  const item = await tx.triageItem.findUnique({
    where: { id: itemId },
    select: { id: true, projectId: true, status: true, ticketUrl: true, category: { select: { id: true, label: true } } },
  });
  if (!item) throw new AppError("not_found", `Triage item ${itemId} does not exist`);
  const data: Prisma.TriageItemUncheckedUpdateInput = {};
  if (input.status && input.status !== item.status) {
    data.status = input.status;
    data.resolvedAt = input.status === "resolved" ? new Date() : null;
    if (input.status !== "resolved") data.consecutivePasses = 0;
    await event(tx, item.id, user.id, "status", item.status, input.status);
  }
  if (input.categoryId !== undefined && input.categoryId !== (item.category?.id ?? null)) {
    let label: string | null = null;
    if (input.categoryId) {
      const c = await tx.triageCategory.findFirst({ where: { id: input.categoryId, projectId: item.projectId }, select: { label: true } });
      if (!c) throw new AppError("validation_failed", "Unknown category for this project", [{ path: "categoryId", message: "no such category" }]);
      label = c.label;
    }
    data.categoryId = input.categoryId;
    await event(tx, item.id, user.id, "category", item.category?.label ?? null, label);
  }
  if (input.ticketUrl !== undefined && input.ticketUrl !== item.ticketUrl) {
    data.ticketUrl = input.ticketUrl;
    await event(tx, item.id, user.id, "ticket", item.ticketUrl, input.ticketUrl);
  }
  if (input.comment) await event(tx, item.id, user.id, "comment", null, null, input.comment);
  if (Object.keys(data).length) await tx.triageItem.update({ where: { id: item.id }, data });
  return { id: item.id };
}

/** Lead: add a category to a project. */
export async function addCategory(projectId: string, input: z.infer<typeof categorySchema>) {
  const key = `custom_${input.label.toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_|_$/g, "").slice(0, 40) || "category"}`;
  const max = await db().triageCategory.aggregate({ where: { projectId }, _max: { position: true } });
  try {
    return await db().triageCategory.create({ data: { projectId, key, label: input.label, position: (max._max.position ?? 0) + 1 } });
  } catch (e) {
    if ((e as { code?: string }).code === "P2002") throw new AppError("conflict", `A category like "${input.label}" exists already`);
    throw e;
  }
}

/** Lead: rename a category (its key, which the suggestion rules use, stays). */
export async function renameCategory(projectId: string, categoryId: string, input: z.infer<typeof categorySchema>) {
  const n = await db().triageCategory.updateMany({ where: { id: categoryId, projectId }, data: { label: input.label } });
  if (!n.count) throw new AppError("not_found", `Category ${categoryId} does not exist in this project`);
}

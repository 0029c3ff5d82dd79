// The events a webhook can subscribe to, and the message every event becomes
// before it is rendered for a receiver (lib/notifications/render.ts).
import { z } from "zod";

export const WEBHOOK_EVENTS = [
  "run.new_failures",
  "item.reopened",
  "item.assigned",
  "run.setup_regression",
  "runner.job_failed",
  "timing.target_missed",
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export const EVENT_LABEL: Record<WebhookEvent | "test", string> = {
  "run.new_failures": "New failures in a run",
  "item.reopened": "Item reopened as a regression",
  "item.assigned": "Item assigned",
  "run.setup_regression": "Setup-time regression",
  "runner.job_failed": "Runner job failed",
  "timing.target_missed": "Timing target stopped holding",
  test: "Test message",
};

export const WEBHOOK_FORMATS = ["generic", "slack"] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

/** One failing spec in a message: enough to say what broke without opening Runboard. */
export interface MessageItem {
  spec: string;
  classname: string;
  requirementIds: string[];
  suggestedCategory: string | null;
  signature: string | null;
  owner: string | null;
  regression: boolean;
  url: string;
}

export interface Message {
  event: WebhookEvent | "test";
  project: { slug: string; name: string };
  title: string;
  /** one or two plain sentences */
  summary: string;
  /** the run, item or timing page */
  url: string;
  items?: MessageItem[];
  /** extra machine-readable facts (run id, durations, assignee ...) */
  data?: Record<string, unknown>;
}

export const webhookInputSchema = z.object({
  name: z.string().trim().min(1).max(100),
  url: z.url({ protocol: /^https?$/ }).max(2000),
  format: z.enum(WEBHOOK_FORMATS),
  events: z.array(z.enum(WEBHOOK_EVENTS)).min(1, "choose at least one event").max(WEBHOOK_EVENTS.length),
  /** optional; stored encrypted, never shown back */
  secret: z.string().min(16, "at least 16 characters").max(200).optional(),
});
export type WebhookInput = z.infer<typeof webhookInputSchema>;

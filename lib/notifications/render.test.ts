import { describe, expect, it } from "vitest";
import type { Message, MessageItem } from "@/lib/notifications/events";
import { CHAT_ITEM_LIMIT, renderBody } from "@/lib/notifications/render";

const item = (i: number): MessageItem => ({
  spec: `[It] spec <${i}> & co`, classname: "Gateway E2E", requirementIds: [`BR-GATEWAY-${String(i).padStart(3, "0")}`], suggestedCategory: "Product bug",
  signature: "Expected 500 to equal 201", owner: "@gateway", regression: i === 0, url: `https://rb.test/triage/${i}`,
});
const msg = (n: number): Message => ({
  event: "run.new_failures", project: { slug: "gw", name: "Gateway" }, title: `Gateway: ${n} new failures`, summary: "Some failed.", url: "https://rb.test/runs/1",
  items: Array.from({ length: n }, (_, i) => item(i)),
});

describe("webhook bodies", () => {
  it("generic JSON is the message itself, versioned", () => {
    const body = JSON.parse(renderBody("generic", msg(2)));
    expect(body).toMatchObject({ version: 1, event: "run.new_failures", url: "https://rb.test/runs/1" });
    expect(body.items[1].requirementIds).toEqual(["BR-GATEWAY-001"]);
  });

  it("Slack JSON has text with the requirement IDs and escaped blocks, at most ten items listed", () => {
    const body = JSON.parse(renderBody("slack", msg(13)));
    expect(body.text).toContain("BR-GATEWAY-012");
    expect(body.text).toContain("https://rb.test/runs/1");
    const list: string = body.blocks[1].text.text;
    expect(list.split("\n").filter((l) => l.startsWith("•"))).toHaveLength(CHAT_ITEM_LIMIT);
    expect(list).toContain("… and 3 more");
    expect(list).toContain("[It] spec &lt;0&gt; &amp; co");
    expect(list).toContain("(regression)");
    expect(list).toContain("suggested: Product bug");
  });
});

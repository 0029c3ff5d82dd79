// Shared by the runner specs: the admin's "Add runner host" form, filled with a test sshd.
import type { Page } from "@playwright/test";
import type { TestSshd } from "@/lib/testing/sshd";

/** `fingerprint`: what is typed in the fingerprint field (the sshd's own by default). */
export async function addHost(page: Page, sshd: TestSshd, name: string, fingerprint = sshd.fingerprint) {
  const hostForm = page.locator("form", { has: page.getByRole("button", { name: "Add runner host" }) });
  await hostForm.getByLabel("Name").fill(name);
  await hostForm.getByLabel("Host", { exact: true }).fill(sshd.host);
  await hostForm.getByLabel("Port").fill(String(sshd.port));
  await hostForm.getByLabel("User").fill(sshd.username);
  await hostForm.getByLabel("Host key fingerprint").fill(fingerprint);
  await hostForm.getByLabel(/Private key/).fill(sshd.privateKey);
  await hostForm.getByRole("button", { name: "Add runner host" }).click();
}

import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { renderCommand } from "@/lib/runner/shell";
import { placeholderProblems } from "@/lib/runner/template-words";

const messages = (command: string) => placeholderProblems(command).map((p) => p.message);

describe("placeholderProblems", () => {
  it("accepts whole words, NAME={x} and --option={x} in argument position", () => {
    for (const ok of [
      "make test-e2e-gateway E2E_MODE={mode} BRANCH={branch}",
      "git fetch origin {branch}",
      "sh run.sh --mode {mode} --branch={branch} -o={out} 2>/dev/null",
      "BRANCH={branch} make e2e",
      "cd /srv && if true; then ./go {mode}; fi",
      "printf '%s\\n' {note} > note.txt; cat note.txt",
      "cat <<EOF > f\nplain text\nEOF\necho {branch}",
    ]) expect(messages(ok), ok).toEqual([]);
  });

  it("refuses placeholders inside quotes, substitutions, here-documents and comments", () => {
    const cases: [string, RegExp][] = [
      [`echo "it's {x}"`, /inside double quotes/],
      ["echo 'a {x}'", /inside single quotes/],
      ["echo $'{x}'", /inside \$'…' quotes/],
      ["cat <<EOF\nhello {x}\nEOF", /inside a here-document/],
      ["cat <<-'E' > f\n\t{x}\n\tE", /inside a here-document/],
      ["echo $(echo {x})", /inside a \$\(…\) substitution/],
      ["echo `echo {x}`", /inside a backquoted command substitution/],
      ["echo ${x}", /inside a \$\{…\} expansion/],
      ["echo a # {x}", /inside a comment/],
    ];
    for (const [command, re] of cases) expect(messages(command), command).toEqual([expect.stringMatching(re)]);
  });

  it("refuses placeholders that are part of a word, name the program, or pick a file to redirect", () => {
    expect(messages("echo pre{x}")).toEqual([expect.stringMatching(/part of the word pre\{x\}/)]);
    expect(messages("echo \\{x}")).toEqual([expect.stringMatching(/part of the word/)]);
    expect(messages("echo {x}{y}")).toHaveLength(2);
    expect(messages("{x} --help")).toEqual([expect.stringMatching(/names the command/)]);
    expect(messages("cd /tmp && A=1 {x}")).toEqual([expect.stringMatching(/names the command/)]);
    expect(messages("echo hi > {x}")).toEqual([expect.stringMatching(/redirection target/)]);
    expect(messages("echo \"unterminated {x}")).toEqual(["the command has an unterminated double quote"]);
    expect(messages("cat <<EOF\n{x}")).toEqual([expect.stringMatching(/here-document without its closing EOF line/)]);
  });

  it("an accepted template hands each value to a real sh as exactly one, unchanged argument", () => {
    const value = "feat/x:y@z+1=2,3.4_5";
    for (const command of ["printf '<%s>' {v} tail", "printf '<%s>' V={v}", "V={v} sh -c 'printf \"<%s>\" \"$V\"'", "printf '<%s>' --v={v}"]) {
      expect(placeholderProblems(command), command).toEqual([]);
      const out = execFileSync("/bin/sh", ["-c", renderCommand({ command, declared: {} }, { v: value })], { encoding: "utf8" });
      expect(out, command).toMatch(new RegExp(`^<(V=|--v=)?${value.replace(/[.+]/g, "\\$&")}>`));
    }
  });
});

// House-rule sizes (docs/decisions, STYLE: no function over 80 lines, no file
// over 300): lists what is over, and exits 1 when anything is.
//   npx tsx lib/ops/check-sizes.ts [folders...]   (default: lib app components e2e)
// Benchmarks (lib/bench) and generated code are outside the function rule, and
// so are test suites (describe/it callbacks: lists of cases, not procedures);
// a function's length counts from its first line to its last.
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";

export const MAX_FUNCTION_LINES = 80;
export const MAX_FILE_LINES = 300;

export interface Oversize {
  file: string;
  name: string;
  line: number;
  lines: number;
}

function sourceFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => /\.tsx?$/.test(f) && !f.endsWith(".d.ts"))
    .map((f) => path.join(dir, f))
    .filter((f) => !f.includes(`${path.sep}generated${path.sep}`) && !f.includes("node_modules"));
}

function nameOf(node: ts.Node): string {
  if ((ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node)) && node.name) return node.name.getText();
  const parent = node.parent;
  if (parent && ts.isVariableDeclaration(parent)) return parent.name.getText();
  if (parent && ts.isPropertyAssignment(parent)) return parent.name.getText();
  if (parent && ts.isCallExpression(parent)) return `${parent.expression.getText().slice(0, 40)}(…) callback`;
  return "(anonymous)";
}

const SUITE = /^(describe|it|test)(\.\w+)*$/;
function isTestSuite(node: ts.Node): boolean {
  const p = node.parent;
  if (!(ts.isArrowFunction(node) || ts.isFunctionExpression(node)) || !p || !ts.isCallExpression(p)) return false;
  const callee = ts.isCallExpression(p.expression) ? p.expression.expression : p.expression;
  return SUITE.test(callee.getText());
}

/** Functions of one file longer than `max` lines. */
export function longFunctions(file: string, text: string, max = MAX_FUNCTION_LINES): Oversize[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith("x") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: Oversize[] = [];
  const visit = (node: ts.Node) => {
    if (isTestSuite(node)) return;
    if (ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) || ts.isArrowFunction(node) || ts.isMethodDeclaration(node) || ts.isConstructorDeclaration(node)) {
      const start = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line;
      const end = sf.getLineAndCharacterOfPosition(node.getEnd()).line;
      if (end - start + 1 > max) found.push({ file, name: nameOf(node), line: start + 1, lines: end - start + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

function main(dirs: string[]) {
  const files = dirs.flatMap(sourceFiles);
  const fns: Oversize[] = [];
  const big: { file: string; lines: number }[] = [];
  for (const file of files) {
    const text = fs.readFileSync(file, "utf8");
    const lines = text.split("\n").length - (text.endsWith("\n") ? 1 : 0);
    if (lines > MAX_FILE_LINES) big.push({ file, lines });
    if (!file.startsWith(`lib${path.sep}bench`)) fns.push(...longFunctions(file, text));
  }
  const out = [
    `functions over ${MAX_FUNCTION_LINES} lines (benchmarks aside): ${fns.length}`,
    ...fns.sort((a, b) => b.lines - a.lines).map((f) => `  ${f.lines}  ${f.file}:${f.line} ${f.name}`),
    `files over ${MAX_FILE_LINES} lines: ${big.length}`,
    ...big.sort((a, b) => b.lines - a.lines).map((f) => `  ${f.lines}  ${f.file}`),
  ];
  process.stdout.write(`${out.join("\n")}\n`);
  return fns.length + big.length === 0 ? 0 : 1;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exit(main(process.argv.slice(2).length ? process.argv.slice(2) : ["lib", "app", "components", "e2e"]));
}

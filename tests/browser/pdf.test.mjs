// The report as PDF, printed by Debian's chromium through `centricity report --pdf`, and
// read back with poppler's pdfinfo and pdftotext.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { binary, root } from "./binary.mjs";


for (const lang of ["de", "en"]) {
  test(`the example prints to a sane A4 PDF (${lang})`, () => {
    const dir = mkdtempSync(join(tmpdir(), "centricity-pdf-"));
    const pdf = join(dir, "report.pdf");
    const run = spawnSync(binary, ["report", join(root, "examples/velo-muster"), "--lang", lang,
      "--baseline", join(root, "examples/velo-muster-2025"), "-o", join(dir, "report.html"), "--pdf", pdf], { encoding: "utf8" });
    assert.equal(run.status, 0, run.stderr);
    const info = execFileSync("pdfinfo", [pdf], { encoding: "utf8" });
    const pages = Number(/Pages:\s+(\d+)/.exec(info)[1]);
    // five dimensions with their voices, the drivers and the matrix, the comments' themes, the
    // trend: about 40 pages at the stylesheet's size (never shrunk: quality.test.mjs)
    assert.ok(pages >= 15 && pages <= 50, `${pages} pages`);
    assert.match(info, /Page size:\s+59[45]\.\d+ x 84[12]\.\d+ pts \(A4\)/);
    const text = execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" });
    assert.match(text, /Velo Muster AG/);
    assert.match(text, lang === "de" ? /Erreichbarkeit/ : /Reachability/);
    assert.match(text, lang === "de" ? /Veränderung seit der letzten Erhebung/ : /Change since the last wave/);
    assert.match(text, new RegExp(`\\b2 / ${pages}\\b`), "page numbers");
  });
}

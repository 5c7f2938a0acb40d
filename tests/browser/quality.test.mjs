// Quality gates on what people open: the example report in both languages (with its trend)
// and the answer form. Zero violations from axe-core in chromium, zero errors from the Nu
// HTML Checker (vnu-jar, on the machine's Java).
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium } from "playwright-core";
import { binary, root } from "./binary.mjs";

const require = createRequire(import.meta.url);
const dir = mkdtempSync(join(tmpdir(), "centricity-quality-"));

function make(args) {
  const run = spawnSync(binary, args, { encoding: "utf8" });
  assert.equal(run.status, 0, run.stderr);
}

const pages = [];
for (const lang of ["de", "en"]) {
  const out = join(dir, `report-${lang}.html`);
  make(["report", join(root, "examples/velo-muster"), "--lang", lang,
    "--baseline", join(root, "examples/velo-muster-2025"), "-o", out]);
  pages.push([`the ${lang} report`, out]);
}
const form = join(dir, "form.html");
make(["form", join(root, "examples/velo-muster"), "--perspective", "customer", "-o", form]);
pages.push(["the customer form", form]);

for (const [name, file] of pages) {
  test(`${name} has no accessibility violations (axe-core)`, async () => {
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    try {
      const page = await browser.newPage();
      await page.goto("file://" + file);
      await page.addScriptTag({ path: require.resolve("axe-core/axe.min.js") });
      const results = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
      const report = results.violations.map((v) =>
        `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.slice(0, 3).map((n) => n.target.join(" ") + " " + (n.failureSummary || "").split("\n").join(" ")).join("\n  ")}`);
      assert.deepEqual(report, [], report.join("\n"));
    } finally {
      await browser.close();
    }
  });

  test(`${name} is valid HTML (Nu HTML Checker)`, () => {
    const jar = join(resolve(require.resolve("vnu-jar"), ".."), "build/dist/vnu.jar");
    const run = spawnSync("java", ["-jar", jar, "--format", "json", "--errors-only", file], { encoding: "utf8" });
    const messages = JSON.parse(run.stderr || '{"messages": []}').messages
      .filter((m) => m.type === "error")
      .map((m) => `line ${m.lastLine}: ${m.message} ${m.extract ? "[" + m.extract.trim().slice(0, 80) + "]" : ""}`);
    assert.deepEqual(messages, [], messages.join("\n"));
  });
}

// A4 less the @page margins (14 mm left and right): 182 mm at 96 px an inch. Anything wider
// makes Chromium shrink every page of the PDF to fit it, so all the text prints smaller (the
// German groups' table with its capitalised dimension names once did).
const A4_CONTENT_PX = Math.floor((182 / 25.4) * 96);
for (const [name, file] of pages.filter(([n]) => n.includes("report"))) {
  test(`nothing in ${name} is wider than an A4 page in print`, async () => {
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    try {
      const page = await browser.newPage({ viewport: { width: A4_CONTENT_PX, height: 1000 } });
      await page.emulateMedia({ media: "print" });
      await page.goto("file://" + resolve(file));
      const wide = await page.evaluate(() => {
        const width = document.documentElement.clientWidth;
        return [...document.querySelectorAll("main *")]
          .filter((el) => el.getBoundingClientRect().right > width + 1)
          .filter((el) => !(el.parentElement.getBoundingClientRect().right > width + 1))
          .map((el) => `${el.tagName.toLowerCase()} in #${el.closest("section")?.id}: ${Math.round(el.getBoundingClientRect().right)} px`);
      });
      assert.deepEqual(wide, [], `wider than ${A4_CONTENT_PX} px`);
    } finally {
      await browser.close();
    }
  });
}

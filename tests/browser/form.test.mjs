// The answer form in a real browser: Debian's chromium, driven by playwright-core.
// Fills a form as a person would (mouse and keyboard), reloads it, saves it, and checks the
// saved file with the centricity binary. Run: cargo build && cd tests/browser && npm test
// (the binary: CENTRICITY_BIN, else $CARGO_TARGET_DIR/debug, else target/debug; see binary.mjs).
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { binary, root } from "./binary.mjs";

const browserPath = process.env.CHROMIUM || "/usr/bin/chromium";

// quotes, a line break, a backslash, DEL, an emoji and a lone surrogate: TOML must hold them
const COMMENT = 'Hotline "oft" besetzt,\nsonst gut. C:\\Daten \u007f 😀 \ud800';

const launch = {
  executablePath: browserPath,
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run"],
};

function centricity(...args) {
  return spawnSync(binary, args, { encoding: "utf8" });
}

// An assessment with the mini questionnaire and its customer form: [dir, assessment, form]
function setup() {
  const dir = mkdtempSync(join(tmpdir(), "centricity-form-"));
  const assessment = join(dir, "acme");
  const init = centricity("init", assessment, "--client", "Acme <AG>", "--lang", "en",
    "--questionnaire", join(root, "tests/fixtures/mini-questionnaire.toml"));
  assert.equal(init.status, 0, init.stderr);
  const form = join(dir, "form.html");
  const made = centricity("form", assessment, "--perspective", "customer", "-o", form);
  assert.equal(made.status, 0, made.stderr);
  return [dir, assessment, form];
}

// Clicks "Save answers" and returns the download it starts.
async function save(page) {
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Save answers" }).click(),
  ]);
  return download;
}

test("a form filled in the browser saves an answer file that validates and scores", async () => {
  const [dir, assessment, form] = setup();
  const browser = await chromium.launch(launch);
  try {
    const context = await browser.newContext({ acceptDownloads: true });
    const requests = [];
    context.on("request", (r) => { if (!r.url().startsWith("file:") && !r.url().startsWith("blob:")) requests.push(r.url()); });
    const page = await context.newPage();
    await page.goto("file://" + form);

    assert.equal(await page.title(), "Mini – Acme <AG>", "the client's name arrives as text");
    assert.equal(await page.locator("input[name=c2]").count(), 0, "a staff-only item is not asked of customers");
    assert.match(await page.locator("#progress-text").textContent(), /0 of 4 answered/);

    // Enter in a text field does not save, and nothing is saved without an answer
    await page.fill("#respondent", "k-77");
    await page.press("#respondent", "Enter");
    await page.getByRole("button", { name: "Save answers" }).click();
    await assert.rejects(page.waitForEvent("download", { timeout: 700 }), "no download yet");
    assert.match(await page.locator("#status").textContent(), /at least one statement/);
    await page.fill("#group", "Privat");
    await page.getByRole("radio", { name: "4" }).first().check();        // r1 = 4
    await page.check("input[name=r2][value=na]");                         // r2 = na
    // the keyboard alone: onto c1's first choice, then arrow keys move the choice
    await page.focus("input[name=c1][value='1']");
    await page.keyboard.press("Space");
    for (let i = 0; i < 4; i++) await page.keyboard.press("ArrowRight");  // c1 = 5
    assert.equal(await page.isChecked("input[name=c1][value='5']"), true);
    await page.check("input[name=nps][value='9']");
    await page.locator("[data-question=r1] summary").click();
    await page.fill("textarea[name='comment:r1']", COMMENT);
    assert.match(await page.locator("#progress-text").textContent(), /4 of 4 answered/);

    // answers survive a reload until they are saved
    await page.reload();
    assert.equal(await page.inputValue("#respondent"), "k-77");
    assert.equal(await page.isChecked("input[name=r1][value='4']"), true);
    assert.equal(await page.isChecked("input[name=r2][value=na]"), true);
    assert.equal(await page.inputValue("textarea[name='comment:r1']"), COMMENT.replace("\ud800", "\ufffd"), "the browser keeps no lone surrogate either");

    const download = await save(page);
    assert.equal(download.suggestedFilename(), "k-77.toml");
    const saved = join(assessment, "answers", "k-77.toml");
    await download.saveAs(saved);
    await page.getByRole("button", { name: "Yes, clear the form" }).click();
    assert.match(await page.locator("#status").textContent(), /Saved as k-77\.toml/);
    assert.equal(await page.inputValue("#respondent"), "", "the next person sees an empty form");

    // saved means cleared: a reload starts empty
    await page.reload();
    assert.equal(await page.inputValue("#respondent"), "");
    assert.deepEqual(requests, [], "the form loads and sends nothing");
  } finally {
    await browser.close();
  }

  if (process.env.SHOW) console.log(readFileSync(join(assessment, "answers", "k-77.toml"), "utf8"));
  const validate = centricity("validate", assessment);
  assert.equal(validate.status, 0, validate.stderr + readFileSync(join(assessment, "answers", "k-77.toml"), "utf8"));
  assert.match(validate.stdout, /1 files, 1 respondents \(0 self, 1 customer\), 0 problems/);
  const scores = JSON.parse(execFileSync(binary, ["score", assessment, "--format", "json"], { encoding: "utf8" }));
  const item = (id) => scores.items.find((i) => i.id === id).customer;
  assert.equal(item("r1").mean, 4);
  assert.equal(item("r2").na, 1);
  assert.equal(item("c1").mean, 5);
  assert.equal(scores.nps.customer.promoters, 1);
  assert.equal(scores.groups.customer[0].name, "other", "a group of one is never named");
  const report = centricity("report", assessment, "-o", join(dir, "report.html"));
  assert.equal(report.status, 0, report.stderr);
  const html = readFileSync(join(dir, "report.html"), "utf8");
  assert.ok(html.includes("Hotline &quot;oft&quot; besetzt,\nsonst gut. C:\\Daten \u007f 😀 \ufffd"), "the comment, escaped");
});

// Answers on the device outlive the person who typed them: by default they live in the tab
// (sessionStorage) and are gone with it; only an explicit choice keeps them on the device.
// A persistent profile stands for the shared device: closing it is closing the browser.
test("unsaved answers stay in the tab unless the person keeps them on the device", async () => {
  const [dir, , form] = setup();
  const profile = join(dir, "profile");
  const open = async () => {
    const context = await chromium.launchPersistentContext(profile, launch);
    const page = context.pages()[0] || await context.newPage();
    await page.goto("file://" + form);
    return [context, page];
  };
  const keep = (page) => page.getByRole("checkbox", { name: "Keep my answers on this device until I save" });
  const stored = (page) => page.evaluate(() => localStorage.length);

  let [context, page] = await open();
  try {
    await page.fill("#respondent", "k-1");
    await page.check("input[name=r1][value='4']");
    await page.reload();
    assert.equal(await page.inputValue("#respondent"), "k-1", "a reload in the same tab keeps them");
    assert.equal(await page.isChecked("input[name=r1][value='4']"), true);
    assert.equal(await stored(page), 0, "nothing on the device");

    const tab = await context.newPage();
    await tab.goto("file://" + form);
    assert.equal(await tab.inputValue("#respondent"), "", "another tab does not see them");
    assert.equal(await tab.isChecked("input[name=r1][value='4']"), false);
    await tab.close();
    await context.close();

    [context, page] = await open();
    assert.equal(await page.inputValue("#respondent"), "", "the next person does not see them");
    assert.equal(await page.isChecked("input[name=r1][value='4']"), false);
    assert.equal(await keep(page).isChecked(), false, "off by default");

    // kept on the device: they outlive the browser, and the choice shows
    await page.fill("#respondent", "k-2");
    await page.check("input[name=r2][value='3']");
    await keep(page).check();
    assert.equal(await stored(page), 1);
    await context.close();
    [context, page] = await open();
    assert.equal(await page.inputValue("#respondent"), "k-2", "kept as chosen");
    assert.equal(await page.isChecked("input[name=r2][value='3']"), true);
    assert.equal(await keep(page).isChecked(), true);

    // turned off: gone from the device at once, still in this tab
    await keep(page).uncheck();
    assert.equal(await stored(page), 0, "turning it off removes what the device held");
    await page.reload();
    assert.equal(await page.inputValue("#respondent"), "k-2");
    assert.equal(await keep(page).isChecked(), false);
    await context.close();
    [context, page] = await open();
    assert.equal(await page.inputValue("#respondent"), "");
    assert.equal(await page.isChecked("input[name=r2][value='3']"), false);
  } finally {
    await context.close();
  }
});

// A download can be cancelled or blocked: the form clears only when the person says the file
// arrived.
test("the form clears only after the person confirms the file arrived", async () => {
  const [, , form] = setup();
  const browser = await chromium.launch(launch);
  try {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await page.goto("file://" + form);
    await page.fill("#respondent", "k-3");
    await page.check("input[name=r1][value='2']");
    await page.locator("[data-question=r1] summary").click();
    await page.fill("textarea[name='comment:r1']", "nicht gespeichert");
    const yes = page.getByRole("button", { name: "Yes, clear the form" });
    const no = page.getByRole("button", { name: "No, keep my answers" });
    assert.equal(await yes.isVisible(), false, "no question before saving");

    const download = await save(page);
    await download.cancel();
    assert.equal(await page.inputValue("#respondent"), "k-3", "nothing cleared while asking");
    const question = "Did the file k-3.toml arrive in your downloads?";
    assert.equal(await page.locator("#confirm-text").textContent(), question);
    assert.equal(await page.evaluate(() => document.activeElement.id), "confirm-text", "focus moves to the question");
    assert.equal(await page.locator("#confirm-text").getAttribute("aria-live"), "polite");
    assert.equal(await page.getByRole("group", { name: question }).count(), 1, "the answers are a group named by the question");
    await page.reload();
    assert.equal(await page.inputValue("#respondent"), "k-3", "nor in storage");

    // "no" keeps everything and puts the person back at the save button
    await save(page);
    await no.click();
    assert.equal(await yes.isVisible(), false);
    assert.equal(await page.inputValue("#respondent"), "k-3");
    assert.equal(await page.isChecked("input[name=r1][value='2']"), true);
    assert.equal(await page.inputValue("textarea[name='comment:r1']"), "nicht gespeichert");
    assert.match(await page.locator("#status").textContent(), /Your answers are kept/);
    assert.equal(await page.evaluate(() => document.activeElement.textContent), "Save answers");

    // a change after saving is not in the file: the question goes, nothing is cleared
    await save(page);
    await page.check("input[name=r2][value='5']");
    assert.equal(await yes.isVisible(), false, "the question goes with a change");
    assert.equal(await page.locator("#confirm-text").textContent(), "");

    // "yes" clears, here and in storage
    await save(page);
    await yes.click();
    assert.match(await page.locator("#status").textContent(), /Saved as k-3\.toml/);
    assert.equal(await page.evaluate(() => document.activeElement.id), "status");
    assert.equal(await page.inputValue("#respondent"), "");
    assert.equal(await page.isChecked("input[name=r1][value='2']"), false);
    assert.match(await page.locator("#progress-text").textContent(), /0 of 4 answered/);
    await page.reload();
    assert.equal(await page.inputValue("#respondent"), "");
  } finally {
    await browser.close();
  }
});

// The id is whatever the person typed; the file name must not reach outside the downloads
// folder, hide (the loader skips dot files) or be empty. The file keeps the id as typed.
test("a respondent id becomes a safe file name; the file keeps the id", async () => {
  const [, assessment, form] = setup();
  const browser = await chromium.launch(launch);
  try {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await page.goto("file://" + form);
    await page.check("input[name=r1][value='4']");

    const id = "../../.ssh/x:y";
    await page.fill("#respondent", id);
    const download = await save(page);
    assert.equal(download.suggestedFilename(), "ssh-x-y.toml");
    const saved = join(assessment, "answers", download.suggestedFilename());
    await download.saveAs(saved);
    const text = readFileSync(saved, "utf8");
    assert.ok(text.includes('respondent = "../../.ssh/x:y"\n'), text);
    assert.equal(await page.locator("#confirm-text").textContent(), "Did the file ssh-x-y.toml arrive in your downloads?");
    await page.getByRole("button", { name: "No, keep my answers" }).click();

    for (const [typed, name] of [
      ["...", "answers.toml"],
      [".hidden", "hidden.toml"],
      ["a\\b\tc\u0000d", "a-b-c-d.toml"],
      ["x".repeat(100), "x".repeat(60) + ".toml"],
      ["Zürich 3", "Zürich-3.toml"],
      ["CON", "_CON.toml"],
    ]) {
      await page.fill("#respondent", typed);
      const other = await save(page);
      assert.equal(other.suggestedFilename(), name, JSON.stringify(typed));
      assert.ok(readFileSync(await other.path(), "utf8").includes(`respondent = ${JSON.stringify(typed)}\n`), JSON.stringify(typed));
      await page.getByRole("button", { name: "No, keep my answers" }).click();
    }
  } finally {
    await browser.close();
  }
  const validate = centricity("validate", assessment);
  assert.equal(validate.status, 0, validate.stderr);
  assert.match(validate.stdout, /1 files, 1 respondents \(0 self, 1 customer\), 0 problems/, "the loader finds the file by its extension");
});

/**
 * report.html as a person sees it: a real failing eject-passive run (the lab focus with `omit-focus-bye`)
 * rendered to a file, opened from disk in headless Chromium (Debian's `chromium`, driven by
 * playwright-core), checked from the live page and screenshotted.
 *
 * The screenshot of the ladder is written to the test's temp dir and, when FH_ARTIFACTS_DIR is
 * set, copied there for people and CI to look at.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { redactSecrets } from '../../src/capture/index.js';
import { renderHtmlReport, reportInputOf } from '../../src/report/index.js';
import type { RunResult } from '../../src/scenario/index.js';
import { countPixelsNear, decodePng, distinctColours, PNG_SIGNATURE } from '../helpers/decode-png.js';
import { describeWithPrograms } from '../helpers/find-binary.js';
import { liveEject } from './sample-runs.js';

/** Colours of the report's stylesheet that the screenshot must show. */
const FAILING_ARROW = '#d32f2f';
const FAILED_BAND = '#ffe3e3';

const LADDER = '#s1 svg.ladder';

/** Per-test budget for the browser round trips: generous, the machine may be busy. */
const BROWSER_TEST_MS = 90_000;

/**
 * The little of the DOM the page functions below use (tsconfig has no DOM lib: the project is
 * Node code). These functions run in the browser; the types only keep them honest here.
 */
interface PageElement {
  getAttribute(name: string): string | null;
  getBoundingClientRect(): { readonly width: number; readonly top: number };
}
interface PageWindow {
  getComputedStyle(element: PageElement): { readonly fill: string; readonly stroke: string };
}
const dataMsgs = (gs: readonly PageElement[]): (string | null)[] => gs.map((g) => g.getAttribute('data-msg'));
const fillOf = (e: PageElement): string => (globalThis as unknown as PageWindow).getComputedStyle(e).fill;
const strokeOf = (e: PageElement): string => (globalThis as unknown as PageWindow).getComputedStyle(e).stroke;

function arrow(seq: number): string {
  return `${LADDER} g.msg[data-msg="s1-m${seq}"]`;
}

describeWithPrograms('report.html in headless Chromium', { chromium: 'chromium' }, (paths) => {
  const executablePath = paths.chromium;
  if (executablePath === undefined) throw new Error('describeWithPrograms handed over no path for chromium');
  let live: RunResult;
  let dir: string;
  let fileUrl: string;
  let browser: Browser | undefined;
  let page: Page;
  const requests: string[] = [];
  const errors: string[] = [];

  beforeAll(async () => {
    live = await liveEject(['omit-focus-bye'], 'eject-passive');
    dir = mkdtempSync(join(tmpdir(), 'fh-report-chromium-'));
    const file = join(dir, 'report.html');
    writeFileSync(file, renderHtmlReport(reportInputOf([live])));
    fileUrl = pathToFileURL(file).href;
    // Root (as on CI) cannot use Chromium's user-namespace sandbox.
    browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 }, deviceScaleFactor: 1 });
    page.setDefaultTimeout(BROWSER_TEST_MS - 10_000);
    page.on('request', (request) => requests.push(request.url()));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
    await page.goto(fileUrl, { waitUntil: 'load' });
  }, 180_000);

  /** Writes a screenshot to the temp dir (and FH_ARTIFACTS_DIR when set); returns the temp path. */
  async function saveScreenshot(png: Buffer, name: string): Promise<string> {
    const path = join(dir, name);
    await writeFile(path, png);
    const artifacts = process.env.FH_ARTIFACTS_DIR;
    if (artifacts) {
      await mkdir(artifacts, { recursive: true });
      await copyFile(path, join(artifacts, name));
    }
    return path;
  }

  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('is a failing run with a trace to show', () => {
    expect(live.status).toBe('failed');
    expect(live.records.length).toBeGreaterThan(20);
    expect(live.failures[0]?.seqs.length).toBeGreaterThan(0);
  });

  it('loads from disk with no request but the file itself and no console error', () => {
    expect(requests).toEqual([fileUrl]);
    expect(errors).toEqual([]);
  });

  it('draws a lifeline per party and an arrow per message', async () => {
    const parties = new Set([...live.scenario.roles.map((r) => `role:${r}`), ...live.records.flatMap((r) => [`role:${r.role}`, `peer:${r.peer}`])]);
    const titles = await page.locator(`${LADDER} .col-title`).allTextContents();
    expect(titles).toEqual(expect.arrayContaining(['Alice', 'Bob', 'Carol', 'Focus', 'IM MCU']));
    expect(titles).toHaveLength(parties.size);
    expect(await page.locator(`${LADDER} line.lifeline`).count()).toBe(parties.size);

    expect(await page.locator(`${LADDER} g.msg`).count()).toBe(live.records.length);
    expect(await page.locator(`${LADDER} g.msg line.arrow`).count()).toBe(live.records.length);
    const ids = await page.locator(`${LADDER} g.msg`).evaluateAll(dataMsgs);
    expect(ids).toEqual(live.records.map((r) => `s1-m${r.seq}`));

    // Laid out for real: every arrow spans between two lifelines, and each goes down the page.
    const boxes = await page.locator(`${LADDER} g.msg line.arrow`).evaluateAll((lines: readonly PageElement[]) =>
      lines.map((l) => {
        const b = l.getBoundingClientRect();
        return { width: b.width, top: b.top };
      }),
    );
    expect(boxes.every((b) => b.width > 50)).toBe(true);
    const tops = boxes.map((b) => b.top);
    expect(tops).toEqual([...tops].sort((a, b) => a - b));
  }, BROWSER_TEST_MS);

  it('highlights the failing step and the failing messages', async () => {
    const failure = live.failures[0];
    if (!failure) throw new Error('the run recorded no failure');
    const bands = page.locator(`${LADDER} rect.band-failed`);
    expect(await bands.count()).toBe(1);
    expect(await page.locator(`${LADDER} text.band-title`).allTextContents()).toContain(`✗ ${failure.step}`);
    expect(await bands.evaluate(fillOf)).toBe('rgb(255, 227, 227)');

    const highlighted = await page.locator(`${LADDER} g.msg.hl`).evaluateAll(dataMsgs);
    const expected = [...new Set(live.failures.flatMap((f) => f.seqs))].sort((a, b) => a - b).map((s) => `s1-m${s}`);
    expect(highlighted).toEqual(expected);
    const stroke = await page.locator(`${arrow(failure.seqs[0] ?? 0)} line.arrow`).evaluate(strokeOf);
    expect(stroke).toBe('rgb(211, 47, 47)');
  }, BROWSER_TEST_MS);

  it('takes a screenshot that shows the ladder', async () => {
    const path = await saveScreenshot(await page.locator(LADDER).screenshot(), 'report-ladder.png');
    const png = readFileSync(path);
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    const image = decodePng(png);
    const svgWidth = Number(await page.locator(LADDER).getAttribute('width'));
    expect(image.width).toBeGreaterThanOrEqual(Math.min(600, svgWidth));
    expect(image.height).toBeGreaterThan(live.records.length * 20);
    expect(distinctColours(image)).toBeGreaterThan(16);
    expect(countPixelsNear(image, FAILING_ARROW)).toBeGreaterThan(100);
    expect(countPixelsNear(image, FAILED_BAND)).toBeGreaterThan(1000);
  }, BROWSER_TEST_MS);

  it('shows the full message of an arrow when it is clicked, and of another when that one is', async () => {
    const failing = live.records.find((r) => r.seq === live.failures[0]?.seqs[0]);
    const first = live.records[0];
    if (!failing || !first) throw new Error('the run has no failing message');
    expect(await page.locator('#panel').isVisible()).toBe(false);

    await page.locator(arrow(failing.seq)).click();
    await page.locator('#panel').waitFor({ state: 'visible' });
    expect(await page.locator('#panel-head').textContent()).toContain(`seq ${failing.seq} · ${failing.role}`);
    const body = (await page.locator('#panel-body').textContent()) ?? '';
    expect(body).toContain(failing.callId);
    expect(body).toMatch(new RegExp(`^Call-ID:\\s*${failing.callId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\r?$`, 'im'));
    expect(body).toBe(redactSecrets(failing.raw.toString('utf8')));
    expect(await page.locator(`${LADDER} g.msg.sel`).evaluateAll(dataMsgs)).toEqual([`s1-m${failing.seq}`]);
    await saveScreenshot(await page.screenshot(), 'report-message-panel.png');

    await page.locator(arrow(first.seq)).click();
    expect(await page.locator('#panel-head').textContent()).toContain(`seq ${first.seq} · ${first.role}`);
    expect(await page.locator('#panel-body').textContent()).toBe(redactSecrets(first.raw.toString('utf8')));
    expect(await page.locator(`${LADDER} g.msg.sel`).count()).toBe(1);

    await page.locator('#panel-close').click();
    await page.locator('#panel').waitFor({ state: 'hidden' });
  }, BROWSER_TEST_MS);

  it('opens a message from the keyboard and closes the panel with Escape', async () => {
    const last = live.records.at(-1);
    if (!last) throw new Error('the run has no messages');
    await page.locator(arrow(last.seq)).focus();
    await page.keyboard.press('Enter');
    await page.locator('#panel').waitFor({ state: 'visible' });
    expect(await page.locator('#panel-body').textContent()).toContain(last.callId);
    await page.keyboard.press('Escape');
    await page.locator('#panel').waitFor({ state: 'hidden' });
  }, BROWSER_TEST_MS);

  it('made no request and logged no error through all of it', () => {
    expect(requests).toEqual([fileUrl]);
    expect(errors).toEqual([]);
  });
});

/**
 * report.html as a person sees it: a real failing eject-passive run (the lab focus with `omit-focus-bye`)
 * rendered to a file, opened from disk in headless Chromium (Debian's `chromium`, driven by
 * playwright-core), checked from the live page and screenshotted. The message panel (docked at the
 * bottom) must leave the selected arrow, and the lifelines level with it, in view.
 *
 * The screenshots (the ladder; the page with the panel open, wide and narrow) are written to the
 * test's temp dir and, when FH_ARTIFACTS_DIR is set, copied there for people and CI to look at.
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
interface Box {
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
  readonly width: number;
  readonly height: number;
}
interface PageElement {
  readonly textContent: string | null;
  readonly clientLeft: number;
  readonly clientTop: number;
  readonly clientWidth: number;
  readonly clientHeight: number;
  readonly scrollWidth: number;
  scrollLeft: number;
  getAttribute(name: string): string | null;
  getBoundingClientRect(): Box & { toJSON(): Box };
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): ArrayLike<PageElement>;
  closest(selector: string): PageElement | null;
  contains(other: PageElement | null): boolean;
}
interface PageDocument {
  readonly documentElement: PageElement & { readonly className: string };
  readonly activeElement: PageElement | null;
  querySelector(selector: string): PageElement | null;
  elementFromPoint(x: number, y: number): PageElement | null;
}
interface PageWindow {
  readonly document: PageDocument;
  getComputedStyle(element: PageElement): { readonly fill: string; readonly stroke: string };
  scrollBy(x: number, y: number): void;
}
const rootClass = (): string => (globalThis as unknown as PageWindow).document.documentElement.className;
const focusedMsg = (): string | null => (globalThis as unknown as PageWindow).document.activeElement?.getAttribute('data-msg') ?? null;
/** Scrolls the ladder's frame back to its left end. */
const scrollLadderToStart = (selector: string): void => {
  const frame = (globalThis as unknown as PageWindow).document.querySelector(selector)?.closest('.ladder-wrap');
  if (!frame) throw new Error(`no ladder frame around ${selector}`);
  frame.scrollLeft = 0;
};
/** Scrolls the page so that the top of `selector` sits `fromBottom` pixels above the window's bottom edge. */
const scrollNearBottom = ([selector, fromBottom]: readonly [string, number]): void => {
  const w = globalThis as unknown as PageWindow;
  const e = w.document.querySelector(selector);
  if (!e) throw new Error(`nothing matches ${selector}`);
  w.scrollBy(0, e.getBoundingClientRect().top - (w.document.documentElement.clientHeight - fromBottom));
};
const dataMsgs = (gs: readonly PageElement[]): (string | null)[] => gs.map((g) => g.getAttribute('data-msg'));
const fillOf = (e: PageElement): string => (globalThis as unknown as PageWindow).getComputedStyle(e).fill;
const strokeOf = (e: PageElement): string => (globalThis as unknown as PageWindow).getComputedStyle(e).stroke;

/** Where things are on the page while the message panel is open (viewport pixels). */
interface PanelLayout {
  readonly panel: Box;
  /** The selected arrow: its `<g>` (seq number, label, line, head) and its hit area (line's span). */
  readonly arrow: Box;
  readonly hit: Box;
  /** The rightmost party's lifeline (IM MCU). */
  readonly lastLifeline: Box;
  readonly lastTitle: string;
  /** The part of the ladder's frame that shows its content (inside the border, the scrolled view). */
  readonly frame: Box;
  readonly frameScrollWidth: number;
  readonly viewport: { readonly width: number; readonly height: number };
  /** What a click at the middle of the arrow's line would hit: this arrow (not the panel). */
  readonly arrowOnTop: boolean;
  readonly rootClass: string;
}

/** Runs in the page: the layout around the arrow `selector` (self-contained, no outer helpers). */
const panelLayoutIn = (selector: string): PanelLayout => {
  const doc = (globalThis as unknown as PageWindow).document;
  const g = doc.querySelector(selector);
  const panel = doc.querySelector('#panel');
  const frame = g?.closest('.ladder-wrap') ?? null;
  const svg = g?.closest('svg.ladder') ?? null;
  const hit = g?.querySelector('.hit') ?? null;
  const line = g?.querySelector('line.arrow') ?? null;
  if (!g || !panel || !frame || !svg || !hit || !line) throw new Error(`no arrow, panel or ladder frame for ${selector}`);
  const titles = svg.querySelectorAll('.col-title');
  const lifelines = svg.querySelectorAll('line.lifeline');
  const last = lifelines[lifelines.length - 1];
  if (!last) throw new Error('the ladder has no lifeline');
  const outer = frame.getBoundingClientRect();
  const left = outer.left + frame.clientLeft;
  const top = outer.top + frame.clientTop;
  const l = line.getBoundingClientRect();
  const onTop = doc.elementFromPoint((l.left + l.right) / 2, (l.top + l.bottom) / 2);
  return {
    panel: panel.getBoundingClientRect().toJSON(),
    arrow: g.getBoundingClientRect().toJSON(),
    hit: hit.getBoundingClientRect().toJSON(),
    lastLifeline: last.getBoundingClientRect().toJSON(),
    lastTitle: titles[titles.length - 1]?.textContent ?? '',
    frame: { left, top, right: left + frame.clientWidth, bottom: top + frame.clientHeight, width: frame.clientWidth, height: frame.clientHeight },
    frameScrollWidth: frame.scrollWidth,
    viewport: { width: doc.documentElement.clientWidth, height: doc.documentElement.clientHeight },
    arrowOnTop: g.contains(onTop),
    rootClass: doc.documentElement.className,
  };
};

/** Where the ladder shows: its frame, clipped to the window, above the panel docked at the bottom. */
function visibleLadderArea(layout: PanelLayout): Box {
  const left = Math.max(0, layout.frame.left);
  const top = Math.max(0, layout.frame.top);
  const right = Math.min(layout.viewport.width, layout.frame.right);
  const bottom = Math.min(layout.viewport.height, layout.frame.bottom, layout.panel.top);
  return { left, top, right, bottom, width: right - left, height: bottom - top };
}

function intersects(a: Box, b: Box): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

/** `inner` lies within `outer` (half a pixel of slack for sub-pixel layout). */
function expectInside(inner: Box, outer: Box, what: string): void {
  const slack = 0.5;
  const fits = inner.left >= outer.left - slack && inner.right <= outer.right + slack && inner.top >= outer.top - slack && inner.bottom <= outer.bottom + slack;
  expect(fits, `${what} ${JSON.stringify(inner)} lies within ${JSON.stringify(outer)}`).toBe(true);
}

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

  /**
   * With the panel open on arrow `seq`: the arrow shows in full inside the ladder's frame, within
   * the window and clear of the panel, and a click on it reaches it. `wholeWidth`: the ladder fits
   * the window, so the whole arrow (seq number to head) and the rightmost lifeline (IM MCU), level
   * with it, show too; otherwise the arrow's span from sender to receiver.
   */
  async function expectArrowClearOfPanel(seq: number, wholeWidth: boolean): Promise<PanelLayout> {
    const layout = await page.evaluate(panelLayoutIn, arrow(seq));
    expect(layout.rootClass.split(' ')).toContain('panel-open');
    const area = visibleLadderArea(layout);
    const shown = wholeWidth ? layout.arrow : layout.hit;
    expectInside(shown, area, `arrow ${seq}`);
    expect(intersects(shown, layout.panel), `arrow ${seq} is clear of the panel`).toBe(false);
    expect(layout.arrowOnTop, `a click on arrow ${seq} reaches it`).toBe(true);
    if (wholeWidth) {
      expect(layout.lastTitle).toBe('IM MCU');
      const lifeline = layout.lastLifeline;
      expect(lifeline.top).toBeLessThanOrEqual(layout.arrow.top);
      expect(lifeline.bottom).toBeGreaterThanOrEqual(layout.arrow.bottom);
      const besideArrow = { ...lifeline, top: layout.arrow.top, bottom: layout.arrow.bottom, height: layout.arrow.height };
      expectInside(besideArrow, area, 'the IM MCU lifeline');
      expect(intersects(besideArrow, layout.panel), 'the IM MCU lifeline is clear of the panel level with the arrow').toBe(false);
    }
    return layout;
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
    await expectArrowClearOfPanel(failing.seq, true);
    const path = await saveScreenshot(await page.screenshot(), 'report-message-panel.png');
    // The failing arrow (red) shows beside the open panel, not under it.
    expect(countPixelsNear(decodePng(readFileSync(path)), FAILING_ARROW)).toBeGreaterThan(100);

    await page.locator(arrow(first.seq)).click();
    expect(await page.locator('#panel-head').textContent()).toContain(`seq ${first.seq} · ${first.role}`);
    expect(await page.locator('#panel-body').textContent()).toBe(redactSecrets(first.raw.toString('utf8')));
    expect(await page.locator(`${LADDER} g.msg.sel`).count()).toBe(1);
    await expectArrowClearOfPanel(first.seq, true);

    await page.locator('#panel-close').click();
    await page.locator('#panel').waitFor({ state: 'hidden' });
    expect(await page.evaluate(rootClass)).toBe('');
  }, BROWSER_TEST_MS);

  it('opens a message from the keyboard and closes the panel with Escape', async () => {
    const last = live.records.at(-1);
    if (!last) throw new Error('the run has no messages');
    await page.locator(arrow(last.seq)).focus();
    await page.keyboard.press('Enter');
    await page.locator('#panel').waitFor({ state: 'visible' });
    expect(await page.locator('#panel-body').textContent()).toContain(last.callId);
    await expectArrowClearOfPanel(last.seq, true);
    await page.keyboard.press('Escape');
    await page.locator('#panel').waitFor({ state: 'hidden' });
    expect(await page.evaluate(rootClass)).toBe('');
    expect(await page.evaluate(focusedMsg)).toBe(`s1-m${last.seq}`);
  }, BROWSER_TEST_MS);

  it('lifts an arrow near the bottom edge above the panel, and scrolls a ladder wider than the window to it', async () => {
    const failing = live.records.find((r) => r.seq === live.failures[0]?.seqs[0]);
    if (!failing) throw new Error('the run has no failing message');
    try {
      await page.setViewportSize({ width: 800, height: 700 });
      // The failing arrow just above the bottom edge (where the panel opens), the ladder frame
      // scrolled to its left end (the arrow's head out of view) …
      await page.evaluate(scrollNearBottom, [arrow(failing.seq), 40] as const);
      await page.evaluate(scrollLadderToStart, LADDER);
      const before = await page.evaluate(panelLayoutIn, arrow(failing.seq));
      expect(before.hit.top).toBeGreaterThan(before.viewport.height * 0.6);
      expect(before.hit.right).toBeGreaterThan(before.frame.right);
      // … a click (dispatched, so that nothing but the page's script scrolls) …
      await page.locator(arrow(failing.seq)).dispatchEvent('click');
      await page.locator('#panel').waitFor({ state: 'visible' });
      // … moves it up above the panel and scrolls the frame sideways to show its whole span.
      const layout = await expectArrowClearOfPanel(failing.seq, false);
      expect(layout.frameScrollWidth).toBeGreaterThan(layout.frame.width);
      expect(layout.panel.bottom).toBe(layout.viewport.height);
      await saveScreenshot(await page.screenshot(), 'report-message-panel-narrow.png');
      await page.keyboard.press('Escape');
      await page.locator('#panel').waitFor({ state: 'hidden' });
    } finally {
      await page.setViewportSize({ width: 1600, height: 1000 });
    }
  }, BROWSER_TEST_MS);

  it('made no request and logged no error through all of it', () => {
    expect(requests).toEqual([fileUrl]);
    expect(errors).toEqual([]);
  });
});

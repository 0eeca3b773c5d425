// `cargo xtask bench lighthouse`: Lighthouse on the widget's first page and on the check-your-story
// page, mobile preset (its defaults: a mid-range phone's screen, simulated slow 4G and a 4x slower
// CPU), in Debian's headless Chromium against the real collector.
//
// The check page is audited as a person reaches it: a fresh browser answers the first two questions
// through the page, the widget keeps the draft on the device, and Lighthouse then loads
// `?step=check` in that same browser. Lighthouse still empties the HTTP cache before loading (its
// default); it keeps local storage by default, which is what holds the draft.
//
// Each page is audited RUNS times (default 3) and the run with the median performance score is
// reported, as Lighthouse's authors advise: the machine's load moves the performance score.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import lighthouse from 'lighthouse';
import puppeteer from 'puppeteer-core';

const base = process.env.STORY_BUILDER_URL ?? 'http://127.0.0.1:8080';
const RUNS = Number(process.env.RUNS ?? 3);
const TARGETS = { performance: 95, accessibility: 100, 'best-practices': 100, seo: null };
const FLAGS = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run',
];

async function withBrowser(work) {
  // puppeteer's `headless: true` is Chromium's new headless mode (`--headless=new`).
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: FLAGS,
    defaultViewport: null,
  });
  try {
    return await work(browser);
  } finally {
    await browser.close();
  }
}

// LIGHTHOUSE_REPORTS=DIR keeps each run's full report there, as HTML, to see what a score is made of.
const REPORTS = process.env.LIGHTHOUSE_REPORTS;
let reported = 0;

async function audit(page, url) {
  const result = await lighthouse(url, { logLevel: 'error', output: 'html' }, undefined, page);
  if (result.lhr.runtimeError) throw new Error(`Lighthouse on ${url}: ${result.lhr.runtimeError.message}`);
  if (REPORTS) {
    mkdirSync(REPORTS, { recursive: true });
    writeFileSync(join(REPORTS, `lighthouse-${++reported}.html`), result.report);
  }
  return result.lhr;
}

async function firstPage() {
  return withBrowser(async (browser) => audit(await browser.newPage(), `${base}/`));
}

async function checkPage() {
  return withBrowser(async (browser) => {
    const page = await browser.newPage();
    await page.goto(`${base}/?step=question-1`);
    const answers = [
      'A good day starts with coffee in the garden, then the choir and tea with my neighbour.',
      'Home is my flat by the park, with my cat, my records and my sister two streets away.',
    ];
    for (const [i, answer] of answers.entries()) {
      const box = await page.waitForSelector(`::-p-aria([role="textbox"][name="${i === 0
        ? 'What does a good day look like for you?'
        : 'Tell us about the place you call home and the people and things you love.'}"])`);
      await box.type(answer);
      await page.locator('::-p-aria([role="button"][name="Continue"])').click();
    }
    await page.waitForFunction(
      (expected) => (localStorage.getItem('story-builder:draft:socialcarefuture') ?? '').includes(expected),
      {},
      'my sister two streets away',
    );
    const lhr = await audit(page, `${base}/?step=check`);
    const heading = await page.$eval('h1', (h) => h.textContent);
    if (heading !== 'Check your story') throw new Error(`Lighthouse audited "${heading}", not the check page`);
    const story = await page.$eval('#story-body', (box) => box.value);
    if (!story.includes('my sister')) throw new Error('the check page Lighthouse audited had no story in it');
    return lhr;
  });
}

function median(runs) {
  const sorted = [...runs].sort((a, b) => a.categories.performance.score - b.categories.performance.score);
  return sorted[Math.floor(sorted.length / 2)];
}

const score = (category) => Math.round(category.score * 100);

function report(name, runs) {
  const lhr = median(runs);
  console.log(`\n${name}: ${lhr.finalDisplayedUrl} (Lighthouse ${lhr.lighthouseVersion}, ${lhr.configSettings.formFactor}, `
    + `${lhr.configSettings.throttlingMethod} throttling)`);
  // Simulated throttling scales the CPU time it observed, so a busy machine (a low benchmark
  // index, Lighthouse's measure of this machine's speed at the time) costs performance points.
  console.log(`  performance of each run (benchmark index): `
    + `${runs.map((r) => `${score(r.categories.performance)} (${Math.round(r.environment.benchmarkIndex)})`).join(', ')}`);
  let met = true;
  for (const [id, target] of Object.entries(TARGETS)) {
    const category = lhr.categories[id];
    const value = score(category);
    const verdict = target == null ? '' : value >= target ? `meets the target of ${target}` : `BELOW the target of ${target}`;
    console.log(`  ${category.title.padEnd(16)} ${String(value).padStart(3)}  ${verdict}`);
    if (target != null && value < target) met = false;
    // What cost points: each weighted audit that did not pass, with its weight.
    for (const ref of category.auditRefs) {
      const result = lhr.audits[ref.id];
      if (ref.weight > 0 && result.score !== null && result.score < 1) {
        const shown = result.displayValue ? ` (${result.displayValue})` : '';
        console.log(`      ${ref.id}: score ${result.score}, weight ${ref.weight}${shown}`);
      }
    }
  }
  const metrics = ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift', 'speed-index'];
  console.log(`  ${metrics.map((m) => `${m.replace(/-/g, ' ')} ${lhr.audits[m].displayValue}`).join('; ')}`);
  return met;
}

const pages = [['the first page', firstPage], ['the check-your-story page', checkPage]];
let allMet = true;
for (const [name, run] of pages) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await run());
  allMet = report(name, runs) && allMet;
}
console.log(allMet ? '\nevery target met' : '\nsome targets NOT met');

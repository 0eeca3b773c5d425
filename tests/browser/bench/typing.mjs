// `cargo xtask bench typing`: how long each keystroke takes to show on screen, suggestions
// included, while a ~1,000-word story is being edited in real headless Chromium.
// Prints the median, 95th percentile and worst of each.
import { launch } from '../support.mjs';

const KEYSTROKES = Number(process.env.KEYSTROKES ?? 200);
const base = process.env.STORY_BUILDER_URL ?? 'http://127.0.0.1:8080';
const paragraph = 'On a good day my support worker helps me get to the allotment and the choir, and the service users '
  + 'I meet there suffer from nothing worse than the weather. ';
const story = paragraph.repeat(Math.ceil(1000 / paragraph.split(' ').length));

const browser = await launch();
const page = await browser.newPage({ baseURL: base });
await page.goto('/?step=check');
const box = page.getByRole('textbox', { name: 'Your story', exact: true });
await box.fill(story);
await page.getByRole('complementary', { name: 'Words to think about' }).waitFor();
const words = (await box.inputValue()).split(/\s+/).filter(Boolean).length;

// Each keystroke: the input event, Yew's re-render (the word count changing marks it done) and
// the style and layout it forces: the work the keystroke costs. Then the wait for the next paint.
const { work, frames, engine } = await page.evaluate(async (count) => {
  const box = document.getElementById('story-body');
  const counter = document.getElementById('story-body-count');
  const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  const work = [];
  const frames = [];
  const engine = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    await new Promise((resolve) => {
      const rendered = new MutationObserver(() => { rendered.disconnect(); resolve(); });
      rendered.observe(counter, { childList: true, characterData: true, subtree: true });
      box.value += ' word';
      box.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText' }));
    });
    void document.body.offsetHeight;
    work.push(performance.now() - start);
    const [measure] = performance.getEntriesByName('story-builder:reframe', 'measure');
    if (measure) engine.push(measure.duration);
    await nextFrame();
    frames.push(performance.now() - start);
  }
  return { work, frames, engine };
}, KEYSTROKES);
await browser.close();

const summary = (times) => {
  times.sort((a, b) => a - b);
  const at = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
  return `median ${at(0.5).toFixed(2)} ms, p95 ${at(0.95).toFixed(2)} ms, worst ${times.at(-1).toFixed(2)} ms`;
};
console.log(`typing into a ${words}-word story with suggestions, ${KEYSTROKES} keystrokes:`);
console.log(`  the reframing engine alone (User Timing):       ${summary(engine)}`);
console.log(`  work per keystroke (analyse + render + layout): ${summary(work)}`);
console.log(`  to the next painted frame:                      ${summary(frames)}`);

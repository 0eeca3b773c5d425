// `cargo xtask bench typing`: how long each keystroke takes to show on screen, suggestions
// included, while a ~1,000-word story is being edited in real headless Chromium.
// Prints the median, 95th percentile and worst time from the input event to the re-rendered page.
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

const times = await page.evaluate(async (count) => {
  const box = document.getElementById('story-body');
  const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  const times = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    box.value += i % 8 === 7 ? ' ' : 'x';
    box.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText' }));
    await nextFrame();
    times.push(performance.now() - start);
  }
  return times;
}, KEYSTROKES);
await browser.close();

times.sort((a, b) => a - b);
const at = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
console.log(`typing into a ${words}-word story, ${KEYSTROKES} keystrokes (input event to the next painted frame):`);
console.log(`  median ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms, worst ${times.at(-1).toFixed(1)} ms`);
console.log('  (a frame at 60 Hz is 16.7 ms; the frame wait itself is part of every figure)');

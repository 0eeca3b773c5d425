// The accessibility audit beyond axe: the whole flow with the keyboard alone (focus always on
// something visible, with a visible indicator), reduced motion, forced colours (Windows high
// contrast), WCAG 1.4.12 text spacing, and axe on the moderation console's pages and error states.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, heading, assertNoViolations, writeAndAskToSend, consentAndSend, QUESTIONS } from './support.mjs';
import { startCollector } from './collector.mjs';

let browser;
let collector;
before(async () => {
  browser = await launch();
  collector = await startCollector();
  collector.addModerator('sam', 'correct horse battery staple');
  collector.publish([{ title: 'Tea with my neighbour', body: 'We take turns to bake.' }]);
});
after(async () => {
  await browser?.close();
  await collector?.close();
});

async function open(path, options = {}) {
  const context = await browser.newContext({ baseURL: collector.url, ...options });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error));
  await page.goto(path);
  return { context, page, errors };
}

const INTERACTIVE = 'a[href], button, input, textarea, select, summary';

/// Focus is on an element that is really there: not the body, with a size, in the viewport, not
/// hidden. An interactive element must also look focused: its outline, box shadow or background
/// differs from how it looks unfocused (read by blurring it for a moment, then focusing it again).
async function assertFocusVisible(page, where) {
  const found = await page.evaluate((interactive) => {
    const element = document.activeElement;
    if (!element || element === document.body || element === document.documentElement) return { problem: 'focus is on the page itself' };
    const describe = `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''} "${(element.textContent || element.value || '').trim().slice(0, 40)}"`;
    const box = element.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) return { problem: `focus is on ${describe}, which has no size` };
    if (box.bottom < 0 || box.top > innerHeight || box.right < 0 || box.left > innerWidth) return { problem: `focus is on ${describe}, outside the viewport` };
    const style = getComputedStyle(element);
    if (style.visibility !== 'visible' || Number(style.opacity) === 0) return { problem: `focus is on ${describe}, which is invisible` };
    if (!element.matches(interactive)) return { describe };
    const look = () => {
      const s = getComputedStyle(element);
      const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0 && !/rgba\(.*, 0\)|transparent/.test(s.outlineColor)
        ? `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}` : 'none';
      return { outline, boxShadow: s.boxShadow, background: s.backgroundColor };
    };
    const focused = look();
    element.blur();
    const unfocused = look();
    element.focus({ preventScroll: true });
    if (document.activeElement !== element) return { problem: `${describe} could not be focused again` };
    const shows = focused.outline !== 'none' || focused.boxShadow !== unfocused.boxShadow || focused.background !== unfocused.background;
    return shows ? { describe } : { problem: `${describe} looks the same focused and unfocused: ${JSON.stringify(focused)}` };
  }, INTERACTIVE);
  assert.ok(!found.problem, `${where}: ${found.problem}`);
  return found.describe;
}

const isFocused = (locator) => locator.evaluate((element) => element === document.activeElement);

/// Presses Tab (or Shift+Tab) until `target` has focus, checking focus at every stop on the way.
async function tabTo(page, target, { back = false, limit = 30 } = {}) {
  const stops = [];
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    stops.push(await assertFocusVisible(page, `after ${stops.length + 1} presses of ${back ? 'Shift+Tab' : 'Tab'}`));
    if (await isFocused(target)) return;
  }
  assert.fail(`${limit} presses of Tab did not reach the target; focus went to: ${stops.join(' → ')}`);
}

/// After a step changes, focus is on the new page's heading.
async function assertOnPage(page, name) {
  const h1 = heading(page, name);
  await h1.waitFor();
  await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
  assert.ok(await isFocused(h1), `focus is on the heading "${name}"`);
  await assertFocusVisible(page, `the page "${name}"`);
}

test('the whole flow with the keyboard alone, from the welcome page to a story sent to the collector', async () => {
  const { context, page, errors } = await open('/');
  await heading(page, 'Tell your story').waitFor();

  // The skip link comes first, and shows itself when focused.
  await page.keyboard.press('Tab');
  assert.ok(await isFocused(page.getByRole('link', { name: 'Skip to main content' })), 'the skip link is the first stop');
  await assertFocusVisible(page, 'the skip link');
  await tabTo(page, page.getByRole('button', { name: 'Start your story' }));
  await page.keyboard.press('Enter');

  const answers = ['Coffee in the garden, then the choir.', 'My care package', null, 'My sister, and the bus.', 'Steps at the station.', 'The council: fix the lift.'];
  for (const [i, question] of QUESTIONS.entries()) {
    await assertOnPage(page, question);
    const box = page.getByRole('textbox', { name: question });
    if (answers[i] === null) {
      await tabTo(page, page.getByRole('button', { name: 'Skip this question' }));
      await page.keyboard.press('Enter');
      continue;
    }
    await tabTo(page, box);
    await page.keyboard.type(answers[i]);
    if (i === 1) {
      // A suggestion appears beside the box; it is reached with Tab and used with Enter.
      const live = page.locator('[aria-live="polite"]');
      assert.equal(await live.count(), 1, 'one polite live region for the suggestions');
      await page.waitForFunction(() => document.querySelector('[aria-live="polite"]').textContent === '1 suggestion about words.');
      await tabTo(page, page.getByRole('button', { name: /^Use ‘the support I get’ instead of ‘care package’/ }));
      await page.keyboard.press('Enter');
      assert.ok(await isFocused(box), 'focus goes back to the answer');
      await assertFocusVisible(page, 'the answer after using a suggestion');
      assert.equal(await box.inputValue(), 'My the support I get');
      // Said politely once the person pauses, never taking focus.
      await page.waitForFunction(() => document.querySelector('[aria-live="polite"]').textContent === 'No suggestions about words.');
      assert.ok(await isFocused(box));
    }
    await tabTo(page, page.getByRole('button', { name: 'Continue' }));
    await page.keyboard.press('Enter');
  }

  await assertOnPage(page, 'Check your story');
  await tabTo(page, page.getByRole('textbox', { name: 'Give your story a title' }));
  await page.keyboard.type('Coffee and the choir');
  await tabTo(page, page.getByRole('button', { name: 'Continue' }));
  await page.keyboard.press('Enter');

  await assertOnPage(page, 'Your story is ready');
  await tabTo(page, page.getByRole('link', { name: 'Send your story to the campaign' }));
  await page.keyboard.press('Enter');

  // Sent with nothing chosen: the error summary takes focus and its links move focus to the fields.
  await assertOnPage(page, 'Before you send your story');
  const send = page.getByRole('button', { name: 'Send my story' });
  await tabTo(page, send);
  await page.keyboard.press('Enter');
  const summary = page.locator('.error-summary');
  await summary.waitFor();
  await page.waitForFunction(() => document.activeElement?.classList.contains('error-summary'));
  await assertFocusVisible(page, 'the error summary');
  await tabTo(page, summary.getByRole('link', { name: /^Tick ‘Share my story/ }), { limit: 1 });
  await page.keyboard.press('Enter');
  const share = page.getByRole('checkbox', { name: 'Share my story with the campaign team' });
  assert.ok(await isFocused(share), 'the first error link moved focus to its checkbox');
  await assertFocusVisible(page, 'the checkbox the error summary led to');
  await page.keyboard.press('Space');
  assert.ok(await share.isChecked());
  // A box that reveals a question keeps focus while the question appears and goes.
  const contact = page.getByRole('checkbox', { name: 'Contact me about my story' });
  await tabTo(page, contact);
  await page.keyboard.press('Space');
  await page.getByRole('textbox', { name: 'Email address' }).waitFor();
  assert.ok(await isFocused(contact), 'focus stays on the box that revealed the email question');
  await page.keyboard.press('Space');
  await page.getByRole('textbox', { name: 'Email address' }).waitFor({ state: 'detached' });
  assert.ok(await isFocused(contact), 'focus stays on the box that hid the email question');
  await tabTo(page, summary.getByRole('link', { name: 'Choose how your name should be shown' }), { back: true, limit: 5 });
  await page.keyboard.press('Enter');
  assert.ok(await isFocused(page.getByRole('radio', { name: 'My full name' })), 'the second error link moved focus to the first radio');
  await assertFocusVisible(page, 'the radio the error summary led to');
  // Arrow keys move through a radio group, choosing as they go.
  await page.keyboard.press('ArrowDown');
  await page.getByRole('textbox', { name: 'Your name' }).waitFor();
  assert.ok(await isFocused(page.getByRole('radio', { name: 'My first name only' })), 'focus stays on the radio that revealed the name question');
  await page.keyboard.press('ArrowDown');
  assert.ok(await page.getByRole('radio', { name: 'No name (anonymous)' }).isChecked());
  assert.ok(await isFocused(page.getByRole('radio', { name: 'No name (anonymous)' })));
  await assertFocusVisible(page, 'the radio chosen with the arrow keys');
  await tabTo(page, send);
  await page.keyboard.press('Enter');

  await assertOnPage(page, 'Your story has been sent');
  const stored = collector.stories().find((story) => story.title === 'Coffee and the choir');
  assert.ok(stored, 'the collector has the story');
  assert.match(stored.body, /the support I get/);
  await tabTo(page, page.getByRole('button', { name: 'Withdraw my story' }));
  assert.deepEqual(errors, []);
  await context.close();
});

/// Walks through every kind of page the widget has, calling `check(page, where)` on each.
async function everyPage(page, check) {
  await page.goto('/');
  await heading(page, 'Tell your story').waitFor();
  await check('the welcome page');
  await page.getByRole('button', { name: 'Start your story' }).click();
  const box = page.getByRole('textbox', { name: QUESTIONS[0] });
  await page.getByText('See an example answer').click();
  await box.fill('My care package means the elderly lady next door and I both suffer from loneliness.');
  await page.getByRole('complementary', { name: 'Words to think about' }).waitFor();
  await check('a question with its example and suggestions');
  await box.fill('word '.repeat(501));
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('alert').waitFor();
  await check('a question with an error');
  await box.fill('A good day: the choir, then tea with my neighbour.');
  await page.goto('/?step=check');
  await heading(page, 'Check your story').waitFor();
  await check('the check page');
  await page.getByRole('textbox', { name: 'Give your story a title' }).fill('The choir');
  await page.getByRole('button', { name: 'Continue' }).click();
  await heading(page, 'Your story is ready').waitFor();
  await check('the finish page');
  await page.getByRole('link', { name: 'Send your story to the campaign' }).click();
  await page.getByRole('checkbox', { name: 'Contact me about my story' }).check();
  await page.getByRole('radio', { name: 'My full name' }).check();
  await page.getByRole('button', { name: 'Send my story' }).click();
  await page.getByRole('alert').waitFor();
  await check('the consent page with errors');
  await page.getByRole('checkbox', { name: 'Share my story with the campaign team' }).check();
  await page.getByRole('checkbox', { name: 'Contact me about my story' }).uncheck();
  await page.getByRole('textbox', { name: 'Your name' }).fill('Ffion Jones');
  await page.getByRole('button', { name: 'Send my story' }).click();
  await heading(page, 'Your story has been sent').waitFor();
  await check('the sent page');
  await page.goto('/wall.html');
  await page.getByRole('article').first().waitFor();
  await check('the story wall');
}

test('with reduced motion asked for, nothing moves and scrolling jumps', async () => {
  const { context, page } = await open('/');
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await everyPage(page, async (where) => {
    const moving = await page.evaluate(() => {
      const seconds = (list) => Math.max(...list.split(',').map((t) => parseFloat(t) * (t.trim().endsWith('ms') ? 0.001 : 1)));
      const found = [];
      for (const element of [document.documentElement, ...document.querySelectorAll('*')]) {
        for (const pseudo of [null, '::before', '::after']) {
          const s = getComputedStyle(element, pseudo);
          const transition = s.transitionProperty !== 'none' && seconds(s.transitionDuration) + seconds(s.transitionDelay) > 0;
          const animation = s.animationName !== 'none' && seconds(s.animationDuration) > 0;
          if (transition || animation) found.push(`${element.tagName.toLowerCase()}.${element.className}${pseudo ?? ''}`);
        }
      }
      const scroll = getComputedStyle(document.documentElement).scrollBehavior;
      return { found, scroll, animations: document.getAnimations().length };
    });
    assert.deepEqual(moving.found, [], `${where}: transitions or animations with reduced motion`);
    assert.equal(moving.animations, 0, `${where}: running animations with reduced motion`);
    assert.equal(moving.scroll, 'auto', `${where}: smooth scrolling with reduced motion`);
  });
  await context.close();
});

test('in forced colours (Windows high contrast) every control and the focus ring stay visible', async () => {
  const { context, page } = await open('/');
  await page.emulateMedia({ forcedColors: 'active' });
  let shot = false;
  await everyPage(page, async (where) => {
    const problems = await page.evaluate(() => {
      const visible = (e) => { const b = e.getBoundingClientRect(); return b.width > 0 && b.height > 0 && getComputedStyle(e).visibility === 'visible'; };
      const transparent = (color) => /transparent|rgba\(.*, 0\)$/.test(color);
      const hasBorder = (s) => ['Top', 'Right', 'Bottom', 'Left'].every((side) =>
        s[`border${side}Style`] !== 'none' && parseFloat(s[`border${side}Width`]) > 0 && !transparent(s[`border${side}Color`]));
      const found = [];
      const name = (e) => `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}.${e.className} "${(e.textContent || '').trim().slice(0, 30)}"`;
      const controls = [...document.querySelectorAll('a[href], button, input, textarea, select, summary')].filter(visible);
      for (const control of controls) {
        const s = getComputedStyle(control);
        if (transparent(s.color)) found.push(`${name(control)}: its text is transparent`);
        // Forced colours take background colours away: a control drawn as a coloured box needs a
        // border to show where it is (GOV.UK buttons and text boxes); checkboxes and radios are the
        // system's own, drawn in its colours.
        const native = control.matches('input[type=checkbox], input[type=radio]') && s.appearance !== 'none';
        const box = control.matches('input, textarea, select') || control.classList.contains('button');
        if (box && !native && !hasBorder(s)) found.push(`${name(control)}: no visible border`);
      }
      // The focus ring: an outline in a system colour on every control when it has focus.
      for (const control of controls) {
        control.focus({ preventScroll: true });
        if (document.activeElement !== control) continue;
        const s = getComputedStyle(control);
        const ring = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2 && !transparent(s.outlineColor);
        if (!ring) found.push(`${name(control)}: no focus outline (${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor})`);
      }
      document.activeElement?.blur();
      return found;
    });
    assert.deepEqual(problems, [], `${where} in forced colours`);
    if (!shot && where === 'the consent page with errors') {
      shot = true;
      await page.getByRole('button', { name: 'Send my story' }).focus();
      await page.screenshot({ path: process.env.FORCED_COLORS_SCREENSHOT ?? '/tmp/story-builder-forced-colors.png', fullPage: true });
    }
  });
  await context.close();
});

// The WCAG 1.4.12 bookmarklet's overrides: text must still fit where it is shown.
const TEXT_SPACING = `
  * { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
  p { margin-bottom: 2em !important; }
`;

test('with WCAG text spacing overrides no text is clipped and no buttons overlap', async () => {
  // The overrides come as a style element, as the bookmarklet's do; the page's own policy would
  // refuse one, so this context bypasses it.
  const { context, page } = await open('/', { bypassCSP: true });
  await everyPage(page, async (where) => {
    await page.addStyleTag({ content: TEXT_SPACING });
    const problems = await page.evaluate(() => {
      const found = [];
      const name = (e) => `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}.${e.className} "${(e.textContent || '').trim().slice(0, 30)}"`;
      const visible = (e) => { const b = e.getBoundingClientRect(); return b.width > 0 && b.height > 0; };
      for (const element of document.querySelectorAll('body *')) {
        // Text boxes scroll their own text by design; visually hidden text is meant to be 1px.
        if (element.matches('input, textarea, select, .visually-hidden, .visually-hidden *') || !visible(element)) continue;
        const s = getComputedStyle(element);
        const clipsX = ['hidden', 'clip'].includes(s.overflowX);
        const clipsY = ['hidden', 'clip'].includes(s.overflowY);
        if ((clipsX && element.scrollWidth > element.clientWidth + 1) || (clipsY && element.scrollHeight > element.clientHeight + 1)) {
          found.push(`${name(element)} clips its content (${element.scrollWidth}x${element.scrollHeight} in ${element.clientWidth}x${element.clientHeight})`);
        }
      }
      const buttons = [...document.querySelectorAll('button, .button, a[href]')].filter(visible);
      for (const button of buttons) {
        if (button.matches('button') && (button.scrollWidth > button.clientWidth + 1 || button.scrollHeight > button.clientHeight + 1)) {
          found.push(`${name(button)}: its text spills out of it`);
        }
      }
      // A link that wraps has a box per line: compare those, not the box around them all.
      const overlap = (p, q) => Math.min(p.right, q.right) - Math.max(p.left, q.left) > 1 && Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top) > 1;
      for (const [i, a] of buttons.entries()) {
        for (const b of buttons.slice(i + 1)) {
          if (a.contains(b) || b.contains(a)) continue;
          if ([...a.getClientRects()].some((p) => [...b.getClientRects()].some((q) => overlap(p, q)))) {
            found.push(`${name(a)} overlaps ${name(b)}`);
          }
        }
      }
      if (document.documentElement.scrollWidth > document.documentElement.clientWidth) found.push('the page scrolls sideways');
      return found;
    });
    assert.deepEqual(problems, [], `${where} with text spacing overrides`);
  });
  await context.close();
});

test('the moderation console: sign-in, the queue, a story and their error states have no axe violations', async () => {
  const writer = await browser.newContext({ baseURL: collector.url });
  const page = await writer.newPage();
  await writeAndAskToSend(page, { answer: 'My care package gets me to the choir.', title: 'Choir on Thursdays' });
  await consentAndSend(page, { contact: 'jo@example.org' });
  await heading(page, 'Your story has been sent').waitFor();
  await writer.close();

  const moderator = await browser.newContext({ baseURL: collector.url });
  const console_ = await moderator.newPage();
  await console_.goto('/admin');
  await heading(console_, 'Sign in to moderate stories').waitFor();
  await assertNoViolations(console_, 'the sign-in page');
  await console_.getByRole('textbox', { name: 'Username' }).fill('sam');
  await console_.getByRole('textbox', { name: 'Password' }).fill('not the password');
  await console_.getByRole('button', { name: 'Sign in' }).click();
  await console_.getByRole('alert').waitFor();
  await assertNoViolations(console_, 'the sign-in page with an error');
  await console_.getByRole('textbox', { name: 'Password' }).fill('correct horse battery staple');
  await console_.getByRole('button', { name: 'Sign in' }).click();
  await heading(console_, 'New stories to moderate').waitFor();
  await assertNoViolations(console_, 'the queue');
  await console_.goto('/admin?from=2026-02-31&status=all');
  await console_.getByRole('alert').waitFor();
  await assertNoViolations(console_, 'the queue with a filter error');
  await console_.goto('/admin?status=rejected');
  await heading(console_, 'Rejected stories').waitFor();
  await assertNoViolations(console_, 'an empty queue');
  await console_.goto('/admin');
  await console_.getByRole('link', { name: 'Choir on Thursdays' }).click();
  await heading(console_, 'Choir on Thursdays').waitFor();
  await assertNoViolations(console_, 'a story');
  await console_.getByRole('textbox', { name: 'Published title' }).fill('');
  await console_.getByRole('button', { name: 'Save the published version' }).click();
  await console_.getByRole('alert').waitFor();
  await assertNoViolations(console_, 'a story with an error in its published version');
  await console_.goto('/admin/stories/no-such-story');
  await heading(console_, 'Story not found').waitFor();
  await assertNoViolations(console_, 'a story that is not there');
  await console_.goto('/admin');
  await console_.getByRole('link', { name: "Delete a person's stories (an erasure request)" }).click();
  await heading(console_, "Delete a person's stories").waitFor();
  await assertNoViolations(console_, 'the erasure search');
  await console_.getByRole('button', { name: 'Find their stories' }).click();
  await console_.getByRole('alert').waitFor();
  await assertNoViolations(console_, 'the erasure search with an error');
  await console_.getByRole('textbox', { name: 'Their email address or name' }).fill('nobody@example.org');
  await console_.getByRole('button', { name: 'Find their stories' }).click();
  await console_.getByRole('heading', { level: 2, name: 'No stories found for “nobody@example.org”' }).waitFor();
  await assertNoViolations(console_, 'an erasure search that finds nothing');
  await console_.getByRole('textbox', { name: 'Their email address or name' }).fill('jo@example.org');
  await console_.getByRole('button', { name: 'Find their stories' }).click();
  await console_.getByRole('heading', { level: 2, name: '1 story found for “jo@example.org”' }).waitFor();
  await assertNoViolations(console_, 'an erasure search that finds a story');
  await console_.getByRole('link', { name: 'Delete these stories' }).click();
  await heading(console_, 'Are you sure you want to delete 1 story for good?').waitFor();
  await assertNoViolations(console_, 'the erasure confirmation');
  await console_.getByRole('link', { name: 'No, go back' }).click();
  await console_.getByRole('heading', { level: 2, name: '1 story found for “jo@example.org”' }).waitFor();
  collector.sql("UPDATE moderators SET role = 'admin' WHERE username = 'sam'");
  await console_.goto('/admin');
  await console_.getByRole('link', { name: 'Moderators' }).click();
  await heading(console_, 'Moderators').waitFor();
  await assertNoViolations(console_, 'the moderators page');
  await moderator.close();
});

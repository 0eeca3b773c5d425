// The guided flow, walked the way a person (or a screen reader) meets it: by roles and names.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openWidget, heading, QUESTIONS, waitForDraftContaining } from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('a whole story, from the welcome page to copying and downloading it', async () => {
  const { context, page, errors } = await openWidget(browser);
  await heading(page, 'Tell your story').waitFor();
  await page.getByText('We all want to live in the place we call home').waitFor();
  await page.getByText('Nothing is sent to anyone until you choose.').waitFor();
  await page.getByRole('button', { name: 'Start your story' }).click();

  await heading(page, QUESTIONS[0]).waitFor();
  await page.getByText('Question 1 of 6').waitFor();
  assert.match(page.url(), /step=question-1/);
  assert.equal(await page.title(), `${QUESTIONS[0]} – Story Builder`);
  await page.getByRole('textbox', { name: QUESTIONS[0] }).fill('Tea in my own kitchen, then the allotment 🌱.');
  await page.getByText('You have 491 words remaining').waitFor();
  await page.getByRole('button', { name: 'Continue' }).click();

  await heading(page, QUESTIONS[1]).waitFor();
  await page.getByRole('button', { name: 'Skip this question' }).click();

  await heading(page, QUESTIONS[2]).waitFor();
  // Right-to-left text and a combining accent survive untouched.
  await page.getByRole('textbox', { name: QUESTIONS[2] }).fill('The choir sings «مرحبا» and café\u0301 songs.');
  for (const question of QUESTIONS.slice(2, 5)) {
    await heading(page, question).waitFor();
    await page.getByRole('button', { name: 'Continue' }).click();
  }
  await heading(page, QUESTIONS[5]).waitFor();
  await page.getByRole('button', { name: 'Continue' }).click();

  await heading(page, 'Check your story').waitFor();
  const story = page.getByRole('textbox', { name: 'Your story', exact: true });
  assert.equal(
    await story.inputValue(),
    'Tea in my own kitchen, then the allotment 🌱.\n\nThe choir sings «مرحبا» and café\u0301 songs.',
  );
  await page.getByRole('button', { name: 'Continue' }).click();
  const summary = page.getByRole('alert');
  await summary.getByRole('heading', { name: 'There is a problem' }).waitFor();
  await summary.getByRole('link', { name: 'Enter a title for your story' }).click();
  const title = page.getByRole('textbox', { name: 'Give your story a title' });
  assert.ok(await title.evaluate((el) => el === document.activeElement), 'the error link moves focus to the field');
  await title.fill('Thursdays');
  await story.fill(`${await story.inputValue()}\n\nAnd Sundays too.`);
  await page.getByRole('button', { name: 'Continue' }).click();

  await heading(page, 'Your story is ready').waitFor();
  const expected =
    'Thursdays\n\nTea in my own kitchen, then the allotment 🌱.\n\nThe choir sings «مرحبا» and café\u0301 songs.\n\nAnd Sundays too.\n';
  await page.getByRole('article').getByRole('heading', { name: 'Thursdays' }).waitFor();
  await page.getByRole('button', { name: 'Copy your story' }).click();
  await page.getByRole('status').getByText('Your story has been copied.').waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), expected);

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download your story as a text file' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'my-story.txt');
  const chunks = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk);
  assert.equal(Buffer.concat(chunks).toString('utf8'), expected);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a reload mid-story lands on the same question with the draft restored', async () => {
  const { context, page } = await openWidget(browser);
  await page.getByRole('button', { name: 'Start your story' }).click();
  await page.getByRole('textbox', { name: QUESTIONS[0] }).fill('Tea first.');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('textbox', { name: QUESTIONS[1] }).fill('My flat above the bakery.');
  await waitForDraftContaining(page, 'My flat above the bakery.');

  await page.reload();
  await heading(page, QUESTIONS[1]).waitFor();
  assert.equal(await page.getByRole('textbox', { name: QUESTIONS[1] }).inputValue(), 'My flat above the bakery.');

  // Back to the welcome page: the story in progress is offered, not lost.
  await page.goto('/');
  await page.getByRole('heading', { name: 'You have a story in progress' }).waitFor();
  await page.getByRole('button', { name: 'Continue your story' }).click();
  await heading(page, QUESTIONS[1]).waitFor();
  await page.getByRole('link', { name: 'Back' }).click();
  assert.equal(await page.getByRole('textbox', { name: QUESTIONS[0] }).inputValue(), 'Tea first.');
  await context.close();
});

test("the browser's Back and Forward buttons move between questions", async () => {
  const { context, page } = await openWidget(browser);
  await page.getByRole('button', { name: 'Start your story' }).click();
  await page.getByRole('button', { name: 'Skip this question' }).click();
  await page.getByRole('button', { name: 'Skip this question' }).click();
  await heading(page, QUESTIONS[2]).waitFor();
  await page.goBack();
  await heading(page, QUESTIONS[1]).waitFor();
  // Focus follows the page, so a screen reader starts at the new question.
  assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'H1');
  await page.goBack();
  await heading(page, QUESTIONS[0]).waitFor();
  await page.goForward();
  await heading(page, QUESTIONS[1]).waitFor();
  assert.match(page.url(), /step=question-2/);
  await context.close();
});

test('a too-long answer is explained, announced and kept', async () => {
  const { context, page } = await openWidget(browser, '/?step=question-1');
  const answer = page.getByRole('textbox', { name: QUESTIONS[0] });
  const long = Array.from({ length: 503 }, (_, i) => `word${i}`).join(' ');
  await answer.fill(long);
  await page.getByText('You have 3 words too many').waitFor();
  await page.getByRole('button', { name: 'Continue' }).click();

  const message = 'Your answer must be 500 words or fewer. Remove 3 words, or split it across questions.';
  const summary = page.getByRole('alert');
  await summary.getByRole('link', { name: message }).waitFor();
  assert.ok(
    await page.locator('.error-summary').evaluate((el) => el === document.activeElement),
    'focus moves to the error summary',
  );
  assert.match(await page.title(), /^Error: /);
  await heading(page, QUESTIONS[0]).waitFor();
  assert.equal(await answer.getAttribute('aria-invalid'), 'true');
  assert.equal(await answer.inputValue(), long, 'what the person wrote is never lost');
  // The field's description includes the error, so a screen reader hears it on the field.
  const describedBy = (await answer.getAttribute('aria-describedby')).split(' ');
  assert.ok(describedBy.includes('answer-error'));
  await context.close();
});

test('a corrupt draft is set aside with a notice, never a crash', async () => {
  const { context, page, errors } = await openWidget(browser);
  // Only once the app has read storage: corrupting it sooner would test the first load, not the reload.
  await page.getByRole('button', { name: 'Start your story' }).waitFor();
  await page.evaluate(() => localStorage.setItem('story-builder:draft:socialcarefuture', '{"kind": broken'));
  await page.reload();
  await page.getByRole('status').getByText('We could not read a story saved earlier on this device').waitFor();
  await page.getByRole('button', { name: 'Start your story' }).waitFor();
  const kept = await page.evaluate(() =>
    Object.keys(localStorage).filter((k) => k.startsWith('story-builder:set-aside:socialcarefuture:')).map((k) => localStorage.getItem(k)),
  );
  assert.deepEqual(kept, ['{"kind": broken'], 'the unreadable draft is kept aside, not deleted');
  assert.deepEqual(errors, []);
  await context.close();
});

test('on a shared computer, "Delete everything on this device" leaves nothing of theirs behind', async () => {
  const { context, page, errors } = await openWidget(browser);
  await page.getByRole('button', { name: 'Start your story' }).click();
  await page.getByRole('textbox', { name: QUESTIONS[0] }).fill('My sister helps me on Tuesdays.');
  await waitForDraftContaining(page, 'My sister helps me on Tuesdays.');
  // Something set aside earlier, and another campaign's draft, are theirs too.
  await page.evaluate(() => {
    localStorage.setItem('story-builder:set-aside:socialcarefuture:1', '{"kind": broken');
    localStorage.setItem('story-builder:draft:other', '{"kind": "draft"}');
    localStorage.setItem('someone-else', 'kept');
  });
  await page.goto('/');
  await page.getByRole('heading', { name: 'Using a shared computer?' }).waitFor();
  await page.getByRole('button', { name: 'Delete everything on this device' }).click();
  await page.getByText('A story you have already sent is not affected. Are you sure?').waitFor();
  await page.getByRole('button', { name: 'No, keep it' }).click();
  await page.getByRole('button', { name: 'Continue your story' }).waitFor();
  await page.getByRole('button', { name: 'Delete everything on this device' }).click();
  await page.getByRole('button', { name: 'Yes, delete everything' }).click();
  await page.getByRole('status').getByText('Everything Story Builder kept on this device has been deleted.').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'H1', 'focus moves to the heading');
  await page.getByRole('button', { name: 'Start your story' }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Delete everything on this device' }).count(), 0);
  // After the autosave delay and a page hide, still nothing is written back.
  await page.waitForTimeout(600);
  await page.reload();
  await page.getByRole('button', { name: 'Start your story' }).waitFor();
  const left = await page.evaluate(() => Object.keys(localStorage).sort());
  assert.deepEqual(left, ['someone-else'], 'only what is not ours is left');
  assert.deepEqual(errors, []);
  await context.close();
});

test('keyboard only: start, answer and continue without a mouse', async () => {
  const { context, page } = await openWidget(browser);
  await heading(page, 'Tell your story').waitFor();
  // The first Tab reaches the skip link, as on GOV.UK.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Skip to main content');
  const start = page.getByRole('button', { name: 'Start your story' });
  for (let i = 0; i < 10 && !(await start.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await page.keyboard.press('Enter');
  await heading(page, QUESTIONS[0]).waitFor();
  const answer = page.getByRole('textbox', { name: QUESTIONS[0] });
  for (let i = 0; i < 10 && !(await answer.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await page.keyboard.type('A slow breakfast.');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await heading(page, QUESTIONS[1]).waitFor();
  await context.close();
});

test('an answer in a right-to-left script is laid out right to left, in the box and in the finished story', async () => {
  const { context, page } = await openWidget(browser, '/?step=question-1');
  const answer = page.getByRole('textbox', { name: QUESTIONS[0] });
  await answer.fill('يوم جيد يبدأ بكوب من الشاي في مطبخي');
  assert.equal(await answer.evaluate((el) => getComputedStyle(el).direction), 'rtl');
  await page.goto('/?step=check');
  await page.getByRole('textbox', { name: 'Give your story a title' }).fill('يوم جيد');
  await page.getByRole('button', { name: 'Continue' }).click();
  await heading(page, 'Your story is ready').waitFor();
  const paragraph = page.getByRole('article').getByText('يوم جيد يبدأ');
  assert.equal(await paragraph.evaluate((el) => getComputedStyle(el).direction), 'rtl');
  await context.close();
});

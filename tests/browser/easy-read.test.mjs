// Easy read: the whole flow in English and in Welsh (pictures with alt text, larger text, the same
// questions in the same order), switching mode mid-story without losing a word, a campaign that
// starts in easy read, and axe on every page in easy read in both languages.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, heading, assertNoViolations, openWidget, QUESTIONS } from './support.mjs';
import { startCollector } from './collector.mjs';

// core/locales/*.toml: easy_question and picture of each prompt, in narrative order.
const EASY = {
  en: {
    questions: [
      'What is a good day for you?',
      'Tell us about your home and the people you love.',
      'Where do you belong?',
      'What helps you live the life you want?',
      'What gets in the way? What would make it better?',
      'Who could make the change happen? What would you ask them?',
    ],
    pictures: [
      'The sun shining', 'A house with a heart', 'A group of people together', 'A hand holding a heart',
      'A barrier across a path', 'A person speaking up',
    ],
    welcome: 'Tell your story', easyRead: 'Easy read', standard: 'Standard text', start: 'Start your story',
    howMany: 'There are 6 questions.', continue: 'Continue', skip: 'Skip this question', check: 'Check your story',
    title: 'Give your story a title', finish: 'Your story is ready', hint: 'Who is with you?',
  },
  cy: {
    questions: [
      'Sut beth yw diwrnod da i chi?',
      "Dywedwch wrthym am eich cartref a'r bobl rydych chi'n eu caru.",
      "Ble rydych chi'n perthyn?",
      "Beth sy'n eich helpu i fyw'r bywyd rydych chi ei eisiau?",
      "Beth sy'n eich rhwystro? Beth fyddai'n gwneud pethau'n well?",
      "Pwy allai wneud i'r newid ddigwydd? Beth fyddech chi'n gofyn iddyn nhw?",
    ],
    pictures: [
      'Yr haul yn tywynnu', 'Tŷ gyda chalon', "Grŵp o bobl gyda'i gilydd", 'Llaw yn dal calon',
      'Rhwystr ar draws llwybr', 'Person yn siarad',
    ],
    welcome: 'Adroddwch eich stori', easyRead: 'Hawdd ei Ddeall', standard: 'Testun safonol', start: 'Dechrau eich stori',
    howMany: 'Mae 6 cwestiwn.', continue: 'Parhau', skip: 'Hepgor y cwestiwn hwn', check: 'Gwirio eich stori',
    title: "Rhowch deitl i'ch stori", finish: "Mae eich stori'n barod", hint: 'Pwy sydd gyda chi?',
  },
};

let browser;
let collector;
before(async () => {
  browser = await launch();
  collector = await startCollector();
});
after(async () => {
  await browser?.close();
  await collector?.close();
});

const open = (path = '/') => openWidget(browser, path, { baseURL: collector.url });

const isEasyRead = (page) => page.evaluate(() => document.documentElement.classList.contains('easy-read'));
const rootFontSize = (page) => page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));

function draftOf(page, campaign = 'socialcarefuture') {
  return page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? 'null'), `story-builder:draft:${campaign}`);
}

/// Waits until the draft kept on the device has `expected` at `path` (e.g. ['easy_read']): saving is debounced.
async function waitForDraft(page, path, expected, campaign = 'socialcarefuture') {
  await page.waitForFunction(
    ([key, path, expected]) => {
      let value = JSON.parse(localStorage.getItem(key) ?? 'null');
      for (const step of path) value = value?.[step];
      return value === expected;
    },
    [`story-builder:draft:${campaign}`, path, expected],
  );
}

/// A question page in easy read: its picture with alt text beside the question, which is the heading
/// and the box's label, and the easy-read hint.
async function assertEasyQuestion(page, t, i) {
  await heading(page, t.questions[i]).waitFor();
  const picture = page.getByRole('img', { name: t.pictures[i], exact: true });
  await picture.waitFor();
  assert.equal(await picture.locator('svg').count(), 1, 'the picture is drawn');
  assert.ok((await picture.boundingBox()).width >= 48, 'the picture is big enough to see');
  await page.getByRole('textbox', { name: t.questions[i], exact: true }).waitFor();
  assert.ok(await isEasyRead(page));
}

for (const lang of ['en', 'cy']) {
  const t = EASY[lang];
  test(`the whole flow in easy read (${lang}): pictures, larger text, the questions in the same order`, async () => {
    const { context, page, errors } = await open(lang === 'cy' ? '/?lang=cy' : '/');
    await heading(page, t.welcome).waitFor();
    const standardSize = await rootFontSize(page);
    assert.equal(await isEasyRead(page), false, 'standard text unless chosen');
    const choice = page.getByRole('group', { name: lang === 'en' ? 'How would you like the questions?' : 'Sut hoffech chi gael y cwestiynau?' });
    assert.equal(await choice.getByRole('radio', { name: t.standard }).isChecked(), true);
    await choice.getByRole('radio', { name: t.easyRead }).check();
    await page.waitForFunction(() => document.documentElement.classList.contains('easy-read'));
    assert.ok(await rootFontSize(page) >= standardSize * 1.2, 'larger text in easy read');
    // The welcome page itself in easy read: one idea per line.
    await page.getByText(t.howMany, { exact: true }).waitFor();

    await page.getByRole('button', { name: t.start }).click();
    for (let i = 0; i < t.questions.length; i++) {
      await assertEasyQuestion(page, t, i);
      if (i === 0) {
        await page.getByText(t.hint, { exact: true }).waitFor();
        await page.getByRole('textbox', { name: t.questions[0], exact: true }).fill('Tea in my own kitchen.');
        await page.getByRole('button', { name: t.continue, exact: true }).click();
      } else {
        await page.getByRole('button', { name: t.skip }).click();
      }
    }
    await heading(page, t.check).waitFor();
    assert.ok(await isEasyRead(page), 'easy read on every page');
    assert.equal(await page.getByRole('textbox', { name: lang === 'en' ? 'Your story' : 'Eich stori', exact: true }).inputValue(), 'Tea in my own kitchen.');
    await page.getByRole('textbox', { name: t.title }).fill('Tea');
    await page.getByRole('button', { name: t.continue, exact: true }).click();
    await heading(page, t.finish).waitFor();
    assert.ok(await isEasyRead(page));
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('switching to easy read and back mid-story keeps every word, the page and the choice after a reload', async () => {
  const { context, page, errors } = await open('/');
  await page.getByRole('button', { name: 'Start your story' }).click();
  await page.getByRole('textbox', { name: QUESTIONS[0] }).fill('Tea first.');
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
  await page.getByRole('textbox', { name: QUESTIONS[1] }).fill('My flat above the bakery.');
  await waitForDraft(page, ['story', 'answers', 'home-and-people'], 'My flat above the bakery.');

  await page.getByRole('button', { name: 'Switch to easy read' }).click();
  await assertEasyQuestion(page, EASY.en, 1);
  assert.equal(await page.getByRole('textbox', { name: EASY.en.questions[1] }).inputValue(), 'My flat above the bakery.');
  await waitForDraft(page, ['easy_read'], true);

  await page.reload();
  await assertEasyQuestion(page, EASY.en, 1);
  assert.equal(await page.getByRole('textbox', { name: EASY.en.questions[1] }).inputValue(), 'My flat above the bakery.');
  await page.getByRole('link', { name: 'Back' }).click();
  await assertEasyQuestion(page, EASY.en, 0);
  assert.equal(await page.getByRole('textbox', { name: EASY.en.questions[0] }).inputValue(), 'Tea first.');

  await page.getByRole('button', { name: 'Switch to standard text' }).click();
  await heading(page, QUESTIONS[0]).waitFor();
  assert.equal(await isEasyRead(page), false);
  assert.equal(await page.getByRole('img').count(), 0, 'no pictures in standard text');
  await waitForDraft(page, ['easy_read'], false);
  const draft = await draftOf(page);
  assert.deepEqual(draft.story.answers, { 'good-day': 'Tea first.', 'home-and-people': 'My flat above the bakery.' });

  // The welcome page shows the choice as it is now.
  await page.goto('/');
  await page.getByRole('radio', { name: 'Standard text' }).waitFor();
  assert.equal(await page.getByRole('radio', { name: 'Standard text' }).isChecked(), true);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a campaign with easy_read = true starts in easy read, and the person can still switch', async () => {
  const campaign = 'easy-campaign';
  const { context, page, errors } = await open(`/?campaign=${campaign}`);
  await heading(page, 'Tell your story').waitFor();
  await page.waitForFunction(() => document.documentElement.classList.contains('easy-read'));
  assert.equal(await page.getByRole('radio', { name: 'Easy read' }).isChecked(), true);
  await page.getByText('There are 6 questions.', { exact: true }).waitFor();
  await page.getByRole('button', { name: 'Start your story' }).click();
  await assertEasyQuestion(page, EASY.en, 0);

  await page.getByRole('button', { name: 'Switch to standard text' }).click();
  await heading(page, QUESTIONS[0]).waitFor();
  await waitForDraft(page, ['easy_read'], false, campaign);
  // The person's choice outlasts the campaign's default.
  // The campaign's settings arrive after the page: they must not switch easy read back on.
  const settings = page.waitForResponse((r) => r.url().endsWith(`/api/v1/campaigns/${campaign}`));
  await page.reload();
  await heading(page, QUESTIONS[0]).waitFor();
  await settings;
  await page.waitForTimeout(300);
  assert.equal(await isEasyRead(page), false);
  assert.equal(await page.getByRole('img').count(), 0);

  // The default campaign is in standard text.
  const defaults = page.waitForResponse((r) => r.url().endsWith('/api/v1/campaigns/socialcarefuture'));
  await page.goto('/');
  await heading(page, 'Tell your story').waitFor();
  await defaults;
  await page.waitForTimeout(300);
  assert.equal(await isEasyRead(page), false);
  assert.equal(await page.getByRole('radio', { name: 'Standard text' }).isChecked(), true);
  assert.deepEqual(errors, []);
  await context.close();
});

for (const lang of ['en', 'cy']) {
  const t = EASY[lang];
  const words = lang === 'en'
    ? { sendLink: 'Send your story to the campaign', consent: 'Before you send your story',
      share: 'Share my story with the campaign team', anonymous: 'No name (anonymous)', send: 'Send my story', sent: 'Your story has been sent' }
    : { sendLink: 'Anfon eich stori at yr ymgyrch', consent: 'Cyn i chi anfon eich stori',
      share: 'Rhannu fy stori â thîm yr ymgyrch', anonymous: 'Dim enw (dienw)', send: 'Anfon fy stori', sent: "Mae eich stori wedi'i hanfon" };
  test(`axe finds nothing on any page in easy read (${lang})`, async () => {
    const { context, page } = await open(lang === 'cy' ? '/?lang=cy' : '/');
    await heading(page, t.welcome).waitFor();
    await page.getByRole('radio', { name: t.easyRead }).check();
    await page.waitForFunction(() => document.documentElement.classList.contains('easy-read'));
    await assertNoViolations(page, `the welcome page in easy read (${lang})`);
    await page.getByRole('button', { name: t.start }).click();
    for (let i = 0; i < t.questions.length; i++) {
      await assertEasyQuestion(page, t, i);
      await page.locator('details summary').click();
      await assertNoViolations(page, `question ${i + 1} in easy read (${lang})`);
      const box = page.getByRole('textbox', { name: t.questions[i], exact: true });
      await box.fill(i === 0 ? 'gair '.repeat(501) : `Answer ${i + 1}.`);
      await page.getByRole('button', { name: t.continue, exact: true }).click();
      if (i === 0) {
        await page.getByRole('alert').waitFor();
        await assertNoViolations(page, `a question with an error in easy read (${lang})`);
        await box.fill('A good day.');
        await page.getByRole('button', { name: t.continue, exact: true }).click();
      }
    }
    await heading(page, t.check).waitFor();
    await assertNoViolations(page, `the check page in easy read (${lang})`);
    await page.getByRole('button', { name: t.continue, exact: true }).click();
    await page.getByRole('alert').waitFor();
    await assertNoViolations(page, `the check page with an error in easy read (${lang})`);
    await page.getByRole('textbox', { name: t.title }).fill('A good day');
    await page.getByRole('button', { name: t.continue, exact: true }).click();
    await heading(page, t.finish).waitFor();
    await assertNoViolations(page, `the finish page in easy read (${lang})`);
    await page.getByRole('link', { name: words.sendLink }).click();
    await heading(page, words.consent).waitFor();
    await assertNoViolations(page, `the consent page in easy read (${lang})`);
    await page.getByRole('checkbox', { name: words.share }).check();
    await page.getByRole('radio', { name: words.anonymous }).check();
    await page.getByRole('button', { name: words.send, exact: true }).click();
    await heading(page, words.sent).waitFor();
    assert.ok(await isEasyRead(page));
    await assertNoViolations(page, `the sent page in easy read (${lang})`);
    await context.close();
  });
}

test('easy read reflows at 320 CSS pixels (400% zoom) without scrolling sideways', async () => {
  const context = await browser.newContext({ baseURL: collector.url, viewport: { width: 320, height: 640 } });
  const page = await context.newPage();
  const noSidewaysScroll = async (where) => {
    const [scroll, client] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
    assert.ok(scroll <= client, `${where}: ${scroll} px wide in a ${client} px window`);
  };
  await page.goto('/');
  await page.getByRole('radio', { name: 'Easy read' }).check();
  await page.waitForFunction(() => document.documentElement.classList.contains('easy-read'));
  await noSidewaysScroll('the welcome page');
  await page.getByRole('button', { name: 'Start your story' }).click();
  for (let i = 0; i < EASY.en.questions.length; i++) {
    await assertEasyQuestion(page, EASY.en, i);
    await page.locator('details summary').click();
    await noSidewaysScroll(`question ${i + 1}`);
    await page.getByRole('button', { name: 'Skip this question' }).click();
  }
  await heading(page, 'Check your story').waitFor();
  await noSidewaysScroll('the check page');
  await context.close();
});

// A campaign's own settings, applied by the widget: its logo, fewer questions (still in the tested order),
// its wording of a question in each language, its share services and its words beside the consent
// choices.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, heading, assertNoViolations } from './support.mjs';
import { startCollector } from './collector.mjs';

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

test("a campaign's questions and consent words, in English and in Welsh", async () => {
  const context = await browser.newContext({ baseURL: collector.url });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error));
  await page.goto('/?campaign=club-campaign');
  const logo = page.getByRole('banner').getByRole('img', { name: 'The lunch club' });
  await logo.waitFor();
  await page.waitForFunction(() => document.querySelector('.campaign-logo')?.naturalWidth > 0);
  assert.equal(await logo.getAttribute('src'), '/api/v1/campaigns/club-campaign/logo', 'served by the collector itself');
  await page.getByRole('button', { name: 'Start your story' }).click();
  await heading(page, 'What does a good day look like for you?').waitFor();
  await page.getByText('Question 1 of 2').waitFor();
  await page.getByRole('textbox', { name: 'What does a good day look like for you?' }).fill('Soup and a chat at the club.');
  await page.getByRole('button', { name: 'Continue' }).click();
  await heading(page, 'What does the lunch club mean to you?').waitFor();
  await page.getByText('Question 2 of 2').waitFor();
  await page.getByRole('link', { name: 'Cymraeg' }).click();
  await heading(page, "Beth mae'r clwb cinio yn ei olygu i chi?").waitFor();
  await page.getByRole('banner').getByRole('img', { name: 'Y clwb cinio' }).waitFor();
  await page.getByRole('link', { name: 'English' }).click();
  await page.getByRole('textbox', { name: 'What does the lunch club mean to you?' }).fill('Friends who notice when I am not there.');
  await page.getByRole('button', { name: 'Continue' }).click();
  await heading(page, 'Check your story').waitFor();
  const story = await page.getByRole('textbox', { name: 'Your story', exact: true }).inputValue();
  assert.match(story, /Soup and a chat at the club\.\s+Friends who notice/, 'the two answers, nothing else');

  await page.getByRole('textbox', { name: 'Give your story a title' }).fill('Thursdays');
  await page.getByRole('button', { name: 'Continue' }).click();
  await heading(page, 'Your story is ready').waitFor();
  const shareLinks = await page.getByRole('list').filter({ has: page.getByRole('link', { name: /WhatsApp/ }) })
    .getByRole('link').allTextContents();
  assert.deepEqual(shareLinks.map((l) => l.replace(/\s*\(opens in new tab\)/, '')),
    ['Share on WhatsApp', 'Send it by email'], "only the campaign's services, in its order");
  await page.getByRole('link', { name: 'Send your story to the campaign' }).click();
  await heading(page, 'Before you send your story').waitFor();
  await page.getByRole('checkbox', { name: 'The lunch club may pin my story on its noticeboard' }).waitFor();
  await page.getByRole('checkbox', { name: 'Share my story with the campaign team' }).waitFor();
  await page.getByText('The lunch club keeps stories in a locked cabinet.').waitFor();
  await assertNoViolations(page, "the consent page in a campaign's words");
  await page.getByRole('link', { name: 'Cymraeg' }).click();
  await page.getByRole('checkbox', { name: 'Caiff y clwb cinio roi fy stori ar ei hysbysfwrdd' }).waitFor();
  assert.equal(await page.getByText('The lunch club keeps stories in a locked cabinet.').count(), 0,
    'English words are not shown on a Welsh page');
  assert.deepEqual(errors, []);
  await context.close();
});

test("the wall's themes are the campaign's questions", async () => {
  const context = await browser.newContext({ baseURL: collector.url });
  const page = await context.newPage();
  await page.goto('/wall.html?campaign=club-campaign');
  await page.getByRole('img', { name: 'The lunch club' }).waitFor();
  const theme = page.getByRole('combobox', { name: 'Show stories about' });
  await theme.getByRole('option', { name: 'The lunch club' }).waitFor({ state: 'attached' });
  const options = await theme.getByRole('option').allTextContents();
  assert.deepEqual(options, ['Everything', 'A good day', 'The lunch club']);
  await context.close();
});

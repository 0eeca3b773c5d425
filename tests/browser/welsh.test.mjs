// Welsh: the whole flow in Cymraeg, switching language mid-story, and axe in both languages.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import AxeBuilder from '@axe-core/playwright';
import { launch, openWidget, heading, QUESTIONS, waitForDraftContaining } from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const CWESTIYNAU = [
  'Sut beth yw diwrnod da i chi?',
  "Dywedwch wrthym am y lle rydych chi'n ei alw'n gartref, a'r bobl a'r pethau rydych chi'n eu caru.",
];

test('the whole flow in Welsh, with the page language set for screen readers', async () => {
  const { context, page, errors } = await openWidget(browser, '/?lang=cy');
  await heading(page, 'Adroddwch eich stori').waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'cy');
  await page.getByText('Byddwn ni\'n gofyn 6 cwestiwn i chi, un ar y tro.').waitFor();
  // The way back to English is labelled in English, for English speakers.
  const english = page.getByRole('navigation', { name: 'Iaith' }).getByRole('link', { name: 'English' });
  assert.equal(await english.getAttribute('lang'), 'en');

  await page.getByRole('button', { name: 'Dechrau eich stori' }).click();
  await heading(page, CWESTIYNAU[0]).waitFor();
  await page.getByText('Cwestiwn 1 o 6').waitFor();
  await page.getByRole('textbox', { name: CWESTIYNAU[0] }).fill('gair '.repeat(503));
  await page.getByText('Mae gennych 3 gair yn ormod').waitFor();
  await page.getByRole('button', { name: 'Parhau' }).click();
  await page.getByRole('alert').getByRole('heading', { name: 'Mae problem wedi codi' }).waitFor();
  assert.match(await page.title(), /^Gwall: /);
  await page.getByRole('textbox', { name: CWESTIYNAU[0] }).fill('Paned yn fy nghegin fy hun.');
  await page.getByRole('button', { name: 'Parhau' }).click();
  for (let i = 1; i < 6; i++) await page.getByRole('button', { name: 'Hepgor y cwestiwn hwn' }).click();
  await heading(page, 'Gwirio eich stori').waitFor();
  await page.getByRole('textbox', { name: "Rhowch deitl i'ch stori" }).fill('Bore da');
  await page.getByRole('button', { name: 'Parhau' }).click();
  await heading(page, "Mae eich stori'n barod").waitFor();
  await page.getByRole('button', { name: 'Copïo eich stori' }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('switching language mid-story keeps every word and the page', async () => {
  const { context, page } = await openWidget(browser);
  await page.getByRole('button', { name: 'Start your story' }).click();
  await page.getByRole('textbox', { name: QUESTIONS[0] }).fill('Tea first.');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('textbox', { name: QUESTIONS[1] }).fill('My flat above the bakery.');
  await waitForDraftContaining(page, 'My flat above the bakery.');

  await page.getByRole('navigation', { name: 'Language' }).getByRole('link', { name: 'Cymraeg' }).click();
  await heading(page, CWESTIYNAU[1]).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'cy');
  assert.match(page.url(), /lang=cy/);
  assert.equal(await page.getByRole('textbox', { name: CWESTIYNAU[1] }).inputValue(), 'My flat above the bakery.');

  // A reload stays in Welsh; Back returns to English.
  await page.reload();
  await heading(page, CWESTIYNAU[1]).waitFor();
  await page.goBack();
  await heading(page, QUESTIONS[1]).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  await page.getByRole('link', { name: 'Back' }).click();
  assert.equal(await page.getByRole('textbox', { name: QUESTIONS[0] }).inputValue(), 'Tea first.');
  await context.close();
});

test('axe finds nothing on the Welsh pages either', async () => {
  const { context, page } = await openWidget(browser, '/?lang=cy');
  const check = async (where) => {
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
    assert.deepEqual(results.violations.map((v) => `${v.id} ${v.nodes.map((n) => n.target).join()}`), [], where);
  };
  await heading(page, 'Adroddwch eich stori').waitFor();
  await check('the Welsh welcome page');
  await page.getByRole('button', { name: 'Dechrau eich stori' }).click();
  await heading(page, CWESTIYNAU[0]).waitFor();
  await check('a Welsh question');
  await page.goto('/?lang=cy&step=check');
  await page.getByRole('button', { name: 'Parhau' }).click();
  await page.getByRole('alert').waitFor();
  await check('the Welsh check page with errors');
  await context.close();
});

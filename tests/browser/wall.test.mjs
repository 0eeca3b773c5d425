// The story wall (`wall.html`, its own bundle): published stories from the collector's wall API as
// cards, a page at a time, usable with the keyboard, and the way to add one's own story.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, assertNoViolations } from './support.mjs';
import { startCollector } from './collector.mjs';

let browser;
let collector;
before(async () => {
  browser = await launch();
  collector = await startCollector();
  // Twelve published stories, newest first: more than the ten on one page.
  const stories = [
    {
      title: 'Saturdays at the allotment', body: 'My neighbour and I grow beans.\n\nThen we share them.',
      name: 'Sam Jones', nameDisplay: 'first', area: 'Leeds',
      answers: { 'good-day': 'My neighbour and I grow beans.', community: 'Then we share them.' },
    },
    {
      title: 'Home with my cat', body: 'I make my own breakfast, in my own time.', name: 'Ana Lopez', nameDisplay: 'full',
      answers: { 'home-and-people': 'I make my own breakfast, in my own time.', community: '  ' },
    },
  ];
  for (let i = 3; i <= 12; i++) stories.push({ title: `Story number ${i}`, body: `What a good day is, number ${i}.` });
  collector.publish(stories);
  // Not on the wall: waiting for a moderator.
  collector.sql("UPDATE stories SET status = 'new' WHERE title = 'Story number 12'");
  collector.publish([{ title: 'Waiting to be read', body: 'Not yet approved.' }]);
  collector.sql("UPDATE stories SET status = 'new' WHERE title = 'Waiting to be read'");
  // Tagged by a moderator with one of the campaign's themes (Home, Community).
  collector.sql(`UPDATE stories SET themes = '["Home"]' WHERE title IN ('Home with my cat', 'Waiting to be read')`);
});
after(async () => {
  await browser?.close();
  await collector?.close();
});

async function open(path) {
  const context = await browser.newContext({ baseURL: collector.url });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error));
  const fetched = [];
  page.on('request', (request) => fetched.push(new URL(request.url()).pathname));
  await page.goto(path);
  return { context, page, errors, fetched };
}

test("a reader of the wall downloads the wall's bundle, not the builder's, even from an old link", async () => {
  const { context, page, errors, fetched } = await open('/?view=wall&lang=cy#host=https://partner.example');
  await page.getByRole('heading', { level: 1, name: "Straeon mae pobl wedi'u rhannu" }).waitFor();
  const url = new URL(page.url());
  assert.equal(url.pathname, '/wall.html', 'the link made for the one-bundle widget lands on the wall');
  assert.equal(url.search, '?view=wall&lang=cy', 'keeping its query');
  assert.equal(url.hash, '#host=https://partner.example', 'and its hash');
  await page.goBack();
  assert.notEqual(new URL(page.url()).pathname, '/', 'the old link left no history entry behind');
  fetched.length = 0;
  await page.goto('/wall.html');
  await page.getByRole('article').first().waitFor();
  const wasm = fetched.filter((path) => path.endsWith('.wasm'));
  assert.equal(wasm.length, 1, `one bundle: ${wasm}`);
  assert.match(wasm[0], /^\/wall-[0-9a-f]+_bg\.wasm$/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('published stories as cards, ten a page, with buttons to move between pages', async () => {
  const { context, page, errors } = await open('/wall.html');
  await page.getByRole('heading', { level: 1, name: 'Stories people have shared' }).waitFor();
  const cards = page.getByRole('article');
  await cards.first().waitFor();
  assert.equal(await cards.count(), 10);
  const first = page.getByRole('article', { name: 'Saturdays at the allotment' });
  assert.deepEqual(await first.getByRole('paragraph').allTextContents(), [
    'My neighbour and I grow beans.', 'Then we share them.', 'By Sam · Area: Leeds',
  ], 'the first name only, as the person chose, and where they live');
  await page.getByRole('article', { name: 'Home with my cat' }).getByText('By Ana Lopez').waitFor();
  await page.getByRole('article', { name: 'Story number 3' }).getByText('Shared anonymously').waitFor();
  assert.equal(await page.getByText('Waiting to be read').count(), 0, 'only approved stories are shown');
  assert.equal(await page.getByRole('button', { name: 'Newer stories' }).count(), 0);
  assert.equal(await page.title(), 'Stories people have shared – Story Builder');
  await assertNoViolations(page, 'the story wall');

  // With the keyboard: the button, then Enter; focus lands on the heading of the new page.
  await page.getByRole('button', { name: 'Older stories' }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('article', { name: 'Story number 11' }).waitFor();
  assert.equal(await page.getByRole('article').count(), 1);
  assert.equal(await page.getByRole('navigation', { name: 'Pages of stories' }).getByText('Page 2').count(), 1);
  assert.equal(await page.evaluate(() => document.activeElement.tagName), 'H1');
  assert.equal(await page.getByRole('button', { name: 'Older stories' }).count(), 0, 'the last page');
  await assertNoViolations(page, 'the second page of the story wall');
  await page.getByRole('button', { name: 'Newer stories' }).click();
  await page.getByRole('article', { name: 'Saturdays at the allotment' }).waitFor();

  await page.getByRole('link', { name: 'Add your own story' }).click();
  await page.getByRole('heading', { level: 1, name: 'Tell your story' }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('the wall shows the stories about one question, chosen with the keyboard', async () => {
  const { context, page, errors } = await open('/wall.html');
  await page.getByRole('article').first().waitFor();
  const theme = page.getByRole('combobox', { name: 'Show stories about' });
  const show = async (label) => {
    await theme.selectOption({ label });
    await page.getByRole('button', { name: 'Show stories' }).focus();
    await page.keyboard.press('Enter');
  };

  await show('Where I belong');
  await page.getByRole('status').getByText('Showing stories about ‘Where I belong’.').waitFor();
  await page.getByRole('article', { name: 'Saturdays at the allotment' }).waitFor();
  await page.waitForFunction(() => document.querySelectorAll('article').length === 1);
  assert.equal(await page.getByRole('article', { name: 'Home with my cat' }).count(), 0, 'a blank answer is no answer');
  assert.equal(await theme.inputValue(), 'q:community', 'the list still says what is shown');
  await assertNoViolations(page, 'the story wall showing one theme');

  await show('Home and the people I love');
  await page.getByRole('article', { name: 'Home with my cat' }).waitFor();
  await page.waitForFunction(() => document.querySelectorAll('article').length === 1);

  await show('What gets in the way');
  await page.getByText('No published stories answer this question yet. Choose another, or add your own.').waitFor();
  assert.equal(await page.getByRole('article').count(), 0);

  await show('Everything');
  await page.getByRole('status').getByText('Showing every story.').waitFor();
  await page.waitForFunction(() => document.querySelectorAll('article').length === 10);
  assert.deepEqual(errors, []);
  await context.close();
});

test("the wall shows the stories a moderator tagged with one of the campaign's themes", async () => {
  const { context, page, errors } = await open('/wall.html');
  await page.getByRole('article').first().waitFor();
  const theme = page.getByRole('combobox', { name: 'Show stories about' });
  await theme.getByRole('option', { name: 'Community', exact: true }).waitFor({ state: 'attached' });
  const groups = await theme.locator('optgroup').evaluateAll((all) => all.map((g) => g.label));
  assert.deepEqual(groups, ['The questions', 'Themes'], 'the questions and the themes, each in a group');
  const show = async (label) => {
    await theme.selectOption({ label });
    await page.getByRole('button', { name: 'Show stories' }).focus();
    await page.keyboard.press('Enter');
  };

  await show('Home');
  await page.getByRole('status').getByText('Showing stories about ‘Home’.').waitFor();
  await page.getByRole('article', { name: 'Home with my cat' }).waitFor();
  await page.waitForFunction(() => document.querySelectorAll('article').length === 1);
  assert.equal(await page.getByText('Waiting to be read').count(), 0, 'a tagged story waiting for a moderator is not shown');
  assert.equal(await theme.inputValue(), 't:Home');
  await assertNoViolations(page, 'the story wall showing one theme');

  await show('Community');
  await page.getByText('No published stories are about this theme yet. Choose another, or add your own.').waitFor();
  assert.equal(await page.getByRole('article').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('an empty wall says so, and an unknown campaign says that', async () => {
  const { context, page } = await open('/wall.html?campaign=patient-campaign');
  await page.getByText('No stories have been published yet. Yours could be the first.').waitFor();
  await assertNoViolations(page, 'an empty story wall');
  await page.goto('/wall.html?campaign=no-such-campaign');
  await page.getByRole('heading', { level: 1, name: 'This story builder is not set up' }).waitFor();
  await context.close();
});

test('the wall in Welsh', async () => {
  const { context, page } = await open('/wall.html?lang=cy');
  await page.getByRole('heading', { level: 1, name: "Straeon mae pobl wedi'u rhannu" }).waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'cy');
  await context.close();
});

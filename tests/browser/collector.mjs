// A collector of the tests' own, for tests that stop and restart it or need another campaign file:
// the real binary (COLLECTOR_BIN) serving the built widget (WIDGET_DIR), on a fresh SQLite database.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Campaigns for the tests: one no quicker than a person (as the default is), one that takes an hour,
// one that asks for a proof of work, one that starts in easy read.
export const TEST_CAMPAIGNS = `
[[campaign]]
id = "socialcarefuture"
name = "#socialcarefuture"
hashtags = ["socialcarefuture"]
link = "https://socialcarefuture.org.uk"
privacy_url = "https://socialcarefuture.org.uk/privacy"
min_seconds = 0
themes = ["Home", "Community"]

[campaign.safeguarding]
helpline = { name = "Samaritans", phone = "116 123" }

[[campaign]]
id = "patient-campaign"
name = "A patient campaign"
min_seconds = 3600

[[campaign]]
id = "guarded-campaign"
name = "A campaign that asks for a proof of work"
min_seconds = 0
proof_of_work = 12

[[campaign]]
id = "club-campaign"
name = "The lunch club"
min_seconds = 0
steps = ["good-day", "community"]
share_targets = ["whatsapp", "email"]

[campaign.consent]
publish = { en = "The lunch club may pin my story on its noticeboard", cy = "Caiff y clwb cinio roi fy stori ar ei hysbysfwrdd" }
privacy = "The lunch club keeps stories in a locked cabinet."

[campaign.theme]
logo = "club-logo.svg"
logo_alt = { en = "The lunch club", cy = "Y clwb cinio" }

[[campaign.prompts]]
id = "community"
label = "The lunch club"
question = { en = "What does the lunch club mean to you?", cy = "Beth mae'r clwb cinio yn ei olygu i chi?" }

[[campaign]]
id = "easy-campaign"
name = "A campaign that starts in easy read"
min_seconds = 0
easy_read = true
`;

async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export async function startCollector({ extraArgs = [], campaigns: campaignsText = TEST_CAMPAIGNS } = {}) {
  const bin = process.env.COLLECTOR_BIN;
  const widget = process.env.WIDGET_DIR;
  if (!bin || !widget) throw new Error('COLLECTOR_BIN and WIDGET_DIR must be set (cargo xtask test sets them)');
  const dir = mkdtempSync(join(tmpdir(), 'story-builder-browser-'));
  const campaigns = join(dir, 'campaigns.toml');
  writeFileSync(campaigns, campaignsText);
  // The logo a test campaign names, beside its campaigns file.
  writeFileSync(join(dir, 'club-logo.svg'),
    '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><rect width="120" height="40" fill="#5a2a82"/></svg>');
  const database = join(dir, 'stories.sqlite');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const args = ['serve', '--addr', `127.0.0.1:${port}`, '--widget-dir', widget,
    '--database-url', `sqlite://${database}?mode=rwc`, '--campaigns', campaigns, ...extraArgs];
  let child;

  async function start() {
    // Warnings and errors only: a line per request would drown the tests' own output.
    child = spawn(bin, args, { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, RUST_LOG: 'warn' } });
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`the collector stopped (${child.exitCode})`);
      try {
        if ((await fetch(`${url}/healthz`)).ok) return;
      } catch { /* not listening yet */ }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`the collector did not answer ${url}/healthz`);
  }

  async function stop() {
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  /// Rows of the stories table, read straight from the database file (sqlite3's JSON mode).
  function stories() {
    const out = execFileSync('sqlite3', ['-json', database, 'SELECT * FROM stories ORDER BY created_at'], { encoding: 'utf8' });
    return out.trim() === '' ? [] : JSON.parse(out);
  }

  /// Creates a moderator for the console, the way a campaign does: `collector add-moderator`.
  function addModerator(username, password) {
    execFileSync(bin, ['add-moderator', '--username', username, '--database-url', `sqlite://${database}?mode=rwc`],
      { input: `${password}\n`, stdio: ['pipe', 'ignore', 'inherit'] });
  }

  /// Runs SQL on the database file (sqlite3), e.g. to publish stories without a moderator.
  function sql(statement) {
    return execFileSync('sqlite3', [database, statement], { encoding: 'utf8' });
  }

  /// Writes published stories straight into the database: approved, with consent to publish.
  /// Each is `{ title, body, name?, nameDisplay?, area?, campaign? }`; the first is the newest.
  let published = 0;
  function publish(items) {
    const quote = (v) => (v == null ? 'NULL' : `'${String(v).replaceAll("'", "''")}'`);
    const now = Date.now();
    const rows = items.map((s, i) => `(${[
      quote(`published-${++published}`), quote(s.campaign ?? 'socialcarefuture'), now - i * 1000, quote(s.lang ?? 'en'),
      quote(s.title), quote(s.body), quote(JSON.stringify(s.answers ?? {})), 1, 1, 0, quote(s.nameDisplay ?? (s.name ? 'full' : 'anonymous')),
      quote(s.name), quote(s.area), quote('approved'), quote(`hash-${published}`), quote(`key-${published}`),
    ].join(', ')})`);
    sql(`INSERT INTO stories (id, campaign, created_at, lang, title, body, answers, share_with_campaign, publish,
      contact, name_display, name, area, status, delete_token_hash, idempotency_key) VALUES ${rows.join(', ')}`);
  }

  await start();
  return {
    url,
    database,
    start,
    stop,
    stories,
    sql,
    publish,
    addModerator,
    async close() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

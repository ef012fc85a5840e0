/**
 * A sender process for test/alerts/restart.test.ts: opens the services on a data folder (the real
 * start-up), drains the outbox into SMTP_URL and prints one JSON line per committed mail, then a
 * final report. Run with `node --import tsx test/alerts/drain-child.ts <dataDir> <smtpUrl>`.
 */
import { createAlerts } from '../../src/alerts/index.js';
import { loadConfig } from '../../src/config.js';
import { createServices } from '../../src/services.js';
import { testLogEnv } from '../helpers/test-logs.js';

const [dataDir, smtpUrl] = process.argv.slice(2) as [string, string];
const config = loadConfig({ DATA_DIR: dataDir, SMTP_URL: smtpUrl, DEMO_DATA: 'false', ...testLogEnv('drain-child'), EMBED_WORKER: 'false', ALERT_SEND_INTERVAL_MS: '0', ALERTS_DAILY_CAP: '100' });
const s = await createServices(config);
const line = (o: Record<string, unknown>): void => {
  process.stdout.write(`${JSON.stringify(o)}\n`);
};
const alerts = createAlerts({ db: s.db, candidates: s.candidates, jobs: s.jobs, vectors: s.vectors, engine: s.engine, config, log: s.log, onSent: (e) => line({ type: 'sent', messageId: e.messageId, answeredAt: e.answeredAt, at: e.at }) });
line({ type: 'ready', pid: process.pid });
const report = await alerts.sender.drain();
line({ type: 'report', report });
await alerts.close();
await s.close();

/**
 * The end-of-run log grep (test/global-setup.ts) finds what it is there to find: run on a folder
 * laid out like a test run's, with planted personal data and stack traces.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { ERROR_BODIES_DIR } from '../helpers/test-logs.js';
import { fixtureNames, fixturePersonalCheck, personalUpTo } from './lib/fixtures.js';
import { scanRun } from './lib/run-logs.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jm-runlogs-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

it('flags fixture names, any e-mail address, hardening phone numbers and stack traces, in logs and in error bodies', () => {
  const names = fixtureNames();
  expect(names.length).toBeGreaterThan(900);
  const phone = personalUpTo().find((p) => /^\+?[\d ()-]{9,}$/.test(p))!;
  const log = (o: object): string => JSON.stringify({ level: 30, time: 1, ...o });
  fs.mkdirSync(path.join(dir, 'hardening'), { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'a.services-1-1.log'),
    [
      log({ reqId: 'r1', method: 'GET', route: '/api/candidates', status: 200, ms: 3, msg: 'request' }),
      log({ msg: 'alert sent', from: 'alerts@jobmatch.local' }),
      log({ msg: `stored ${names[123]!.toUpperCase()}` }),
      log({ msg: 'mail to nobody+x@mail.example.org bounced' }),
    ].join('\n'),
  );
  fs.writeFileSync(path.join(dir, 'hardening', 'child.log'), [log({ msg: `called ${phone}` }), log({ level: 50, err: { stack: 'Error: x\n    at f (/work/main/src/a.ts:1:2)' } })].join('\n'));
  fs.mkdirSync(path.join(dir, ERROR_BODIES_DIR));
  fs.writeFileSync(
    path.join(dir, ERROR_BODIES_DIR, '1.jsonl'),
    [
      { status: 404, method: 'GET', path: '/nope', body: '{"error":{"code":"not_found","message":"No route."}}' },
      { status: 500, method: 'GET', path: '/boom', body: '{"error":{"message":"TypeError: x\\n    at g (file:///work/main/src/b.ts:3:4)"}}' },
      { status: 400, method: 'POST', path: '/api/jobs', body: '{"error":{"message":"received \'jane.roe@example.org\'"}}' },
    ]
      .map((r) => JSON.stringify(r))
      .join('\n'),
  );

  const scan = scanRun(dir, fixturePersonalCheck());
  expect(scan.logFiles).toBe(2);
  expect(scan.logLines).toBe(6);
  expect(scan.errorBodies).toBe(3);
  const kinds = scan.problems.map((p) => /^[^:]+: [^:]+:\d+/.exec(p)?.[0]);
  expect(kinds.sort()).toEqual(
    [
      'personal data in a log: a.services-1-1.log:3',
      'personal data in a log: a.services-1-1.log:4',
      'personal data in a log: hardening/child.log:1',
      'stack trace in a log: hardening/child.log:2',
      'stack trace or internal path in an error body: error-bodies/1.jsonl:2',
      'personal data in an error body: error-bodies/1.jsonl:3',
    ].sort(),
  );
});

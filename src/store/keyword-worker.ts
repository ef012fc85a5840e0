/** The keyword worker thread: its own read-only connection, one keyword search per message. */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { keywordSearch, type KeywordOptions } from './keyword.js';

export interface KeywordRequest {
  id: number;
  text: string;
  limit: number;
  opts: KeywordOptions;
}

const db = new Database((workerData as { file: string }).file, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');
parentPort!.on('message', (m: KeywordRequest) => {
  try {
    parentPort!.postMessage({ id: m.id, result: keywordSearch(db, m.text, m.limit, m.opts) });
  } catch (e) {
    parentPort!.postMessage({ id: m.id, error: (e as Error).message });
  }
});
parentPort!.postMessage({ ready: true });

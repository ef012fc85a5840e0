/**
 * Starts the service as a child process (../server-child.ts), captures everything it writes to a
 * log file, reads its RSS from /proc, and stops it cleanly or with SIGKILL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { READY_MARK, REPORT_MARK, type ChildReport, type ReadyInfo, type UserSpec } from './protocol.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const CHILD = path.join(HERE, '..', 'server-child.ts');
export const REPO_ROOT = path.resolve(HERE, '..', '..', '..');
const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

export interface ChildOptions {
  dataDir: string;
  /** Every line the child writes (stdout and stderr) is appended here. */
  logFile: string;
  users?: UserSpec[];
  /** Service configuration (PORT, DATA_DIR, HOST and DEMO_DATA are set here). */
  env?: Record<string, string>;
  /** How long to wait for the ready line (default 180 s: the machine may be busy). */
  readyTimeoutMs?: number;
  /** Told the child's pid as soon as it is spawned (before it is ready). */
  onSpawn?: (pid: number) => void;
}

export interface ServerChild {
  ready: ReadyInfo;
  url: string;
  pid: number;
  /** Wall time from spawn to the ready line. */
  spawnToReadyMs: number;
  /** Resident set in MiB of the service and its parser processes, from /proc; null once it is gone. */
  rssMiB(): number | null;
  /** Resident set of the service process alone (all its threads). */
  ownRssMiB(): number | null;
  alive(): boolean;
  /** Asks for a fresh report (SIGUSR2): index/database consistency, memory after a full GC. */
  report(timeoutMs?: number): Promise<ChildReport>;
  /** SIGKILL: no clean-up of any kind runs in the child. */
  kill9(): Promise<void>;
  /** SIGTERM: indexes saved, database closed. Resolves with the exit code. */
  stop(timeoutMs?: number): Promise<number | null>;
  /** Resolves when the child exits, with its code and signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function readRssMiB(pid: number): number | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** The process and all its descendants (the service's parser processes), from /proc. */
export function processTree(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(name));
      children.set(ppid, list);
    } catch {
      /* gone meanwhile */
    }
  }
  const out = [pid];
  for (let i = 0; i < out.length; i++) out.push(...(children.get(out[i]!) ?? []));
  return out;
}

/** RSS of a process and its descendants in MiB; null when the process is gone. */
export function readTreeRssMiB(pid: number): number | null {
  const own = readRssMiB(pid);
  if (own === null) return null;
  return processTree(pid)
    .slice(1)
    .reduce((sum, p) => sum + (readRssMiB(p) ?? 0), own);
}

/**
 * Calls `onLine` for each line of a stream and copies the lines to `sink`, except our own marker
 * lines (they carry bearer tokens, and are not the service's log).
 */
function lines(stream: NodeJS.ReadableStream, sink: fs.WriteStream, onLine: (line: string) => void): void {
  let rest = '';
  const take = (line: string): void => {
    if (!line.startsWith(READY_MARK) && !line.startsWith(REPORT_MARK)) sink.write(`${line}\n`);
    onLine(line);
  };
  stream.on('data', (chunk: Buffer) => {
    rest += chunk.toString('utf8');
    let nl: number;
    while ((nl = rest.indexOf('\n')) >= 0) {
      take(rest.slice(0, nl));
      rest = rest.slice(nl + 1);
    }
  });
  stream.on('end', () => {
    if (rest) take(rest);
  });
}

export async function startChild(opts: ChildOptions): Promise<ServerChild> {
  fs.mkdirSync(path.dirname(opts.logFile), { recursive: true });
  const sink = fs.createWriteStream(opts.logFile, { flags: 'a' });
  const t0 = performance.now();
  const child: ChildProcess = spawn(process.execPath, ['--expose-gc', '--import', tsxLoader, CHILD], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      LOG_LEVEL: 'info',
      // The hardening runs upload thousands of files from one address and try many wrong tokens;
      // quotas and the 401 limit are tested on their own (test/http/quota.test.ts, test/http/auth-failures.test.ts).
      UPLOAD_QUOTA_PER_HOUR: '1000000',
      UPLOAD_QUOTA_PER_DAY: '1000000',
      AUTH_FAILURES_PER_MINUTE: '1000000',
      ...opts.env,
      DATA_DIR: opts.dataDir,
      HOST: '127.0.0.1',
      PORT: '0',
      DEMO_DATA: 'false',
      HARDENING_USERS: JSON.stringify(opts.users ?? []),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid) opts.onSpawn?.(child.pid);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  // The log file is closed once both pipes have ended (after the exit).
  let open = 2;
  const done = (): void => {
    if (--open === 0) sink.end();
  };

  const reportWaiters: ((r: ChildReport) => void)[] = [];
  const ready = new Promise<ReadyInfo>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server child not ready after ${opts.readyTimeoutMs ?? 180_000} ms (log: ${opts.logFile})`)), opts.readyTimeoutMs ?? 180_000);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`server child exited (${code ?? signal}) before it was ready (log: ${opts.logFile})`));
    });
    lines(child.stdout!, sink, (line) => {
      if (line.startsWith(READY_MARK)) {
        clearTimeout(timer);
        resolve(JSON.parse(line.slice(READY_MARK.length)) as ReadyInfo);
      } else if (line.startsWith(REPORT_MARK)) {
        reportWaiters.shift()?.(JSON.parse(line.slice(REPORT_MARK.length)) as ChildReport);
      }
    });
    lines(child.stderr!, sink, () => undefined);
    child.stdout!.once('end', done);
    child.stderr!.once('end', done);
  });
  let info: ReadyInfo;
  try {
    info = await ready;
  } catch (e) {
    child.kill('SIGKILL');
    throw e;
  }
  const spawnToReadyMs = performance.now() - t0;
  let gone = false;
  void exited.then(() => {
    gone = true;
  });
  const pid = child.pid!;
  return {
    ready: info,
    url: info.url,
    pid,
    spawnToReadyMs,
    rssMiB: () => (gone ? null : readTreeRssMiB(pid)),
    ownRssMiB: () => (gone ? null : readRssMiB(pid)),
    alive: () => !gone,
    report: (timeoutMs = 30_000) =>
      new Promise<ChildReport>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no consistency report from the server child')), timeoutMs);
        reportWaiters.push((r) => {
          clearTimeout(timer);
          resolve(r);
        });
        child.kill('SIGUSR2');
      }),
    kill9: async () => {
      if (!gone) child.kill('SIGKILL');
      await exited;
    },
    stop: async (timeoutMs = 60_000) => {
      if (gone) return (await exited).code;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      const r = await exited;
      clearTimeout(timer);
      return r.code;
    },
    exited,
  };
}

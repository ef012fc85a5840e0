/**
 * Entry of an off-thread embedder (see worker-host.ts): loads one model and answers embed
 * requests (see protocol.ts). Runs as a worker thread (config in workerData) or as a child
 * process (config as the last argv entry, messages over the IPC channel).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { embedderConfigSchema } from './config.js';
import { createLocalEmbedder } from './local.js';
import { serializeError, type EmbedRequest, type WorkerReply } from './protocol.js';

interface Port {
  post(msg: WorkerReply, transfer?: ArrayBuffer[]): void;
  listen(fn: (msg: EmbedRequest) => void): void;
}

function threadPort(): Port | null {
  const port = parentPort;
  if (!port) return null;
  return { post: (msg, transfer = []) => port.postMessage(msg, transfer), listen: (fn) => port.on('message', fn) };
}

function processPort(): Port {
  const send = process.send?.bind(process);
  if (!send) throw new Error('worker.ts must run in a worker thread or a forked child process');
  process.on('disconnect', () => process.exit(0)); // the parent is gone
  return { post: (msg) => void send(msg), listen: (fn) => process.on('message', (m) => fn(m as EmbedRequest)) };
}

async function main(): Promise<void> {
  const thread = threadPort();
  const port = thread ?? processPort();
  const raw: unknown = thread ? workerData : JSON.parse(process.argv.at(-1) ?? '{}');
  let embedder;
  try {
    embedder = await createLocalEmbedder(embedderConfigSchema.omit({ worker: true }).parse(raw));
  } catch (e) {
    port.post({ type: 'failed', error: serializeError(e) });
    return; // the parent stops this host
  }
  const model = embedder;
  const { dimension } = model;
  port.listen((msg) => {
    if (msg.type !== 'embed') return;
    model.embed(msg.texts, msg.kind).then(
      (vectors) => {
        const packed = new Float32Array(vectors.length * dimension);
        vectors.forEach((v, i) => packed.set(v, i * dimension));
        port.post({ type: 'result', reqId: msg.reqId, count: vectors.length, dimension, buffer: packed.buffer }, [packed.buffer]);
      },
      (e: unknown) => port.post({ type: 'error', reqId: msg.reqId, error: serializeError(e) }),
    );
  });
  port.post({ type: 'ready', id: model.id, dimension });
}

void main();

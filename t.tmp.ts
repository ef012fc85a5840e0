import { createEmbedder } from './src/embed/index.js';
const e = await createEmbedder({ backend: 'use', modelsDir: 'models', worker: false });
console.log((await e.embed(['hello']))[0]!.length);

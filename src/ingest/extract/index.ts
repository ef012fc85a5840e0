export type { FileKind, ExtractLimits, Extracted, Sniffed } from './types.js';
export { sniff } from './sniff.js';
export { extractInProcess } from './extract.js';
export { ExtractorPool, type ExtractorPoolOptions } from './pool.js';

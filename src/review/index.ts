export { recordSearch, type ShownCandidate } from './drafts.js';

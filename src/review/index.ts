export { recordSearch, type ShownCandidate } from './drafts.js';
export { Review, PROFILE_PARTS, type ProfilePart, type ReviewConfig, type ShortlistView, type ShortlistItemView } from './gate.js';
export { nextState, type Transition } from './state.js';
export { oversight, type ReviewerStats } from './oversight.js';
export { isRankingSuspended, setRankingSuspended } from './suspension.js';

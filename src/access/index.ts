export { UserRepo, hashToken, newToken } from './users.js';
export { can, ACTIONS, type Action } from './policy.js';

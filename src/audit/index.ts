export { appendAudit, verifyAudit, rowHash, GENESIS, type AuditInput, type AuditRow, type ChainHead, type VerifyResult } from './log.js';
export { purgeAudit } from './retention.js';
export { recordSettings, reviewSettings, type Settings } from './settings.js';

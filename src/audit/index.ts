export { appendAudit, verifyAudit, rowHash, GENESIS, type AuditInput, type AuditRow } from './log.js';
export { purgeAudit } from './retention.js';

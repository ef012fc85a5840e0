export { appendAudit, verifyAudit, rowHash, GENESIS, type AuditInput, type AuditRow } from './log.js';

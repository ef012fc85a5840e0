/** Data-subject rights: access and portability, rectification, erasure, consent and objection; equality monitoring. */
export { CANDIDATE_TOKEN_PREFIX, issueCandidateToken, candidateIdByToken, accessLink } from './tokens.js';
export { loadKeyFile, loadPseudonymKey, pseudonymOf } from './pseudonym.js';
export { CONSENT_PURPOSES, CONSENT_WORDING, consentState, withdrawConsent, cancelUnsentAlerts, CLAIMED_ALERT, giveConsent, objectToProfiling, type ConsentState, type AlertsStopped } from './consent.js';
export { RectifyPatch, RoleInput, applyPatch, rectify, type RectifyPatchT, type RectifyDeps } from './rectify.js';
export { erase, isErased, type EraseDeps, type Erasure } from './erase.js';
export { buildExport, auditExport, type ExportDeps, type SubjectExport, type ShownIn } from './export.js';
export { toJsonResume, type JsonResume } from './json-resume.js';
export { EQUALITY_OPTIONS, EqualityAnswers, saveEqualityAnswers, readEqualityAnswers, deleteEqualityAnswers, type EqualityAnswersT } from './equality.js';

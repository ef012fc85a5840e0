import { Router } from 'express';
import multer from 'multer';
import { z } from 'zod';
import { AppError, type Candidate, type Profile } from '../domain/index.js';
import { sniff } from '../ingest/extract/index.js';
import { accessLink, issueCandidateToken } from '../privacy/index.js';
import { consentWording } from '../privacy/consent-wording.js';
import type { Services } from '../services.js';
import type { ConsentPurpose } from '../store/index.js';
import { appendAudit } from '../audit/index.js';
import { currentScope, currentUser, requireAction } from './auth.js';
import { parsersAvailable, uploadQuota } from './quota.js';
import { sameOriginOnly } from './same-origin.js';
import { UploadFields } from './schemas.js';

const IdParam = z.object({ id: z.string().uuid() });
const ListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

/** What the API shows of a candidate: the profile, not the raw text or the stored file. */
export function candidateView(c: Candidate): Record<string, unknown> {
  return {
    id: c.id,
    entity: c.entity,
    fileName: c.fileName,
    fileKind: c.fileKind,
    uploadedAt: c.uploadedAt,
    language: c.language,
    profile: c.profile,
  };
}

/** The website takes what its page promises: PDF or DOCX (by the bytes, never the name). */
function websiteFileOnly(buf: Uint8Array): void {
  const sn = sniff(buf);
  if (sn.kind === 'pdf' || sn.kind === 'docx') return;
  const detected = 'detected' in sn ? sn.detected : sn.kind === 'txt' ? 'text/plain' : sn.kind;
  if (detected === 'empty') throw new AppError('unsupported_media_type', 'The file is empty.', { detected });
  throw new AppError('unsupported_media_type', 'Please upload a PDF or DOCX file.', { detected });
}

/** A CV from which nothing useful was read (no e-mail, no skills, no roles) is refused, not stored. */
function notEmptyProfile(p: Profile): void {
  if (p.email || p.skills.length || p.roles.length) return;
  throw new AppError('unprocessable_file', 'We found no e-mail address, skills or work experience in this file.', { reason: 'nothing found' });
}

export function candidateRoutes(s: Services): Router {
  const r = Router();
  const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: s.config.upload.maxBytes, files: 1, fields: 10 } });

  // Before the body is read: a full parser queue (503) costs nothing, then the quota (429) counts the request.
  const quota = uploadQuota(s.db, s.config.dataDir, s.config.uploadQuota);
  r.post('/api/candidates', sameOriginOnly(s.config.alerts.publicUrl), parsersAvailable(s.extractor), quota, upload.single('file'), async (req, res) => {
    if (!req.file) throw new AppError('bad_request', 'Send the CV as a multipart form field named "file".', { field: 'file' });
    const fields = UploadFields.parse(req.body ?? {});
    const purposes: ConsentPurpose[] = ['recruitment', ...(fields.consentProfiling ? ['profiling' as const] : []), ...(fields.consentJobAlerts ? ['job_alerts' as const] : [])];
    const consents = purposes.map((purpose) => ({ purpose, wording: consentWording(purpose, fields.consentLang) }));
    if (fields.strict) websiteFileOnly(req.file.buffer);
    const check = fields.strict ? notEmptyProfile : undefined;
    const result = await s.ingestor.ingest({ buf: req.file.buffer, fileName: req.file.originalname, entity: fields.entity, uploadDate: fields.uploadDate, consents, check });
    // The candidate's own access token, shown once, only to whoever created the record.
    const token = result.created ? issueCandidateToken(s.db, result.candidate.id) : null;
    res.status(result.created ? 201 : 200).json({
      created: result.created,
      candidate: candidateView(result.candidate),
      access: token ? { token, link: accessLink(token) } : null,
      ...(token ? {} : { accessNote: 'This file was already stored; its access token was given once, at the first upload, and is not shown again.' }),
    });
  });

  r.get('/api/candidates/:id', requireAction('candidates:read'), (req, res) => {
    const { id } = IdParam.parse(req.params);
    const c = s.candidates.get(currentScope(res), id);
    if (!c) throw new AppError('not_found', 'No such candidate.');
    appendAudit(s.db, { actor: currentUser(res).id, action: 'profile.viewed', subject: c.id, data: { via: 'api' } });
    res.json({ candidate: candidateView(c) });
  });

  r.get('/api/candidates', requireAction('candidates:read'), (req, res) => {
    const q = ListQuery.parse(req.query);
    const scope = currentScope(res);
    const items = s.candidates.list(scope, q);
    // A list shows whole profiles: audited like a view, with the ids shown.
    appendAudit(s.db, { actor: currentUser(res).id, action: 'profiles.listed', subject: null, data: { via: 'api', shown: items.map((c) => c.id) } });
    res.json({ total: s.candidates.count(scope), items: items.map(candidateView) });
  });
  return r;
}

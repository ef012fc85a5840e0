import { Router } from 'express';
import { z } from 'zod';
import { AppError, ENTITIES } from '../domain/index.js';
import { oversight, PROFILE_PARTS, setRankingSuspended } from '../review/index.js';
import type { Services } from '../services.js';
import { currentUser, requireAction } from './auth.js';

const Id = z.object({ id: z.string().uuid() });
const IdCand = z.object({ id: z.string().uuid(), cid: z.string().uuid() });
const Decide = z.object({ decision: z.enum(['advance', 'decline']), reason: z.string().trim().max(2000).optional() }).strict();
const Reason = z.object({ reason: z.string().trim().min(3, 'give a reason').max(2000) }).strict();
const OptReason = z.object({ reason: z.string().trim().max(2000).optional() }).strict();
const Order = z.object({ candidateIds: z.array(z.string().uuid()).min(1).max(500) }).strict();
const AddItem = z.object({ candidateId: z.string().uuid(), reason: z.string().trim().min(3).max(2000) }).strict();
const Part = z.object({ part: z.enum(PROFILE_PARTS).default('profile') });
const Format = z.object({ format: z.enum(['json', 'csv']).default('json') });
const Share = z.object({ client: z.string().trim().min(2).max(200) }).strict();
const Contact = z.object({ message: z.string().trim().min(1).max(5000) }).strict();

function csvCell(v: unknown): string {
  const s = v === null || v === undefined ? '' : String(v);
  // Quote always; neutralise spreadsheet formulas (CSV injection).
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return `"${safe.replace(/"/g, '""')}"`;
}

export function reviewRoutes(s: Services): Router {
  const r = Router();
  const review = s.review;

  r.get('/api/shortlists/:id', requireAction('shortlists:review'), (req, res) => {
    res.json({ shortlist: review.view(currentUser(res), Id.parse(req.params).id) });
  });
  r.post('/api/shortlists/:id/start', requireAction('shortlists:review'), (req, res) => {
    res.json({ shortlist: review.start(currentUser(res), Id.parse(req.params).id) });
  });
  r.get('/api/shortlists/:id/candidates/:cid', requireAction('shortlists:review'), (req, res) => {
    const { id, cid } = IdCand.parse(req.params);
    const { part } = Part.parse(req.query);
    res.json({ candidateId: cid, part, data: review.openProfile(currentUser(res), id, cid, part) });
  });
  r.post('/api/shortlists/:id/candidates/:cid/decision', requireAction('shortlists:review'), (req, res) => {
    const { id, cid } = IdCand.parse(req.params);
    const body = Decide.parse(req.body);
    res.status(201).json({ decision: review.decide(currentUser(res), id, cid, body.decision, body.reason) });
  });
  r.put('/api/shortlists/:id/order', requireAction('shortlists:review'), (req, res) => {
    res.json({ shortlist: review.reorder(currentUser(res), Id.parse(req.params).id, Order.parse(req.body).candidateIds) });
  });
  r.post('/api/shortlists/:id/items', requireAction('shortlists:review'), (req, res) => {
    const body = AddItem.parse(req.body);
    res.status(201).json({ shortlist: review.addByHand(currentUser(res), Id.parse(req.params).id, body.candidateId, body.reason) });
  });
  r.delete('/api/shortlists/:id/items/:cid', requireAction('shortlists:review'), (req, res) => {
    const { id, cid } = IdCand.parse(req.params);
    res.json({ shortlist: review.remove(currentUser(res), id, cid, Reason.parse(req.body ?? {}).reason) });
  });
  r.post('/api/shortlists/:id/approve', requireAction('shortlists:approve'), (req, res) => {
    const { view, flags } = review.approve(currentUser(res), Id.parse(req.params).id);
    res.json({ shortlist: view, flags });
  });
  r.post('/api/shortlists/:id/reject', requireAction('shortlists:approve'), (req, res) => {
    res.json({ shortlist: review.reject(currentUser(res), Id.parse(req.params).id, Reason.parse(req.body).reason) });
  });
  r.post('/api/shortlists/:id/withdraw', requireAction('shortlists:review'), (req, res) => {
    res.json({ shortlist: review.withdraw(currentUser(res), Id.parse(req.params).id, OptReason.parse(req.body ?? {}).reason) });
  });

  // Egress: only through the gate, only for approved shortlists.
  r.get('/api/shortlists/:id/export', requireAction('shortlists:review'), (req, res) => {
    const user = currentUser(res);
    const { format } = Format.parse(req.query);
    const { row, advanced } = review.release(user, Id.parse(req.params).id, { kind: 'export', detail: { format } });
    const people = advanced.map((cid) => s.candidates.get({ entities: user.entities }, cid)).filter((c) => !!c);
    const rows = people.map((c) => ({ id: c.id, entity: c.entity, name: c.profile.name, email: c.profile.email, phone: c.profile.phone, location: c.profile.location, yearsExperience: c.profile.yearsExperience, skills: c.profile.skills.map((x) => x.label).join('; ') }));
    if (format === 'csv') {
      const cols = ['id', 'entity', 'name', 'email', 'phone', 'location', 'yearsExperience', 'skills'] as const;
      res.type('text/csv').attachment(`shortlist-${row.id}.csv`).send([cols.join(','), ...rows.map((x) => cols.map((k) => csvCell(x[k])).join(','))].join('\r\n') + '\r\n');
      return;
    }
    res.attachment(`shortlist-${row.id}.json`).json({ shortlist: row.id, approvedBy: row.decided_by, jobId: row.job_id, candidates: rows });
  });
  r.post('/api/shortlists/:id/share', requireAction('shortlists:review'), (req, res) => {
    const body = Share.parse(req.body);
    const { advanced } = review.release(currentUser(res), Id.parse(req.params).id, { kind: 'share', detail: { client: body.client } });
    res.json({ shared: true, client: body.client, candidates: advanced.length });
  });
  r.post('/api/shortlists/:id/candidates/:cid/contact', requireAction('shortlists:review'), (req, res) => {
    const { id, cid } = IdCand.parse(req.params);
    const body = Contact.parse(req.body);
    review.release(currentUser(res), id, { kind: 'contact', detail: { candidateId: cid, chars: body.message.length }, candidateId: cid });
    res.json({ queued: true });
  });

  r.get('/api/oversight', requireAction('oversight:read'), (_req, res) => {
    res.json({ reviewers: oversight(s.db, currentUser(res).entities) });
  });

  r.post('/api/admin/entities/:entity/ranking', requireAction('admin:configure'), (req, res) => {
    const { entity } = z.object({ entity: z.enum(ENTITIES) }).parse(req.params);
    const { suspended } = z.object({ suspended: z.boolean() }).strict().parse(req.body);
    const user = currentUser(res);
    if (!user.entities.includes(entity)) throw new AppError('forbidden', `You do not administer entity ${entity}.`);
    setRankingSuspended(s.db, user, entity, suspended);
    res.json({ entity, rankingSuspended: suspended });
  });
  return r;
}

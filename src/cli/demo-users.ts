import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Entity, Role_ } from '../domain/index.js';
import type { Services } from '../services.js';

/** The demo organisation: recruiters per entity, a processor working for DE and FR, a reviewer, an admin, a privacy officer. */
export const DEMO_USERS: { name: string; role: Role_; entities: Entity[] }[] = [
  { name: 'nl-recruiter', role: 'recruiter', entities: ['NL'] },
  { name: 'de-recruiter', role: 'recruiter', entities: ['DE'] },
  { name: 'fr-recruiter', role: 'recruiter', entities: ['FR'] },
  { name: 'processor-recruiter', role: 'recruiter', entities: ['DE', 'FR'] },
  { name: 'nl-reviewer', role: 'reviewer', entities: ['NL'] },
  { name: 'de-reviewer', role: 'reviewer', entities: ['DE'] },
  { name: 'group-admin', role: 'admin', entities: ['NL', 'DE', 'FR'] },
  { name: 'privacy-officer', role: 'privacy', entities: ['NL', 'DE', 'FR'] },
];

const TokenFile = z.record(z.string(), z.string());

/**
 * Creates the demo users once and keeps their tokens in <dataDir>/demo-tokens.json (mode 0600),
 * so `npm start` can print them every time. The database holds only the tokens' hashes.
 */
export function ensureDemoUsers(s: Services): Record<string, string> {
  const file = path.join(s.config.dataDir, 'demo-tokens.json');
  if (s.users.count() > 0) {
    return fs.existsSync(file) ? TokenFile.parse(JSON.parse(fs.readFileSync(file, 'utf8'))) : {};
  }
  const tokens: Record<string, string> = {};
  for (const u of DEMO_USERS) {
    const user = s.users.create(u.name, u.role, u.entities);
    tokens[u.name] = s.users.issueToken(user.id, 'demo');
  }
  fs.writeFileSync(file, JSON.stringify(tokens, null, 2), { mode: 0o600 });
  return tokens;
}

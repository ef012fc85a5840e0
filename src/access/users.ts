import crypto from 'node:crypto';
import type { Entity, Role_, User } from '../domain/index.js';
import type { Db } from '../store/index.js';

export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

/** A new bearer token: 256 random bits. Only its SHA-256 is stored (a fast hash is enough for random secrets). */
export function newToken(): string {
  return `jm_${crypto.randomBytes(32).toString('base64url')}`;
}

export class UserRepo {
  constructor(private readonly db: Db) {}

  create(name: string, role: Role_, entities: Entity[]): User {
    const id = crypto.randomUUID();
    this.db.transaction(() => {
      this.db.prepare('INSERT INTO users (id, name, role, created_at) VALUES (?, ?, ?, ?)').run(id, name, role, new Date().toISOString());
      const add = this.db.prepare('INSERT INTO user_entities (user_id, entity) VALUES (?, ?)');
      for (const e of entities) add.run(id, e);
    })();
    return { id, name, role, entities: [...entities] };
  }

  issueToken(userId: string, label: string, token = newToken()): string {
    this.db.prepare('INSERT INTO api_tokens (hash, user_id, label, created_at) VALUES (?, ?, ?, ?)').run(hashToken(token), userId, label, new Date().toISOString());
    return token;
  }

  revokeToken(token: string): void {
    this.db.prepare('UPDATE api_tokens SET revoked_at = ? WHERE hash = ? AND revoked_at IS NULL').run(new Date().toISOString(), hashToken(token));
  }

  byToken(token: string): User | null {
    const row = this.db
      .prepare('SELECT u.id, u.name, u.role FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.hash = ? AND t.revoked_at IS NULL')
      .get(hashToken(token)) as { id: string; name: string; role: Role_ } | undefined;
    return row ? this.withEntities(row) : null;
  }

  byName(name: string): User | null {
    const row = this.db.prepare('SELECT id, name, role FROM users WHERE name = ?').get(name) as { id: string; name: string; role: Role_ } | undefined;
    return row ? this.withEntities(row) : null;
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n;
  }

  private withEntities(row: { id: string; name: string; role: Role_ }): User {
    const entities = (this.db.prepare('SELECT entity FROM user_entities WHERE user_id = ? ORDER BY entity').all(row.id) as { entity: Entity }[]).map((r) => r.entity);
    return { ...row, entities };
  }
}

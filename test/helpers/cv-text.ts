import { startTestServer, type TestServer } from './server.js';

/** A small plain-text CV of a Java developer, for the review tests: name, e-mail, a phone from the name's length, one role with the given dates, the given skills. */
export function javaCv(name: string, skills: string, years: string): Buffer {
  return Buffer.from(`${name}\n${name.toLowerCase().replace(/ /g, '.')}@example.com\n+31 6 1234 56${String(name.length).padStart(2, '0')}\n\nExperience\nJava Developer at Acme\n${years}\nBuilt services.\n\nSkills\n${skills}`);
}

/** The review tests' server: the engine's cut at 2, no minimum review time, and an NL recruiter, reviewer and admin. */
export async function startReviewServer(): Promise<{ srv: TestServer; rec: string; rev: string; admin: string }> {
  const srv = await startTestServer({ REVIEW_CUT: '2', REVIEW_MIN_SECONDS_PER_CANDIDATE: '0' });
  return { srv, rec: srv.user('rec', 'recruiter', ['NL']), rev: srv.user('rev', 'reviewer', ['NL']), admin: srv.user('admin', 'admin', ['NL']) };
}

import type { Profile } from '../domain/index.js';

/** A profile as a JSON Resume document (https://jsonresume.org/schema, v1.0.0). */
export interface JsonResume {
  $schema: string;
  basics: {
    name?: string;
    email?: string;
    phone?: string;
    summary?: string;
    location?: { address: string };
  };
  work: { name?: string; position: string; startDate: string; endDate?: string; summary?: string }[];
  education: { institution?: string; area: string; startDate?: string; endDate?: string }[];
  skills: { name: string; keywords: string[] }[];
  languages: { language: string }[];
  meta: { version: string; lastModified: string };
}

const languageNames = new Intl.DisplayNames(['en'], { type: 'language' });

/** Drops keys whose value is null or empty, as JSON Resume has no nulls. */
function compact<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined && v !== '')) as T;
}

export function toJsonResume(p: Profile, lastModified: string): JsonResume {
  return {
    $schema: 'https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json',
    basics: compact({
      name: p.name ?? undefined,
      email: p.email ?? undefined,
      phone: p.phone ?? undefined,
      summary: p.summary ?? undefined,
      location: p.location ? { address: p.location } : undefined,
    }),
    work: p.roles.map((r) => compact({ name: r.employer ?? undefined, position: r.title, startDate: r.start, endDate: r.end ?? undefined, summary: r.description || undefined })),
    education: p.education.map((e) => compact({ institution: e.institution ?? undefined, area: e.degree, startDate: e.start ?? undefined, endDate: e.end ?? undefined })),
    skills: p.skills.map((s) => ({ name: s.label, keywords: s.surface.toLowerCase() !== s.label.toLowerCase() ? [s.surface] : [] })),
    languages: p.spokenLanguages.map((code) => ({ language: languageNames.of(code) ?? code })),
    meta: { version: 'v1.0.0', lastModified },
  };
}

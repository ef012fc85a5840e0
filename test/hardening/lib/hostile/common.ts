import type { ErrorCode } from '../../../../src/domain/index.js';
import type { Expectation, HostileCase } from './types.js';

/** The entity hostile files are uploaded to (the baseline lives in the same entity, so a mix-up would show). */
export const HOSTILE_ENTITY = 'NL';

export const emailOf = (tag: string): string => `robin.hostile.${tag.toLowerCase().replace(/[^a-z0-9]+/g, '')}@example.net`;

/** A short, valid CV for an invented person (not a fixture person), made unique by `tag`. */
export function cvLines(tag: string): string[] {
  return [
    `Robin Hostile ${tag}`,
    emailOf(tag),
    '',
    'Experience',
    'Java Developer at Acme',
    'Jan 2018 - Dec 2023',
    'Built Java and SQL services for retail clients.',
    '',
    'Skills',
    'Java, SQL, Python',
  ];
}

export const cvText = (tag: string): string => `${cvLines(tag).join('\n')}\n`;

/** A case that uploads `bytes` as the file with the usual fields. */
export function fileCase(
  id: string,
  category: string,
  expect: Expectation,
  bytes: Buffer,
  fileName: string,
  extra: { codes?: ErrorCode[]; check?: HostileCase['check']; fields?: Array<[string, string]> } = {},
): HostileCase {
  return {
    id,
    category,
    expect,
    codes: extra.codes,
    check: extra.check,
    request: { kind: 'multipart', fields: extra.fields ?? [['entity', HOSTILE_ENTITY]], files: [{ bytes, fileName }] },
  };
}

/** Error codes a damaged or hostile file may legitimately end in. */
export const FILE_ERRORS: ErrorCode[] = ['unsupported_media_type', 'unprocessable_file', 'encrypted_pdf', 'no_text_layer', 'too_many_pages', 'parse_timeout', 'payload_too_large'];

/**
 * A check that a parse of cvLines(tag) is correct: the profile has that e-mail address and the
 * Java skill. (Only for files whose text a reader can recover whole.)
 */
export function parsedAs(tag: string, also?: HostileCase['check']): HostileCase['check'] {
  return (body) => {
    const p = (body as { candidate?: { profile?: { email?: unknown; skills?: Array<{ label?: unknown }> } } }).candidate?.profile;
    if (!p) return 'no profile in the answer';
    if (p.email !== emailOf(tag)) return `profile e-mail is ${JSON.stringify(p.email)}, expected ${emailOf(tag)}`;
    if (!(p.skills ?? []).some((k) => typeof k.label === 'string' && k.label.startsWith('Java'))) return 'the Java skill was not found';
    return also?.(body) ?? null;
  };
}

/** Odd Unicode in CV text, HTML and SQL in every field, and broken multipart requests. */
import { cvLines, cvText, fileCase, FILE_ERRORS, HOSTILE_ENTITY, parsedAs } from './common.js';
import { onePage, textContent } from './pdf-build.js';
import { docxFile, documentXml } from './zip-build.js';
import { multipart } from '../http.js';
import type { HostileCase } from './types.js';

/** One sample per odd class of characters; each goes into the name, a role and the skills of a CV. */
const ODD: Record<string, string> = {
  'zero-width': 'Ro\u200bbin\u200c Ho\u200dstile\u2060\ufeff',
  bidi: '\u202eRobin\u202c \u2066Hostile\u2069 \u202bنص\u202c \u200fJava\u200e',
  zalgo: `R${'\u0301\u0316\u0334\u035c'.repeat(60)}obin`,
  'combining-nfd': 'Jose\u0301 Mu\u0308ller Bjo\u0308rn',
  noncharacters: 'Robin \ufffe\uffff\ufdd0\ufdef Hostile',
  'private-use': 'Robin \ue000\uf8ff \u{f0000}\u{10fffd} Hostile',
  tags: 'Robin \u{e0041}\u{e0042}\u{e007f} Hostile',
  'variation-selectors': 'Robin\ufe0f \u{e0100}Hostile\ufe0e',
  'emoji-zwj': 'Robin 👩‍👩‍👧‍👦 🏳️‍🌈 👍🏽 Hostile',
  'regional-indicators': 'Robin 🇳🇱🇩🇪🇫🇷🇺🇳 Hostile',
  cjk: '罗宾 敌对 ロビン 로빈 Java 开发人员',
  arabic: 'روبن عدائي ﷺ ﻻ Java',
  devanagari: 'रॉबिन शत्रुतापूर्ण जावा',
  thai: 'โรบิน ศัตรู จาวา',
  'math-alphanumeric': '𝐑𝐨𝐛𝐢𝐧 𝕁𝕒𝕧𝕒 𝓢𝓠𝓛',
  fullwidth: 'Ｒｏｂｉｎ Ｊａｖａ ＳＱＬ',
  homoglyphs: 'Rоbіn Јаvа ЅQL',
  ligatures: 'ﬁnance ﬂow ﬀ ﬃ ĳ Œ',
  spaces: 'Robin\u00a0\u2009\u200a\u3000\u205f\u2007Hostile',
  separators: 'Robin\u2028Hostile\u2029Java\u0085SQL',
  'c1-controls': 'Robin\u0080\u0085\u009b\u009f Hostile',
  'case-traps': 'İstanbul ß ﬀ ΣΑΣ ς ı DŽ ǅ',
  annotations: 'Robin \ufff9ruby\ufffaann\ufffb \ufffc\ufffd Hostile',
  'long-cluster': `a${'\u0300'.repeat(5000)}`,
  'surrogate-pairs': '𠜎𠜱𠝹𠱓 𝄞 🀄 Robin',
};

function unicode(): HostileCase[] {
  const out: HostileCase[] = Object.entries(ODD).map(([name, s]) => {
    const lines = cvLines(`unicode ${name}`);
    lines[0] = `${lines[0]} ${s}`;
    lines[4] = `${s} Developer at ${s}`;
    lines[9] = `Java, SQL, ${s}`;
    return fileCase(`unicode-${name}`, 'odd Unicode text', 'either', Buffer.from(`${lines.join('\n')}\n${s}\n`, 'utf8'), `${name}.txt`, { codes: ['unprocessable_file', 'unsupported_media_type'], check: parsedAs(`unicode ${name}`) });
  });
  const enc: Record<string, Buffer> = {
    'utf16le-bom': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(cvText('utf16le 𝄞 ß'), 'utf16le')]),
    'utf16be-bom': Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(cvText('utf16be 𝄞 ß'), 'utf16le').swap16()]),
    'utf16-odd-length': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(cvText('utf16odd'), 'utf16le'), Buffer.from([0x41])]),
    'utf16-lone-surrogate': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(cvText('lone'), 'utf16le'), Buffer.from([0x00, 0xd8, 0x41, 0x00])]),
    'cesu-surrogates': Buffer.concat([Buffer.from(cvText('cesu')), Buffer.from([0xed, 0xa0, 0x80, 0xed, 0xb0, 0x80])]),
    'overlong-utf8': Buffer.concat([Buffer.from(cvText('overlong')), Buffer.from([0xc0, 0xaf, 0xe0, 0x80, 0xaf, 0xf8, 0x88, 0x80, 0x80, 0xaf])]),
    cp1252: Buffer.from(`${cvText('cp1252')}M\xfcller \x80 \x93quoted\x94\n`, 'latin1'),
    'mixed-newlines': Buffer.from(cvLines('newlines').join('\r') + '\r\n\f\v\u2028'),
    'form-feeds': Buffer.from(`${cvText('ff')}${'\f'.repeat(3)}`),
  };
  for (const [name, b] of Object.entries(enc)) out.push(fileCase(`unicode-${name}`, 'odd Unicode text', 'either', b, `${name}.txt`, { codes: ['unprocessable_file', 'unsupported_media_type'] }));
  // The same odd text through the PDF and DOCX readers.
  const mixed = Object.values(ODD).join(' ');
  out.push(fileCase('unicode-all-in-docx', 'odd Unicode text', 'either', docxFile(documentXml([...cvLines('unicode docx'), mixed])), 'odd.docx', { codes: FILE_ERRORS }));
  out.push(fileCase('unicode-latin1-in-pdf', 'odd Unicode text', 'either', onePage(textContent([...cvLines('unicode pdf'), 'M\xfcller \xc6\xd8\xc5 \xdf \xa9 \xb5'])), 'odd.pdf', { codes: FILE_ERRORS }));
  return out;
}

const HTML = `<script>alert(document.cookie)</script><img src=x onerror=alert(1)><svg onload=alert(1)>`;
const SQL = `'); DROP TABLE candidates; DELETE FROM audit_events; --`;
const INJECT = ['{{7*7}}', '${process.exit(1)}', '__proto__', '=HYPERLINK("http://evil.example")', '+cmd|\'/c calc\'!A0', '../../../etc/passwd', '%s%s%s%n', '\\u0000', 'NaN', '-1e308'];

/** HTML, SQL, template and formula injections in every line a profile is built from. */
export const INJECTION_LINES = [
  `${HTML} ${SQL}`,
  `"><script>x</script>${SQL.replace(/ /g, '')}@example.net`,
  `Tel: +31 6 ${SQL} <b>12345678</b>`,
  `Location: <iframe src=javascript:alert(1)>, ${SQL}`,
  '',
  'Summary',
  `${INJECT.join(' ')} ${HTML}`,
  '',
  'Experience',
  `Developer ${HTML} at Acme${SQL}`,
  'Jan 2018 - Dec 2023',
  `${SQL} ${HTML} SELECT * FROM users WHERE 1=1; UNION SELECT hash FROM api_tokens`,
  '',
  'Education',
  `MSc <u>Computer Science</u>, ${SQL}`,
  '',
  'Skills',
  `Java</li><li>SQL, ${HTML}, Python'--, ${INJECT.join(', ')}`,
  '',
  'Languages',
  `English <b>native</b>, ${SQL}`,
];

/** Markup from INJECTION_LINES that must never reach a page unescaped. */
export const MARKUP = ['<script>alert(document.cookie)</script>', '<img src=x onerror=alert(1)>', '<svg onload=alert(1)>', '<iframe src=javascript:alert(1)>', '<b>12345678</b>', '<u>Computer Science</u>'];

function injectedContent(): HostileCase[] {
  const lines = INJECTION_LINES;
  const text = lines.join('\n');
  return [
    fileCase('inject-content-txt', 'HTML and SQL in every field', 'parse', Buffer.from(text), 'inject.txt', { check: profileIsData }),
    fileCase('inject-content-docx', 'HTML and SQL in every field', 'parse', docxFile(documentXml(lines.map((l) => `${l} docx`))), 'inject.docx', { check: profileIsData }),
    fileCase('inject-content-pdf', 'HTML and SQL in every field', 'parse', onePage(textContent(lines.map((l) => `${l} pdf`))), 'inject.pdf', { check: profileIsData }),
  ];
}

/** The profile came back as JSON data: strings stay strings (nothing evaluated, nothing dropped silently). */
function profileIsData(body: unknown): string | null {
  const c = (body as { candidate?: { profile?: unknown; id?: unknown } }).candidate;
  if (!c || typeof c.id !== 'string' || typeof c.profile !== 'object') return 'no candidate profile in the answer';
  if (JSON.stringify(c).includes('"49"')) return 'a template expression was evaluated';
  return null;
}

/** HTML and SQL in the form fields themselves (entity, uploadDate, consents, unknown fields). */
function injectedFields(): HostileCase[] {
  const file = (tag: string) => [{ bytes: Buffer.from(cvText(`field ${tag}`)), fileName: 'cv.txt' }];
  const bad: Record<string, Array<[string, string]>> = {
    'entity-sql': [['entity', "NL' OR '1'='1"]],
    'entity-html': [['entity', '<script>alert(1)</script>']],
    'entity-nul': [['entity', 'NL\u0000']],
    'entity-lowercase': [['entity', 'nl']],
    'entity-padded': [['entity', ' NL ']],
    'entity-missing': [],
    'entity-twice': [['entity', 'NL'], ['entity', 'DE']],
    'uploaddate-sql': [['entity', HOSTILE_ENTITY], ['uploadDate', `2026-01-01${SQL}`]],
    'uploaddate-html': [['entity', HOSTILE_ENTITY], ['uploadDate', HTML]],
    'uploaddate-month-13': [['entity', HOSTILE_ENTITY], ['uploadDate', '2026-13-45']],
    'uploaddate-9999': [['entity', HOSTILE_ENTITY], ['uploadDate', '9999-99-99']],
    'uploaddate-zero': [['entity', HOSTILE_ENTITY], ['uploadDate', '0000-00-00']],
    'consent-sql': [['entity', HOSTILE_ENTITY], ['consentProfiling', "true' OR 1=1 --"]],
    'consent-html': [['entity', HOSTILE_ENTITY], ['consentJobAlerts', HTML]],
  };
  const out: HostileCase[] = Object.entries(bad).map(([name, fields]) => ({
    id: `field-${name}`,
    category: 'HTML and SQL in every field',
    // Dates that pass the pattern but are not dates may be refused or read as given; never a 5xx.
    expect: name.startsWith('uploaddate-') && !/sql|html/.test(name) ? 'either' : 'reject',
    codes: ['validation_failed', 'bad_request'],
    request: { kind: 'multipart', fields, files: file(name) },
  }));
  const odd: Record<string, Array<[string, string]>> = {
    'unknown-fields': [['entity', HOSTILE_ENTITY], ['__proto__', '{"admin":true}'], ['constructor', 'x'], ['role', 'admin'], [`${SQL}`, HTML]],
    'prototype-pollution': [['entity', HOSTILE_ENTITY], ['__proto__[isAdmin]', 'true'], ['constructor[prototype][isAdmin]', 'true']],
  };
  for (const [name, fields] of Object.entries(odd)) {
    out.push({ id: `field-${name}`, category: 'HTML and SQL in every field', expect: 'either', codes: ['validation_failed', 'bad_request'], request: { kind: 'multipart', fields, files: file(name) } });
  }
  out.push({ id: 'field-request-id-html', category: 'HTML and SQL in every field', expect: 'parse', request: { kind: 'multipart', fields: [['entity', HOSTILE_ENTITY]], files: file('reqid'), headers: { 'x-request-id': `${HTML}${SQL}` } } });
  out.push({ id: 'field-bearer-sql', category: 'HTML and SQL in every field', expect: 'reject', codes: ['unauthorized'], request: { kind: 'multipart', fields: [['entity', HOSTILE_ENTITY]], files: file('bearer'), headers: { authorization: `Bearer ' OR 1=1 --` } } });
  return out;
}

/** Requests that are not the multipart form the route expects. */
function brokenRequests(): HostileCase[] {
  const cv = Buffer.from(cvText('multipart'));
  const m = multipart([['entity', HOSTILE_ENTITY]], [{ bytes: cv, fileName: 'cv.txt' }]);
  const cases: Record<string, { contentType: string; body: Buffer }> = {
    'json-body': { contentType: 'application/json', body: Buffer.from(JSON.stringify({ entity: 'NL', file: cv.toString('base64') })) },
    'urlencoded-body': { contentType: 'application/x-www-form-urlencoded', body: Buffer.from('entity=NL&file=abc') },
    'raw-pdf-body': { contentType: 'application/pdf', body: onePage(textContent(cvLines('raw-body'))) },
    'no-boundary': { contentType: 'multipart/form-data', body: m.body },
    'wrong-boundary': { contentType: 'multipart/form-data; boundary=nope', body: m.body },
    'truncated-body': { contentType: m.contentType, body: m.body.subarray(0, m.body.byteLength - 40) },
    'garbage-body': { contentType: m.contentType, body: Buffer.from('\x00\xff garbage without any boundary at all', 'latin1') },
    'empty-body': { contentType: m.contentType, body: Buffer.alloc(0) },
    'bad-json': { contentType: 'application/json', body: Buffer.from('{"entity": "NL",') },
  };
  const out: HostileCase[] = Object.entries(cases).map(([name, c]) => ({ id: `request-${name}`, category: 'broken requests', expect: 'reject', codes: ['bad_request', 'validation_failed'], request: { kind: 'raw', ...c } }));
  const forms: Record<string, { fields: Array<[string, string]>; files: Parameters<typeof multipart>[1] }> = {
    'no-file': { fields: [['entity', HOSTILE_ENTITY]], files: [] },
    'two-files': { fields: [['entity', HOSTILE_ENTITY]], files: [{ bytes: cv, fileName: 'a.txt' }, { bytes: cv, fileName: 'b.txt' }] },
    'wrong-field-name': { fields: [['entity', HOSTILE_ENTITY]], files: [{ bytes: cv, fileName: 'cv.txt', field: 'cv' }] },
    'eleven-fields': { fields: [['entity', HOSTILE_ENTITY], ...Array.from({ length: 10 }, (_, i): [string, string] => [`f${i}`, 'x'])], files: [{ bytes: cv, fileName: 'cv.txt' }] },
    'field-2mb': { fields: [['entity', HOSTILE_ENTITY], ['uploadDate', 'x'.repeat(2 * 1024 * 1024)]], files: [{ bytes: cv, fileName: 'cv.txt' }] },
  };
  for (const [name, f] of Object.entries(forms)) out.push({ id: `request-${name}`, category: 'broken requests', expect: 'reject', codes: ['bad_request', 'validation_failed', 'payload_too_large'], request: { kind: 'multipart', ...f } });
  return out;
}

export function textCases(): HostileCase[] {
  return [...unicode(), ...injectedContent(), ...injectedFields(), ...brokenRequests()];
}

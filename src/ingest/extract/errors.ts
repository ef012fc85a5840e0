import { AppError } from '../../domain/errors.js';

/** User-facing errors of extraction: plain words, no stack, nothing from the file's contents. */

const MB = 1024 * 1024;
const size = (bytes: number): string =>
  bytes >= MB ? `${Math.round((bytes / MB) * 10) / 10} MB` : `${Math.ceil(bytes / 1024)} KB`;

export function unsupported(detected: string): AppError {
  let message = 'This type of file is not supported. Please upload a PDF, DOCX or plain-text file.';
  if (detected === 'empty') message = 'The file is empty.';
  else if (detected === 'application/msword')
    message = 'Old Word (.doc) files are not supported. Please save the file as DOCX or PDF and upload it again.';
  else if (detected === 'application/x-encrypted-office')
    message = 'This Office file is protected with a password. Please remove the password and upload it again.';
  else if (detected.startsWith('image/'))
    message = 'Images are not supported. Please upload a PDF, DOCX or plain-text file.';
  return new AppError('unsupported_media_type', message, { detected });
}

export function tooLarge(bytes: number, maxBytes: number): AppError {
  return new AppError('payload_too_large', `The file is larger than the ${size(maxBytes)} limit.`, { bytes, maxBytes });
}

export function tooManyPages(pages: number, maxPages: number): AppError {
  return new AppError('too_many_pages', `The PDF has ${pages} pages; at most ${maxPages} are accepted.`, {
    pages,
    maxPages,
  });
}

export function timedOut(timeoutMs: number): AppError {
  const seconds = Math.round(timeoutMs / 100) / 10;
  return new AppError('parse_timeout', `Reading the file took too long (more than ${seconds} s) and was stopped.`, {
    timeoutMs,
  });
}

export function encryptedPdf(): AppError {
  return new AppError(
    'encrypted_pdf',
    'This PDF is protected with a password. Please upload a version without a password.',
  );
}

export function noTextLayer(pages: number): AppError {
  return new AppError(
    'no_text_layer',
    'This PDF has no text layer (it looks like a scanned image). Please upload a PDF with selectable text, or a DOCX.',
    { pages },
  );
}

export type Unprocessable = 'damaged pdf' | 'damaged docx' | 'expands too much' | 'no text' | 'too much text' | 'memory' | 'crashed';

const UNPROCESSABLE: Record<Unprocessable, string> = {
  'damaged pdf': 'The PDF file is damaged or incomplete and could not be read.',
  'damaged docx': 'The DOCX file is damaged or incomplete and could not be read.',
  'expands too much': 'The DOCX file expands to more data than we accept.',
  'no text': 'The file contains no readable text.',
  'too much text': 'The file holds far more text than a CV; please upload the CV on its own.',
  memory: 'The file needed too much memory to read and was stopped.',
  crashed: 'The file could not be read.',
};

export function unprocessable(reason: Unprocessable, details?: Record<string, unknown>): AppError {
  return new AppError('unprocessable_file', UNPROCESSABLE[reason], { reason, ...details });
}

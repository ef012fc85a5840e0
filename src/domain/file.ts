export type FileKind = 'pdf' | 'docx' | 'txt';

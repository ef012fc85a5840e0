import type { CvLanguage, Entity, Profile } from './profile.js';
import type { FileKind } from './file.js';

export interface Candidate {
  id: string;
  entity: Entity;
  fileSha256: string;
  fileKind: FileKind;
  fileName: string;
  uploadedAt: string;
  language: CvLanguage;
  profile: Profile;
  /** Increases on every change to the candidate; the index manifest tracks the highest. */
  updatedAt: string;
}

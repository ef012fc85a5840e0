/**
 * Cues that tell a job title from an employer name in a role header, in English, Dutch, German
 * and French. They only decide between two pieces whose order is ambiguous ("Google" /
 * "Engineer | 2019 – 2021"); the layout decides everything else.
 */
import { fold } from '../../taxonomy/index.js';

/** Words a job title ends with; compounds count too ("Datenanalyst", "Heftruckchauffeur"). */
const TITLE_ENDINGS = [
  'manager', 'engineer', 'developer', 'programmer', 'architect', 'analyst', 'scientist', 'consultant', 'specialist',
  'designer', 'director', 'officer', 'assistant', 'coordinator', 'administrator', 'accountant', 'controller', 'recruiter',
  'teacher', 'lecturer', 'trainer', 'tutor', 'nurse', 'technician', 'mechanic', 'electrician', 'operator', 'supervisor',
  'driver', 'worker', 'clerk', 'secretary', 'receptionist', 'cook', 'chef', 'waiter', 'intern', 'trainee', 'apprentice',
  'owner', 'lead', 'head', 'founder', 'president', 'associate', 'representative', 'agent', 'advisor', 'adviser', 'editor',
  'writer', 'planner', 'buyer', 'auditor', 'lawyer', 'paralegal', 'researcher', 'marketer', 'marketeer', 'bookkeeper',
  'ontwikkelaar', 'programmeur', 'ontwerper', 'analist', 'adviseur', 'medewerker', 'beheerder', 'leider', 'leidinggevende',
  'verpleegkundige', 'verzorgende', 'docent', 'leraar', 'lerares', 'monteur', 'technicus', 'chauffeur', 'kok', 'ober',
  'stagiair', 'boekhouder', 'verkoper', 'directeur', 'coordinator', 'coördinator', 'werktuigbouwkundige', 'kundige',
  'entwickler', 'programmierer', 'ingenieur', 'berater', 'beraterin', 'leiter', 'leiterin', 'mitarbeiter', 'mitarbeiterin',
  'referent', 'referentin', 'sachbearbeiter', 'sachbearbeiterin', 'lehrer', 'lehrerin', 'dozent', 'dozentin', 'pfleger',
  'pflegerin', 'krankenschwester', 'pflegefachkraft', 'fachkraft', 'techniker', 'koch', 'köchin', 'kellner', 'praktikant',
  'praktikantin', 'werkstudent', 'buchhalter', 'buchhalterin', 'lagerist', 'logistiker', 'fahrer', 'designerin',
  'managerin', 'analystin', 'entwicklerin', 'ingenieurin', 'spezialist', 'spezialistin', 'assistentin', 'assistent',
  'développeur', 'développeuse', 'ingénieur', 'ingénieure', 'analyste', 'conseiller', 'conseillère', 'responsable',
  'chargé', 'chargée', 'chef', 'directeur', 'directrice', 'assistante', 'technicien', 'technicienne', 'infirmier',
  'infirmière', 'enseignant', 'enseignante', 'professeur', 'formateur', 'formatrice', 'cuisinier', 'cuisinière', 'serveur',
  'serveuse', 'comptable', 'commercial', 'commerciale', 'stagiaire', 'magasinier', 'cariste', 'logisticien', 'graphiste',
  'recruteur', 'recruteuse', 'contrôleur', 'spécialiste', 'soignant', 'soignante', 'vendeur', 'vendeuse',
].map(fold);
const TITLE_WORDS = new Set(['ceo', 'cto', 'cfo', 'coo', 'vp', 'senior', 'junior', 'medior', 'stage', 'product owner']);
const TITLE_ENDING_SET = new Set(TITLE_ENDINGS);

/** Legal forms and organisation words. */
const EMPLOYER_WORDS = new Set(
  [
    'gmbh', 'ag', 'kg', 'ohg', 'mbh', 'ug', 'ltd', 'limited', 'inc', 'llc', 'llp', 'plc', 'corp', 'corporation', 'co', 'company',
    'bv', 'b.v', 'nv', 'n.v', 'vof', 'sa', 's.a', 'sas', 'sarl', 'sasu', 'eurl', 'se', 'group', 'groep', 'gruppe', 'groupe',
    'holding', 'partners', 'consulting', 'solutions', 'services', 'systems', 'technologies', 'labs', 'bank',
    'university', 'universiteit', 'universität', 'université', 'hogeschool', 'hochschule', 'school', 'college', 'academy',
    'akademie', 'académie', 'lycée', 'gymnasium', 'institute', 'instituut', 'institut', 'gemeente', 'stadt', 'ville',
    'ministry', 'ministerie', 'ministerium', 'ministère', 'hospital', 'ziekenhuis', 'klinikum', 'klinik', 'hôpital', 'clinique',
    'zonen', 'söhne', 'fils', 'stichting', 'stiftung', 'fondation', 'foundation', 'verein', 'association', 'spedition',
    'transports', 'logistics', 'logistik', 'logistique', 'medien', 'media', 'hotel', 'restaurant', 'agency', 'agentur', 'agence',
  ].map(fold),
);

function words(s: string): string[] {
  return fold(s)
    .split(/[^\p{L}\p{N}.]+/u)
    .map((w) => w.replace(/\.+$/, ''))
    .filter(Boolean);
}

/** How strongly a piece reads as a job title (0: no sign). */
export function titleCue(s: string): number {
  let n = 0;
  for (const w of words(s)) {
    if (TITLE_WORDS.has(w) || TITLE_ENDING_SET.has(w)) n++;
    else if (w.length > 6 && TITLE_ENDINGS.some((e) => e.length >= 4 && w.endsWith(e))) n++;
  }
  return n;
}

/** How strongly a piece reads as an organisation (0: no sign). */
export function employerCue(s: string): number {
  let n = 0;
  for (const w of words(s)) if (EMPLOYER_WORDS.has(w) || /(?:schule|school|school)$/.test(w)) n++;
  if (/&/.test(s)) n++;
  return n;
}

/**
 * The team's own multilingual vocabulary (written by us, not copied from anywhere).
 *
 * ESCO in ../shared/data is English only, so Dutch, German and French terms for the
 * common skills, occupations and CV headings live here, keyed by the English label.
 * At load time each label is resolved to its ESCO URI when ESCO is present, otherwise
 * to a built-in `jm:<slug>` id, so matching never depends on the embedding model
 * being multilingual.
 */
import type { SectionKind } from '../domain/index.js';

export type Lang = 'en' | 'nl' | 'de' | 'fr';

export interface TermEntry {
  /** English preferred label; equals the ESCO preferred label where ESCO has one. */
  label: string;
  /** Extra surface forms per language (the label itself always counts for every language). */
  en?: string[];
  nl?: string[];
  de?: string[];
  fr?: string[];
}

/** Common skills. Tools and programming languages are written the same in every language. */
export const SKILL_TERMS: TermEntry[] = [
  { label: 'Python (computer programming)', en: ['python'] },
  { label: 'Java (computer programming)', en: ['java'] },
  { label: 'JavaScript', en: ['javascript', 'js', 'ecmascript'] },
  { label: 'TypeScript', en: ['typescript'] },
  { label: 'SQL', en: ['sql'] },
  { label: 'C++', en: ['c++', 'cpp'] },
  { label: 'C#', en: ['c#', 'csharp'] },
  { label: 'PHP', en: ['php'] },
  { label: 'Go', en: ['golang'] },
  { label: 'Rust', en: ['rust'] },
  { label: 'Kotlin', en: ['kotlin'] },
  { label: 'Swift (computer programming)', en: ['swift'] },
  { label: 'React', en: ['react', 'react.js', 'reactjs'] },
  { label: 'Angular', en: ['angular', 'angularjs'] },
  { label: 'Vue.js', en: ['vue', 'vue.js', 'vuejs'] },
  { label: 'Node.js', en: ['node.js', 'nodejs', 'node'] },
  { label: 'Spring Boot', en: ['spring boot', 'spring'] },
  { label: 'Django', en: ['django'] },
  { label: 'Docker', en: ['docker'] },
  { label: 'Kubernetes', en: ['kubernetes', 'k8s'] },
  { label: 'Amazon Web Services', en: ['aws', 'amazon web services'] },
  { label: 'Microsoft Azure', en: ['azure', 'microsoft azure'] },
  { label: 'Google Cloud Platform', en: ['gcp', 'google cloud'] },
  { label: 'Git', en: ['git', 'github', 'gitlab'] },
  { label: 'Linux', en: ['linux'] },
  { label: 'PostgreSQL', en: ['postgresql', 'postgres'] },
  { label: 'MongoDB', en: ['mongodb'] },
  { label: 'HTML', en: ['html', 'html5'] },
  { label: 'CSS', en: ['css', 'css3'] },
  { label: 'REST API', en: ['rest', 'restful api', 'rest api', 'rest apis'] },
  { label: 'GraphQL', en: ['graphql'] },
  { label: 'TensorFlow', en: ['tensorflow'] },
  { label: 'PyTorch', en: ['pytorch'] },
  { label: 'Apache Spark', en: ['spark', 'apache spark'] },
  { label: 'Tableau', en: ['tableau'] },
  { label: 'Power BI', en: ['power bi', 'powerbi'] },
  { label: 'SAP', en: ['sap', 'sap erp'] },
  { label: 'Salesforce', en: ['salesforce'] },
  { label: 'Jira', en: ['jira', 'atlassian jira'] },
  { label: 'Excel', en: ['excel', 'microsoft excel', 'ms excel'] },
  { label: 'AutoCAD', en: ['autocad'] },
  { label: 'CI/CD', en: ['ci/cd', 'continuous integration', 'continuous delivery'], nl: ['continue integratie'], de: ['kontinuierliche integration'], fr: ['intégration continue'] },
  { label: 'machine learning', nl: ['machinaal leren'], de: ['maschinelles lernen'], fr: ['apprentissage automatique'] },
  { label: 'data analytics', en: ['data analysis'], nl: ['data-analyse', 'data analyse', 'gegevensanalyse'], de: ['datenanalyse'], fr: ['analyse de données', 'analyse des données'] },
  { label: 'statistics', nl: ['statistiek'], de: ['statistik'], fr: ['statistiques'] },
  { label: 'software testing', en: ['testing', 'unit testing', 'test automation'], nl: ['softwaretesten', 'testautomatisering'], de: ['softwaretests', 'testautomatisierung'], fr: ['tests logiciels', 'automatisation des tests'] },
  { label: 'Agile project management', en: ['agile', 'scrum', 'kanban'], nl: ['agile werken'], de: ['agiles projektmanagement', 'agile methoden'], fr: ['gestion de projet agile', 'méthodes agiles'] },
  { label: 'project management', nl: ['projectmanagement', 'projectleiding'], de: ['projektmanagement', 'projektleitung'], fr: ['gestion de projet', 'gestion de projets'] },
  { label: 'manage a team', en: ['team leadership', 'team management', 'people management'], nl: ['teamleiding', 'leidinggeven', 'teammanagement'], de: ['teamführung', 'personalführung', 'mitarbeiterführung'], fr: ["gestion d'équipe", "management d'équipe", 'encadrement'] },
  { label: 'customer service', nl: ['klantenservice', 'klantgerichtheid'], de: ['kundenservice', 'kundendienst', 'kundenorientierung'], fr: ['service client', 'service à la clientèle'] },
  { label: 'communicate with customers', en: ['customer communication'], nl: ['klantcontact'], de: ['kundenkommunikation'], fr: ['relation client'] },
  { label: 'accounting', en: ['bookkeeping'], nl: ['boekhouding', 'accountancy'], de: ['buchhaltung', 'rechnungswesen'], fr: ['comptabilité'] },
  { label: 'financial analysis', nl: ['financiële analyse'], de: ['finanzanalyse'], fr: ['analyse financière'] },
  { label: 'budget management', en: ['manage budgets', 'budgeting'], nl: ['budgetbeheer'], de: ['budgetverwaltung', 'budgetplanung'], fr: ['gestion budgétaire', 'gestion du budget'] },
  { label: 'marketing principles', en: ['marketing'], nl: ['marketing'], de: ['marketing'], fr: ['marketing'] },
  { label: 'online marketing', en: ['digital marketing', 'seo', 'search engine optimisation'], nl: ['online marketing', 'zoekmachineoptimalisatie'], de: ['online-marketing', 'suchmaschinenoptimierung'], fr: ['marketing digital', 'référencement naturel'] },
  { label: 'sales strategies', en: ['sales', 'business development'], nl: ['verkoop', 'sales'], de: ['vertrieb', 'verkauf'], fr: ['vente', 'développement commercial'] },
  { label: 'negotiation', en: ['negotiate'], nl: ['onderhandelen', 'onderhandeling'], de: ['verhandlungsführung', 'verhandeln'], fr: ['négociation'] },
  { label: 'logistics', nl: ['logistiek'], de: ['logistik'], fr: ['logistique'] },
  { label: 'supply chain management', nl: ['ketenbeheer', 'supply chain'], de: ['lieferkettenmanagement'], fr: ["gestion de la chaîne d'approvisionnement"] },
  { label: 'warehouse operations', en: ['warehousing'], nl: ['magazijnbeheer'], de: ['lagerverwaltung', 'lagerlogistik'], fr: ["gestion d'entrepôt"] },
  { label: 'forklift operation', en: ['forklift'], nl: ['heftruck rijden', 'heftruckcertificaat'], de: ['gabelstaplerfahren', 'staplerschein'], fr: ['conduite de chariot élévateur', 'caces'] },
  { label: 'nursing principles', en: ['nursing', 'patient care'], nl: ['verpleegkunde', 'patiëntenzorg'], de: ['krankenpflege', 'pflege', 'patientenversorgung'], fr: ['soins infirmiers', 'soins aux patients'] },
  { label: 'first aid', nl: ['eerste hulp', 'ehbo', 'bhv'], de: ['erste hilfe'], fr: ['premiers secours'] },
  { label: 'recruitment', en: ['recruiting', 'talent acquisition'], nl: ['werving en selectie', 'werving'], de: ['personalbeschaffung', 'rekrutierung'], fr: ['recrutement'] },
  { label: 'human resource management', en: ['hr management', 'human resources'], nl: ['personeelsbeleid', 'hrm'], de: ['personalwesen', 'personalmanagement'], fr: ['gestion des ressources humaines'] },
  { label: 'teamwork principles', en: ['teamwork', 'team player'], nl: ['samenwerken', 'teamwerk'], de: ['teamarbeit', 'teamfähigkeit'], fr: ["travail d'équipe", 'esprit d’équipe', "esprit d'équipe"] },
  { label: 'stakeholder management', nl: ['stakeholdermanagement'], de: ['stakeholder-management'], fr: ['gestion des parties prenantes'] },
  { label: 'product management', en: ['product ownership', 'product owner', 'product roadmap'], nl: ['productmanagement'], de: ['produktmanagement'], fr: ['gestion de produit'] },
  { label: 'user experience design', en: ['ux', 'ux design', 'user research'], nl: ['ux-ontwerp'], de: ['ux-design', 'nutzererfahrung'], fr: ['conception ux', 'expérience utilisateur'] },
  { label: 'graphic design', nl: ['grafisch ontwerp'], de: ['grafikdesign'], fr: ['design graphique', 'graphisme'] },
  { label: 'quality assurance', en: ['quality control'], nl: ['kwaliteitsborging', 'kwaliteitscontrole'], de: ['qualitätssicherung', 'qualitätskontrolle'], fr: ['assurance qualité', 'contrôle qualité'] },
  { label: 'electrical engineering', nl: ['elektrotechniek'], de: ['elektrotechnik'], fr: ['génie électrique', 'électrotechnique'] },
  { label: 'mechanical engineering', nl: ['werktuigbouwkunde'], de: ['maschinenbau'], fr: ['génie mécanique'] },
  { label: 'welding', nl: ['lassen'], de: ['schweißen'], fr: ['soudage'] },
  { label: 'cooking', en: ['culinary skills'], nl: ['koken'], de: ['kochen'], fr: ['cuisine'] },
  { label: 'food safety', en: ['haccp'], nl: ['voedselveiligheid'], de: ['lebensmittelsicherheit'], fr: ['sécurité alimentaire', 'hygiène alimentaire'] },
  { label: 'teaching', en: ['lesson planning'], nl: ['lesgeven', 'onderwijzen'], de: ['unterrichten', 'lehre'], fr: ['enseignement'] },
  { label: 'public speaking', en: ['presentation skills', 'presenting'], nl: ['presenteren', 'presentatievaardigheden'], de: ['präsentationsfähigkeit', 'präsentieren'], fr: ['prise de parole en public', 'présentation orale'] },
  { label: 'use microsoft office', en: ['microsoft office', 'ms office'], nl: ['microsoft office', 'ms office'], de: ['ms office', 'microsoft office'], fr: ['pack office', 'microsoft office'] },
  { label: 'contract law', nl: ['contractenrecht'], de: ['vertragsrecht'], fr: ['droit des contrats'] },
  { label: 'cyber security', en: ['cybersecurity', 'information security'], nl: ['informatiebeveiliging', 'cyberbeveiliging'], de: ['informationssicherheit', 'it-sicherheit'], fr: ['cybersécurité', "sécurité de l'information"] },
];

/** Occupation groups ("fields") with the words that signal them in titles. */
export const OCCUPATION_TERMS: (TermEntry & { field: string })[] = [
  { field: 'software', label: 'software developer', en: ['software engineer', 'software development engineer', 'software developer', 'developer', 'programmer', 'full stack', 'front-end', 'frontend', 'back-end', 'backend', 'web developer'], nl: ['softwareontwikkelaar', 'ontwikkelaar', 'programmeur'], de: ['softwareentwickler', 'entwickler', 'programmierer', 'softwareingenieur'], fr: ['développeur', 'développeuse', 'ingénieur logiciel', 'programmeur'] },
  { field: 'data', label: 'data scientist', en: ['data analyst', 'data engineer', 'machine learning engineer', 'ml engineer'], nl: ['data-analist', 'data analist'], de: ['datenanalyst', 'datenwissenschaftler'], fr: ['analyste de données', 'scientifique des données'] },
  { field: 'product', label: 'product manager', en: ['product owner'], nl: ['productmanager'], de: ['produktmanager'], fr: ['chef de produit'] },
  { field: 'project', label: 'project manager', en: ['programme manager', 'scrum master'], nl: ['projectmanager', 'projectleider'], de: ['projektmanager', 'projektleiter'], fr: ['chef de projet'] },
  { field: 'finance', label: 'accountant', en: ['financial analyst', 'controller', 'bookkeeper'], nl: ['boekhouder', 'financieel analist'], de: ['buchhalter', 'finanzanalyst', 'controllerin'], fr: ['comptable', 'analyste financier', 'contrôleur de gestion'] },
  { field: 'sales', label: 'sales manager', en: ['account manager', 'sales representative'], nl: ['verkoper', 'accountmanager'], de: ['vertriebsmitarbeiter', 'verkaufsleiter', 'vertriebsleiter'], fr: ['commercial', 'responsable commercial', 'chargé de clientèle'] },
  { field: 'marketing', label: 'marketing manager', en: ['marketing specialist', 'content marketer'], nl: ['marketeer', 'marketingmanager'], de: ['marketingmanager', 'marketingreferent'], fr: ['responsable marketing', 'chargé de marketing'] },
  { field: 'logistics', label: 'logistics manager', en: ['warehouse worker', 'supply chain planner', 'forklift driver'], nl: ['logistiek medewerker', 'magazijnmedewerker', 'heftruckchauffeur'], de: ['logistiker', 'lagerist', 'lagermitarbeiter'], fr: ['logisticien', 'magasinier', 'cariste'] },
  { field: 'healthcare', label: 'nurse', en: ['registered nurse', 'care assistant'], nl: ['verpleegkundige', 'verzorgende'], de: ['krankenpfleger', 'krankenschwester', 'pflegefachkraft'], fr: ['infirmier', 'infirmière', 'aide-soignant'] },
  { field: 'hr', label: 'recruiter', en: ['hr advisor', 'hr manager', 'talent acquisition specialist'], nl: ['recruiter', 'hr-adviseur'], de: ['personalreferent', 'recruiterin'], fr: ['recruteur', 'chargé de recrutement', 'responsable rh'] },
  { field: 'engineering', label: 'mechanical engineer', en: ['electrical engineer', 'engineer', 'technician'], nl: ['werktuigbouwkundige', 'monteur', 'technicus'], de: ['maschinenbauingenieur', 'ingenieur', 'techniker'], fr: ['ingénieur', 'technicien'] },
  { field: 'hospitality', label: 'cook', en: ['chef', 'waiter'], nl: ['kok', 'ober'], de: ['koch', 'köchin', 'kellner'], fr: ['cuisinier', 'serveur'] },
  { field: 'education', label: 'teacher', en: ['lecturer', 'trainer'], nl: ['docent', 'leraar'], de: ['lehrer', 'lehrerin', 'dozent'], fr: ['enseignant', 'professeur', 'formateur'] },
  { field: 'design', label: 'graphic designer', en: ['ux designer', 'ui designer'], nl: ['grafisch ontwerper'], de: ['grafikdesigner'], fr: ['graphiste', 'designer ux'] },
];

/** CV section headings per kind and language (matched case-insensitively, whole line). */
export const SECTION_HEADINGS: Record<Exclude<SectionKind, 'other'>, Record<Lang, string[]>> = {
  summary: {
    en: ['summary', 'profile', 'professional summary', 'about me', 'objective', 'personal statement', 'career summary'],
    nl: ['profiel', 'samenvatting', 'over mij', 'persoonlijk profiel'],
    de: ['profil', 'zusammenfassung', 'über mich', 'kurzprofil'],
    fr: ['profil', 'résumé', 'à propos de moi', 'profil professionnel'],
  },
  experience: {
    en: ['experience', 'work experience', 'professional experience', 'employment history', 'work history', 'career history', 'employment'],
    nl: ['werkervaring', 'ervaring', 'loopbaan', 'arbeidsverleden', 'professionele ervaring'],
    de: ['berufserfahrung', 'erfahrung', 'beruflicher werdegang', 'werdegang', 'berufliche erfahrung'],
    fr: ['expérience professionnelle', 'expériences professionnelles', 'expérience', 'parcours professionnel'],
  },
  education: {
    en: ['education', 'academic background', 'qualifications', 'education and training'],
    nl: ['opleiding', 'opleidingen', 'onderwijs', 'opleiding en cursussen'],
    de: ['ausbildung', 'bildung', 'studium', 'bildungsweg', 'schulbildung'],
    fr: ['formation', 'formations', 'éducation', 'diplômes', 'études'],
  },
  skills: {
    en: ['skills', 'technical skills', 'core skills', 'key skills', 'competencies', 'core competencies', 'expertise', 'technologies'],
    nl: ['vaardigheden', 'competenties', 'kennis en vaardigheden', 'technische vaardigheden'],
    de: ['kenntnisse', 'fähigkeiten', 'kompetenzen', 'fachkenntnisse', 'it-kenntnisse'],
    fr: ['compétences', 'compétences techniques', 'savoir-faire', 'connaissances'],
  },
  languages: {
    en: ['languages', 'language skills'],
    nl: ['talen', 'talenkennis'],
    de: ['sprachen', 'sprachkenntnisse'],
    fr: ['langues', 'compétences linguistiques'],
  },
  certifications: {
    en: ['certifications', 'certificates', 'licenses'],
    nl: ['certificaten', 'certificeringen'],
    de: ['zertifikate', 'zertifizierungen'],
    fr: ['certifications', 'certificats'],
  },
  projects: {
    en: ['projects', 'selected projects'],
    nl: ['projecten'],
    de: ['projekte'],
    fr: ['projets'],
  },
  interests: {
    en: ['interests', 'hobbies'],
    nl: ['interesses', 'hobby’s', "hobby's", 'hobbys'],
    de: ['interessen', 'hobbys'],
    fr: ["centres d'intérêt", 'loisirs', 'intérêts'],
  },
  references: {
    en: ['references'],
    nl: ['referenties'],
    de: ['referenzen'],
    fr: ['références'],
  },
};

/** Month names and abbreviations, index 0 = January. */
export const MONTHS: Record<Lang, string[][]> = {
  en: [['january', 'jan'], ['february', 'feb'], ['march', 'mar'], ['april', 'apr'], ['may'], ['june', 'jun'], ['july', 'jul'], ['august', 'aug'], ['september', 'sep', 'sept'], ['october', 'oct'], ['november', 'nov'], ['december', 'dec']],
  nl: [['januari', 'jan'], ['februari', 'feb'], ['maart', 'mrt'], ['april', 'apr'], ['mei'], ['juni', 'jun'], ['juli', 'jul'], ['augustus', 'aug'], ['september', 'sep', 'sept'], ['oktober', 'okt'], ['november', 'nov'], ['december', 'dec']],
  de: [['januar', 'jan', 'jänner'], ['februar', 'feb'], ['märz', 'mär', 'maerz'], ['april', 'apr'], ['mai'], ['juni', 'jun'], ['juli', 'jul'], ['august', 'aug'], ['september', 'sep', 'sept'], ['oktober', 'okt'], ['november', 'nov'], ['dezember', 'dez']],
  fr: [['janvier', 'janv', 'jan'], ['février', 'févr', 'fevrier', 'fev'], ['mars'], ['avril', 'avr'], ['mai'], ['juin'], ['juillet', 'juil'], ['août', 'aout'], ['septembre', 'sept', 'sep'], ['octobre', 'oct'], ['novembre', 'nov'], ['décembre', 'déc', 'decembre', 'dec']],
};

/** Words meaning "until now" in a date range ("2019 – tot heden", "janv. 2019 - à ce jour", "01/2019 – laufend"). */
export const PRESENT_WORDS: Record<Lang, string[]> = {
  en: ['present', 'to present', 'now', 'until now', 'till now', 'to date', 'till date', 'current', 'currently', 'today', 'ongoing'],
  nl: ['heden', 'tot heden', 'tot op heden', 'nu', 'tot nu', 'huidig', 'momenteel', 'lopend', 'present'],
  de: ['heute', 'bis heute', 'jetzt', 'bis jetzt', 'aktuell', 'derzeit', 'dato', 'bis dato', 'laufend', 'gegenwärtig'],
  fr: ["aujourd'hui", 'aujourd’hui', "à aujourd'hui", 'présent', 'à présent', 'actuel', 'actuellement', 'ce jour', 'à ce jour', 'en cours', 'maintenant'],
};

/** Spoken-language names in each CV language, keyed by ISO 639-1. */
export const LANGUAGE_NAMES: Record<string, Record<Lang, string[]>> = {
  en: { en: ['english'], nl: ['engels'], de: ['englisch'], fr: ['anglais'] },
  nl: { en: ['dutch', 'flemish'], nl: ['nederlands', 'vlaams'], de: ['niederländisch', 'holländisch'], fr: ['néerlandais'] },
  de: { en: ['german'], nl: ['duits'], de: ['deutsch'], fr: ['allemand'] },
  fr: { en: ['french'], nl: ['frans'], de: ['französisch'], fr: ['français'] },
  es: { en: ['spanish'], nl: ['spaans'], de: ['spanisch'], fr: ['espagnol'] },
  it: { en: ['italian'], nl: ['italiaans'], de: ['italienisch'], fr: ['italien'] },
  pl: { en: ['polish'], nl: ['pools'], de: ['polnisch'], fr: ['polonais'] },
  pt: { en: ['portuguese'], nl: ['portugees'], de: ['portugiesisch'], fr: ['portugais'] },
  tr: { en: ['turkish'], nl: ['turks'], de: ['türkisch'], fr: ['turc'] },
  ar: { en: ['arabic'], nl: ['arabisch'], de: ['arabisch'], fr: ['arabe'] },
  zh: { en: ['chinese', 'mandarin'], nl: ['chinees'], de: ['chinesisch'], fr: ['chinois'] },
};

/**
 * Function words of our four languages (written by the team), dropped from keyword queries: an OR
 * query over "of", "in", "de", "und" matches nearly every CV and makes BM25 slow and noisy.
 */
const WORDS = `
a an and or the of in on at to for with by from as is are be been was were this that these those it its
you your we our they their he she his her i me my not no but if so than then there here also such into
over under about more most very can will would should may must have has had do does did
years year yrs experience experienced looking work working team role position candidate job
de het een en of in op aan te voor met door van als is zijn was waren dit dat deze die het je jij u wij we
ze zij hij haar niet geen maar dan ook bij naar om tot uit over onder meer zeer kan zal moet heeft hebben
jaar jaren ervaring werk functie
der die das ein eine einer eines und oder in im am an auf zu zum zur für mit von vom als ist sind war
waren dies diese dieser es sie er ihr wir nicht kein keine aber dann auch bei nach um bis aus über unter
mehr sehr kann wird muss hat haben jahre jahren erfahrung arbeit stelle
le la les un une des et ou en au aux du de d l à pour avec par sur dans est sont était ce cette ces il
elle ils elles nous vous ne pas mais donc aussi chez plus très peut doit a ont ans années expérience travail poste
`;

export const STOPWORDS: ReadonlySet<string> = new Set(WORDS.split(/\s+/).filter(Boolean));

/** The distinct content words of a text, in order, at most `max`. */
export function contentWords(text: string, max = 40): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const m of text.toLowerCase().matchAll(/[\p{L}\p{N}][\p{L}\p{N}+#.]*/gu)) {
    const w = m[0].replace(/\.+$/, '');
    if (w.length < 2 && !/^[cr]$/.test(w)) continue;
    if (STOPWORDS.has(w) || seen.has(w)) continue;
    seen.add(w);
    out.push(w);
    if (out.length >= max) break;
  }
  return out;
}

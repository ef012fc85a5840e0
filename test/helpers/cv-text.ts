/** A small plain-text CV of a Java developer, for the review tests: name, e-mail, a phone from the name's length, one role with the given dates, the given skills. */
export function javaCv(name: string, skills: string, years: string): Buffer {
  return Buffer.from(`${name}\n${name.toLowerCase().replace(/ /g, '.')}@example.com\n+31 6 1234 56${String(name.length).padStart(2, '0')}\n\nExperience\nJava Developer at Acme\n${years}\nBuilt services.\n\nSkills\n${skills}`);
}

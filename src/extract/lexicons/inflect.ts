/** Regular English verb forms of a lemma: base, -s, -ed, -ing (irregular forms are listed by hand). */
export function verbForms(lemma: string): string[] {
  const forms = [lemma];
  const cons = (c: string | undefined): boolean => c !== undefined && !'aeiou'.includes(c);
  const last = lemma[lemma.length - 1];
  const prev = lemma[lemma.length - 2];
  if (/(s|x|z|ch|sh)$/.test(lemma)) forms.push(`${lemma}es`);
  else if (last === 'y' && cons(prev)) forms.push(`${lemma.slice(0, -1)}ies`);
  else forms.push(`${lemma}s`);
  if (last === 'e') {
    forms.push(`${lemma}d`, `${lemma.slice(0, -1)}ing`);
  } else if (last === 'y' && cons(prev)) {
    forms.push(`${lemma.slice(0, -1)}ied`, `${lemma}ing`);
  } else {
    forms.push(`${lemma}ed`, `${lemma}ing`);
  }
  return forms;
}

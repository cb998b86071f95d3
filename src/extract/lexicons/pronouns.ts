/** Personal pronouns that can stand for a speaker, with the gender and number they imply. */
export const PRONOUNS: ReadonlyMap<string, { readonly gender: 'm' | 'f' | 'n' | 'x'; readonly plural: boolean }> = new Map([
  ['he', { gender: 'm', plural: false }],
  ['him', { gender: 'm', plural: false }],
  ['his', { gender: 'm', plural: false }],
  ['she', { gender: 'f', plural: false }],
  ['her', { gender: 'f', plural: false }],
  ['hers', { gender: 'f', plural: false }],
  ['it', { gender: 'n', plural: false }],
  ['its', { gender: 'n', plural: false }],
  ['they', { gender: 'x', plural: true }],
  ['them', { gender: 'x', plural: true }],
  ['their', { gender: 'x', plural: true }],
  ['i', { gender: 'x', plural: false }],
  ['we', { gender: 'x', plural: true }],
  ['you', { gender: 'x', plural: false }],
]);

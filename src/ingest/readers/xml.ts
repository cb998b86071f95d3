import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** A parsed XML document, or why it was refused. */
export type XmlResult = { readonly ok: true; readonly doc: Record<string, unknown> } | { readonly ok: false; readonly reason: string };

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  textNodeName: '#text',
  // Entities are never expanded by the parser: with no DTD allowed, only the
  // five predefined ones and character references remain, decoded below.
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  cdataPropName: '#cdata',
});

/**
 * Parses XML that may come from anyone. A document type declaration is
 * refused outright: it is where entity expansion attacks (billion laughs,
 * external entities) live, and feeds have no use for one.
 */
export function parseXml(text: string): XmlResult {
  if (/<!DOCTYPE/i.test(text) || /<!ENTITY/i.test(text)) {
    return { ok: false, reason: 'XML with a document type or entity declarations refused (entity expansion is not allowed)' };
  }
  const valid = XMLValidator.validate(text);
  if (valid !== true) return { ok: false, reason: `malformed XML: ${valid.err.msg} (line ${valid.err.line})` };
  try {
    return { ok: true, doc: parser.parse(text) as Record<string, unknown> };
  } catch (err) {
    return { ok: false, reason: `malformed XML: ${err instanceof Error ? err.message : String(err)}` };
  }
}

const PREDEFINED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Decodes XML's predefined entities and character references, and nothing else. */
export function decodeXmlEntities(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return PREDEFINED[ref] ?? whole;
  });
}

/** The text of an element as the parser left it: a string, CDATA, or `#text` beside attributes. */
export function textOf(node: unknown): string | null {
  if (node === undefined || node === null) return null;
  if (typeof node === 'string') return decodeXmlEntities(node);
  if (typeof node === 'number' || typeof node === 'boolean') return String(node);
  if (Array.isArray(node)) return textOf(node[0]);
  if (typeof node === 'object') {
    const o = node as Record<string, unknown>;
    const parts: string[] = [];
    for (const key of ['#cdata', '#text']) {
      const v = o[key];
      if (typeof v === 'string') parts.push(key === '#cdata' ? v : decodeXmlEntities(v));
      else if (Array.isArray(v)) parts.push(...v.filter((x): x is string => typeof x === 'string'));
    }
    return parts.length > 0 ? parts.join('') : null;
  }
  return null;
}

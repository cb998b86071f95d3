import { ATTRIBUTION_KINDS } from '../model/index.js';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: object, description = 'OK') => ({ description, content: { 'application/json': { schema } } });
const error = (description: string) => json(ref('Error'), description);
const page = (item: string) => ({
  type: 'object',
  required: ['items', 'next'],
  properties: { items: { type: 'array', items: ref(item) }, next: { type: ['string', 'null'], description: 'relative URL of the next page' } },
});
const query = (name: string, description: string, schema: object = { type: 'string' }) => ({ name, in: 'query', required: false, description, schema });
const pathId = (description: string) => ({ name: 'id', in: 'path', required: true, description, schema: { type: 'integer', minimum: 1 } });
const LIMIT = query('limit', 'items per page (1–200, default 50)', { type: 'integer', minimum: 1, maximum: 200 });
const OFFSET = query('offset', 'items to skip (at most 5000)', { type: 'integer', minimum: 0, maximum: 5000 });

const span = {
  type: 'object',
  description: 'Half-open [start, end) UTF-16 offsets into the article text; text === articleText.slice(start, end).',
  required: ['start', 'end', 'text'],
  properties: {
    start: { type: 'integer' },
    end: { type: 'integer' },
    text: { type: 'string' },
    parts: { type: 'array', items: { type: 'object', properties: { start: { type: 'integer' }, end: { type: 'integer' }, text: { type: 'string' } } } },
    selector: { type: 'object', properties: { exact: { type: 'string' }, prefix: { type: 'string' }, suffix: { type: 'string' } } },
  },
};

const WRITE = [{ bearer: [] }, {}];

/** The OpenAPI 3.1 description of the API, served at `/api/openapi.json`. */
export const OPENAPI_DOCUMENT = Object.freeze({
  openapi: '3.1.0',
  info: {
    title: 'Claimtrail API',
    version: '0.1.0',
    description:
      'Who said what, according to whom. Lists answer { items, next }. Errors answer { status, message }. ' +
      'Writes need a bearer token when the server listens beyond loopback.',
  },
  servers: [{ url: '/' }],
  components: {
    securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'CLAIMTRAIL_TOKEN' } },
    schemas: {
      Error: { type: 'object', required: ['status', 'message'], properties: { status: { type: 'integer' }, message: { type: 'string' } } },
      Span: span,
      Kind: { type: 'string', enum: [...ATTRIBUTION_KINDS] },
      SpeakerLink: {
        type: ['object', 'null'],
        properties: { id: { type: ['integer', 'null'] }, name: { type: 'string' }, type: { type: 'string' }, roles: { type: 'array', items: { type: 'string' } } },
      },
      Attribution: {
        type: 'object',
        required: ['id', 'kind', 'content', 'cue', 'source', 'speaker'],
        properties: {
          id: { type: 'integer' },
          articleId: { type: 'integer' },
          localId: { type: 'string' },
          kind: ref('Kind'),
          content: ref('Span'),
          cue: ref('Span'),
          source: { oneOf: [ref('Span'), { type: 'null' }] },
          speaker: ref('SpeakerLink'),
          claimId: { type: 'integer' },
        },
      },
      ArticleSummary: {
        type: 'object',
        required: ['id', 'source'],
        properties: {
          id: { type: 'integer' },
          title: { type: ['string', 'null'] },
          url: { type: ['string', 'null'] },
          source: { type: 'string' },
          outlet: { type: ['string', 'null'] },
          publishedAt: { type: ['string', 'null'], format: 'date' },
          attributions: { type: 'integer' },
        },
      },
      Article: {
        allOf: [
          ref('ArticleSummary'),
          {
            type: 'object',
            properties: {
              text: { type: 'string' },
              bodyStart: { type: 'integer' },
              attributions: { type: 'array', items: ref('Attribution') },
              entities: { type: 'array', items: { type: 'object' }, description: 'found again from the text by the current extractor' },
            },
          },
        ],
      },
      Speaker: {
        type: 'object',
        required: ['id', 'name', 'type'],
        properties: {
          id: { type: 'integer' },
          name: { type: 'string' },
          type: { type: 'string' },
          roles: { type: 'array', items: { type: 'string' } },
          articles: { type: 'integer' },
          statements: { type: 'integer' },
        },
      },
      SpeakerPage: {
        allOf: [
          ref('Speaker'),
          {
            type: 'object',
            properties: {
              aliases: { type: 'array', items: { type: 'string' } },
              datedRoles: { type: 'array', items: { type: 'object' } },
              statementList: { type: 'array', items: { type: 'object' } },
              outlets: { type: 'array', items: { type: 'object' } },
            },
          },
        ],
      },
      SearchResult: {
        type: 'object',
        required: ['id', 'attribution', 'article', 'snippet', 'score'],
        properties: { id: { type: 'integer' }, attribution: { type: 'object' }, article: { type: 'object' }, speaker: ref('SpeakerLink'), snippet: { type: 'string' }, score: { type: 'number' } },
      },
      Trace: {
        type: 'object',
        properties: { id: { type: 'integer' }, attribution: { type: 'object' }, article: { type: 'object' }, speaker: ref('SpeakerLink'), chain: { type: 'array', items: { type: 'object' } }, claim: { type: 'array', items: { type: 'object' } } },
      },
      Extraction: {
        type: 'object',
        properties: { text: { type: 'string' }, file: { type: ['string', 'null'] }, publishedAt: { type: ['string', 'null'] }, attributions: { type: 'array', items: { type: 'object' } }, entities: { type: 'array', items: { type: 'object' } } },
      },
      AddResult: {
        type: 'object',
        properties: {
          articles: { type: 'array', items: { type: 'object', properties: { id: { type: 'integer' }, outcome: { type: 'string', enum: ['ingested', 'updated', 'unchanged'] } } } },
          diagnostics: { type: 'array', items: { type: 'object', properties: { source: { type: 'string' }, reason: { type: 'string' } } } },
        },
      },
    },
  },
  paths: {
    '/api/extract': {
      post: {
        summary: 'Extract attributions from text without storing anything',
        security: WRITE,
        requestBody: {
          required: true,
          content: {
            'application/json': { schema: { type: 'object', required: ['text'], properties: { text: { type: 'string' }, publishedAt: { type: 'string', format: 'date' } } } },
            'text/plain': { schema: { type: 'string' } },
          },
        },
        responses: { 200: json(ref('Extraction')), 400: error('bad input'), 401: error('token required'), 413: error('body too large') },
      },
    },
    '/api/articles': {
      get: { summary: 'Articles, oldest id first', parameters: [LIMIT, query('after', 'cursor: the last id of the previous page', { type: 'integer' })], responses: { 200: json(page('ArticleSummary')) } },
      post: {
        summary: 'Ingest an article: text, HTML, a URL, or an uploaded file (text, HTML, feed, JSON Lines)',
        security: WRITE,
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: {
                  text: { type: 'string' }, html: { type: 'string' }, url: { type: 'string' },
                  title: { type: 'string' }, outlet: { type: 'string' }, byline: { type: 'string' }, publishedAt: { type: 'string', format: 'date' },
                },
              },
            },
            'text/plain': { schema: { type: 'string' } },
            'multipart/form-data': { schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } },
          },
        },
        responses: {
          200: json(ref('AddResult'), 'already stored, unchanged'),
          201: json(ref('AddResult'), 'stored'),
          400: error('bad input'),
          401: error('token required'),
          403: error('cross-site write'),
          413: error('body too large'),
          415: error('unsupported content type'),
          422: error('nothing readable in the request'),
        },
      },
    },
    '/api/articles/{id}': { get: { summary: 'One article: text, attributions, entities', parameters: [pathId('article id')], responses: { 200: json(ref('Article')), 404: error('no such article') } } },
    '/api/speakers': { get: { summary: 'Speakers, most statements first', parameters: [LIMIT, OFFSET], responses: { 200: json(page('Speaker')) } } },
    '/api/speakers/{id}': {
      get: {
        summary: 'A speaker: roles over time, statements, outlets',
        parameters: [{ name: 'id', in: 'path', required: true, description: 'speaker id or name', schema: { type: 'string' } }, query('limit', 'statements at most (default 500)', { type: 'integer' })],
        responses: { 200: json(ref('SpeakerPage')), 404: error('no such speaker') },
      },
    },
    '/api/search': {
      get: {
        summary: 'Full-text search over attribution contents',
        parameters: [
          query('q', 'words or "phrases", all required'), query('speaker', 'speaker name or id'), query('outlet', 'outlet name'),
          query('since', 'YYYY-MM-DD, inclusive', { type: 'string', format: 'date' }), query('until', 'YYYY-MM-DD, inclusive', { type: 'string', format: 'date' }),
          query('kind', 'attribution kind', ref('Kind')), LIMIT, OFFSET,
        ],
        responses: { 200: json(page('SearchResult')), 400: error('bad filter') },
      },
    },
    '/api/attributions/{id}/trace': { get: { summary: 'Where a statement comes from, and who else carried it', parameters: [pathId('attribution id')], responses: { 200: json(ref('Trace')), 404: error('no such attribution') } } },
    '/api/export': {
      get: {
        summary: 'The whole record as JSON Lines, or one table as CSV',
        parameters: [query('format', 'jsonl (default) or csv', { type: 'string', enum: ['jsonl', 'csv'] }), query('table', 'for csv: articles, attributions (default) or speakers')],
        responses: { 200: { description: 'a stream', content: { 'application/x-ndjson': {}, 'text/csv': {} } }, 400: error('bad format') },
      },
    },
    '/api/stats': { get: { summary: 'Counts of what the record holds', responses: { 200: json({ type: 'object' }) } } },
    '/api/openapi.json': { get: { summary: 'This document', responses: { 200: json({ type: 'object' }) } } },
  },
});

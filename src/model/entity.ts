import type { Span } from './span.js';

/** What a speaker finally is. `report`/`document` resolve to their outlet or author where the text says. */
export type EntityType =
  | 'person'
  | 'organization'
  | 'outlet'
  | 'report'
  | 'document'
  | 'unnamed'
  | 'place';

/** Every entity type, in a stable order. */
export const ENTITY_TYPES: readonly EntityType[] = Object.freeze([
  'person',
  'organization',
  'outlet',
  'report',
  'document',
  'unnamed',
  'place',
]);

/** An entity the article mentions, with every mention of it. */
export interface Entity {
  readonly id: string;
  readonly name: string;
  readonly type: EntityType;
  /** Titles and descriptions the article gives it, as written. */
  readonly roles: readonly string[];
  readonly mentions: readonly Span[];
}

/** The speaker an attribution's source resolves to. */
export interface SpeakerRef {
  readonly id: string;
  readonly name: string;
  readonly type: EntityType;
  readonly roles: readonly string[];
}

/** Makes a frozen entity. */
export function createEntity(fields: Entity): Entity {
  return Object.freeze({
    ...fields,
    roles: Object.freeze([...fields.roles]),
    mentions: Object.freeze([...fields.mentions]),
  });
}

/** The speaker reference of an entity. */
export function speakerOf(entity: Entity): SpeakerRef {
  return Object.freeze({ id: entity.id, name: entity.name, type: entity.type, roles: entity.roles });
}

// Small builders for the bundled JSON schemas: they keep the schema files readable.
import type { JSONSchema } from 'monaco-yaml';

export type Schema = JSONSchema;

export const str = (description?: string, extra: Schema = {}): Schema => ({ type: 'string', ...(description ? { description } : {}), ...extra });
export const int = (description?: string): Schema => ({ type: 'integer', ...(description ? { description } : {}) });
export const bool = (description?: string): Schema => ({ type: 'boolean', ...(description ? { description } : {}) });
export const intOrString = (description: string): Schema => ({ type: ['integer', 'string'], description });
export const strList = (description?: string): Schema => ({ type: 'array', items: { type: 'string' }, ...(description ? { description } : {}) });
export const enumOf = (values: string[], description?: string): Schema => ({ type: 'string', enum: values, ...(description ? { description } : {}) });
/** Label and annotation maps: every value must be a string (the API server rejects anything else). */
export const strMap = (description: string): Schema => ({ type: 'object', additionalProperties: { type: 'string' }, description });
export const arr = (items: Schema, description?: string): Schema => ({ type: 'array', items, ...(description ? { description } : {}) });
export const obj = (properties: Record<string, Schema>, description?: string, extra: Schema = {}): Schema => ({
  type: 'object',
  properties,
  ...(description ? { description } : {}),
  ...extra,
});
export const ref = (name: string): Schema => ({ $ref: `#/definitions/${name}` });
/** Prometheus duration, e.g. 30s, 1m, 1h30m. */
export const duration = (description: string): Schema => ({ type: 'string', pattern: '^((\\d+)(y|w|d|h|ms|m|s))+$', description });

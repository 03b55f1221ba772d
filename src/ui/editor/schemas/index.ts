// The one schema every editor tab gets (schema URIs are names, not links: nothing is fetched).
// A document is dispatched by `kind` to the schema of that kind, `kind: List` (kubectl dumps) to
// its items, and a document with `scrape_configs`/`global` to the scrape config schema.
import type { SchemasSettings } from 'monaco-yaml';
import type { Schema } from './helpers.ts';
import { KUBERNETES_API_VERSIONS, KUBERNETES_DEFINITIONS } from './kubernetes.ts';
import { OPERATOR_API_VERSIONS, OPERATOR_DEFINITIONS } from './operators.ts';
import { SCRAPE_DEFINITIONS } from './scrapeConfig.ts';

export const INPUT_SCHEMA_URI = 'ksd://schemas/input.json';

const API_VERSIONS: Record<string, string[]> = { ...KUBERNETES_API_VERSIONS, ...OPERATOR_API_VERSIONS };
const KINDS = Object.keys(API_VERSIONS);

const dispatch = (kind: string): Schema => ({
  if: { properties: { kind: { const: kind } }, required: ['kind'] },
  then: { $ref: `#/definitions/${kind}` },
});

// Open enums: completion offers the known values, other values are not errors (the engine lists unknown kinds
// as ignored, it does not reject them).
const openEnum = (values: string[], description: string): Schema => ({ anyOf: [{ type: 'string', enum: values }, { type: 'string' }], description });

/** Any object the engine reads: dispatch on kind. */
const anyObject: Schema = {
  type: 'object',
  properties: {
    apiVersion: openEnum([...new Set(Object.values(API_VERSIONS).flat())], 'API group/version.'),
    kind: openEnum([...KINDS, 'List'], 'Object kind. Kinds outside this list are ignored by the engine.'),
  },
  allOf: KINDS.map(dispatch),
};

export const INPUT_SCHEMA: Schema = {
  $id: INPUT_SCHEMA_URI,
  title: 'ksd playground input',
  description: 'Kubernetes objects, operator objects or a scrape config.',
  definitions: { ...KUBERNETES_DEFINITIONS, ...OPERATOR_DEFINITIONS, ...SCRAPE_DEFINITIONS, anyObject },
  type: 'object',
  properties: {
    apiVersion: openEnum([...new Set(Object.values(API_VERSIONS).flat())], 'API group/version of a Kubernetes or operator object.'),
    kind: openEnum([...KINDS, 'List'], 'Object kind. Kinds outside this list are ignored by the engine.'),
  },
  // A document with `kind` is an object (a List's items are objects too); any other is a scrape config.
  if: { required: ['kind'] },
  then: {
    allOf: [
      { $ref: '#/definitions/anyObject' },
      { if: { properties: { kind: { const: 'List' } }, required: ['kind'] }, then: { properties: { items: { type: 'array', items: { $ref: '#/definitions/anyObject' } } } } },
    ],
  },
  else: { $ref: '#/definitions/scrapeConfig' },
};

export const SCHEMAS: SchemasSettings[] = [{ uri: INPUT_SCHEMA_URI, fileMatch: ['*'], schema: INPUT_SCHEMA }];

// Kubernetes field selectors (apimachinery fields.ParseSelector) and the fields the API server
// lets each kind be selected by (its registry's selectable fields and field label conversion).
import type { KubeObject, Node, Pod, Service } from '../ingest/kinds.ts';
import type { Parsed } from './selectors.ts';

/** One comma-separated term of a field selector. */
export interface FieldTerm {
  field: string;
  op: '=' | '==' | '!=';
  value: string;
}

/** A parsed field selector: every term must match. Empty = everything. */
export interface FieldSelector {
  text: string;
  terms: FieldTerm[];
}

/** Parses a Kubernetes field selector (`f=v`, `f==v`, `f!=v`, comma-separated; `\,` `\=` `\\` escapes). No
 * whitespace trimming, as in apimachinery: `a = b` names the field `a `. */
export function parseFieldSelector(text: string): Parsed<FieldSelector> {
  const terms: FieldTerm[] = [];
  for (const part of splitTerms(text)) {
    if (part === '') continue;
    const t = splitTerm(part);
    if (!t) return { ok: false, message: `invalid selector: '${text}'; can't understand '${part}'` };
    const value = unescapeValue(t.rhs);
    if (typeof value !== 'string') return { ok: false, message: value.error };
    terms.push({ field: t.lhs, op: t.op, value });
  }
  return { ok: true, sel: { text, terms } };
}

function splitTerms(s: string): string[] {
  if (s === '') return [];
  const out: string[] = [];
  let start = 0;
  let slash = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (slash) slash = false;
    else if (c === '\\') slash = true;
    else if (c === ',') {
      out.push(s.slice(start, i));
      start = i + 1;
    }
  }
  out.push(s.slice(start));
  return out;
}

/** The first position where `!=`, `==` or `=` starts splits the term (no escaping on the left side). */
function splitTerm(term: string): { lhs: string; op: FieldTerm['op']; rhs: string } | undefined {
  for (let i = 0; i < term.length; i++) {
    for (const op of ['!=', '==', '='] as const) {
      if (term.startsWith(op, i)) return { lhs: term.slice(0, i), op, rhs: term.slice(i + op.length) };
    }
  }
  return undefined;
}

function unescapeValue(s: string): string | { error: string } {
  let out = '';
  let slash = false;
  for (const c of s) {
    if (slash) {
      if (c !== '\\' && c !== ',' && c !== '=') return { error: `invalid field selector: invalid escape sequence: \\${c}` };
      out += c;
      slash = false;
    } else if (c === '\\') slash = true;
    else if (c === ',' || c === '=') return { error: `invalid field selector: unescaped character in value: ${JSON.stringify(c)}` };
    else out += c;
  }
  if (slash) return { error: 'invalid field selector: invalid escape sequence: \\' };
  return out;
}

const POD_FIELDS = ['spec.nodeName', 'spec.restartPolicy', 'spec.schedulerName', 'spec.serviceAccountName', 'spec.hostNetwork', 'status.phase', 'status.podIP', 'status.nominatedNodeName'];
/** Selectable fields per kind beyond metadata.name/namespace (the API server's field label conversion funcs). */
const KIND_FIELDS: Record<string, string[]> = {
  Pod: POD_FIELDS,
  Node: ['spec.unschedulable'],
  Service: ['spec.clusterIP', 'spec.type'],
};
/** Nodes are cluster-scoped: their conversion func accepts metadata.name only. */
const META_FIELDS: Record<string, string[]> = { Node: ['metadata.name'] };

/** The fields of `sel` the API server refuses for `kind` (listing then fails), each with the server's message. */
export function validateFieldSelector(sel: FieldSelector, kind: string): string[] {
  const allowed = new Set([...(META_FIELDS[kind] ?? ['metadata.name', 'metadata.namespace']), ...(KIND_FIELDS[kind] ?? [])]);
  const custom = kind in KIND_FIELDS;
  const out: string[] = [];
  for (const t of sel.terms) {
    if (allowed.has(t.field)) continue;
    // Kinds with their own conversion func say "field label not supported"; the rest use the generic
    // metav1 conversion and its "is not a known field selector" text.
    out.push(custom ? `field label not supported: ${t.field}` : `"${t.field}" is not a known field selector: only "metadata.name", "metadata.namespace"`);
  }
  return out;
}

/** Value of a selectable field as the API server computes it (with the defaults it would have applied). */
function fieldValue(obj: KubeObject, field: string): string {
  const m = obj.metadata;
  if (field === 'metadata.name') return m.name ?? '';
  if (field === 'metadata.namespace') return m.namespace ?? '';
  if (obj.kind === 'Pod') {
    const p = obj as Pod;
    const spec = p.spec ?? {};
    const st = p.status ?? {};
    switch (field) {
      case 'spec.nodeName':
        return spec.nodeName ?? '';
      case 'spec.restartPolicy':
        return str(spec.restartPolicy) || 'Always'; // API default
      case 'spec.schedulerName':
        return str(spec.schedulerName) || 'default-scheduler'; // API default
      case 'spec.serviceAccountName':
        return str(spec.serviceAccountName) || 'default'; // ServiceAccount admission
      case 'spec.hostNetwork':
        return spec.hostNetwork === true ? 'true' : 'false';
      case 'status.phase':
        return st.phase ?? '';
      case 'status.podIP':
        return st.podIPs?.[0]?.ip ?? st.podIP ?? ''; // the registry reads podIPs[0]
      case 'status.nominatedNodeName':
        return str(st.nominatedNodeName);
    }
  }
  if (obj.kind === 'Node' && field === 'spec.unschedulable') return (obj as Node).spec?.unschedulable === true ? 'true' : 'false';
  if (obj.kind === 'Service') {
    const spec = (obj as Service).spec ?? {};
    if (field === 'spec.clusterIP') return spec.clusterIP ?? '';
    if (field === 'spec.type') return spec.type ?? '';
  }
  return '';
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** fields.Selector.Matches against the object's selectable fields. Unsupported fields must be rejected first
 * with validateFieldSelector (the API server never gets to matching then). */
export function matchFieldSelector(sel: FieldSelector, obj: KubeObject): boolean {
  return sel.terms.every((t) => (t.op === '!=' ? fieldValue(obj, t.field) !== t.value : fieldValue(obj, t.field) === t.value));
}

// Everything that can go wrong with user input is data, never an exception.
// A Diagnostic always carries a position (file, 1-based line and column) so the
// CLI can print `file:line:col` and the editor can place a marker.

/** A point in an input file. `line` and `col` are 1-based; `offset` is 0-based (UTF-16 units). */
export interface SourcePos {
  file: string;
  line: number;
  col: number;
  offset?: number;
}

/** A span in an input file: start and (optional) end. */
export interface SourceRange extends SourcePos {
  endLine?: number;
  endCol?: number;
  endOffset?: number;
}

export type Severity = 'error' | 'warning' | 'info';

/** Closed set of diagnostic codes. Tests assert on codes, not on message text. */
export type DiagnosticCode =
  // ingest
  | 'YAML_PARSE'
  | 'JSON_PARSE'
  | 'NOT_AN_OBJECT'
  | 'MISSING_KIND'
  | 'UNKNOWN_KIND'
  | 'INVALID_FIELD'
  | 'DUPLICATE_OBJECT'
  | 'INPUT_TOO_LARGE'
  | 'UNCLASSIFIED_INPUT'
  // scrape config
  | 'CONFIG_PARSE'
  | 'CONFIG_INVALID'
  | 'CONFIG_UNKNOWN_FIELD'
  | 'CONFIG_WARNING'
  | 'RELABEL_INVALID'
  | 'SD_CONFIG_INVALID'
  | 'SELECTOR_INVALID'
  // discovery / cluster
  | 'DISCOVERY_WARNING'
  | 'LABEL_COLLISION'
  | 'SIMULATED'
  // operators
  | 'OPERATOR_REJECTED'
  | 'OPERATOR_NOT_SELECTED'
  | 'OPERATOR_ASSUMED'
  // usage
  | 'USAGE';

export interface Diagnostic {
  code: DiagnosticCode;
  severity: Severity;
  message: string;
  /** Where the problem is. Absent only for problems that belong to no file (e.g. no input at all). */
  pos?: SourceRange;
  /** Extra lines of explanation. */
  notes?: string[];
}

export function diag(
  code: DiagnosticCode,
  severity: Severity,
  message: string,
  pos?: SourceRange,
  notes?: string[],
): Diagnostic {
  const d: Diagnostic = { code, severity, message };
  if (pos) d.pos = pos;
  if (notes && notes.length) d.notes = notes;
  return d;
}

/** `file:line:col: severity: message` — the form compilers and editors understand. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.pos ? `${d.pos.file}:${d.pos.line}:${d.pos.col}: ` : '';
  const notes = d.notes?.length ? '\n' + d.notes.map((n) => '  ' + n).join('\n') : '';
  return `${where}${d.severity}: ${d.message}${notes}`;
}

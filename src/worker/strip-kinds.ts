// The kinds of private value removed before a link is made, and the report of what was found —
// shared by the worker's strip pass and the share dialog (this module imports nothing, so the page's
// bundle does not pull in the YAML parser the strip pass uses).
export const STRIP_KINDS = ['secret-data', 'env-values', 'last-applied', 'config-credentials'] as const;
export type StripKind = (typeof STRIP_KINDS)[number];

export const STRIP_KIND_TITLES: Record<StripKind, string> = {
  'secret-data': 'Secret data and stringData values',
  'env-values': 'container env values',
  'last-applied': 'kubectl.kubernetes.io/last-applied-configuration annotations',
  'config-credentials': 'passwords, tokens and client secrets in scrape configs',
};

export interface Removal {
  kind: StripKind;
  file: string;
  /** 1-based line of the removed value. */
  line: number;
  /** Where, in words: `Secret default/db: data.password`, `containers[0].env[2] (DB_PASSWORD)`. */
  where: string;
}

export interface StripReport {
  removals: Removal[];
  /** Per kind: how many values were (or, for kinds kept, would have been) removed. */
  counts: Record<StripKind, number>;
  /** Files that could not be read; they are left out of the link entirely (never passed through unchecked). */
  unreadable: string[];
}


// Finds the active target with the same labels and URL as a new one: Prometheus keeps one target per distinct
// (labels, URL) pair (scrape/scrape.go sync). Active targets are bucketed by URL, a string key V8 hashes natively
// (and remembers in the string): most URLs are unique, so most lookups compare no labels at all. Hashing every label
// of every target in JS instead cost ~1 µs a target, 18 ms of the pod job at 10k pods. A URL that many targets share
// (a job that points every target at one exporter, with the real target in a label) gets a second level keyed by a
// hash of the labels once it holds BUCKET_MAX targets, so a run stays linear whatever the input.
import { labelsEqual, labelsHash, type Labels } from '../labels.ts';

/** Targets compared one by one under one URL before the bucket is keyed by a hash of their labels. */
export const BUCKET_MAX = 8;

type Bucket = number[] | Map<number, number[]>;

export class ActiveIndex {
  private readonly byUrl = new Map<string, Bucket>();

  /** `labelsOf(i)`: the labels of active target i (all pairwise distinct). Returns the index of the active target
   * equal to (labels, url), or records `next` as the index of a new one and returns undefined. */
  lookupOrAdd(labels: Labels, url: string, next: number, labelsOf: (i: number) => Labels): number | undefined {
    const bucket = this.byUrl.get(url);
    if (bucket === undefined) {
      this.byUrl.set(url, [next]);
      return undefined;
    }
    if (Array.isArray(bucket)) {
      for (let k = 0; k < bucket.length; k++) if (labelsEqual(labelsOf(bucket[k] as number), labels)) return bucket[k];
      bucket.push(next);
      if (bucket.length === BUCKET_MAX) {
        const byHash = new Map<number, number[]>();
        // `next` is not active yet (the caller adds it after this returns): its labels are the ones given.
        for (const i of bucket) addTo(byHash, labelsHash(i === next ? labels : labelsOf(i), ''), i);
        this.byUrl.set(url, byHash);
      }
      return undefined;
    }
    const h = labelsHash(labels, '');
    const same = bucket.get(h);
    if (same !== undefined) for (let k = 0; k < same.length; k++) if (labelsEqual(labelsOf(same[k] as number), labels)) return same[k];
    addTo(bucket, h, next);
    return undefined;
  }
}

function addTo(m: Map<number, number[]>, h: number, i: number): void {
  const list = m.get(h);
  if (list === undefined) m.set(h, [i]);
  else list.push(i);
}

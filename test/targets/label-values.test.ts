// Prometheus refuses a target whose label value is not valid UTF-8 (a UTF-16 surrogate without its pair here): the
// target fails with INVALID_LABEL_VALUE. The check (labels.ts hasLoneSurrogate) is native where the runtime has
// String.prototype.isWellFormed, a scan otherwise; both must agree.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/engine/config/scrape-config.ts';
import { ingest } from '../../src/engine/ingest/ingest.ts';
import { hasLoneSurrogate, hasLoneSurrogateScan, type Labels } from '../../src/engine/labels.ts';
import { getProfile } from '../../src/engine/profiles/index.ts';
import { buildJobTargets } from '../../src/engine/targets/build.ts';

describe('label values that are not valid UTF-8', () => {
  it('hasLoneSurrogate (native isWellFormed) and its fallback scan agree on any UTF-16 text', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 0xffff })), (units) => {
        const s = String.fromCharCode(...units);
        expect(hasLoneSurrogate(s)).toBe(hasLoneSurrogateScan(s));
      }),
      { numRuns: 2000, seed: 20261125 },
    );
    for (const s of ['\ud800', 'a\udc00', 'x\ud800\ud800', '\udbff\udfff\ud800']) expect(hasLoneSurrogateScan(s)).toBe(true);
    for (const s of ['', 'plain', '\ud83d\ude00', 'é☃']) expect(hasLoneSurrogateScan(s)).toBe(false);
  });

  it('a target with a lone surrogate in a label value fails; a surrogate pair is fine', () => {
    const profile = getProfile('prometheus-3.14')!;
    const { config } = parseConfig(ingest([{ name: 'c.yml', text: 'scrape_configs:\n- job_name: j\n' }]).configs, profile);
    const targets: Labels[] = [
      { __address__: 'a:1', app: 'ok\ud83d\ude00' },
      { __address__: 'b:1', app: 'bad\ud800' },
    ];
    const jt = buildJobTargets(config.scrapeConfigs[0]!, [{ sdIndex: 0, groups: [{ source: 'pod/ns/p', labels: {}, targets }] }], config.global, profile, false);
    expect(jt.active.map((t) => t.labels!.app)).toEqual(['ok\ud83d\ude00']);
    expect(jt.failed.map((t) => t.reason)).toEqual([{ kind: 'invalid', code: 'INVALID_LABEL_VALUE', message: expect.stringContaining('invalid label value for "app"') }]);
  });
});

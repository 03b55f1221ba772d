// Cases verified against Go net/url in ../shared/reference/prometheus.md §6.4 (scrape/target.go Target.URL).
import { describe, expect, it } from 'vitest';
import { goUrlString, scrapeUrl } from '../../src/engine/targets/scrape-url.ts';
import { joinHostPort, splitHostPort } from '../../src/engine/targets/go-net.ts';

describe('Target.URL (url.URL.String + url.Values.Encode)', () => {
  it.each([
    ['http', '10.0.0.1:8080', '/metrics', '', 'http://10.0.0.1:8080/metrics'],
    ['http', 'h:1', 'metrics', '', 'http://h:1/metrics'], // a path without a leading / gets one
    ['http', 'host:80', '', '', 'http://host:80'], // empty path: no trailing slash
    ['http', 'h:1', '/a b/c%d?x#y', '', 'http://h:1/a%20b/c%25d%3Fx%23y'],
    ['http', 'a b:1', '/m', '', 'http://a%20b:1/m'], // host escaped
    ['http', 'fd00::1', '/m', '', 'http://fd00::1/m'], // unbracketed IPv6 emitted as is
    ['', 'h:1', '/m', '', '//h:1/m'], // empty scheme
    ['https', 'h:1', '/a b/100%/ü', '', 'https://h:1/a%20b/100%25/%C3%BC'],
  ])('%s + %s + %s', (scheme, host, path, q, want) => {
    expect(goUrlString(scheme, host, path, q)).toBe(want);
  });

  it('encodes params sorted, multi-valued, form-escaped; __param_ replaces the first value', () => {
    const url = scrapeUrl(
      { __scheme__: 'http', __address__: 'h:1', __metrics_path__: '/probe', __param_target: 'a&b/c?d' },
      [
        ['module', ['http 2xx', 'second']],
        ['Z', ['é']],
      ],
    );
    expect(url).toBe('http://h:1/probe?Z=%C3%A9&module=http+2xx&module=second&target=a%26b%2Fc%3Fd');
    expect(scrapeUrl({ __scheme__: 'http', __address__: 'h:1', __metrics_path__: '/m', __param_collect: 'netdev' }, [['collect', ['cpu', 'meminfo']]])).toBe(
      'http://h:1/m?collect=netdev&collect=meminfo',
    );
    // Deleting a __param_k label does not remove k from the URL when it is in the config params.
    expect(scrapeUrl({ __scheme__: 'http', __address__: 'h:1', __metrics_path__: '/m' }, [['collect', ['cpu']]])).toBe('http://h:1/m?collect=cpu');
  });
});

describe('net.SplitHostPort / JoinHostPort', () => {
  it.each([
    ['10.0.0.1:80', true],
    ['host:', true], // empty port splits
    ['[fd00::1]:80', true],
    ['10.0.0.1', false],
    ['fd00::1', false],
    ['[fd00::1]', false],
    ['a:b:c', false],
  ])('%s splits: %s', (addr, ok) => expect(splitHostPort(addr).ok).toBe(ok));
  it('brackets IPv6 hosts', () => {
    expect(joinHostPort('fd00::1', 80)).toBe('[fd00::1]:80');
    expect(joinHostPort('10.0.0.1', '9100')).toBe('10.0.0.1:9100');
  });
});

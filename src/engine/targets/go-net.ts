// Go's net.SplitHostPort and net.JoinHostPort, byte for byte: Prometheus 2.x decides
// whether to add a default port by whether the address splits (scrape/target.go addPort).

export type SplitResult = { ok: true; host: string; port: string } | { ok: false; message: string };

/** See Go net/ipsock.go SplitHostPort. */
export function splitHostPort(hostport: string): SplitResult {
  const err = (why: string): SplitResult => ({ ok: false, message: `address ${hostport}: ${why}` });
  const i = hostport.lastIndexOf(':');
  if (i < 0) return err('missing port in address');
  let host: string;
  let j = 0;
  let k = 0;
  if (hostport[0] === '[') {
    const end = hostport.indexOf(']');
    if (end < 0) return err("missing ']' in address");
    if (end + 1 === hostport.length) return err('missing port in address');
    if (end + 1 !== i) {
      if (hostport[end + 1] === ':') return err('too many colons in address');
      return err('missing port in address');
    }
    host = hostport.slice(1, end);
    j = 1;
    k = end + 1;
  } else {
    host = hostport.slice(0, i);
    if (host.includes(':')) return err('too many colons in address');
  }
  if (hostport.slice(j).includes('[')) return err("unexpected '[' in address");
  if (hostport.slice(k).includes(']')) return err("unexpected ']' in address");
  return { ok: true, host, port: hostport.slice(i + 1) };
}

/** See Go net/ipsock.go JoinHostPort: brackets a host containing ':'. */
export function joinHostPort(host: string, port: string | number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

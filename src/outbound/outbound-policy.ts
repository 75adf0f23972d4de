import { lookup as dnsLookup, type LookupAddress, type LookupAllOptions, type LookupOneOptions } from 'node:dns';
import ipaddr from 'ipaddr.js';

export class OutboundRefused extends Error {
  readonly code = 'EPARLEYREFUSED';
  override name = 'OutboundRefused';
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * Which addresses customer webhooks may reach. By default loopback, private, link-local (cloud
 * metadata at 169.254.169.254) and other special ranges are refused after DNS resolution;
 * `OUTBOUND_ALLOW_PRIVATE` names hosts or CIDRs that are allowed anyway (local development, tests).
 * Checking inside the socket's own lookup means the address checked is the address connected to.
 */
export class OutboundPolicy {
  private readonly hosts = new Set<string>();
  private readonly ranges: Array<[ipaddr.IPv4 | ipaddr.IPv6, number]> = [];

  /**
   * `onlyAllowed`: nothing but the allowed hosts and ranges, and no DNS lookup for any other name
   * (conversation specs: their webhook stand-in only, never a bot's real URLs); `reason` says why, and
   * `origins`, when given, narrows URLs to those origins (a port of an allowed host is not the stand-in).
   */
  constructor(allow: readonly string[], private readonly onlyAllowed: { readonly reason: string; readonly origins?: readonly string[] } | null = null) {
    for (const entry of allow) {
      if (entry.includes('/')) this.ranges.push(ipaddr.parseCIDR(entry));
      else if (ipaddr.isValid(entry)) this.ranges.push([ipaddr.parse(entry), ipaddr.parse(entry).kind() === 'ipv4' ? 32 : 128]);
      else this.hosts.add(entry.toLowerCase());
    }
  }

  /** Null when the address may be reached for this host name, else why not. */
  refusal(host: string, address: string): string | null {
    if (this.hosts.has(host.toLowerCase())) return null;
    if (!ipaddr.isValid(address)) return `"${address}" is not an IP address`;
    let ip = ipaddr.parse(address);
    if (ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress()) ip = (ip as ipaddr.IPv6).toIPv4Address();
    if (this.ranges.some(([range, bits]) => range.kind() === ip.kind() && ip.match(range, bits))) return null;
    if (this.onlyAllowed !== null) return `${host}: ${this.onlyAllowed.reason}`;
    // Only public unicast space is open: every special range (loopback, private, link-local with
    // cloud metadata, carrier NAT, multicast, …) leads into networks that are not the customer's.
    // ::/96 (IPv4-compatible, deprecated) is refused too: ipaddr.js calls `::7f00:1` unicast, yet
    // it embeds 127.0.0.1 (`http://[::127.0.0.1]/`).
    const range = ip.kind() === 'ipv6' && ip.range() === 'unicast' && (ip as ipaddr.IPv6).parts.slice(0, 6).every((part) => part === 0)
      ? 'ipv4Compatible' : ip.range();
    return range === 'unicast' ? null : `${host} resolves to ${address} (${range}), which webhooks may not reach; allow it with OUTBOUND_ALLOW_PRIVATE`;
  }

  /** Null when the URL may be called before any connection is made, else why not (its origin, or its IP-literal host). */
  refusalForUrl(url: string): string | null {
    const parsed = new URL(url);
    const origins = this.onlyAllowed?.origins;
    if (origins !== undefined && !origins.includes(parsed.origin)) return `${parsed.origin}: ${this.onlyAllowed!.reason}`;
    return this.refusalForHost(parsed.hostname);
  }

  /** For a URL whose host is an IP literal (no DNS lookup happens for those). */
  refusalForHost(hostname: string): string | null {
    const host = hostname.replace(/^\[|\]$/g, '');
    return ipaddr.isValid(host) ? this.refusal(host, host) : null;
  }

  /** A `dns.lookup` replacement for sockets: resolves, then refuses forbidden addresses. */
  readonly lookup = (hostname: string, options: LookupOneOptions | LookupAllOptions | number, callback: LookupCallback): void => {
    const opts = typeof options === 'number' ? { family: options } : options;
    if (this.onlyAllowed !== null && !this.hosts.has(hostname.toLowerCase())) {
      return callback(new OutboundRefused(`${hostname}: ${this.onlyAllowed.reason}`), []);
    }
    dnsLookup(hostname, { ...opts, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const list = addresses as LookupAddress[];
      const refused = list.map((a) => this.refusal(hostname, a.address)).find((r) => r !== null);
      if (refused !== undefined) return callback(new OutboundRefused(refused), []);
      if ((opts as LookupAllOptions).all) return callback(null, list);
      const first = list[0]!;
      return callback(null, first.address, first.family);
    });
  };
}

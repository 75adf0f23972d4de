import type { RequestHandler } from 'express';
import { ParleyError } from '../../errors/error-catalogue.js';

const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuse writes a browser sends on behalf of another site. Once someone has signed in to the
 * simulator, their browser attaches the account's Basic credentials to every request to this
 * origin, so an auto-submitting form on any page they visit could change assistants. Browsers say
 * where a request comes from (`Sec-Fetch-Site`, `Origin`); API clients (twilio, autopilot-core,
 * curl) send neither, and are let through as before.
 */
export function refuseCrossSite(publicBaseUrl: string): RequestHandler {
  const publicHost = new URL(publicBaseUrl).host;
  return (req, _res, next) => {
    if (SAFE_METHODS.has(req.method)) {
      next();
      return;
    }
    // A browser that sends Sec-Fetch-Site knows where the request comes from (another site cannot
    // forge it); Origin is looked at only without it (older browsers), against every name this
    // origin may go by: PUBLIC_BASE_URL, the Host and a proxy's X-Forwarded-Host.
    const site = req.get('sec-fetch-site');
    const origin = req.get('origin');
    const hosts = [publicHost, req.get('host') ?? '', ...(req.get('x-forwarded-host') ?? '').split(',').map((h) => h.trim())];
    const foreign = site !== undefined
      ? site !== 'same-origin' && site !== 'none'
      : origin !== undefined && !sameHost(origin, hosts);
    if (foreign) throw new ParleyError('FORBIDDEN', 'Cross-site requests may not change anything: send it from this origin or from an API client');
    next();
  };
}

function sameHost(origin: string, hosts: readonly string[]): boolean {
  try {
    return hosts.includes(new URL(origin).host);
  } catch {
    return false;
  }
}

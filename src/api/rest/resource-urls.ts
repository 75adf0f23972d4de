import type { Request } from 'express';

/**
 * Absolute URLs of REST resources, built from PUBLIC_BASE_URL (Autopilot returned absolute `url`s),
 * and the account they all belong to.
 */
export class ResourceUrls {
  readonly v1: string;

  constructor(readonly publicBaseUrl: string, readonly accountSid: string) {
    this.v1 = `${publicBaseUrl}/v1`;
  }

  assistants(): string {
    return `${this.v1}/Assistants`;
  }

  assistant(assistantSid: string): string {
    return `${this.assistants()}/${assistantSid}`;
  }

  /** A collection or singleton below an assistant, e.g. `Tasks`, `Tasks/UD…/Samples`, `Defaults`. */
  under(assistantSid: string, ...segments: string[]): string {
    return [this.assistant(assistantSid), ...segments].join('/');
  }

  /** The list URL as the client asked for it (SIDs or unique names), for the paging envelope. */
  listUrl(req: Request): string {
    return `${this.publicBaseUrl}${req.originalUrl.split('?')[0]}`;
  }
}

import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import twilio from 'twilio';

export interface ReceivedCall {
  readonly method: string;
  readonly path: string;
  readonly params: Record<string, string>;
  readonly signatureValid: boolean;
  /** When the request had arrived whole (Date.now()). */
  readonly receivedAt: number;
}

export type Reply = { status?: number; body: unknown; delayMs?: number } | ((call: ReceivedCall) => { status?: number; body: unknown; delayMs?: number });

/**
 * A customer's webhook on 127.0.0.1: records every call (with its signature checked by the twilio
 * package, as a customer's handler would) and answers from a route table.
 */
export class WebhookServer {
  readonly calls: ReceivedCall[] = [];
  private readonly routes = new Map<string, Reply>();
  private server!: Server;
  baseUrl = '';

  constructor(private readonly authToken: string) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      void this.handle(req).then(({ status, body, delayMs }) => {
        setTimeout(() => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(typeof body === 'string' ? body : JSON.stringify(body));
        }, delayMs);
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', () => resolve()));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  on(path: string, reply: Reply): this {
    this.routes.set(path, reply);
    return this;
  }

  url(path: string): string {
    return `${this.baseUrl}${path}`;
  }

  callsTo(path: string): ReceivedCall[] {
    return this.calls.filter((c) => c.path === path);
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage): Promise<{ status: number; body: unknown; delayMs: number }> {
    let raw = '';
    for await (const chunk of req) raw += (chunk as Buffer).toString();
    const url = new URL(req.url ?? '/', this.baseUrl);
    const params = req.method === 'GET' ? Object.fromEntries(url.searchParams) : Object.fromEntries(new URLSearchParams(raw));
    const signedUrl = req.method === 'GET' ? `${this.baseUrl}${req.url}` : `${this.baseUrl}${url.pathname}`;
    const signatureValid = twilio.validateRequest(this.authToken, String(req.headers['x-twilio-signature'] ?? ''), signedUrl, req.method === 'GET' ? {} : params);
    const call = { method: req.method ?? '', path: url.pathname, params, signatureValid, receivedAt: Date.now() };
    this.calls.push(call);
    const route = this.routes.get(url.pathname);
    const reply = route === undefined ? { status: 404, body: { error: 'no route' } } : typeof route === 'function' ? route(call) : route;
    return { status: reply.status ?? 200, body: reply.body, delayMs: reply.delayMs ?? 0 };
  }
}

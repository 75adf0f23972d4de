/**
 * A customer's webhooks, stood in for on 127.0.0.1: answers from the spec's route table, records
 * every call and checks its `X-Twilio-Signature` with the twilio package, as a customer's handler
 * would. Only a spec run uses it; it never reaches beyond loopback.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import twilio from 'twilio';
import { matchCall } from './partial-match.js';
import type { StandInReply } from './spec-types.js';

export interface StandInCall {
  readonly method: string;
  readonly path: string;
  /** Form parameters (POST) or query parameters (GET). */
  readonly params: Readonly<Record<string, string>>;
  readonly signatureValid: boolean;
}

const NO_ROUTE = (path: string): StandInReply => ({ body: { error: `the spec has no webhook reply for ${path}` }, status: 404, delayMs: 0, down: false });

export class WebhookStandIn {
  readonly calls: StandInCall[] = [];
  readonly #server: Server;
  readonly #timers = new Set<NodeJS.Timeout>();
  #baseUrl = '';
  #routes: Readonly<Record<string, readonly StandInReply[]>> = {};

  constructor(private readonly authToken: string) {
    this.#server = createServer((req, res) => {
      void this.#handle(req, res).catch(() => res.destroy());
    });
  }

  /** The base URL that `{{webhooks}}` stands for, e.g. `http://127.0.0.1:40123` (no trailing slash). */
  get baseUrl(): string {
    return this.#baseUrl;
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(0, '127.0.0.1', () => resolve());
    });
    this.#baseUrl = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
    return this;
  }

  /** path -> replies; the first whose `when` matches a call answers it (set once the base URL is known). */
  serve(routes: Readonly<Record<string, readonly StandInReply[]>>): this {
    this.#routes = routes;
    return this;
  }

  /** Stops at once: delayed answers still pending are dropped with their connections. */
  async stop(): Promise<void> {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    if (!this.#server.listening) return;
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let raw = '';
    for await (const chunk of req) raw += (chunk as Buffer).toString('utf8');
    const url = new URL(req.url ?? '/', this.#baseUrl);
    const method = req.method ?? 'GET';
    const params = method === 'POST' ? Object.fromEntries(new URLSearchParams(raw)) : Object.fromEntries(url.searchParams);
    // Twilio signs the full URL, and for a POST the form parameters beside it.
    const signature = String(req.headers['x-twilio-signature'] ?? '');
    const signatureValid = twilio.validateRequest(this.authToken, signature, `${this.#baseUrl}${req.url ?? '/'}`, method === 'POST' ? params : {});
    const call: StandInCall = { method, path: url.pathname, params, signatureValid };
    this.calls.push(call);
    const replies = Object.hasOwn(this.#routes, url.pathname) ? this.#routes[url.pathname]! : [];
    const reply = replies.find((r) => r.when === undefined || matchCall(r.when, call, '').length === 0) ?? NO_ROUTE(url.pathname);
    const send = (): void => {
      if (reply.down) {
        res.destroy();
        return;
      }
      res.writeHead(reply.status, { 'content-type': 'application/json' });
      res.end(typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body));
    };
    if (reply.delayMs === 0) {
      send();
      return;
    }
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      send();
    }, reply.delayMs);
    this.#timers.add(timer);
  }
}

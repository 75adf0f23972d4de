import twilio from 'twilio';
import { Agent, request } from 'undici';
import type { OutboundPolicy } from './outbound-policy.js';

export interface SignedPostOptions {
  /** Signs the request as Twilio does, so `twilio.validateRequest` accepts it at the customer. */
  readonly authToken: string;
  readonly timeoutMs: number;
  /** Which addresses may be reached (status callbacks are customer URLs like any other). */
  readonly policy: OutboundPolicy;
}

export interface PostOutcome {
  readonly status: number;
}

/**
 * POST form parameters to a customer URL with an `X-Twilio-Signature` header. undici's pooled
 * `request` keeps connections alive and costs far less CPU per call than `fetch` on Node 20.
 */
export async function postSignedForm(url: string, params: Readonly<Record<string, string>>, options: SignedPostOptions): Promise<PostOutcome> {
  const refused = options.policy.refusalForHost(new URL(url).hostname);
  if (refused !== null) throw new Error(refused);
  const signature = twilio.getExpectedTwilioSignature(options.authToken, url, { ...params });
  // Rare calls (one per model build): a short-lived agent whose lookup applies the policy.
  const dispatcher = new Agent({ connect: { lookup: options.policy.lookup, timeout: options.timeoutMs } });
  try {
    return await send(url, params, signature, options.timeoutMs, dispatcher);
  } finally {
    await dispatcher.close();
  }
}

async function send(url: string, params: Readonly<Record<string, string>>, signature: string, timeoutMs: number, dispatcher: Agent): Promise<PostOutcome> {
  const response = await request(url, {
    dispatcher,
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature, 'user-agent': 'Parley' },
    body: new URLSearchParams(params).toString(),
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    signal: AbortSignal.timeout(timeoutMs),
  });
  // The answer is not used; reading it frees the pooled connection.
  await response.body.dump();
  return { status: response.statusCode };
}

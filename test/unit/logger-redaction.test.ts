import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, redactUrl } from '../../src/logging/logger.js';

function capture(): { lines: Array<Record<string, any>>; stream: Writable } {
  const lines: Array<Record<string, any>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()));
      done();
    },
  });
  return { lines, stream };
}

describe('log redaction', () => {
  it('hides authorization headers, Twilio signatures, auth tokens and passwords', () => {
    const { lines, stream } = capture();
    createLogger('info', stream).info({
      req: { headers: { authorization: 'Basic QUM6c2VjcmV0', 'x-twilio-signature': 'c2ln', cookie: 'a=b', host: 'h' } },
      headers: { authorization: 'Bearer t' },
      authToken: 'tok-1', config: { authToken: 'tok-2', password: 'pw' }, token: 'tok-3',
    }, 'x');
    const text = JSON.stringify(lines);
    for (const secret of ['QUM6c2VjcmV0', 'c2ln', 'a=b', 'Bearer t', 'tok-1', 'tok-2', 'tok-3', '"pw"']) expect(text).not.toContain(secret);
    expect(lines[0]!.req.headers.host).toBe('h');
    expect(lines[0]!.req.headers.authorization).toBe('[redacted]');
  });

  it('keeps URLs but hides the credentials written in them', () => {
    const { lines, stream } = capture();
    createLogger('info', stream).info({ url: 'https://user:s3cret@hooks.example.com/a?x=1', call: { url: 'https://tok@example.com/' }, redis: 'redis://:pw@r:6379' }, 'x');
    const line = lines[0]!;
    expect(line.url).toBe('https://user:***@hooks.example.com/a?x=1');
    expect(line.call.url).toBe('https://***@example.com/');
    expect(line.redis).not.toContain('pw');
    expect(redactUrl('not a url')).toBe('[unparseable url]');
  });

  it('adds no request fields outside a request', () => {
    const { lines, stream } = capture();
    createLogger('info', stream).info('boot');
    expect(lines[0]).not.toHaveProperty('reqId');
  });
});

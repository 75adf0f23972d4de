import { Writable } from 'node:stream';
import { ReplyError } from 'ioredis';
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

  it('never logs the arguments of a failed Redis command that ioredis hangs on its errors', () => {
    const { lines, stream } = capture();
    const secret = '{"memory":{"From":"+15551234567","note":"my card is 4111"}}';
    const refused = Object.assign(new ReplyError("OOM command not allowed when used memory > 'maxmemory'."), {
      command: { name: 'evalsha', args: ['0123abcd', '1', 'parley:{UA1}:val:state', secret] },
    });
    const aborted = Object.assign(new Error('EXECABORT Transaction discarded'), {
      previousErrors: [Object.assign(new ReplyError('OOM'), { command: { name: 'zrem', args: ['line', secret] } })],
      inner: refused,
    });
    const logger = createLogger('info', stream);
    logger.error({ err: refused }, 'channel turn failed');
    logger.error({ err: new Error('turn failed', { cause: aborted }) }, 'wrapped');
    expect(JSON.stringify(lines)).not.toContain('+15551234567');
    expect(lines[0]!.err).toMatchObject({ type: 'ReplyError', message: expect.stringContaining('OOM command not allowed') });
    expect(lines[0]!.err.stack).toContain('ReplyError');
    expect(lines[1]!.err.message).toContain('EXECABORT');
  });

  it('adds no request fields outside a request', () => {
    const { lines, stream } = capture();
    createLogger('info', stream).info('boot');
    expect(lines[0]).not.toHaveProperty('reqId');
  });
});

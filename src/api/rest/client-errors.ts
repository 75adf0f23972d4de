import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { ParleyError } from '../../errors/error-catalogue.js';
import { restErrorBody } from './rest-errors.js';

/**
 * Requests that Node's HTTP parser refuses never reach express: a request line and headers over
 * Node's 16 KB (e.g. a huge `Memory` in a channel URL), or bytes that are not HTTP. Node would
 * answer them with a bare status line; they get Twilio's error body like every other 4xx.
 */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const timedOut = error.code === 'ERR_HTTP_REQUEST_TIMEOUT';
    const message = error.code === 'HPE_HEADER_OVERFLOW'
      ? 'The request line and headers are larger than 16 KB; send large parameters in the body (a channel URL\'s Memory must fit in it)'
      : timedOut ? 'The request took too long to arrive' : 'Malformed HTTP request';
    const body = JSON.stringify(restErrorBody(new ParleyError(timedOut ? 'REQUEST_TIMEOUT' : 'INVALID_PARAMETER', message)));
    socket.end([
      timedOut ? 'HTTP/1.1 408 Request Timeout' : 'HTTP/1.1 400 Bad Request',
      'Content-Type: application/json; charset=utf-8',
      `Content-Length: ${Buffer.byteLength(body)}`,
      'Connection: close',
      '',
      body,
    ].join('\r\n'));
  });
}

// Request bodies read with a size limit that holds while reading: a declared Content-Length over
// the limit is refused before a byte is read, and a body without one (chunked) is cut off as soon
// as it passes the limit — `await request.text()` first would buffer whatever a client sends.
import { AppError } from '../errors/app-error.ts';

const tooLarge = () => new AppError('PAYLOAD_TOO_LARGE', 'request body too large');

/** The body as UTF-8 text, at most `maxBytes` bytes; PAYLOAD_TOO_LARGE (413) beyond that. */
export async function readLimitedText(request: Request, maxBytes: number): Promise<string> {
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge();
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * `multipart/form-data` bodies built in memory, so they go out with a Content-Length (a self-hosted
 * server refuses a license upload without one or above 51 200 bytes, licensing-and-selfhost.md §2.2).
 */
export interface MultipartPart {
  name: string;
  value: string;
  /** Makes the part a file. */
  filename?: string;
  contentType?: string;
}

export interface MultipartBody {
  body: Buffer;
  contentType: string;
}

const quote = (text: string): string => text.replace(/["\r\n\\]/g, (c) => encodeURIComponent(c));

export function multipartBody(parts: readonly MultipartPart[], boundary = `----bwmsp${globalThis.crypto.randomUUID().replaceAll('-', '')}`): MultipartBody {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${quote(part.name)}"`;
    if (part.filename !== undefined) head += `; filename="${quote(part.filename)}"`;
    head += '\r\n';
    if (part.contentType !== undefined) head += `Content-Type: ${part.contentType}\r\n`;
    chunks.push(Buffer.from(`${head}\r\n`, 'utf8'), Buffer.from(part.value, 'utf8'), Buffer.from('\r\n', 'utf8'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`, 'utf8'));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

// Browsers send a file's name as typed: `filename="报价=最终;版.pdf"`. The multipart parser we use
// splits the Content-Disposition header on every `;` and `=`, even inside the quotes, and throws —
// a 500 for a perfectly ordinary file name. This stream rewrites, in part headers only, the
// characters `;` and `=` inside a quoted filename to `_` (safeFileName changes them anyway), and
// passes every byte of the part bodies through untouched.
const CRLF = Buffer.from("\r\n");
const HEADERS_END = Buffer.from("\r\n\r\n");

function fixHeaderBlock(block: Buffer): Buffer {
  const text = block.toString("utf8");
  // A raw CR/LF inside the quotes (a crafted request: browsers escape them) would split the header
  // and make the parser throw — a 500. It is replaced like `;` and `=`; safeFileName drops the rest.
  const fixed = text.replace(
    /(filename\*?=")([^"]*)(")/gi,
    (_m, open: string, name: string, close: string) =>
      open + name.replace(/[;=\r\n]/g, "_") + close
  );
  return fixed === text ? block : Buffer.from(fixed, "utf8");
}

/** The body with safe part headers; `boundary` from the request's Content-Type. */
export function withSafePartHeaders(
  body: ReadableStream<Uint8Array>,
  boundary: string
): ReadableStream<Uint8Array> {
  const delimiter = Buffer.from(`--${boundary}`);
  let carry = Buffer.alloc(0);
  let inHeaders = false;
  const reader = body.getReader();
  return new ReadableStream<Uint8Array>({
    // Reads until it has something to hand on: a pull that enqueues nothing is not called again.
    async pull(controller) {
      for (;;) {
        if (await step(controller)) return;
      }
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });

  /** One upstream read; true once something was enqueued or the stream closed. */
  async function step(
    controller: ReadableStreamDefaultController<Uint8Array>
  ): Promise<boolean> {
    const { done, value } = await reader.read();
    let data = value ? Buffer.concat([carry, Buffer.from(value)]) : carry;
    carry = Buffer.alloc(0);
    const out: Buffer[] = [];
    for (;;) {
      if (inHeaders) {
        const end = data.indexOf(HEADERS_END);
        if (end < 0) break;
        out.push(fixHeaderBlock(data.subarray(0, end + HEADERS_END.length)));
        data = data.subarray(end + HEADERS_END.length);
        inHeaders = false;
        continue;
      }
      const at = data.indexOf(delimiter);
      if (at < 0) break;
      // The delimiter line ends with CRLF (a part follows) or "--" (the end).
      const lineEnd = data.indexOf(CRLF, at + delimiter.length);
      if (lineEnd < 0) break;
      out.push(data.subarray(0, lineEnd + CRLF.length));
      data = data.subarray(lineEnd + CRLF.length);
      inHeaders = true;
    }
    if (done) {
      out.push(data);
      const rest = Buffer.concat(out);
      if (rest.length) controller.enqueue(new Uint8Array(rest));
      controller.close();
      return true;
    }
    // Keep back what might be the start of a delimiter or an unfinished header block.
    const keep = inHeaders
      ? data.length
      : Math.min(data.length, delimiter.length + 2);
    out.push(data.subarray(0, data.length - keep));
    carry = Buffer.from(data.subarray(data.length - keep));
    const chunk = Buffer.concat(out);
    if (!chunk.length) return false;
    controller.enqueue(new Uint8Array(chunk));
    return true;
  }
}

/** The request with its multipart body rewritten as above (other requests are returned as they are). */
export function withSafeMultipart(request: Request): Request {
  const type = request.headers.get("Content-Type") ?? "";
  const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(type);
  if (!/^multipart\/form-data/i.test(type) || !boundary || !request.body)
    return request;
  const body = withSafePartHeaders(request.body, boundary[1] ?? boundary[2]);
  return new Request(request.url, {
    method: request.method,
    headers: request.headers,
    body,
    duplex: "half",
  } as RequestInit);
}

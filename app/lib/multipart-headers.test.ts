// A file name with `;` or `=` must not break the upload (the parser would throw: a 500), and the
// bytes of every part must come through unchanged, whatever the chunking.
import { describe, expect, it } from "vitest";
import { readMultipartForm } from "./uploads.server";
import { withSafePartHeaders } from "./multipart-headers.server";

const PDF = Buffer.from("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n--not-a-boundary\r\nContent-Disposition: x; filename=\"a;b\"\r\n\r\ntrailer\n%%EOF\n", "latin1");

function request(name: string) {
  const fd = new FormData();
  fd.append("note", "a=b; c");
  fd.append("file", new Blob([PDF], { type: "application/pdf" }), name);
  return new Request("http://localhost/", { method: "POST", body: fd });
}

async function rechunk(body: Buffer, size: number, boundary: string): Promise<Buffer> {
  const source = new ReadableStream<Uint8Array>({
    start(c) {
      for (let i = 0; i < body.length; i += size) c.enqueue(new Uint8Array(body.subarray(i, i + size)));
      c.close();
    },
  });
  return Buffer.from(await new Response(withSafePartHeaders(source, boundary)).arrayBuffer());
}

describe("multipart file names", () => {
  it.each(["报价=最终;版.pdf", "a;b=c.pdf", "plain.pdf"])("reads %s without throwing, bytes intact", async (name) => {
    const { files, form, errors } = await readMultipartForm(request(name), { file: ["pdf"] });
    expect(errors).toEqual({});
    expect(form.get("note")).toBe("a=b; c");
    expect(Buffer.compare(files.file[0].bytes, PDF)).toBe(0);
    expect(files.file[0].name).not.toMatch(/[;=]/);
  });

  it("only part headers change, for any chunk size", async () => {
    const req = request("x;y=z.pdf");
    const boundary = /boundary=(.+)$/.exec(req.headers.get("content-type")!)![1];
    const raw = Buffer.from(await req.arrayBuffer());
    const expected = Buffer.from(raw.toString("latin1").replace('filename="x;y=z.pdf"', 'filename="x_y_z.pdf"'), "latin1");
    for (const size of [1, 2, 7, 38, 64, 1000, raw.length]) expect(Buffer.compare(await rechunk(raw, size, boundary), expected)).toBe(0);
  });
});

import { existsSync, readdirSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDb } from '../support/databases';
import { cleanFilename, contentDisposition } from '../../server/features/evidence/filename';
import { parseRange } from '../../server/features/evidence/range';
import {
  CFB_BYTES, docxBytes, evidenceScenario, EXE_BYTES, JPEG_BYTES, MB, odtBytes, pdfBytes, PNG_BYTES, xlsxBytes, type EvidenceScenario,
} from './evidence-scenario';

type Doc = { id: string; filename: string; mediaType: string; size: number; sha256: string; deduplicated: boolean };

/** Every file under a folder (recursively). */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

/** Waits (up to 15 s) for a condition the server reaches asynchronously after a client went away. */
async function eventually(what: string, check: () => Promise<boolean> | boolean) {
  for (let i = 0; i < 300; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`never happened: ${what}`);
}

/** A raw HTTP/1.1 connection: what we write and when is ours; the server's answer is collected as it comes. */
function rawConnection(port: number) {
  const socket: Socket = connect(port, '127.0.0.1');
  let received = '';
  let closed = false;
  socket.on('data', (d) => { received += d.toString('latin1'); });
  socket.on('error', () => {});
  socket.on('close', () => { closed = true; });
  return {
    socket,
    received: () => received,
    closed: () => closed,
    write: (b: Buffer | string) => new Promise<void>((ok) => { if (!socket.write(b)) socket.once('drain', ok); else ok(); }),
  };
}

const BOUNDARY = '----parindex-test-boundary';
const partHead = (name: string) => Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`);
const requestHead = (url: string, cookie: string, contentLength: number) =>
  `POST ${url} HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ${cookie}\r\nX-Requested-With: test\r\nContent-Type: multipart/form-data; boundary=${BOUNDARY}\r\nContent-Length: ${contentLength}\r\n\r\n`;

describe('evidence file names and ranges (pure)', () => {
  it.each([
    ['../../etc/passwd.pdf', 'passwd.pdf'],
    ['C:\\Users\\cán bộ\\Báo cáo.pdf', 'Báo cáo.pdf'],
    ['Ba\u0301o ca\u0301o.pdf', 'Báo cáo.pdf'], // NFD (macOS) → NFC
    ['báo\u0000cáo\u0007\r\n.pdf', 'báocáo.pdf'],
    ['hóa đơn\u202Efdp.exe', 'hóa đơnfdp.exe'], // a right-to-left override hiding the real extension
    ['\u2066tài liệu\u2069.docx', 'tài liệu.docx'],
    ['..hidden.pdf', 'hidden.pdf'],
    [`${'Kế hoạch '.repeat(40)}.pdf`, `${'Kế hoạch '.repeat(40).slice(0, 196).trimEnd()}.pdf`],
  ])('cleanFilename(%j) = %j', (raw, clean) => {
    expect(cleanFilename(raw)).toBe(clean);
  });

  it('refuses a name with nothing left, naming what was sent', () => {
    for (const raw of ['', '../', '\u0000\u202E', '...']) {
      expect(() => cleanFilename(raw)).toThrowError(/not usable/);
    }
  });

  it('writes Content-Disposition with an RFC 5987 name and an ASCII fallback', () => {
    expect(contentDisposition('inline', 'Báo cáo "đầy đủ" 100%.pdf')).toBe(
      `inline; filename="Bao cao _day du_ 100_.pdf"; filename*=UTF-8''B%C3%A1o%20c%C3%A1o%20%22%C4%91%E1%BA%A7y%20%C4%91%E1%BB%A7%22%20100%25.pdf`,
    );
  });

  it.each([
    ['bytes=0-99', 1000, { start: 0, end: 99 }],
    ['bytes=900-', 1000, { start: 900, end: 999 }],
    ['bytes=-10', 1000, { start: 990, end: 999 }],
    ['bytes=990-5000', 1000, { start: 990, end: 999 }],
    ['bytes=1000-', 1000, 'unsatisfiable'],
    ['bytes=5-2', 1000, 'unsatisfiable'],
    ['bytes=-0', 1000, 'unsatisfiable'],
    ['items=0-1', 1000, 'unsatisfiable'],
    ['bytes=0-1,5-6', 1000, null],
  ] as const)('parseRange(%j, %d)', (header, size, expected) => {
    expect(parseRange(header, size)).toEqual(expected);
  });
});

describeEachDb('evidence upload over HTTP', (kind) => {
  let s: EvidenceScenario;
  const rows = async () => ({
    blobs: (await s.t.database.db.selectFrom('evidence_blob').select('sha256').execute()).length,
    documents: (await s.t.database.db.selectFrom('evidence_document').select('id').execute()).length,
  });
  const stored = () => filesUnder(join(s.evidenceDir, 'blobs'));
  const tmp = () => filesUnder(join(s.evidenceDir, 'tmp'));

  beforeAll(async () => {
    s = await evidenceScenario(kind);
    await s.setPhases(['self_assessment']);
  });
  afterAll(() => s?.close());

  it('takes PDF, DOCX, XLSX, ODT, DOC, JPEG and PNG in one request, typed by their bytes, and stores them by content hash', async () => {
    const files = [
      { name: 'Kế hoạch CCHC 2022.pdf', data: pdfBytes('kế hoạch') },
      { name: 'Báo cáo quý.docx', data: await docxBytes() },
      { name: 'Số liệu.xlsx', data: await xlsxBytes() },
      { name: 'Biên bản.odt', data: await odtBytes() },
      { name: 'Công văn cũ.doc', data: CFB_BYTES },
      { name: 'Ảnh hội nghị.jpg', data: JPEG_BYTES },
      { name: 'Sơ đồ.png', data: PNG_BYTES },
    ];
    const res = await s.upload(s.unitA, s.cookies.officerA, files);
    expect(res.status, await res.clone().text()).toBe(201);
    const { documents } = (await res.json()) as { documents: Doc[] };
    expect(documents.map((d) => [d.filename, d.mediaType, d.deduplicated])).toEqual([
      ['Kế hoạch CCHC 2022.pdf', 'application/pdf', false],
      ['Báo cáo quý.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', false],
      ['Số liệu.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', false],
      ['Biên bản.odt', 'application/vnd.oasis.opendocument.text', false],
      ['Công văn cũ.doc', 'application/msword', false],
      ['Ảnh hội nghị.jpg', 'image/jpeg', false],
      ['Sơ đồ.png', 'image/png', false],
    ]);
    expect(documents.map((d) => d.size)).toEqual(files.map((f) => f.data.length));
    // storage paths are the content hashes, never the names
    expect(stored().map((p) => p.split('/').pop()).sort()).toEqual(documents.map((d) => d.sha256).sort());
    expect(stored().every((p) => /\/blobs\/[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f]{64}$/.test(p))).toBe(true);
    expect(tmp()).toEqual([]);
    const audit = await s.t.database.db.selectFrom('audit_log').select(['action', 'entity_key']).where('action', '=', 'evidence.upload').execute();
    expect(audit.map((a) => a.entity_key).sort()).toEqual(documents.map((d) => d.id).sort());
  });

  it('stores identical bytes once: a second upload (and a twin in the same request) gets its own document on the same blob', async () => {
    const before = await rows();
    const data = pdfBytes('quyết định 123');
    const first = (await (await s.upload(s.unitA, s.cookies.officerA, [{ name: 'Quyết định 123.pdf', data }])).json()) as { documents: Doc[] };
    const again = await s.upload(s.unitA, s.cookies.officerA, [{ name: 'QĐ 123 (bản sao).pdf', data }, { name: 'QĐ 123 lần 3.pdf', data }]);
    expect(again.status).toBe(201);
    const second = (await again.json()) as { documents: Doc[] };
    expect(first.documents[0]!.deduplicated).toBe(false);
    expect(second.documents.map((d) => d.deduplicated)).toEqual([true, true]);
    expect(new Set([...first.documents, ...second.documents].map((d) => d.sha256)).size).toBe(1);
    expect(await rows()).toEqual({ blobs: before.blobs + 1, documents: before.documents + 3 });
    expect(stored().filter((p) => p.endsWith(first.documents[0]!.sha256))).toHaveLength(1);
  });

  it('refuses by content: an .exe renamed .pdf (415), a PNG named .pdf (422), an OLE2 file named .pdf (415), 0 bytes (422) — naming the file; nothing of the request is kept', async () => {
    const before = { rows: await rows(), files: stored().length };
    const cases = [
      { name: 'setup.pdf', data: EXE_BYTES, status: 415, en: /“setup\.pdf” refused: its content is a Windows program \(EXE\/DLL\)/, vi: /Tệp «setup\.pdf» không được nhận: nội dung là một chương trình Windows/ },
      { name: 'ảnh.pdf', data: PNG_BYTES, status: 422, en: /“ảnh\.pdf” is named \.pdf but its content is PNG/, vi: /có đuôi \.pdf nhưng nội dung là PNG/ },
      { name: 'cũ.pdf', data: CFB_BYTES, status: 415, en: /old Office \(OLE2\) file but its name does not end in \.doc or \.xls/, vi: /tệp Office cũ/ },
      { name: 'trống.pdf', data: Buffer.alloc(0), status: 422, en: /“trống\.pdf” is empty \(0 bytes\)/, vi: /rỗng \(0 byte\)/ },
      { name: 'lưu trữ.docx', data: Buffer.from('PK\x03\x04not really a zip at all........................', 'latin1'), status: 415, en: /damaged ZIP/, vi: /ZIP hỏng/ },
    ];
    for (const c of cases) {
      // a good file first: it must not be kept when a later one in the same request is refused
      const res = await s.upload(s.unitA, s.cookies.officerA, [{ name: 'tốt.pdf', data: pdfBytes(`tốt ${c.name}`) }, { name: c.name, data: c.data }]);
      const body = (await res.json()) as { error: { message: string; message_vi: string; details: { filename: string } } };
      expect(res.status, c.name).toBe(c.status);
      expect(body.error.message).toMatch(c.en);
      expect(body.error.message_vi).toMatch(c.vi);
      expect(body.error.details.filename).toBe(c.name);
    }
    expect(await rows()).toEqual(before.rows);
    expect(stored().length).toBe(before.files);
    expect(tmp()).toEqual([]);
  });

  it('keeps the Vietnamese name for display without path, control characters or bidi overrides', async () => {
    const res = await s.upload(s.unitA, s.cookies.officerA, [
      { name: '../../../etc/Báo cáo.pdf', data: pdfBytes('a') },
      { name: 'ke\u0302\u0301 hoa\u0323ch\u202Efdp.pdf', data: pdfBytes('b') },
      { name: 'Tờ trình\tsố 5.pdf', data: pdfBytes('c') },
    ]);
    expect(res.status, await res.clone().text()).toBe(201);
    const { documents } = (await res.json()) as { documents: Doc[] };
    expect(documents.map((d) => d.filename)).toEqual(['Báo cáo.pdf', 'kế hoạchfdp.pdf', 'Tờ trìnhsố 5.pdf']);
  });

  it('answers 413 to a declared Content-Length above the limit before any of the body is sent, and closes the connection', async () => {
    const c = rawConnection(s.t.config.port);
    await c.write(requestHead(`/api/campaigns/${s.campaignId}/units/${s.unitA}/evidence`, s.cookies.officerA, 10 * 1024 * MB));
    await eventually('a response', () => c.received().includes('\r\n\r\n'));
    expect(c.received()).toMatch(/^HTTP\/1\.1 413 /);
    expect(c.received()).toMatch(/connection: close/i);
    await eventually('the server closes the connection', () => c.closed());
  });

  it('answers 413 as soon as one file passes EVIDENCE_MAX_BYTES, without waiting for the rest of the body; nothing is kept', async () => {
    const before = { rows: await rows(), files: stored().length };
    const big = Buffer.concat([pdfBytes('big'), Buffer.alloc(3 * MB, 0x20)]); // 3 MB > the 2 MB limit of this suite
    const tail = Buffer.from(`\r\n--${BOUNDARY}--\r\n`);
    const head = partHead('Hồ sơ quá lớn.pdf');
    const c = rawConnection(s.t.config.port);
    await c.write(requestHead(`/api/campaigns/${s.campaignId}/units/${s.unitA}/evidence`, s.cookies.officerA, head.length + big.length + tail.length));
    await c.write(head);
    // send 2.5 MB of the 3 MB and stop: the answer must come without the rest
    for (let at = 0; at < 2.5 * MB; at += 64 * 1024) await c.write(big.subarray(at, at + 64 * 1024));
    await eventually('a response', () => c.received().includes('\r\n\r\n'));
    expect(c.received()).toMatch(/^HTTP\/1\.1 413 /);
    const body = JSON.parse(c.received().slice(c.received().indexOf('\r\n\r\n') + 4).replace(/^[0-9a-f]+\r\n|\r\n0\r\n\r\n$/g, '')) as { error: { message: string } };
    expect(Buffer.from(body.error.message, 'latin1').toString('utf8')).toContain('is larger than the 2 MB limit');
    await eventually('the server closes the connection', () => c.closed());
    expect(await rows()).toEqual(before.rows);
    expect(stored().length).toBe(before.files);
    await eventually('no temporary file', () => tmp().length === 0);
  });

  it('leaves nothing behind when the client goes away mid-file or between two files', async () => {
    const before = { rows: await rows(), files: stored().length };
    const first = pdfBytes('trước khi ngắt');
    for (const cut of ['mid-file', 'between files'] as const) {
      const c = rawConnection(s.t.config.port);
      const second = Buffer.concat([pdfBytes(`ngắt ${cut}`), Buffer.alloc(MB, 0x41)]);
      const body = Buffer.concat([partHead('Đầu tiên.pdf'), first, Buffer.from('\r\n'), partHead('Thứ hai.pdf'), second, Buffer.from(`\r\n--${BOUNDARY}--\r\n`)]);
      await c.write(requestHead(`/api/campaigns/${s.campaignId}/units/${s.unitA}/evidence`, s.cookies.officerA, body.length));
      const firstEnd = partHead('Đầu tiên.pdf').length + first.length + 2;
      // mid-file: half of the second file is sent; between files: the boundary after the first file and no more
      const sendUpTo = cut === 'mid-file' ? firstEnd + partHead('Thứ hai.pdf').length + MB / 2 : firstEnd + `--${BOUNDARY}`.length;
      try {
        for (let at = 0; at < sendUpTo; at += 64 * 1024) await c.write(body.subarray(at, Math.min(sendUpTo, at + 64 * 1024)));
        // the server has the first file (and part of the second) when the client disappears
        await eventually(`${cut}: the first file is in storage`, () => stored().length > before.files);
      } finally {
        c.socket.destroy();
      }
      await eventually(`${cut}: the first file removed again`, () => stored().length === before.files);
      await eventually(`${cut}: no temporary file`, () => tmp().length === 0);
      expect(await rows()).toEqual(before.rows);
    }
    // and the server goes on serving
    const ok = await s.upload(s.unitA, s.cookies.officerA, [{ name: 'Sau đó.pdf', data: first }]);
    expect(ok.status).toBe(201);
  });

  it('serves the file with its type, the original name (RFC 5987), nosniff, a sandbox CSP, inline or as a download, and byte ranges', async () => {
    const data = Buffer.concat([pdfBytes('tải về'), Buffer.alloc(5000, 0x25)]);
    const name = 'Báo cáo tổng kết CCHC năm 2022 (bản ký số).pdf';
    const [doc] = ((await (await s.upload(s.unitA, s.cookies.officerA, [{ name, data }, { name: 'Dự thảo.docx', data: await docxBytes('dự thảo') }])).json()) as { documents: Doc[] }).documents;
    const url = `${s.origin}/api/evidence/${doc!.id}/content`;
    const get = (headers: Record<string, string> = {}, query = '') => fetch(`${url}${query}`, { headers: { cookie: s.cookies.officerA, ...headers } });

    const res = await get();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'.*sandbox/);
    expect(res.headers.get('accept-ranges')).toBe('bytes');
    const disposition = res.headers.get('content-disposition')!;
    expect(disposition).toBe(`inline; filename="Bao cao tong ket CCHC nam 2022 (ban ky so).pdf"; filename*=UTF-8''${encodeURIComponent(name).replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`);
    expect(decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(disposition)![1]!)).toBe(name);
    expect(Buffer.from(await res.arrayBuffer()).equals(data)).toBe(true);

    expect((await get({}, '?download=1')).headers.get('content-disposition')).toMatch(/^attachment; /);
    const docx = (await (await fetch(`${s.origin}/api/campaigns/${s.campaignId}/units/${s.unitA}/evidence`, { headers: { cookie: s.cookies.officerA } })).json()) as { documents: { id: string; filename: string }[] };
    const draft = docx.documents.find((d) => d.filename === 'Dự thảo.docx')!;
    const docxRes = await fetch(`${s.origin}/api/evidence/${draft.id}/content`, { headers: { cookie: s.cookies.officerA } });
    expect(docxRes.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(docxRes.headers.get('content-disposition')).toMatch(/^attachment; filename="Du thao.docx"; filename\*=UTF-8''D%E1%BB%B1%20th%E1%BA%A3o\.docx$/);

    const part = await get({ range: 'bytes=100-199' });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 100-199/${data.length}`);
    expect(part.headers.get('content-length')).toBe('100');
    expect(Buffer.from(await part.arrayBuffer()).equals(data.subarray(100, 200))).toBe(true);
    const last = await get({ range: 'bytes=-16' });
    expect(last.status).toBe(206);
    expect(Buffer.from(await last.arrayBuffer()).equals(data.subarray(data.length - 16))).toBe(true);
    for (const bad of [`bytes=${data.length}-`, 'bytes=50-10', 'pages=1-2']) {
      const r = await get({ range: bad });
      expect(r.status, bad).toBe(416);
      expect(r.headers.get('content-range')).toBe(`bytes */${data.length}`);
    }
    const etag = res.headers.get('etag')!;
    expect((await get({ 'if-none-match': etag })).status).toBe(304);
  });

  it('refuses multipart without X-Requested-With (what an HTML form would send) with 415 before reading it', async () => {
    const form = new FormData();
    form.append('file', new Blob([pdfBytes('form')]), 'form.pdf');
    const res = await fetch(`${s.origin}/api/campaigns/${s.campaignId}/units/${s.unitA}/evidence`, { method: 'POST', headers: { cookie: s.cookies.officerA }, body: form });
    expect(res.status).toBe(415);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/X-Requested-With/);
  });
});

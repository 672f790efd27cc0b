import { createHash, X509Certificate } from 'node:crypto';
import { AppError } from '../../../errors';
import { oneLine } from './distinguished-name';

// Reading CA certificates an admin uploads as trusted roots (PEM, one or more blocks, or DER as base64) with Node's
// X509Certificate. Only CA certificates (basicConstraints cA) are taken.

export interface ParsedRoot {
  fingerprint: string;
  subject: string;
  issuer: string;
  notBefore: Date;
  notAfter: Date;
  der: Buffer;
}

const invalid = (vi: string, en: string) => new AppError(422, 'validation', { vi, en }, { field: 'certificate' });

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\s]{1,200000}?)-----END CERTIFICATE-----/g;

/** The certificates in `text`: PEM blocks, or else the whole text as base64 DER. 422 naming what is wrong. */
export function parseRootCertificates(text: string): ParsedRoot[] {
  const blocks = [...text.matchAll(PEM_BLOCK)].map((m) => Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64'));
  const ders = blocks.length ? blocks : [Buffer.from(text.replace(/\s+/g, ''), 'base64')];
  return ders.map((der, i) => {
    const which = ders.length > 1 ? ` (${i + 1}/${ders.length})` : '';
    let x: X509Certificate;
    try {
      x = new X509Certificate(der);
    } catch {
      throw invalid(`Trường certificate${which}: không đọc được chứng thư số (cần tệp PEM hoặc DER của chứng thư X.509).`,
        `Field certificate${which}: not a readable certificate (a PEM or DER X.509 certificate is needed).`);
    }
    if (!x.ca) {
      throw invalid(`Trường certificate${which}: «${oneLine(x.subject)}» không phải chứng thư của tổ chức cấp chứng thư (CA), không dùng làm gốc tin cậy được.`,
        `Field certificate${which}: “${oneLine(x.subject)}” is not a certificate authority (CA) certificate and cannot be a trusted root.`);
    }
    const raw = Buffer.from(x.raw);
    return {
      fingerprint: createHash('sha256').update(raw).digest('hex'), subject: oneLine(x.subject), issuer: oneLine(x.issuer),
      notBefore: new Date(x.validFrom), notAfter: new Date(x.validTo), der: raw,
    };
  });
}

// One PDF signature's CMS SignedData (issue 13), read and verified with pkijs/asn1js (ASN.1 and CMS) and Node's
// crypto (digests, WebCrypto for the signature, X509Certificate for certificates and issuer checks): no hand-written
// ASN.1 or cryptography here, only the calls and the reading of their answers.
import { createHash, webcrypto, X509Certificate } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { CertInfo, ProblemCode, SignatureInfo } from './types';
import { oneLine } from './distinguished-name';

pkijs.setEngine('node', new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto as unknown as pkijs.CryptoEngineParameters['crypto'] }));
const engine = () => pkijs.getCrypto(true);

const OID_MESSAGE_DIGEST = '1.2.840.113549.1.9.4';
const OID_SIGNING_TIME = '1.2.840.113549.1.9.5';
const OID_TIMESTAMP_TOKEN = '1.2.840.113549.1.9.16.2.14';
const OID_SIGNED_DATA = '1.2.840.113549.1.7.2';
const NODE_HASH: Record<string, string> = { 'SHA-1': 'sha1', 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' };

const toBuffer = (ab: ArrayBuffer | ArrayBufferView) => (ArrayBuffer.isView(ab) ? Buffer.from(ab.buffer, ab.byteOffset, ab.byteLength) : Buffer.from(ab));

const OID_CN = '2.5.4.3';
const OID_O = '2.5.4.10';

/** What is shown of a certificate, and its DER (Node's X509Certificate for the fields, pkijs for CN and O). */
export function certInfo(der: Buffer): CertInfo {
  const x = new X509Certificate(der);
  const p = pkijs.Certificate.fromBER(der);
  const field = (oid: string) => {
    const v = p.subject.typesAndValues.find((t) => t.type === oid)?.value;
    return v ? String(v.valueBlock.value) : null;
  };
  return {
    subject: oneLine(x.subject), commonName: field(OID_CN), organization: field(OID_O), issuer: oneLine(x.issuer), serialNumber: x.serialNumber,
    notBefore: new Date(x.validFrom).toISOString(), notAfter: new Date(x.validTo).toISOString(),
    fingerprint: createHash('sha256').update(der).digest('hex'), der: der.toString('base64'),
  };
}

/** `cert` was issued by `issuer`: names match and the signature verifies with the issuer's key (Node's crypto). */
export const issuedBy = (cert: X509Certificate, issuer: X509Certificate) => cert.checkIssued(issuer) && cert.verify(issuer.publicKey);

/** The signer, then issuers found in `pool`, each verified against the next (stops at a self-issued one). */
export function buildChain(signer: Buffer, pool: Buffer[]): Buffer[] {
  const certs = pool.map((der) => ({ der, x: new X509Certificate(der) }));
  const chain = [{ der: signer, x: new X509Certificate(signer) }];
  while (chain.length < 10) {
    const last = chain[chain.length - 1]!;
    if (last.x.checkIssued(last.x)) break; // self-issued: a root
    const next = certs.find((c) => !chain.some((k) => k.der.equals(c.der)) && issuedBy(last.x, c.x));
    if (!next) break;
    chain.push(next);
  }
  return chain.map((c) => c.der);
}

const validAt = (c: { notBefore: string; notAfter: string }, at: Date) => new Date(c.notBefore) <= at && at <= new Date(c.notAfter);

function attributeValue(attrs: pkijs.SignedAndUnsignedAttributes | undefined, oid: string) {
  return attrs?.attributes.find((a) => a.type === oid)?.values[0];
}

/** The genTime of an RFC 3161 timestamp token, and whether its imprint is the hash of the signature value. */
async function timestampOf(token: asn1js.AsnType, signatureValue: ArrayBuffer): Promise<{ time: Date; matches: boolean } | null> {
  const info = new pkijs.ContentInfo({ schema: token });
  if (info.contentType !== OID_SIGNED_DATA) return null;
  const sd = new pkijs.SignedData({ schema: info.content });
  const eContent = sd.encapContentInfo.eContent;
  if (!eContent) return null;
  const tst = pkijs.TSTInfo.fromBER(eContent.getValue());
  const matches = await tst.verify({ data: signatureValue }, engine()).catch(() => false);
  return { time: tst.genTime, matches };
}

/**
 * The DER element at the start of `bytes` (a /Contents hole is the DER followed by zero padding; the DER itself may
 * end in zero bytes, so its length is read from its header by asn1js, never guessed from the zeros).
 */
export function derPrefix(bytes: Buffer): Buffer {
  const parsed = asn1js.fromBER(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  if (parsed.offset === -1) throw new Error('not BER');
  return bytes.subarray(0, parsed.offset);
}

/** Names compared by attribute type and string value (encoders differ in the string type they choose). */
const nameKey = (n: pkijs.RelativeDistinguishedNames) => JSON.stringify(n.typesAndValues.map((t) => [t.type, String(t.value.valueBlock.value)]));

/** The signer's certificate among those in the CMS: by issuer and serial number, or by subject key identifier. */
function findSigner(sd: pkijs.SignedData, signerInfo: pkijs.SignerInfo): pkijs.Certificate | null {
  const certs = (sd.certificates ?? []).filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate);
  const sid = signerInfo.sid;
  if (sid instanceof pkijs.IssuerAndSerialNumber) {
    return certs.find((c) => c.serialNumber.isEqual(sid.serialNumber) && nameKey(c.issuer) === nameKey(sid.issuer)) ?? null;
  }
  const block = sid as asn1js.Constructed & asn1js.Primitive;
  const keyId = toBuffer(block.idBlock.isConstructed ? (block.valueBlock.value[0] as asn1js.OctetString).valueBlock.valueHexView : block.valueBlock.valueHexView);
  return certs.find((c) => createHash('sha1').update(c.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView).digest().equals(keyId)) ?? null;
}

/** Checks one signature: `signed` is the signed byte range's content, `cms` the DER from /Contents. */
export async function checkCms(cms: Buffer, signed: Buffer, checkedAt: Date): Promise<Omit<SignatureInfo, 'byteRange' | 'coversWholeFile'>> {
  const problems: ProblemCode[] = [];
  const empty = { intact: false, signatureVerified: false, signer: null, chain: [], digestAlgorithm: null, signingTime: null, signingTimeSource: null, certificateValidAtSigning: false };
  let sd: pkijs.SignedData;
  try {
    const info = pkijs.ContentInfo.fromBER(derPrefix(cms));
    if (info.contentType !== OID_SIGNED_DATA) throw new Error('not SignedData');
    sd = new pkijs.SignedData({ schema: info.content });
  } catch {
    return { ...empty, problems: ['cms_unreadable'] };
  }
  const signerInfo = sd.signerInfos[0];
  if (!signerInfo) return { ...empty, problems: ['cms_unreadable'] };
  const signerCert = findSigner(sd, signerInfo);
  if (!signerCert) return { ...empty, problems: ['signer_certificate_missing'] };

  const hashAlg = engine().getAlgorithmByOID(signerInfo.digestAlgorithm.algorithmId);
  const nodeHash = 'name' in hashAlg ? NODE_HASH[hashAlg.name.toUpperCase()] : undefined;
  if (!nodeHash) return { ...empty, problems: ['unsupported_algorithm'] };
  const digest = createHash(nodeHash).update(signed).digest();
  const md = attributeValue(signerInfo.signedAttrs, OID_MESSAGE_DIGEST);
  const expected = md instanceof asn1js.OctetString ? toBuffer(md.valueBlock.valueHexView) : null;
  const intact = expected ? digest.equals(expected) : !signerInfo.signedAttrs;
  if (!intact) problems.push('digest_mismatch');

  let signatureVerified: boolean;
  if (signerInfo.signedAttrs) {
    const shaName = 'name' in hashAlg ? hashAlg.name : undefined;
    signatureVerified = await engine().verifyWithPublicKey(
      signerInfo.signedAttrs.encodedValue, signerInfo.signature, signerCert.subjectPublicKeyInfo, signerInfo.signatureAlgorithm, shaName,
    ).catch(() => false);
  } else {
    // no signed attributes (rare in PDFs): the signature is over the content itself
    signatureVerified = await engine().verifyWithPublicKey(
      new Uint8Array(signed).buffer, signerInfo.signature, signerCert.subjectPublicKeyInfo, signerInfo.signatureAlgorithm, 'name' in hashAlg ? hashAlg.name : undefined,
    ).catch(() => false);
  }
  if (!signatureVerified) problems.push('signature_does_not_verify');

  // signing time: a timestamp token when present (and matching this signature), else the signed attribute
  let signingTime: Date | null = null;
  let signingTimeSource: SignatureInfo['signingTimeSource'] = null;
  const token = attributeValue(signerInfo.unsignedAttrs, OID_TIMESTAMP_TOKEN);
  if (token) {
    const ts = await timestampOf(token, signerInfo.signature.valueBlock.valueHexView.slice().buffer).catch(() => null);
    if (ts?.matches) {
      signingTime = ts.time;
      signingTimeSource = 'timestamp';
    } else problems.push('timestamp_mismatch');
  }
  if (!signingTime) {
    const st = attributeValue(signerInfo.signedAttrs, OID_SIGNING_TIME);
    if (st instanceof asn1js.UTCTime || st instanceof asn1js.GeneralizedTime) {
      signingTime = st.toDate();
      signingTimeSource = 'signed_attribute';
    }
  }
  const at = signingTime ?? checkedAt;

  // the chain: issuers among the certificates in the CMS, each verified against the next
  const derOf = (c: pkijs.Certificate) => Buffer.from(c.toSchema().toBER(false));
  const pool = (sd.certificates ?? []).filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate).map(derOf);
  let chain: CertInfo[];
  try {
    chain = buildChain(derOf(signerCert), pool).map(certInfo);
  } catch {
    return { ...empty, problems: ['signer_certificate_missing'] };
  }
  const signerInfoOut = chain[0]!;
  let certificateValidAtSigning = validAt(signerInfoOut, at);
  if (!certificateValidAtSigning) problems.push(at < new Date(signerInfoOut.notBefore) ? 'certificate_not_yet_valid' : 'certificate_expired');
  if (chain.slice(1).some((c) => !validAt(c, at))) {
    certificateValidAtSigning = false;
    problems.push('chain_certificate_invalid');
  }
  if (!signingTime) problems.push('no_signing_time');
  return {
    intact, signatureVerified, signer: signerInfoOut, chain, digestAlgorithm: 'name' in hashAlg ? hashAlg.name : null,
    signingTime: signingTime?.toISOString() ?? null, signingTimeSource, certificateValidAtSigning, problems,
  };
}

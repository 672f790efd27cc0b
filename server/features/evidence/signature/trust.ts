// Trust, evaluated when a check is read (issue 13): a signature's chain (kept in the stored check) is trusted when
// one of its certificates is a root an admin trusts, or its top certificate was issued by one (name match and
// signature verified by Node's crypto) that was valid at signing time. Nothing is stored: adding or deleting a root
// changes every document's badge at once, without re-checking files.
import { X509Certificate } from 'node:crypto';
import { issuedBy } from './cms';
import { signatureValid } from './check-pdf';
import { PROBLEM_MESSAGES } from './messages';
import type { CertInfo, SignatureCheck, SignatureInfo } from './types';

export type SignatureStatus =
  | 'signed_valid_trusted' | 'signed_valid_untrusted' | 'changed_after_signing' | 'invalid' | 'not_signed' | 'not_applicable' | 'error' | 'not_checked';

export interface TrustedRootCert {
  fingerprint: string;
  der: Uint8Array;
}

type Message = { code: string; vi: string; en: string };
const message = (code: keyof typeof PROBLEM_MESSAGES): Message => ({ code, ...PROBLEM_MESSAGES[code] });

export interface SignatureView {
  status: SignatureStatus;
  checkedAt: string | null;
  modifiedAfterLastSignature: boolean;
  problems: Message[];
  signatures: {
    signerName: string | null;
    signerOrganization: string | null;
    signerSubject: string | null;
    issuer: string | null;
    serialNumber: string | null;
    certificateNotBefore: string | null;
    certificateNotAfter: string | null;
    signingTime: string | null;
    signingTimeSource: 'timestamp' | 'signed_attribute' | null;
    intact: boolean;
    signatureVerified: boolean;
    certificateValidAtSigning: boolean;
    coversWholeFile: boolean;
    trusted: boolean;
    valid: boolean;
    chain: { subject: string; issuer: string; fingerprint: string }[];
    problems: Message[];
  }[];
}

export class TrustStore {
  private readonly roots: { fingerprint: string; x: X509Certificate }[];
  private readonly byFingerprint: Set<string>;
  private readonly cache = new Map<string, boolean>();

  constructor(roots: readonly TrustedRootCert[]) {
    this.roots = roots.map((r) => ({ fingerprint: r.fingerprint, x: new X509Certificate(Buffer.from(r.der)) }));
    this.byFingerprint = new Set(roots.map((r) => r.fingerprint));
  }

  get empty() {
    return this.roots.length === 0;
  }

  /** The chain reaches a trusted root valid at `at`. */
  chainTrusted(chain: readonly CertInfo[], at: Date): boolean {
    if (chain.length === 0 || this.roots.length === 0) return false;
    if (chain.some((c) => this.byFingerprint.has(c.fingerprint))) return true;
    const top = chain[chain.length - 1]!;
    const key = `${top.fingerprint}@${at.toISOString()}`;
    let trusted = this.cache.get(key);
    if (trusted === undefined) {
      const x = new X509Certificate(Buffer.from(top.der, 'base64'));
      trusted = this.roots.some((r) => new Date(r.x.validFrom) <= at && at <= new Date(r.x.validTo) && issuedBy(x, r.x));
      this.cache.set(key, trusted);
    }
    return trusted;
  }

  /** What the API shows of a stored check (null: the blob was stored before checks existed). */
  view(check: SignatureCheck | null): SignatureView {
    if (!check) return { status: 'not_checked', checkedAt: null, modifiedAfterLastSignature: false, problems: [], signatures: [] };
    const signatures = check.signatures.map((s: SignatureInfo) => {
      const at = new Date(s.signingTime ?? check.checkedAt);
      const trusted = this.chainTrusted(s.chain, at);
      const valid = signatureValid(s);
      return {
        signerName: s.signer?.commonName ?? null, signerOrganization: s.signer?.organization ?? null, signerSubject: s.signer?.subject ?? null,
        issuer: s.signer?.issuer ?? null, serialNumber: s.signer?.serialNumber ?? null,
        certificateNotBefore: s.signer?.notBefore ?? null, certificateNotAfter: s.signer?.notAfter ?? null,
        signingTime: s.signingTime, signingTimeSource: s.signingTimeSource, intact: s.intact, signatureVerified: s.signatureVerified,
        certificateValidAtSigning: s.certificateValidAtSigning, coversWholeFile: s.coversWholeFile, trusted, valid,
        chain: s.chain.map((c) => ({ subject: c.subject, issuer: c.issuer, fingerprint: c.fingerprint })),
        problems: [...s.problems.map(message), ...(valid && !trusted ? [message('untrusted_root')] : [])],
      };
    });
    const status: SignatureStatus = check.status === 'signed_valid'
      ? (signatures.every((s) => s.trusted) ? 'signed_valid_trusted' : 'signed_valid_untrusted')
      : check.status;
    return { status, checkedAt: check.checkedAt, modifiedAfterLastSignature: check.modifiedAfterLastSignature, problems: check.problems.map(message), signatures };
  }
}

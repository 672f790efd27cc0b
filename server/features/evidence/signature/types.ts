// The stored result of the signature check of one blob (evidence_blob.signature, jsonb, issue 13). Trust is not
// stored: whether a chain reaches a trusted root is worked out when the result is read (trust.ts), from the chain
// kept here and the roots an admin manages now, so adding or removing a root changes every answer at once.

export const SIGNATURE_CHECK_VERSION = 1;

/** Why a signature or a file is not fine; shown with vi/en messages (messages.ts). */
export type ProblemCode =
  | 'byte_range_malformed' | 'byte_range_outside_file' | 'contents_missing' | 'cms_unreadable' | 'signer_certificate_missing'
  | 'digest_mismatch' | 'signature_does_not_verify' | 'certificate_not_yet_valid' | 'certificate_expired' | 'chain_certificate_invalid'
  | 'unsupported_algorithm' | 'timestamp_mismatch' | 'no_signing_time'
  | 'changed_after_signing'
  | 'not_a_pdf' | 'truncated' | 'too_large' | 'time_limit' | 'memory_limit' | 'check_failed';

export interface CertInfo {
  subject: string;
  commonName: string | null;
  organization: string | null;
  issuer: string;
  serialNumber: string;
  notBefore: string;
  notAfter: string;
  /** sha-256 of the DER, hex */
  fingerprint: string;
  /** DER, base64 (kept so that trust can be evaluated later against the roots of the day) */
  der: string;
}

export interface SignatureInfo {
  /** the /ByteRange as found (null when it could not be read) */
  byteRange: [number, number, number, number] | null;
  /** the signed range hashes to the CMS messageDigest: the document is unchanged since this signature */
  intact: boolean;
  /** the CMS signature verifies with the signer certificate's key */
  signatureVerified: boolean;
  signer: CertInfo | null;
  /** signer first, then issuers found among the CMS certificates (each verified against the next) */
  chain: CertInfo[];
  digestAlgorithm: string | null;
  signingTime: string | null;
  signingTimeSource: 'timestamp' | 'signed_attribute' | null;
  /** the signer (and chain) certificates were valid at the signing time (or at check time without one) */
  certificateValidAtSigning: boolean;
  /** this signature's range ends where the file (or a later signature's revision) ends */
  coversWholeFile: boolean;
  problems: ProblemCode[];
}

export type StoredStatus = 'signed_valid' | 'changed_after_signing' | 'invalid' | 'not_signed' | 'not_applicable' | 'error';

export interface SignatureCheck {
  version: typeof SIGNATURE_CHECK_VERSION;
  checkedAt: string;
  status: StoredStatus;
  signatures: SignatureInfo[];
  /** bytes after the last signed range that are neither a signature nor a DSS update */
  modifiedAfterLastSignature: boolean;
  problems: ProblemCode[];
}

export const notApplicable = (): SignatureCheck => ({
  version: SIGNATURE_CHECK_VERSION, checkedAt: new Date().toISOString(), status: 'not_applicable', signatures: [], modifiedAfterLastSignature: false, problems: [],
});

export const checkError = (problem: ProblemCode): SignatureCheck => ({
  version: SIGNATURE_CHECK_VERSION, checkedAt: new Date().toISOString(), status: 'error', signatures: [], modifiedAfterLastSignature: false, problems: [problem],
});

import { z } from 'zod';

// Zod schemas of what the API shows of a signature check (trust.ts SignatureView), for every list of evidence.

export const SIGNATURE_STATUSES = [
  'signed_valid_trusted', 'signed_valid_untrusted', 'changed_after_signing', 'invalid', 'not_signed', 'not_applicable', 'error', 'not_checked',
] as const;
export const SignatureStatusEnum = z.enum(SIGNATURE_STATUSES).meta({ id: 'SignatureStatus' });

const ProblemOut = z.object({ code: z.string(), vi: z.string(), en: z.string() });

export const SignatureViewOut = z.object({
  status: SignatureStatusEnum,
  checkedAt: z.string().nullable(),
  modifiedAfterLastSignature: z.boolean(),
  problems: z.array(ProblemOut),
  signatures: z.array(z.object({
    signerName: z.string().nullable(),
    signerOrganization: z.string().nullable(),
    signerSubject: z.string().nullable(),
    issuer: z.string().nullable(),
    serialNumber: z.string().nullable(),
    certificateNotBefore: z.string().nullable(),
    certificateNotAfter: z.string().nullable(),
    signingTime: z.string().nullable(),
    signingTimeSource: z.enum(['timestamp', 'signed_attribute']).nullable(),
    intact: z.boolean(),
    signatureVerified: z.boolean(),
    certificateValidAtSigning: z.boolean(),
    coversWholeFile: z.boolean(),
    trusted: z.boolean(),
    valid: z.boolean(),
    chain: z.array(z.object({ subject: z.string(), issuer: z.string(), fingerprint: z.string() })),
    problems: z.array(ProblemOut),
  })),
}).meta({ id: 'SignatureView' });

export const TrustedRootOut = z.object({
  id: z.string(), fingerprint: z.string(), subject: z.string(), issuer: z.string(), notBefore: z.string(), notAfter: z.string(),
  createdAt: z.string(), createdBy: z.string().nullable(),
});

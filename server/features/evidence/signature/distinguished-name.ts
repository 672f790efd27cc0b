/** A subject or issuer as Node's X509Certificate gives it (one attribute a line, the most general first) on one line, the most specific first: "CN=…, O=…, C=VN". */
export const oneLine = (dn: string) => dn.split('\n').reverse().join(', ');

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, it } from 'vitest';
import { API_TYPES_FILE, generateApiTypes, openApiDocument } from '../../server/cli/api-types';

/**
 * The web's API types are generated from the server's route schemas (OpenAPI). A route schema changed without
 * `npm run gen:api` leaves the checked-in file stale: this regenerates it in memory and compares.
 */
it('the checked-in web API types equal those generated from the current route schemas (else: npm run gen:api)', async () => {
  const checkedIn = readFileSync(resolve(import.meta.dirname, '../..', API_TYPES_FILE), 'utf8');
  const fresh = await generateApiTypes();
  if (fresh !== checkedIn) {
    const a = checkedIn.split('\n');
    const b = fresh.split('\n');
    const line = b.findIndex((l, i) => l !== a[i]);
    expect.fail(`${API_TYPES_FILE} is stale: first difference at line ${line + 1}:\n  checked in: ${a[line]}\n  generated:  ${b[line]}\nRun npm run gen:api and commit the file.`);
  }
});

it('every operation the web can call has a typed success answer (no route without a response schema)', async () => {
  const doc = (await openApiDocument()) as unknown as { paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, { schema?: object }> }> }>> };
  const untyped: string[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const success = Object.entries(op.responses ?? {}).filter(([code]) => /^2\d\d$/.test(code));
      if (success.length === 0) untyped.push(`${method.toUpperCase()} ${path}: no 2xx response`);
      for (const [code, response] of success) {
        const json = response.content?.['application/json'];
        if (code !== '204' && json && Object.keys(json.schema ?? {}).length === 0) untyped.push(`${method.toUpperCase()} ${path} ${code}: any`);
      }
    }
  }
  expect(untyped).toEqual([]);
});

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody, errorResponses, ImportProblemOut } from '../../http/schemas';
import { EDITORS } from '../../http/roles';
import { requireUser } from '../../plugins/app/auth';
import { XlsxReader } from '../content-scores/xlsx-reader';
import { analyseUnitTree, storeUnitTree, unitTreeRefused } from './import.service';

/** An import can be refused for size (413) or for its problems (422, every problem in details.problems). */
const importErrors = { ...errorResponses, 413: ErrorBody, 422: ErrorBody };

const FileBody = z.object({
  text: z.string().min(1).max(10_000_000).optional(),
  xlsxBase64: z.string().min(1).max(14_000_000).regex(/^[A-Za-z0-9+/=\s]+$/).optional(),
  fileName: z.string().max(300).optional(),
}).refine((b) => (b.text === undefined) !== (b.xlsxBase64 === undefined), { message: 'exactly one of text (CSV) or xlsxBase64 (XLSX)' });

const UnitRowOut = z.object({
  row: z.number(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(['province', 'department', 'district', 'commune']),
  parentCode: z.string().nullable(),
  group: z.string().nullable(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
});

/** POST /api/units/import/preview and /api/units/import (format: ./README.md). */
export default async function unitTreeImportRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const xlsx = new XlsxReader(app.config.xlsx);
  app.addHook('onClose', () => xlsx.close());
  const fileText = async (body: { text?: string; xlsxBase64?: string }) => body.text ?? (await xlsx.toTsv(Buffer.from(body.xlsxBase64 ?? '', 'base64')));

  r.post('/import/preview', {
    config: { roles: EDITORS },
    schema: {
      tags: ['units'],
      summary: 'Read and check a unit tree file (CSV or XLSX): the units, every problem with row and column; stores nothing',
      body: FileBody,
      response: {
        200: z.object({ units: z.array(UnitRowOut), problems: z.array(ImportProblemOut), columns: z.record(z.string(), z.string()), ignored: z.array(z.string()) }),
        ...importErrors,
      },
    },
  }, async (request) => {
    const analysis = await analyseUnitTree(app.db, await fileText(request.body));
    return { ...analysis, columns: analysis.columns as Record<string, string> };
  });

  r.post('/import', {
    config: { roles: EDITORS },
    schema: {
      tags: ['units'],
      summary: 'Store a unit tree file: one transaction, audited; 422 with every problem and nothing stored',
      body: FileBody,
      response: { 200: z.object({ imported: z.number() }), ...importErrors },
    },
  }, async (request) => {
    const user = requireUser(request);
    const text = await fileText(request.body);
    return app.db.transaction().execute(async (trx) => {
      const analysis = await analyseUnitTree(trx, text);
      if (analysis.problems.length > 0) throw unitTreeRefused(analysis.problems);
      return { imported: await storeUnitTree(trx, analysis, user.id) };
    });
  });
}

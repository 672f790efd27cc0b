import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { API_TYPES_FILE, generateApiTypes } from './api-types';

/** `npm run gen:api`: writes the web's API types from the server's route schemas (see api-types.ts). */
const root = resolve(import.meta.dirname, '../..');
const text = await generateApiTypes();
writeFileSync(resolve(root, API_TYPES_FILE), text);
console.log(`Wrote ${API_TYPES_FILE} (${text.split('\n').length} lines).`);

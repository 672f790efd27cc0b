import type { Role } from '../db/schema';

// Role sets used in routes' `config.roles`.
export const ANY_USER: readonly Role[] = ['admin', 'analyst', 'supervisor', 'enumerator'];
/** read access to campaigns, scores and rankings */
export const STAFF: readonly Role[] = ['admin', 'analyst', 'supervisor'];
/** set up campaigns, import and edit scores */
export const EDITORS: readonly Role[] = ['admin', 'analyst'];
export const ADMINS: readonly Role[] = ['admin'];

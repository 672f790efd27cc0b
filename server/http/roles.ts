import type { Role } from '../db/schema';

// Role sets used in routes' `config.roles`.
import { ROLES } from '../db/schema';
export const ANY_USER: readonly Role[] = ROLES;
/** a unit's officers (their own unit only) and appraisers (their assigned fields only): scope is checked in the service */
export const ASSESSMENT_PARTICIPANTS: readonly Role[] = ['unit_officer', 'appraiser'];
/** read access to campaigns, scores and rankings */
export const STAFF: readonly Role[] = ['admin', 'analyst', 'supervisor'];
/** set up campaigns, import and edit scores */
export const EDITORS: readonly Role[] = ['admin', 'analyst'];
export const ADMINS: readonly Role[] = ['admin'];

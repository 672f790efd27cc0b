import { canEdit } from './roles';
import { useCurrentUser } from './useCurrentUser';

/** True when the signed-in user may change data (admin, analyst). */
export function useCanEdit(): boolean {
  return canEdit(useCurrentUser().data);
}

import { useBandSets } from '../../../shared/api/useBandSets';
import { useCriteriaSets } from '../../../shared/api/useCriteriaSets';
import { useFormat } from '../../../shared/format/useFormat';

/** Names of criteria sets and band sets by code (the code itself until they are loaded). */
export function useReferenceNames() {
  const format = useFormat();
  const criteriaSets = useCriteriaSets().data;
  const bandSets = useBandSets().data;
  return {
    criteriaSetName: (code: string) => criteriaSets?.find((s) => s.code === code)?.name ?? code,
    bandSetName: (code: string) => {
      const set = bandSets?.find((s) => s.code === code);
      return set ? format.text(set.name) : code;
    },
  };
}

// Names of ranking groups (nhóm đơn vị) in the exports, as the web app names them (web/shared/format/useGroupLabel.ts
// and web/locales): the known codes in both languages, any other group as it is spelt.
const KNOWN: Record<string, { vi: string; en: string }> = {
  province: { vi: 'Cấp tỉnh', en: 'Province level' },
  department: { vi: 'Sở, ban, ngành', en: 'Departments' },
  district: { vi: 'Huyện, thị xã, thành phố', en: 'Districts' },
  commune: { vi: 'Xã, phường, thị trấn', en: 'Communes' },
};
const ALIASES: Record<string, string> = { tinh: 'province', 'so-nganh': 'department', huyen: 'district', xa: 'commune' };

export function groupLabel(group: string): { vi: string; en: string } {
  const known = KNOWN[group] ?? KNOWN[ALIASES[group] ?? ''];
  return known ?? { vi: group || 'Không thuộc nhóm', en: group || 'No group' };
}

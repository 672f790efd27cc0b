/** A chosen file as the import body wants it: an XLSX (a zip: starts with "PK") as base64, anything else as UTF-8 text. */
export async function readCriteriaFile(file: File): Promise<{ text: string } | { xlsxBase64: string }> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return { xlsxBase64: btoa(binary) };
  }
  return { text: new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '') };
}

/** A small example in the import format (server/features/criteria/FORMAT.md), with a BOM so Excel reads it as UTF-8. */
export const TEMPLATE_CSV = [
  'code,parent,level,name,max_points,source,rule,evidence_required,evidence_expected,evidence_guidance',
  '1,,0,"CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC",3,,,,,',
  '1.1,1,1,Ban hành kế hoạch CCHC năm đúng thời hạn,1,content,,có,Kế hoạch CCHC năm 2025; Quyết định ban hành kế hoạch,Tải bản có chữ ký số; ghi số trang',
  '1.2,1,1,Báo cáo CCHC định kỳ đúng hạn,2,content,ratio,có,"Báo cáo CCHC quý I; Báo cáo CCHC 6 tháng; Báo cáo CCHC năm",Tử số = số báo cáo đúng hạn; mẫu số = 4',
].join('\n');

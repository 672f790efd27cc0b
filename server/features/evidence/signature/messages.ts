import type { ProblemCode } from './types';

// What each problem of a signature check means, in Vietnamese and English (shown in the badge's details).
export const PROBLEM_MESSAGES: Record<ProblemCode | 'untrusted_root', { vi: string; en: string }> = {
  byte_range_malformed: { vi: '/ByteRange của chữ ký không hợp lệ (không phải 4 số nguyên đúng thứ tự).', en: 'The signature’s /ByteRange is malformed (not four integers in order).' },
  byte_range_outside_file: { vi: '/ByteRange của chữ ký vượt quá độ dài tệp (tệp bị cắt hoặc bị sửa).', en: 'The signature’s /ByteRange reaches past the end of the file (cut off or altered).' },
  contents_missing: { vi: 'Không đọc được nội dung chữ ký (/Contents) tại vị trí /ByteRange chỉ ra.', en: 'The signature value (/Contents) is not where /ByteRange says.' },
  cms_unreadable: { vi: 'Nội dung chữ ký không phải cấu trúc CMS/PKCS#7 hợp lệ.', en: 'The signature value is not a valid CMS/PKCS#7 structure.' },
  signer_certificate_missing: { vi: 'Chữ ký không kèm chứng thư số của người ký.', en: 'The signature does not carry the signer’s certificate.' },
  digest_mismatch: { vi: 'Nội dung đã ký bị thay đổi: mã băm của phần được ký không khớp với chữ ký.', en: 'The signed content was changed: its hash does not match the signature.' },
  signature_does_not_verify: { vi: 'Chữ ký không khớp với khoá công khai trong chứng thư của người ký.', en: 'The signature does not verify with the key in the signer’s certificate.' },
  certificate_not_yet_valid: { vi: 'Chứng thư số của người ký chưa có hiệu lực tại thời điểm ký.', en: 'The signer’s certificate was not yet valid at signing time.' },
  certificate_expired: { vi: 'Chứng thư số của người ký đã hết hạn tại thời điểm ký.', en: 'The signer’s certificate had expired at signing time.' },
  chain_certificate_invalid: { vi: 'Một chứng thư trong chuỗi (CA trung gian) không có hiệu lực tại thời điểm ký.', en: 'A certificate of the chain (an intermediate CA) was not valid at signing time.' },
  unsupported_algorithm: { vi: 'Thuật toán băm hoặc ký của chữ ký không được hỗ trợ.', en: 'The signature’s hash or signature algorithm is not supported.' },
  timestamp_mismatch: { vi: 'Dấu thời gian kèm chữ ký không khớp với chữ ký (không dùng làm thời điểm ký).', en: 'The timestamp token does not match the signature (not used as signing time).' },
  no_signing_time: { vi: 'Chữ ký không ghi thời điểm ký; hiệu lực chứng thư được xét tại thời điểm kiểm tra.', en: 'The signature records no signing time; certificate validity was checked at check time.' },
  changed_after_signing: { vi: 'Sửa sau khi ký: tệp có nội dung được thêm sau chữ ký cuối cùng.', en: 'Changed after signing: content was added after the last signature.' },
  not_a_pdf: { vi: 'Tệp không phải PDF.', en: 'The file is not a PDF.' },
  truncated: { vi: 'Tệp PDF bị cắt cụt (không có %%EOF ở cuối): không kiểm tra được đầy đủ.', en: 'The PDF is truncated (no %%EOF at its end): it cannot be checked fully.' },
  too_large: { vi: 'Tệp quá lớn để kiểm tra chữ ký.', en: 'The file is too large for a signature check.' },
  time_limit: { vi: 'Kiểm tra chữ ký vượt quá thời gian cho phép và đã bị dừng.', en: 'The signature check took longer than allowed and was stopped.' },
  memory_limit: { vi: 'Kiểm tra chữ ký cần nhiều bộ nhớ hơn cho phép và đã bị dừng.', en: 'The signature check needed more memory than allowed and was stopped.' },
  check_failed: { vi: 'Không đọc được tệp để kiểm tra chữ ký (tệp hỏng).', en: 'The file could not be read for a signature check (damaged).' },
  untrusted_root: { vi: 'Chuỗi chứng thư không dẫn tới chứng thư gốc (CA) nào được quản trị viên tin cậy.', en: 'The certificate chain does not reach a root (CA) trusted by an administrator.' },
};

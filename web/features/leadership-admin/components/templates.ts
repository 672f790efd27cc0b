import type { MailTemplate } from '../../../shared/api/types';

/** The placeholders a template may use, in the order the screen explains them. */
export const PLACEHOLDERS = ['name', 'deadline', 'link', 'campaign'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

const PLACEHOLDER_PATTERN = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** Placeholders written in the text that the server does not know (e.g. a typo "{{ten}}"). */
export function unknownPlaceholders(text: string): string[] {
  const known = new Set<string>(PLACEHOLDERS);
  return [...text.matchAll(PLACEHOLDER_PATTERN)].map((m) => m[1] ?? '').filter((name) => !known.has(name));
}

/** The template with each known placeholder replaced; unknown ones are left as written. */
export function renderTemplate(text: string, values: Record<Placeholder, string>): string {
  return text.replace(PLACEHOLDER_PATTERN, (whole, name: string) => (name in values ? values[name as Placeholder] : whole));
}

// The defaults the screen offers before the survey is first saved (Vietnamese: the invitation goes to officials).
export const DEFAULT_INVITATION: MailTemplate = {
  subject: 'Mời tham gia điều tra xã hội học về cải cách hành chính – {{campaign}}',
  body: [
    'Kính gửi Ông/Bà {{name}},',
    '',
    'Để phục vụ xác định Chỉ số cải cách hành chính ({{campaign}}), trân trọng kính mời Ông/Bà trả lời phiếu điều tra xã hội học dành cho đại biểu Hội đồng nhân dân và lãnh đạo, quản lý. Phiếu gồm 22 câu hỏi, trả lời trong khoảng 10 phút, trên điện thoại hoặc máy tính.',
    '',
    'Xin Ông/Bà trả lời trước ngày {{deadline}} tại đường dẫn riêng dưới đây:',
    '{{link}}',
    '',
    'Câu trả lời được ghi nhận ẩn danh: hệ thống chỉ ghi nhận Ông/Bà đã trả lời hay chưa để gửi thư nhắc, không lưu câu trả lời kèm họ tên hay địa chỉ thư. Đường dẫn chỉ dùng được cho một phiếu, xin Ông/Bà không chuyển tiếp thư này.',
    '',
    'Trân trọng cảm ơn Ông/Bà.',
  ].join('\n'),
};

export const DEFAULT_REMINDER: MailTemplate = {
  subject: 'Nhắc trả lời phiếu điều tra xã hội học về cải cách hành chính – {{campaign}}',
  body: [
    'Kính gửi Ông/Bà {{name}},',
    '',
    'Hệ thống chưa nhận được phiếu trả lời của Ông/Bà cho đợt {{campaign}}. Kính mong Ông/Bà dành khoảng 10 phút trả lời trước ngày {{deadline}} tại đường dẫn:',
    '{{link}}',
    '',
    'Câu trả lời được ghi nhận ẩn danh. Nếu Ông/Bà vừa trả lời, xin bỏ qua thư này.',
    '',
    'Trân trọng cảm ơn Ông/Bà.',
  ].join('\n'),
};

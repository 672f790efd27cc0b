/** Default invitation and reminder (Vietnamese; the campaign's own templates replace them). */
export const DEFAULT_TEMPLATES = {
  invitation: {
    subject: 'Mời tham gia khảo sát Chỉ số cải cách hành chính – {{campaign}}',
    body: [
      'Kính gửi {{name}},',
      '',
      'Sở Nội vụ trân trọng mời Quý vị tham gia khảo sát xã hội học phục vụ đánh giá Chỉ số cải cách hành chính ({{campaign}}).',
      'Câu trả lời của Quý vị được lưu tách biệt với danh tính và không thể truy ngược về người trả lời.',
      '',
      'Đường dẫn dành riêng cho Quý vị (chỉ dùng được một lần): {{link}}',
      'Hạn trả lời: {{deadline}}.',
      '',
      'Trân trọng cảm ơn.',
    ].join('\n'),
  },
  reminder: {
    subject: 'Nhắc: khảo sát Chỉ số cải cách hành chính – {{campaign}}',
    body: [
      'Kính gửi {{name}},',
      '',
      'Hệ thống chưa nhận được phiếu trả lời của Quý vị cho khảo sát {{campaign}}. Rất mong Quý vị dành ít phút trả lời trước ngày {{deadline}}.',
      '',
      'Đường dẫn dành riêng cho Quý vị: {{link}}',
      '',
      'Trân trọng cảm ơn.',
    ].join('\n'),
  },
};

export const PLACEHOLDERS = ['name', 'deadline', 'link', 'campaign'] as const;

/** Fills `{{name}}`, `{{deadline}}`, `{{link}}`, `{{campaign}}`; unknown placeholders are left as written. */
export function renderTemplate(template: string, values: Record<(typeof PLACEHOLDERS)[number], string>): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, key: string) => (key in values ? values[key as keyof typeof values] : whole));
}

/** A date as Vietnamese readers write it: 31/12/2025. */
export const viDate = (isoDay: string | null) => (isoDay ? isoDay.split('-').reverse().join('/') : 'khi kết thúc đợt khảo sát');

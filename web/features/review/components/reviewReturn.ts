/** Router state the queue hands to a form's page, so "back" returns to the same filters and page. */
export interface ReviewReturn {
  reviewFrom: string;
  campaignId: string;
}

export function readReviewReturn(state: unknown): ReviewReturn | null {
  const s = state as Partial<ReviewReturn> | null;
  return s && typeof s.reviewFrom === 'string' && typeof s.campaignId === 'string' ? { reviewFrom: s.reviewFrom, campaignId: s.campaignId } : null;
}

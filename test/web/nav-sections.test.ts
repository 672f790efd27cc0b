import { describe, expect, it } from 'vitest';
import { NAV, sectionOf } from '../../web/app/navSections';

describe('the top menu: which item a page highlights (issue 12, point 10)', () => {
  it('puts a campaign\'s fieldwork screens under fieldwork, its self-assessment under self-assessment, the rest under campaigns', () => {
    const id = '7d0c3a52-2f3e-4b47-9d2e-2b2f4d5a6b7c';
    expect(sectionOf(`/campaigns/${id}/fieldwork/dashboard`)).toBe('fieldwork');
    expect(sectionOf(`/campaigns/${id}/fieldwork`)).toBe('fieldwork');
    expect(sectionOf(`/campaigns/${id}/review`)).toBe('fieldwork');
    expect(sectionOf(`/campaigns/${id}/rechecks`)).toBe('fieldwork');
    expect(sectionOf('/fieldwork/forms/abc')).toBe('fieldwork');
    expect(sectionOf(`/campaigns/${id}/assessment/queue`)).toBe('assessment');
    expect(sectionOf(`/campaigns/${id}/results`)).toBe('campaigns');
    expect(sectionOf(`/campaigns/${id}/units/u1/report`)).toBe('campaigns');
    expect(sectionOf(`/campaigns/${id}`)).toBe('campaigns');
    expect(sectionOf('/campaigns/new')).toBe('campaigns');
    expect(sectionOf('/mail-outbox')).toBe('mailOutbox');
    expect(sectionOf('/criteria/compare')).toBe('criteria');
    expect(sectionOf('/')).toBeNull();
    expect(sectionOf('/constructor')).toBeNull();
    expect(sectionOf(`/campaigns/${id}/constructor`)).toBe('campaigns');
  });

  it('gives the mail outbox to admins only (the server lets only admins read it)', () => {
    const withOutbox = Object.entries(NAV).filter(([, items]) => items.some((i) => i.to === '/mail-outbox')).map(([role]) => role);
    expect(withOutbox).toEqual(['admin']);
  });
});

/** A top-menu entry: where it leads, its label key, and the section of the app it stands for. */
export interface NavItem {
  section: NavSection;
  to: string;
  label: string;
}

export type NavSection = 'campaigns' | 'fieldwork' | 'assessment' | 'units' | 'criteria' | 'users' | 'notifications' | 'mailOutbox';

const item = (section: NavSection, to: string): NavItem => ({ section, to, label: `nav.${section}` });

const CAMPAIGNS = item('campaigns', '/campaigns');
const FIELDWORK = item('fieldwork', '/fieldwork');
const ASSESSMENT = item('assessment', '/assessment');
const UNITS = item('units', '/units');
const CRITERIA = item('criteria', '/criteria');
const USERS = item('users', '/users');
const NOTIFICATIONS = item('notifications', '/notifications');
const MAIL_OUTBOX = item('mailOutbox', '/mail-outbox');

/** The top menu per role. Supervisors work on the fieldwork: it comes first for them. The outbox is read by admins only (the server's rule). */
// keyed by the staff roles (Layout indexes it with the signed-in user's role; enumerators have their own app)
export const NAV = {
  admin: [CAMPAIGNS, FIELDWORK, ASSESSMENT, UNITS, CRITERIA, USERS, MAIL_OUTBOX],
  analyst: [CAMPAIGNS, FIELDWORK, ASSESSMENT, UNITS, CRITERIA],
  unit_officer: [ASSESSMENT, NOTIFICATIONS],
  appraiser: [ASSESSMENT, NOTIFICATIONS],
  supervisor: [FIELDWORK, CAMPAIGNS, UNITS, CRITERIA],
} satisfies Record<string, readonly NavItem[]>;

// a campaign's own pages that belong to another section than "campaigns"
const CAMPAIGN_PAGE_SECTIONS = new Map<string, NavSection>([
  ['fieldwork', 'fieldwork'], // set-up, and fieldwork/dashboard
  ['review', 'fieldwork'],
  ['rechecks', 'fieldwork'],
  ['assessment', 'assessment'],
]);

const TOP_LEVEL = new Map<string, NavSection>([
  ['campaigns', 'campaigns'],
  ['fieldwork', 'fieldwork'],
  ['assessment', 'assessment'],
  ['units', 'units'],
  ['criteria', 'criteria'],
  ['users', 'users'],
  ['notifications', 'notifications'],
  ['mail-outbox', 'mailOutbox'],
]);

/**
 * The section a path belongs to, for the top menu's highlight: the fieldwork screens of a campaign
 * (/campaigns/:id/fieldwork/dashboard, …/review, …/rechecks, …/fieldwork) are fieldwork, its self-assessment
 * pages are self-assessment, its other pages (results, ranking, reports, leadership…) are campaigns.
 */
export function sectionOf(pathname: string): NavSection | null {
  const parts = pathname.split('/').filter(Boolean);
  const [first, , third] = parts;
  if (first === undefined) return null;
  if (first === 'campaigns' && third !== undefined) return CAMPAIGN_PAGE_SECTIONS.get(third) ?? 'campaigns';
  return TOP_LEVEL.get(first) ?? null;
}

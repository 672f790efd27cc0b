// The feature's screens, loaded as one chunk (web/app/lazyPages.ts).
export { AssessmentHomePage } from './AssessmentHomePage';
export { SheetsPage } from './SheetsPage';
export { SheetPage } from './SheetPage';
export { QueuePage } from './QueuePage';
export { ProgressPage } from './ProgressPage';
export { NotificationsPage } from './NotificationsPage';

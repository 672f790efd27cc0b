// The enumerator app's texts: Vietnamese first, English on request. A small typed dictionary (no i18next):
// `t('key', { n: 3 })` fills `{n}`; the English dictionary must have every Vietnamese key.
import type { Bilingual } from './api';
import { createStore, useStore } from './live';

const vi = {
  appTitle: 'ParIndex – Điều tra viên',
  appShort: 'Điều tra viên',
  langSwitch: 'English',
  langSwitchLabel: 'Đổi ngôn ngữ sang tiếng Anh',
  online: 'Có mạng',
  offline: 'Không có mạng',

  loginTitle: 'Đăng nhập',
  loginIntro: 'Đăng nhập một lần khi có mạng. Sau đó ứng dụng dùng được cả khi không có mạng.',
  reloginTitle: 'Đăng nhập lại',
  reloginIntro: 'Phiên đăng nhập đã hết hạn. Các phiếu chưa gửi vẫn được giữ trên máy; đăng nhập lại để gửi.',
  username: 'Tên đăng nhập',
  password: 'Mật khẩu',
  loginButton: 'Đăng nhập',
  loggingIn: 'Đang đăng nhập…',
  loginNeedsNetwork: 'Không có mạng. Lần đăng nhập đầu tiên cần có mạng.',
  loginNotEnumerator: 'Tài khoản này không phải tài khoản điều tra viên. Hãy dùng trang quản lý.',
  loginOpenMain: 'Mở trang quản lý',
  loginWrongUser: 'Máy này đang giữ phiếu của tài khoản {username}. Hãy đăng nhập bằng tài khoản đó.',
  loginTooMany: 'Đăng nhập sai quá nhiều lần. Hãy đợi một phút rồi thử lại.',
  cancel: 'Huỷ',
  changeTitle: 'Đặt mật khẩu mới',
  changeIntro: 'Mật khẩu trong danh sách được tạo tự động. Hãy đặt mật khẩu của riêng bạn trước khi bắt đầu; mật khẩu cũ sẽ không dùng được nữa.',
  newPassword: 'Mật khẩu mới',
  newPasswordHint: 'Ít nhất 10 ký tự, không chứa tên đăng nhập.',
  newPasswordAgain: 'Nhập lại mật khẩu mới',
  changeButton: 'Lưu mật khẩu mới',
  changing: 'Đang lưu…',
  changeTooShort: 'Mật khẩu mới cần ít nhất 10 ký tự.',
  changeMismatch: 'Hai lần nhập mật khẩu mới không giống nhau.',
  changeSame: 'Mật khẩu mới phải khác mật khẩu trong danh sách.',
  changeHasUsername: 'Mật khẩu mới không được chứa tên đăng nhập.',

  unsentCount: '{n} phiếu chưa gửi',
  allSent: 'Đã gửi hết phiếu',
  newForm: 'Phiếu mới',
  syncNow: 'Đồng bộ ngay',
  syncing: 'Đang đồng bộ…',
  syncedAt: 'Đồng bộ lần cuối lúc {time}',
  neverSynced: 'Chưa đồng bộ lần nào',
  syncOfflineHint: 'Không có mạng: phiếu được lưu trên máy và tự gửi khi có mạng.',
  syncRetryAt: 'Sẽ thử lại lúc {time}',
  syncResult: 'Đã gửi {sent} phiếu.',
  syncNothing: 'Đã đồng bộ. Không có phiếu nào cần gửi.',
  syncResultRefused: 'Đã gửi {sent} phiếu; {refused} phiếu bị từ chối.',
  exportUnsent: 'Xuất phiếu chưa gửi',
  exportHint: 'Khi không thể gửi qua mạng: xuất tệp và chuyển cho giám sát viên để tải lên.',
  sessionExpired: 'Phiên đăng nhập đã hết hạn. Phiếu chưa gửi vẫn an toàn trên máy.',
  loginAgain: 'Đăng nhập lại',

  draftsTitle: 'Phiếu đang nhập dở',
  resume: 'Tiếp tục',
  outboxTitle: 'Phiếu chờ gửi',
  statusQueued: 'Chờ gửi',
  statusSending: 'Đang gửi',
  statusFailed: 'Bị từ chối',
  attempts: 'đã thử {n} lần',
  otherAccount: 'của tài khoản khác',
  returnedTitle: 'Phiếu giám sát trả lại',
  returnedReason: 'Lý do: {reason}',
  returnedNoReason: 'Không ghi lý do',
  replaceForm: 'Làm phiếu thay thế',
  sentTitle: 'Phiếu đã gửi gần đây',
  sentAt: 'Máy chủ nhận lúc {time}',
  flagsTitle: 'Máy chủ ghi chú:',

  assignmentsTitle: 'Đơn vị được giao',
  updatedAt: 'cập nhật lúc {time}',
  noAssignments: 'Bạn chưa được giao đơn vị nào. Hãy đồng bộ khi có mạng, hoặc hỏi giám sát viên.',
  campaignDates: 'Thời gian: {from} – {to}',
  notSet: 'chưa đặt',
  questionnaireLabel: 'Phiếu: {id} (phiên bản {version})',
  quotaLine: '{collected}/{target} phiếu',
  quotaTotal: 'Cộng (chỉ tiêu của đơn vị)',
  quotaAccepted: 'đã duyệt {n}',
  collectedByMe: 'Bạn đã thu {n} phiếu',
  pendingHere: '{n} phiếu trên máy chưa gửi',
  level_all: 'Tất cả các cấp',

  modeInterview: 'Phỏng vấn trực tiếp',
  modePaper: 'Nhập phiếu giấy',
  paperSerialShort: 'Số phiếu {serial}',

  signedInAs: 'Đăng nhập: {name}',
  logout: 'Đăng xuất',
  logoutBlocked: 'Không thể đăng xuất khi còn {n} phiếu chưa gửi. Hãy đồng bộ hoặc xuất phiếu trước.',
  logoutDraftsConfirm: 'Còn {n} phiếu đang nhập dở. Phiếu vẫn được giữ trên máy và hiện lại khi tài khoản này đăng nhập. Đăng xuất?',
  logoutOffline: 'Đăng xuất cần có mạng.',
  storagePersisted: 'Dữ liệu trên máy được bảo vệ khỏi bị xoá tự động.',
  storageNotPersisted: 'Trình duyệt có thể xoá dữ liệu khi máy hết bộ nhớ: hãy cài ứng dụng lên màn hình chính và gửi phiếu thường xuyên.',
  offlineReady: 'Ứng dụng đã sẵn sàng dùng khi không có mạng.',
  version: 'Phiên bản {version}',
  updateReady: 'Có phiên bản mới của ứng dụng.',
  updateNow: 'Cập nhật',

  newFormTitle: 'Phiếu mới',
  chooseCampaign: 'Đợt khảo sát',
  chooseUnit: 'Đơn vị',
  chooseMode: 'Cách thu phiếu',
  paperSerial: 'Số phiếu giấy',
  paperSerialHelp: 'Ghi đúng số in trên phiếu giấy.',
  paperSerialRequired: 'Cần nhập số phiếu giấy.',
  paperSerialSeen: 'Số phiếu {serial} đã có trên máy này: {place}, {unit}. Mỗi phiếu giấy chỉ nhập một lần — hãy kiểm tra lại số in trên phiếu.',
  serialInDraft: 'phiếu đang nhập dở',
  serialInOutbox: 'phiếu chờ gửi',
  serialSent: 'phiếu đã gửi lúc {time}',
  paperSerialRekey: 'Tôi nhập lại chính phiếu giấy này (đã kiểm tra số phiếu); giám sát viên sẽ thấy ghi chú trùng số phiếu.',
  paperSerialBlocked: 'Chưa bắt đầu được: số phiếu đã dùng. Sửa số phiếu, hoặc đánh dấu đây là phiếu nhập lại.',
  gpsQuestion: 'Ghi vị trí GPS cho phiếu này?',
  gpsHelp: 'Chỉ ghi khi người trả lời đồng ý. Vị trí giúp giám sát viên kiểm tra phiếu.',
  gpsYes: 'Đồng ý ghi vị trí',
  gpsNo: 'Không ghi vị trí',
  gpsChoose: 'Hãy chọn có ghi vị trí hay không.',
  chooseRequired: 'Hãy chọn.',
  startForm: 'Bắt đầu',
  back: 'Quay lại',
  home: 'Trang chính',
  campaignNotStarted: 'Đợt khảo sát chưa bắt đầu (từ {date}).',
  campaignEnded: 'Đợt khảo sát đã kết thúc ({date}).',
  unknownQuestionnaire: 'Ứng dụng chưa có phiếu {id} phiên bản {version}. Hãy cập nhật ứng dụng khi có mạng.',

  sectionOf: 'Phần {i}/{n}',
  progressLabel: 'Đã xong {done}/{total} câu bắt buộc',
  progressSkipped: '{n} câu được bỏ qua, tính là đã xong',
  next: 'Tiếp',
  finish: 'Hoàn thành',
  saving: 'Đã lưu trên máy',
  sectionErrors: 'Còn {n} câu cần sửa trong phần này.',
  formErrors: 'Phiếu còn {n} lỗi, chưa thể hoàn thành.',
  chooseUpTo: 'Chọn tối đa {n}',
  questionNo: 'Câu {n}',
  removedHidden: 'Đã xoá câu trả lời của {n} câu không còn áp dụng.',
  discardForm: 'Huỷ phiếu này',
  discardConfirm: 'Huỷ phiếu đang nhập? Các câu trả lời sẽ bị xoá khỏi máy.',
  formMissing: 'Không tìm thấy phiếu này trên máy.',
  finishedSaved: 'Đã lưu phiếu vào hàng chờ gửi. Phiếu sẽ tự gửi khi có mạng.',
  gpsRecorded: 'Đã ghi vị trí (±{m} m)',
  gpsWaiting: 'Đang lấy vị trí…',
  gpsNotRecorded: 'Không ghi vị trí',
  charsCount: '{n}/{max} ký tự',
  yearPlaceholder: 'VD: 1980',
} as const;

export type TextKey = keyof typeof vi;

const en: Record<TextKey, string> = {
  appTitle: 'ParIndex – Enumerator',
  appShort: 'Enumerator',
  langSwitch: 'Tiếng Việt',
  langSwitchLabel: 'Switch the language to Vietnamese',
  online: 'Online',
  offline: 'Offline',

  loginTitle: 'Sign in',
  loginIntro: 'Sign in once while online. After that the app works without a network.',
  reloginTitle: 'Sign in again',
  reloginIntro: 'Your session has expired. Unsent forms are kept on the phone; sign in again to send them.',
  username: 'Username',
  password: 'Password',
  loginButton: 'Sign in',
  loggingIn: 'Signing in…',
  loginNeedsNetwork: 'No network. The first sign-in needs a network.',
  loginNotEnumerator: 'This account is not an enumerator account. Use the office site.',
  loginOpenMain: 'Open the office site',
  loginWrongUser: 'This phone holds forms of the account {username}. Sign in with that account.',
  loginTooMany: 'Too many failed sign-ins. Wait a minute and try again.',
  cancel: 'Cancel',
  changeTitle: 'Set a new password',
  changeIntro: 'The password on the list was generated. Set a password of your own before you start; the old one stops working.',
  newPassword: 'New password',
  newPasswordHint: 'At least 10 characters, without the username.',
  newPasswordAgain: 'New password again',
  changeButton: 'Save the new password',
  changing: 'Saving…',
  changeTooShort: 'The new password needs at least 10 characters.',
  changeMismatch: 'The two new passwords differ.',
  changeSame: 'The new password must differ from the one on the list.',
  changeHasUsername: 'The new password must not contain the username.',

  unsentCount: '{n} unsent form(s)',
  allSent: 'All forms sent',
  newForm: 'New form',
  syncNow: 'Sync now',
  syncing: 'Syncing…',
  syncedAt: 'Last synced at {time}',
  neverSynced: 'Never synced',
  syncOfflineHint: 'Offline: forms are kept on the phone and sent when a network is back.',
  syncRetryAt: 'Will retry at {time}',
  syncResult: '{sent} form(s) sent.',
  syncNothing: 'Synced. No form needed sending.',
  syncResultRefused: '{sent} form(s) sent; {refused} refused.',
  exportUnsent: 'Export unsent forms',
  exportHint: 'When nothing can be sent over the network: export a file and give it to your supervisor to upload.',
  sessionExpired: 'Your session has expired. Unsent forms are safe on the phone.',
  loginAgain: 'Sign in again',

  draftsTitle: 'Forms in progress',
  resume: 'Continue',
  outboxTitle: 'Forms waiting to be sent',
  statusQueued: 'Queued',
  statusSending: 'Sending',
  statusFailed: 'Refused',
  attempts: '{n} attempt(s)',
  otherAccount: 'of another account',
  returnedTitle: 'Forms returned by the supervisor',
  returnedReason: 'Reason: {reason}',
  returnedNoReason: 'No reason given',
  replaceForm: 'Make a replacement form',
  sentTitle: 'Recently sent forms',
  sentAt: 'Received by the server at {time}',
  flagsTitle: 'Server notes:',

  assignmentsTitle: 'Assigned units',
  updatedAt: 'updated at {time}',
  noAssignments: 'You have no assigned units yet. Sync while online, or ask your supervisor.',
  campaignDates: 'Dates: {from} – {to}',
  notSet: 'not set',
  questionnaireLabel: 'Questionnaire: {id} (version {version})',
  quotaLine: '{collected}/{target} forms',
  quotaTotal: 'Total (the unit\'s quota)',
  quotaAccepted: '{n} accepted',
  collectedByMe: 'You collected {n} form(s)',
  pendingHere: '{n} unsent form(s) on this phone',
  level_all: 'All levels',

  modeInterview: 'Face-to-face interview',
  modePaper: 'Paper form transcription',
  paperSerialShort: 'Serial {serial}',

  signedInAs: 'Signed in: {name}',
  logout: 'Sign out',
  logoutBlocked: 'You cannot sign out while {n} form(s) are unsent. Sync or export them first.',
  logoutDraftsConfirm: '{n} form(s) are in progress. They stay on the phone and come back when this account signs in. Sign out?',
  logoutOffline: 'Signing out needs a network.',
  storagePersisted: 'Data on this phone is protected from automatic clean-up.',
  storageNotPersisted: 'The browser may delete data when the phone runs out of space: install the app on the home screen and send forms often.',
  offlineReady: 'The app is ready to work offline.',
  version: 'Version {version}',
  updateReady: 'A new version of the app is available.',
  updateNow: 'Update',

  newFormTitle: 'New form',
  chooseCampaign: 'Survey campaign',
  chooseUnit: 'Unit',
  chooseMode: 'How the form is collected',
  paperSerial: 'Paper form serial number',
  paperSerialHelp: 'Type the number printed on the paper form.',
  paperSerialRequired: 'The paper form serial number is required.',
  paperSerialSeen: 'Serial {serial} is already on this phone: {place}, {unit}. Each paper form is keyed once — check the number printed on the form.',
  serialInDraft: 'a form being filled in',
  serialInOutbox: 'a form waiting to be sent',
  serialSent: 'a form sent at {time}',
  paperSerialRekey: 'I am keying this same paper form again (serial checked); the supervisor will see a duplicate-serial note.',
  paperSerialBlocked: 'Not started: this serial is already used. Correct the serial, or mark this as a paper form keyed again.',
  gpsQuestion: 'Record the GPS position for this form?',
  gpsHelp: 'Only with the respondent’s consent. The position helps supervisors check forms.',
  gpsYes: 'Yes, record the position',
  gpsNo: 'No position',
  gpsChoose: 'Choose whether to record the position.',
  chooseRequired: 'Please choose.',
  startForm: 'Start',
  back: 'Back',
  home: 'Home',
  campaignNotStarted: 'The campaign has not started yet (from {date}).',
  campaignEnded: 'The campaign has ended ({date}).',
  unknownQuestionnaire: 'This app does not have questionnaire {id} version {version}. Update the app while online.',

  sectionOf: 'Part {i}/{n}',
  progressLabel: '{done}/{total} required questions done',
  progressSkipped: '{n} skipped by the answers, counted as done',
  next: 'Next',
  finish: 'Finish',
  saving: 'Saved on the phone',
  sectionErrors: '{n} question(s) in this part need fixing.',
  formErrors: 'The form has {n} error(s) and cannot be finished yet.',
  chooseUpTo: 'Choose up to {n}',
  questionNo: 'Question {n}',
  removedHidden: 'Removed the answers of {n} question(s) that no longer apply.',
  discardForm: 'Discard this form',
  discardConfirm: 'Discard the form in progress? Its answers will be deleted from the phone.',
  formMissing: 'This form is not on the phone.',
  finishedSaved: 'The form is queued for sending. It will be sent when a network is available.',
  gpsRecorded: 'Position recorded (±{m} m)',
  gpsWaiting: 'Getting the position…',
  gpsNotRecorded: 'No position',
  charsCount: '{n}/{max} characters',
  yearPlaceholder: 'e.g. 1980',
};

export type Lang = 'vi' | 'en';
const STORAGE_KEY = 'parindex.enumerator.lang';

function initialLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

export const langStore = createStore({ lang: initialLang() });

export function setLang(lang: Lang): void {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    /* private mode: the choice lasts for this visit */
  }
  document.documentElement.lang = lang;
  langStore.set({ lang });
}

type Params = Record<string, string | number>;

export interface I18n {
  lang: Lang;
  t(key: TextKey, params?: Params): string;
  /** a server or questionnaire text in the current language */
  text(b: Bilingual): string;
  num(n: number): string;
  dateTime(iso: string): string;
  time(iso: string): string;
  /** a `YYYY-MM-DD` date */
  day(date: string): string;
}

const cache = new Map<Lang, I18n>();

function make(lang: Lang): I18n {
  const dict = lang === 'en' ? en : vi;
  const locale = lang === 'en' ? 'en-GB' : 'vi-VN';
  const numbers = new Intl.NumberFormat(locale);
  const dateTimes = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', day: '2-digit', month: '2-digit', year: 'numeric' });
  const times = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' });
  const days = new Intl.DateTimeFormat(locale, { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' });
  return {
    lang,
    t: (key, params) =>
      dict[key].replace(/\{(\w+)\}/g, (all, name: string) => {
        const v = params?.[name];
        return v === undefined ? all : typeof v === 'number' ? numbers.format(v) : v;
      }),
    text: (b) => b[lang] || b.vi,
    num: (n) => numbers.format(n),
    dateTime: (iso) => dateTimes.format(new Date(iso)),
    time: (iso) => times.format(new Date(iso)),
    day: (date) => days.format(new Date(`${date}T00:00:00Z`)),
  };
}

export function useI18n(): I18n {
  const { lang } = useStore(langStore);
  let i18n = cache.get(lang);
  if (!i18n) {
    i18n = make(lang);
    cache.set(lang, i18n);
  }
  return i18n;
}

import type { Catalogue } from './en';

export const zhHant: Catalogue = {
  meta: { dir: 'ltr' },
  site: {
    name: 'Civic Panel',
    owner: '洛杉磯市 · 社區參與辦公室',
    skip: '跳至主要內容',
    banner: '洛杉磯市官方網站',
    languages: '語言',
    menu: '選單',
    footer: 'Civic Panel 協助市政府聆聽居民對 MyLA311 及市政服務的意見。',
    privacy: '您提供的資料僅用於邀請您參與研究及改善市政服務。',
  },
  home: {
    title: '協助改善市政服務',
    lead: '洛杉磯市正在詢問居民 MyLA311 及市政服務對他們是否好用。',
    what: '什麼是居民小組？',
    whatBody:
      '居民小組由同意受邀參加簡短問卷調查及小組座談的洛杉磯居民組成，討論大型物品收運、塗鴉清除等市政服務。',
    who: '誰可以參加？',
    whoBody:
      '任何住在洛杉磯的人都可以參加，無論是否使用過 MyLA311。您可以使用自己的語言，以線上或親自出席的方式參加。',
    privacy: '您的資料',
    privacyBody: '您決定要分享哪些資料。您可以隨時更改資料、暫停聯絡或刪除您的資料。',
    contact: '有疑問嗎？請撥打 3-1-1（在洛杉磯以外請撥 213-473-3231）。',
  },
  errors: {
    notFoundTitle: '找不到網頁',
    notFoundBody: '如果您是自行輸入網址，請檢查是否正確。如果您是點選連結，該連結可能已過期。',
    forbiddenTitle: '您無法開啟此網頁',
    forbiddenBody: '您的工作階段可能已結束，或表單開啟太久。請返回、重新載入網頁後再試一次。',
    tooLargeTitle: '您傳送的內容太大',
    tooLargeBody: '請縮短您的回答後再試一次。',
    tooManyTitle: '嘗試次數過多',
    tooManyBody: '請等候幾分鐘後再試一次。',
    badRequestTitle: '我們無法讀取您傳送的內容',
    badRequestBody: '請返回檢查您的回答後再試一次。',
    serverTitle: '很抱歉，發生錯誤',
    serverBody: '問題已記錄下來。請稍後再試。',
    reference: '參考編號：{{ref}}',
    home: '前往首頁',
  },
  form: {
    errorSummary: '發生問題',
    errorTitlePrefix: '錯誤：',
    optional: '（選填）',
  },
};

/**
 * English: the reference catalogue. Every other language must have exactly these keys
 * (the type `Catalogue` checks it at compile time, test/unit/i18n.test.ts at run time).
 */
export const en = {
  meta: { dir: 'ltr' },
  site: {
    name: 'Civic Panel',
    owner: 'City of Los Angeles · Office of Community Engagement',
    skip: 'Skip to main content',
    banner: 'An official website of the City of Los Angeles',
    languages: 'Languages',
    menu: 'Menu',
    footer: 'Civic Panel helps the City hear from residents about MyLA311 and City services.',
    privacy: 'We use what you tell us only to invite you to research and to improve City services.',
  },
  home: {
    title: 'Help make City services work better',
    lead: 'The City of Los Angeles is asking residents how MyLA311 and City services work for them.',
    what: 'What is the panel?',
    whatBody:
      'The panel is a group of Los Angeles residents who agree to be invited to short surveys and small group conversations about City services such as bulky item pickup or graffiti removal.',
    who: 'Who can take part?',
    whoBody:
      'Anyone who lives in Los Angeles, whether or not they have used MyLA311. You can take part in your own language, online or in person.',
    privacy: 'Your information',
    privacyBody:
      'You decide what you share. You can change your details, pause contact or delete your information at any time.',
    contact: 'Questions? Call 3-1-1 (or 213-473-3231 from outside Los Angeles).',
  },
  errors: {
    notFoundTitle: 'Page not found',
    notFoundBody:
      'If you typed the web address, check it is correct. If you followed a link, it may be out of date.',
    forbiddenTitle: 'You cannot open this page',
    forbiddenBody:
      'Your session may have ended, or the form was open for too long. Go back, reload the page and try again.',
    tooLargeTitle: 'What you sent is too large',
    tooLargeBody: 'Please shorten your answers and try again.',
    tooManyTitle: 'Too many attempts',
    tooManyBody: 'Please wait a few minutes and try again.',
    badRequestTitle: 'We could not read what you sent',
    badRequestBody: 'Go back, check your answers and try again.',
    serverTitle: 'Sorry, something went wrong',
    serverBody: 'The problem has been recorded. Please try again later.',
    reference: 'Reference: {{ref}}',
    home: 'Go to the home page',
  },
  form: {
    errorSummary: 'There is a problem',
    errorTitlePrefix: 'Error:',
    optional: '(optional)',
  },
};

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };
export type Catalogue = Shape<typeof en>;

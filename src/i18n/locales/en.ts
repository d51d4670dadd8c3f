/**
 * English: the reference catalogue. Every other language must have exactly these keys
 * (the type `Catalogue` checks it at compile time, test/unit/i18n.test.ts at run time).
 */
export const en = {
  meta: { dir: 'ltr' },
  // The city's default names (its settings' defaults, src/config.ts), as each language says them.
  // Sentences say {{city}}, {{service311}} and {{office}}: src/i18n/CONTEXT.md.
  city: { name: 'Los Angeles', service311: 'MyLA311', office: 'Office of Community Engagement' },
  site: {
    name: 'Civic Panel',
    owner: 'City of {{city}} · {{office}}',
    skip: 'Skip to main content',
    banner: 'An official website of the City of {{city}}',
    languages: 'Languages',
    menu: 'Menu',
    footer:
      'Civic Panel helps the City hear from residents about {{service311}} and City services.',
    privacy: 'We use what you tell us only to invite you to research and to improve City services.',
  },
  home: {
    title: 'Help make City services work better',
    lead: 'The City of {{city}} is asking residents how {{service311}} and City services work for them.',
    what: 'What is the panel?',
    whatBody:
      'The panel is a group of {{city}} residents who agree to be invited to short surveys and small group conversations about City services such as bulky item pickup or graffiti removal.',
    who: 'Who can take part?',
    whoBody:
      'Anyone who lives in {{city}}, whether or not they have used {{service311}}. You can take part in your own language, online or in person.',
    privacy: 'Your information',
    privacyBody:
      'You decide what you share. You can change your details, pause contact or delete your information at any time.',
    contact: 'Questions? Call 3-1-1 (or 213-473-3231 from outside {{city}}).',
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
    chooseAll: 'Choose all that apply.',
    select: 'Choose one',
    dontKnow: "I don't know",
    tooLong: 'This answer is too long. Use {{max}} characters or fewer',
    invalidChoice: 'Choose one of the options',
    continue: 'Continue',
    cancel: 'Cancel',
  },
  join: {
    title: 'Join the Civic Panel',
    intro:
      'Tell us a little about yourself so we can invite you to short surveys and small group conversations about City services. It takes about 5 minutes.',
    contactHeading: 'How to reach you',
    contactHint: 'Give an email address, a phone number, or both.',
    placeHeading: 'Where you live',
    myla311Heading: '{{service311}} and you',
    takingPartHeading: 'Taking part',
    demographicsHeading: 'About you',
    demographicsIntro:
      'These questions help us hear from all of {{city}}. You can skip them or choose "Prefer not to say".',
    consentHeading: 'Your consent',
    submit: 'Join the panel',
    honeypot: 'Leave this field empty',
    checkEmailTitle: 'Check your email',
    checkEmailBody:
      'We have sent an email to the address you gave. If you are new to the panel, it has a link to confirm your address; if you are already in the panel, it has a link to manage your details. The link works for 7 days.',
    checkEmailSpam: 'If you do not see it in a few minutes, check your spam or junk folder.',
    thanksPhoneTitle: 'Thank you for joining',
    thanksPhoneBody:
      "Someone from the City's {{office}} will call you to confirm your place in the panel.",
    paperTitle: 'Civic Panel sign-up form',
    paperIntro: 'Please write clearly in capital letters. Staff will enter this form for you.',
    paperSignature: 'Signature',
    paperDate: 'Date',
  },
  fields: {
    firstName: { label: 'First name', required: 'Enter your first name' },
    lastName: { label: 'Last name' },
    email: {
      label: 'Email address',
      hint: 'We will send a link to confirm it.',
      invalid: 'Enter an email address in the correct format, like name@example.com',
      taken: 'This email address is already used by someone else in the panel',
    },
    phone: {
      label: 'Phone number',
      hint: 'For example, 213 555 0123',
      invalid: 'Enter a phone number with 10 digits, like 213 555 0123',
    },
    contact: { missing: 'Enter an email address or a phone number' },
    contactPreference: {
      legend: 'How should we contact you?',
      required: 'Choose how we should contact you',
      needsEmail: 'Enter an email address if you want us to contact you by email',
      needsPhone: 'Enter a phone number if you want us to call you or send a text message',
    },
    language: {
      label: 'Which language do you prefer?',
      required: 'Choose the language you prefer',
    },
    zip: {
      label: 'ZIP code',
      hint: '5 digits, for example 90012',
      required: 'Enter your ZIP code',
      invalid: 'Enter a 5-digit ZIP code, like 90012',
    },
    councilDistrict: {
      label: 'City Council district',
      hint: 'Not sure? Choose "I don\'t know".',
    },
    neighborhoodCouncil: { label: 'Neighborhood council' },
    myla311Use: {
      legend: 'Have you used {{service311}} (3-1-1) to ask the City for a service?',
      required: 'Tell us whether you have used {{service311}}',
    },
    channels: { legend: 'How have you contacted {{service311}}?' },
    requestTypes: { legend: 'What have you reported to {{service311}}?' },
    needs: { legend: 'What would help you take part?' },
    interpreterLanguage: {
      label: 'Language for the interpreter',
      required: 'Choose the language for the interpreter',
    },
    needsOther: {
      label: 'What else would help?',
      required: 'Tell us what else would help you take part',
    },
    availability: { legend: 'When can you usually meet?' },
    format: {
      legend: 'Would you rather meet in person or online?',
      required: 'Choose in person, online or either',
    },
    ageRange: { legend: 'Age' },
    gender: { legend: 'Gender' },
    race: { legend: 'Race or ethnicity' },
    consent: {
      label: 'I have read this and I agree to join the panel',
      required: 'You must agree to the consent text to join the panel',
    },
    recordingConsent: {
      label: 'I agree that focus groups I join may be audio-recorded for note-taking only',
      hint: 'Optional. You can still join the panel if you do not agree.',
    },
  },
  options: {
    contactPreference: { email: 'Email', phone: 'Phone call', text: 'Text message' },
    myla311Use: { never: 'Never', once: 'Once', few: 'A few times', often: 'Often' },
    channels: {
      app: '{{service311}} app',
      phone: 'Phone (3-1-1)',
      web: '{{service311}} website',
      in_person: 'In person',
    },
    needs: {
      interpreter: 'An interpreter',
      asl: 'American Sign Language (ASL)',
      wheelchair: 'Wheelchair access',
      childcare: 'Childcare',
      transit: 'Help with transportation',
      other: 'Something else',
    },
    availability: {
      weekday_day: 'Weekdays, daytime',
      weekday_evening: 'Weekday evenings',
      weekend: 'Weekends',
    },
    format: { in_person: 'In person', online: 'Online', either: 'Either' },
    ageRange: {
      '18_24': '18 to 24',
      '25_34': '25 to 34',
      '35_44': '35 to 44',
      '45_54': '45 to 54',
      '55_64': '55 to 64',
      '65_plus': '65 or older',
      prefer_not: 'Prefer not to say',
    },
    gender: {
      woman: 'Woman',
      man: 'Man',
      nonbinary: 'Non-binary',
      another: 'Another gender',
      prefer_not: 'Prefer not to say',
    },
    race: {
      american_indian: 'American Indian or Alaska Native',
      asian: 'Asian',
      black: 'Black or African American',
      hispanic: 'Hispanic or Latino',
      mena: 'Middle Eastern or North African',
      pacific_islander: 'Native Hawaiian or Pacific Islander',
      white: 'White',
      prefer_not: 'Prefer not to say',
    },
    pause: { '3': '3 months', '6': '6 months', '12': '12 months' },
  },
  consent: {
    defaultText:
      'By joining the Civic Panel you agree that the City of {{city}} {{office}} may keep the details you give here and contact you, in your language, to invite you to surveys and focus groups about City services. Taking part is always voluntary. We use your answers to improve City services and report them only in summaries that do not name you. We do not sell your details or share them outside the City. You can change your details, pause contact, leave the panel or delete your information at any time with the link in every email we send.',
    version: 'Consent text, version {{version}}',
  },
  me: {
    title: 'Your details',
    intro:
      'You can change your details, pause contact, leave the panel or delete your information.',
    save: 'Save changes',
    saved: 'Your details have been saved.',
    statusPending:
      'Your email address is not confirmed yet. Use the link in the email we sent you to confirm it and join the panel.',
    statusActive: 'You are in the panel.',
    statusPaused: 'Contact is paused until {{date}}.',
    statusWithdrawn: 'You have left the panel. We will not contact you.',
    pauseHeading: 'Pause contact',
    pauseLegend: 'For how long?',
    pauseButton: 'Pause contact',
    pauseRequired: 'Choose how long to pause contact',
    paused: 'We will not contact you until {{date}}.',
    resumeButton: 'Resume contact now',
    resumed: 'Contact has resumed. Thank you.',
    withdrawHeading: 'Leave the panel',
    withdrawBody:
      'We will stop contacting you. Answers you have already given stay, without your name.',
    withdrawButton: 'Leave the panel',
    withdrawn: 'You have left the panel. We will not contact you again.',
    rejoinButton: 'Rejoin the panel',
    rejoined: 'Welcome back. You are in the panel again.',
    deleteHeading: 'Delete your information',
    deleteBody:
      'This removes your name, email address, phone number, ZIP code and anything you wrote. It cannot be undone.',
    deleteButton: 'Delete my information',
    deleteConfirmTitle: 'Are you sure you want to delete your information?',
    deleteConfirmBody:
      'We will remove your name, email address, phone number, ZIP code and anything you wrote, and cancel any messages waiting to be sent. Survey answers stay only in a form that does not identify you. This cannot be undone.',
    deleteConfirmButton: 'Yes, delete my information',
    deleteCancel: 'No, go back',
    deletedTitle: 'Your information has been deleted',
    deletedBody: 'We have removed your information from the Civic Panel. Thank you for your time.',
    confirmTitle: 'Confirm your email address',
    confirmBody: 'Press the button to confirm your email address and join the panel.',
    confirmButton: 'Confirm my email address',
    confirmedTitle: 'You are in the panel',
    confirmedBody:
      'Thank you. Your email address is confirmed. We will contact you when there is a study that fits you.',
    manageLink: 'See or change your details',
    reconsentTitle: 'We have updated our consent text',
    reconsentBody: 'Please read it and tell us whether you agree before you continue.',
    reconsentAgree: 'I agree',
    reconsentDecline: 'I do not agree and want to leave the panel',
    reconsentThanks: 'Thank you. Your consent has been recorded.',
    emailChangeSent:
      'We have sent a link to the new address. Your email address changes when you follow it.',
    emailConfirmTitle: 'Confirm your new email address',
    emailConfirmBody: 'Press the button to use this email address for the Civic Panel.',
    emailConfirmButton: 'Use this email address',
    emailChanged: 'Your email address has been changed.',
    linkTitle: 'Get a link to manage your details',
    linkIntro:
      'Enter the email address you joined with. We will send it a link to see or change your details.',
    linkButton: 'Send me a link',
    linkSentTitle: 'Check your email',
    linkSentBody:
      'If this address is in the panel, we have sent it a link. The link works for 30 days.',
    invalidTitle: 'This link cannot be used',
    invalidBody: 'The link may have expired, already been used, or been replaced by a newer one.',
    newLink: 'Get a new link',
  },
  mail: {
    greeting: 'Hello {{name}},',
    greetingNoName: 'Hello,',
    signature: 'Civic Panel · City of {{city}} {{office}}',
    manageFooter: 'See or change your details, pause contact or leave the panel: {{link}}',
    notYou: 'If you did not ask for this, you can ignore this email and nothing will happen.',
    confirm: {
      subject: 'Confirm your email address for the Civic Panel',
      body: 'Thank you for joining the Civic Panel. Please confirm your email address with this link. It works for 7 days.',
      button: 'Confirm my email address',
    },
    alreadyMember: {
      subject: 'Your Civic Panel link',
      body: 'Someone, probably you, tried to join the Civic Panel with this email address. You are already in the panel, so nothing has changed. To see or change your details, use this link. It works for 30 days.',
      button: 'See or change my details',
    },
    manageLink: {
      subject: 'Your link to manage your Civic Panel details',
      body: 'Here is your link to see or change your details, pause contact, leave the panel or delete your information. It works for 30 days.',
      button: 'See or change my details',
    },
    emailChange: {
      subject: 'Confirm your new email address for the Civic Panel',
      body: 'Someone, probably you, asked to use this email address for the Civic Panel. To confirm it, use this link. It works for 7 days.',
      button: 'Use this email address',
    },
    deleted: {
      subject: 'Your Civic Panel information has been deleted',
      body: 'As you asked, on {{date}} we deleted your information from the Civic Panel. We will not contact you again. If you did not ask for this, call 3-1-1.',
    },
  },
  // Retention of inactive participants (issue 6, item 12).
  retention: {
    warningMail: {
      subject: 'Your Civic Panel information will soon be deleted',
      body: 'We have not heard from you for a long time. To protect your privacy, on {{date}} we will delete your information from the Civic Panel. If you want to stay in the panel, use this link. If you do nothing, your information will be deleted and we will not contact you again.',
      button: 'Keep me in the panel',
    },
    deletedMail: {
      subject: 'Your Civic Panel information has been deleted',
      body: 'As we told you, on {{date}} we deleted your information from the Civic Panel because you had not been active for a long time. We will not contact you again. You are welcome to join again at any time.',
    },
    stayTitle: 'Stay in the Civic Panel',
    stayBody: 'Press the button to keep your information and stay in the panel.',
    stayButton: 'Keep me in the panel',
    stayedTitle: 'You are staying in the panel',
    stayedBody:
      'Thank you. We will keep your information. We will not delete it before {{date}}, and if we have not heard from you by then, we will write to you first.',
  },
  // Study invitations (issue 7, part 4): the email asking a resident to take part.
  invitation: {
    subject: 'Invitation: a conversation about {{service311}}',
    reminderSubject: 'Reminder: an invitation to a conversation about {{service311}}',
    intro:
      'The {{office}} of the City of {{city}} invites you to a small group conversation (a focus group) about {{service311}}. We want to learn from your experience.',
    reminderIntro:
      'A few days ago the {{office}} of the City of {{city}} invited you to a small group conversation (a focus group) about {{service311}}. We have not heard from you yet, so here is the invitation again.',
    aboutTypes: 'The conversation is about these {{service311}} requests: {{types}}.',
    aboutStages: 'We want to hear about {{stages}}.',
    incentive: 'To thank you for your time, everyone who takes part receives {{incentive}}.',
    sessions:
      'The dates, times and places of the sessions are listed behind this link. Choose the one that suits you.',
    button: 'See the sessions and choose one',
    voluntary:
      'Taking part is voluntary. If you do not answer or say no, nothing changes for you and you stay in the panel.',
    manage:
      'Our staff added you to the Civic Panel. To see or change your details, pause contact or leave the panel, use this link. It works for 30 days.',
    manageButton: 'See or change my details',
    stages: {
      intake: 'reporting a problem or asking for a service',
      fulfillment: 'how the City does the work',
      communication: 'hearing back from the City',
    },
    incentives: {
      gift_card: 'a {{amount}} gift card',
      cash_card: 'a {{amount}} cash card',
      other: '{{amount}}',
    },
  },
};

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };
export type Catalogue = Shape<typeof en>;

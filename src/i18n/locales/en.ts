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
  // Registration for a focus group through an invitation link (issue 7, items 5, 6 and 8).
  register: {
    title: 'Choose a time for a focus group',
    intro:
      'The City of {{city}} {{office}} invites you to a small group conversation about City services. Choose a time that works for you.',
    sessionsLegend: 'Which time works for you?',
    sessionsHint:
      'These times are in your language or offer an interpreter, in a format you told us suits you.',
    noSessions:
      'There are no times you can choose right now. If new times are added, you can use this link again.',
    seatsLeft: 'Seats left: {{count}}',
    full: 'This time is full: you can join the waitlist',
    minutes: '{{minutes}} minutes',
    mode: { in_person: 'In person', online: 'Online', hybrid: 'In person or online' },
    stepFree: 'Step-free entrance',
    notStepFree: 'The entrance has steps',
    parking: 'Parking: {{text}}',
    transit: 'Transit: {{text}}',
    interpretation: 'Interpretation in {{languages}}',
    incentive: {
      gift_card: '{{amount}} gift card',
      cash_card: '{{amount}} cash card',
      other: '{{amount}}',
    },
    labels: {
      study: 'Study',
      when: 'When',
      duration: 'How long',
      mode: 'How',
      place: 'Where',
      video: 'Video link',
      language: 'Language',
      incentive: 'Thank-you gift',
      seats: 'Seats',
    },
    accommodationsLabel: 'Is there anything you need to take part?',
    accommodationsHint:
      'For example an interpreter, wheelchair access or childcare. We filled in what you told us before; change it if you need to.',
    submit: 'Register',
    declineHeading: 'None of these times work for me',
    declineBody:
      'Tell us, and we will not ask you about this study again. You can still come back and choose a time.',
    declineButton: 'None of these times work for me',
    declined: 'Thank you for telling us. You can still use this link to choose a time later.',
    confirmedTitle: 'You are registered',
    confirmedBody:
      'You have a seat. We have sent you an email with the details and a calendar file.',
    waitlistedTitle: 'You are on the waitlist',
    waitlistedBody:
      'You are number {{position}} on the waitlist. If a seat opens, it is yours and we will email you.',
    registeredFlash: 'You are registered. We have sent you an email.',
    waitlistedFlash: 'This time is full, so you are on the waitlist. We have sent you an email.',
    accommodationsNoted: 'What you told us you need: {{text}}',
    cancelButton: 'Cancel my registration',
    switchButton: 'Switch to another time',
    cancelTitle: 'Cancel your registration?',
    cancelBody: 'Your place will go to someone else.',
    cancelLate:
      'The session starts in less than 24 hours, so this will be recorded as a late cancellation. Thank you for telling us.',
    cancelConfirm: 'Yes, cancel my registration',
    goBack: 'No, go back',
    cancelled: 'Your registration is cancelled. We have sent you an email.',
    switchTitle: 'Switch to another time',
    switchBody:
      'You can move to another time that still has a seat. Your current place is given up when you switch.',
    switchLegend: 'Which time would you like instead?',
    switchSubmit: 'Switch to this time',
    switchNone: 'No other time has a seat left right now. Your current place is kept.',
    switched: 'You have switched to the new time. We have sent you an email.',
    begun: 'This session has begun or is over, so your registration can no longer be changed.',
    invalidTitle: 'This invitation link cannot be used',
    invalidBody: 'The link may have expired, or this study may no longer be taking registrations.',
    invalidHelp: 'If you need help, call 3-1-1 and ask for the {{office}}.',
    errors: {
      sessionRequired: 'Choose a time',
      filled: 'That time has just filled up. Choose another time or join its waitlist',
      closed: 'That time can no longer be chosen. Choose another time',
      notActive:
        'You can register only while you are in the panel and contact is not paused. You can change this on your details page',
    },
    mail: {
      confirmedSubject: 'You are registered for a focus group on {{date}}',
      promotedSubject: 'A seat opened up: you are registered for {{date}}',
      switchedSubject: 'You have switched to a focus group on {{date}}',
      waitlistedSubject: 'You are on the waitlist for a focus group on {{date}}',
      cancelledSubject: 'Your focus group registration for {{date}} is cancelled',
      confirmedBody: 'Thank you for registering. You have a seat at this focus group:',
      promotedBody:
        'Good news: a seat opened up and it is yours. You are now registered for this focus group:',
      switchedBody: 'You have switched. You now have a seat at this focus group:',
      waitlistedBody:
        'This focus group is full, so you are on the waitlist. If a seat opens, it is yours and we will email you.',
      cancelledBody: 'Your registration for this focus group is cancelled:',
      releasedNote: 'Your place on {{date}} has been given up.',
      accommodationsNoted: 'What you told us you need: {{text}}',
      calendarNote: 'The attached calendar file adds the session to your calendar.',
      linkIntro: 'To see your registration, cancel it or switch to another time, use this link:',
      button: 'See my registration',
      calendarTitle: 'Focus group: {{study}}',
      calendarLink: 'Cancel or switch: {{link}}',
    },
  },
  // Session reminders and cancellation notices (issue 7, items 2 and 7).
  reminders: {
    modes: {
      in_person: 'In person',
      online: 'Online',
      hybrid: 'In person or online',
    },
    when: 'When',
    how: 'How',
    place: 'Place',
    address: 'Address',
    access: 'Entrance',
    stepFreeYes: 'The entrance is step-free.',
    stepFreeNo: 'The entrance has steps. If you need help getting in, call 3-1-1 before the day.',
    parking: 'Parking',
    transit: 'Transit',
    video: 'Join online',
    videoNote: 'This link is for you: please do not share it.',
    questions: 'If you have questions or can no longer come, call 3-1-1.',
    reminderMail: {
      subject: 'Reminder: your Civic Panel conversation on {{day}}',
      body: 'This is a reminder of the small group conversation about City services that you registered for. Thank you for taking part. We look forward to hearing from you.',
    },
    cancelledMail: {
      subject: 'Cancelled: your Civic Panel conversation on {{day}}',
      body: 'We are sorry: the small group conversation about City services on {{when}}, which you registered for, is cancelled. You do not need to do anything.',
      note: 'A note from the organizers:',
      others:
        'These other times still have seats. To choose one, use the link in your invitation email:',
      noOthers: 'There are no other times with seats at the moment. We may invite you again.',
    },
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
  survey: {
    error: {
      required: 'Answer this question',
      consent: 'Tick the box to continue',
      invalidOption: 'Choose one of the options shown',
      otherMissing: 'Say what "other" means for you',
      tooLong: 'Use {{max}} characters or fewer',
      invalidText: 'Remove the special characters from this answer',
      preferNotAlone: '"Prefer not to say" cannot be combined with other answers',
      number: 'Enter a number, like 12',
      wholeNumber: 'Enter a whole number, like 12',
      numberBetween: 'Enter a number between {{min}} and {{max}}',
      numberMin: 'Enter a number of at least {{min}}',
      numberMax: 'Enter a number of at most {{max}}',
      date: 'Enter a real date, like 2027-03-15',
      dateMin: 'Enter a date on or after {{min}}',
      dateMax: 'Enter a date on or before {{max}}',
      rankAll: 'Give every item a rank, or leave them all empty',
      rankTwice: 'Give each rank to one item only',
    },
    preferNot: 'Prefer not to say',
    otherSpecify: 'Please specify',
    yes: 'Yes',
    no: 'No',
    npsLow: 'Not at all likely',
    npsHigh: 'Extremely likely',
    ratingLow: 'Lowest',
    ratingHigh: 'Highest',
    agreement: {
      '1': 'Strongly disagree',
      '2': 'Disagree',
      '3': 'Neutral',
      '4': 'Agree',
      '5': 'Strongly agree',
    },
  },
  respond: {
    goneTitle: 'This survey link cannot be used',
    goneBody: 'The link may be out of date, or it may not have been copied completely.',
    goneHelp: 'If you think this is a mistake, call 3-1-1 and ask for the {{office}}.',
    closedTitle: 'This survey is closed',
    closedBody: 'This survey is no longer taking answers.',
    fullTitle: 'This survey has all the answers it needs',
    fullBody: 'Enough people have already answered this survey, so it is not taking new answers.',
    thanksAnyway: 'Thank you for wanting to help improve City services.',
    progress: 'Page {{page}} of {{of}}',
    continue: 'Continue',
    back: 'Back',
    saved:
      'Your answers are saved each time you press Continue. You can stop and come back later through the same link.',
    reviewTitle: 'Check your answers',
    reviewIntro: 'Check your answers before you send them. You can change any of them.',
    change: 'Change',
    skipped: 'Skipped',
    submitHint: 'Once you send your answers, you cannot change them.',
    submit: 'Send my answers',
    doneTitle: 'Your answers have been sent',
    doneBody: 'Thank you for taking part.',
    consentAgree: 'I agree',
    consentGiven: 'Agreed',
    dateHint: 'For example, 2027-03-15 (year, month, day).',
    rankHint: 'Give each item a different number, 1 for the most important.',
    rankNone: 'No rank',
    openIntro:
      'Your answers are anonymous. They are saved as you go, so you can stop and come back later on this device.',
    start: 'Start the survey',
    honeypot: 'Leave this field empty',
    saveSwitch: 'Save this page and switch to:',
  },
  // Survey links by email (issue 8, item 8).
  surveyMail: {
    subject: 'A short survey from the {{office}}: {{title}}',
    postSessionSubject: 'Thank you for taking part: tell us how the conversation went',
    intro:
      'The {{office}} of the City of {{city}} asks you to answer a short survey, “{{title}}”. Your answers help improve {{service311}} and other City services.',
    postSessionIntro:
      'Thank you for taking part in our conversation about City services. Please tell us how it went in a short survey, “{{title}}”.',
    resume: 'You can stop at any time and continue later with the same link.',
    button: 'Answer the survey',
    voluntary:
      'Answering is voluntary. If you do not answer, nothing changes for you and you stay in the panel.',
    manage:
      'Our staff added you to the Civic Panel. To see or change your details, pause contact or leave the panel, use this link. It works for 30 days.',
    manageButton: 'See or change my details',
  },
  // Report-back: "what we heard", sent once to everyone who attended a study (issue 9, item 5).
  reportBack: {
    mail: {
      subject: 'What we heard: thank you for taking part',
      intro:
        'Thank you for taking part in our conversation about {{service311}} and City services. Here is what we heard from you and the other participants.',
      once: 'We send this message once, to everyone who took part.',
      manage:
        'To see or change your details, pause contact or leave the panel, use this link. It works for 30 days.',
      manageButton: 'See or change my details',
    },
    prefill: {
      tookPart: 'People who took part: {{count}}. Conversations held: {{sessions}}.',
      heard: 'What we heard most often:',
      theme: '- {{theme}} (mentioned {{count}} times)',
      next: 'We will share what you told us with the City departments that run this service. Thank you for your time.',
    },
  },
};

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };
export type Catalogue = Shape<typeof en>;

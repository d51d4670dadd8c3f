import ICAL from 'ical.js';
import type { Browser, Locator, Page } from 'playwright-core';
import { translator } from '../../src/i18n/i18n';
import { createStaff, deliverMail } from '../support/app';
import { expectNoAxeViolations, screenshot } from '../support/browser';
import { describeInBrowser, signInAs, useBrowserApp } from '../support/browser-suite';
import { addPerson } from '../support/db';
import type { TestSmtpServer } from '../support/smtp';

/** USWDS draws radios and checkboxes on the label: a person (and this helper) clicks the label. */
async function choose(control: Locator): Promise<void> {
  if (await control.isChecked()) return;
  const id = await control.getAttribute('id');
  await control.page().locator(`label[for="${id}"]`).click();
  expect(await control.isChecked()).toBe(true);
}

/** Clicks and waits for the page the click leads to. */
const follow = (page: Page, target: Locator) =>
  Promise.all([page.waitForEvent('load'), target.click()]);

const heading = (page: Page) => page.getByRole('heading', { level: 1 }).textContent();

/** The last mail captured for this address, whose subject starts as expected. */
function lastMail(smtp: TestSmtpServer, to: string, subjectStart: string) {
  const mail = smtp
    .to(to)
    .filter((m) => m.subject.startsWith(subjectStart))
    .at(-1);
  if (!mail) {
    const got = smtp.to(to).map((m) => m.subject);
    throw new Error(`no mail to ${to} starting "${subjectStart}"; got ${JSON.stringify(got)}`);
  }
  return mail;
}

/** The /r/ link of an invitation email, as a path. */
function invitationLink(text: string): string {
  const m = /https?:\/\/\S+\/r\/[A-Za-z0-9_-]{20,}/.exec(text);
  if (!m) throw new Error(`no /r/ link in:\n${text}`);
  return new URL(m[0]).pathname;
}

const es = translator('es');
/** The text of a subject before its {{date}}. */
const subjectStart = (key: string) => es(key, { date: '\u0000' }).split('\u0000')[0];

// The Spanish session: Thursday 15 July 2027, 6 pm in Los Angeles (PDT) = 01:00 UTC the 16th.
const SPANISH_START = '2027-07-15T18:00';
const SPANISH_INSTANT = '2027-07-16T01:00:00.000Z';

describeInBrowser('the whole focus-group path in the browser', () => {
  const suite = useBrowserApp({ smtp: true });

  /** A fresh page in its own browser context (its own cookies), at this width. */
  const openPage = async (browser: Browser, width: number) =>
    (await browser.newContext({ viewport: { width, height: width < 500 ? 812 : 900 } })).newPage();

  test('organizer → invitations by email → residents register, cancel, promotion → facilitator checks in at 375 px', async () => {
    const { ctx, browser, smtp } = suite;
    ctx.clock.set(new Date('2027-06-01T17:00:00Z'));
    const organizer = await createStaff(ctx, 'organizer');
    const facilitator = await createStaff(ctx, 'facilitator');
    const facilitatorName = `Facilitator ${facilitator.email.match(/\d+/)![0]}`;

    // The pool: three Spanish speakers with email, three English speakers.
    const spanish = [
      { first_name: 'Rosa', last_name: 'Flores', email: 'rosa@example.com' },
      { first_name: 'Marta', last_name: 'Ruiz', email: 'marta@example.com' },
      { first_name: 'Luis', last_name: 'Ortega', email: 'luis@example.com' },
    ];
    for (const p of spanish) await addPerson(ctx.db, { ...p, language: 'es' });
    for (const name of ['Ann', 'Ben', 'Cat'])
      await addPerson(ctx.db, {
        first_name: name,
        last_name: 'Smith',
        email: `${name.toLowerCase()}@example.com`,
      });

    // ---- The organizer, at 1280 px. ----
    const staffPage = await openPage(browser, 1280);
    await signInAs(staffPage, ctx.baseUrl, organizer);
    await expectNoAxeViolations(staffPage);
    const nav = staffPage.getByRole('navigation', { name: 'Staff' });
    await follow(staffPage, nav.getByRole('link', { name: 'Studies' }));
    await expectNoAxeViolations(staffPage);
    await follow(staffPage, staffPage.getByRole('link', { name: 'New study' }));
    await expectNoAxeViolations(staffPage);
    await staffPage.getByLabel('Title').fill('Bulky Item pickup: intake');
    await staffPage
      .getByLabel('Purpose')
      .fill('How residents experience asking for a bulky item pickup.');
    await choose(staffPage.getByRole('checkbox', { name: 'Bulky item pickup' }));
    await choose(staffPage.getByRole('checkbox', { name: /^Intake/ }));
    await staffPage.getByLabel('Target number of participants').fill('4');
    await staffPage.getByLabel('Default incentive, in whole dollars').fill('50');
    await choose(staffPage.getByRole('radio', { name: 'Gift card' }));
    await staffPage.getByLabel('Reminders, in hours before each session').fill('48, 2');
    await choose(
      staffPage
        .getByRole('group', { name: 'Facilitators' })
        .getByRole('checkbox', { name: new RegExp(facilitatorName) }),
    );
    await follow(staffPage, staffPage.getByRole('button', { name: 'Create study' }));
    expect(await heading(staffPage)).toBe('Bulky Item pickup: intake');
    await expectNoAxeViolations(staffPage);
    const studyUrl = staffPage.url();

    /** Adds an in-person session through the form. */
    const addSession = async (o: {
      startsAt: string;
      deadline: string;
      language: string;
      capacity: string;
    }) => {
      await follow(staffPage, staffPage.getByRole('link', { name: 'Add a session' }));
      expect(await heading(staffPage)).toBe('Add a session');
      await expectNoAxeViolations(staffPage);
      await staffPage.getByLabel('Starts').fill(o.startsAt);
      await choose(staffPage.getByRole('radio', { name: 'In person', exact: true }));
      await staffPage.getByLabel('Name of the place').fill('Central Library');
      await staffPage.getByLabel('Address').fill('630 W 5th St, Los Angeles, CA 90071');
      await choose(staffPage.getByRole('radio', { name: 'Yes, step-free entrance' }));
      await staffPage.getByLabel('Transit lines').fill('Metro B and D Lines to Pershing Square');
      await staffPage.getByLabel('Language of the session').selectOption(o.language);
      await staffPage.getByLabel('Capacity (seats)').fill(o.capacity);
      await staffPage.getByLabel('Extra seats for expected no-shows').fill('0');
      await staffPage.getByLabel('Registration deadline').fill(o.deadline);
      await staffPage.getByLabel(/^Facilitator/).selectOption({ label: facilitatorName });
      await follow(staffPage, staffPage.getByRole('button', { name: 'Add session' }));
      await staffPage.waitForURL(/\/sessions\/\d+$/);
      await expectNoAxeViolations(staffPage);
      await staffPage.goto(studyUrl);
    };
    // Two seats in Spanish: Luis takes one, Rosa the last, Marta waits.
    await addSession({
      startsAt: SPANISH_START,
      deadline: '2027-07-13T12:00',
      language: 'es',
      capacity: '2',
    });
    await addSession({
      startsAt: '2027-07-22T18:00',
      deadline: '2027-07-20T12:00',
      language: 'en',
      capacity: '8',
    });
    const sessions = staffPage.getByRole('region', { name: 'Sessions' }).getByRole('row');
    expect(await sessions.count()).toBe(3);
    expect(await sessions.nth(1).textContent()).toMatch(/Jul 15, 2027, 6:00 PM PDT[\s\S]*Spanish/);

    await follow(staffPage, staffPage.getByRole('button', { name: 'Start recruiting' }));
    expect(await staffPage.getByRole('status').first().textContent()).toContain('now recruiting');
    await expectNoAxeViolations(staffPage);

    // The sample builder: at least 2 Spanish speakers among 4 (3 once over-recruited: all of them).
    await follow(staffPage, staffPage.getByRole('link', { name: 'Draw a sample' }));
    expect(await heading(staffPage)).toBe('Draw a sample');
    expect(await staffPage.getByLabel('Sample size').inputValue()).toBe('4');
    await expectNoAxeViolations(staffPage);
    const quota1 = staffPage.getByRole('group', { name: 'Quota 1', exact: true });
    await quota1.getByLabel('Quota on').selectOption({ label: 'Language' });
    await quota1.getByLabel('Value').selectOption({ label: 'Spanish' });
    await quota1.getByLabel('Min count').fill('2');
    await follow(staffPage, staffPage.getByRole('button', { name: 'Draw sample' }));
    await staffPage.getByRole('heading', { name: 'Preview — no one has been contacted' }).waitFor();
    const fill = staffPage.getByRole('table', { name: /Each quota/ });
    expect(await fill.getByRole('row', { name: /Spanish/ }).textContent()).toContain('✓ Met');
    await expectNoAxeViolations(staffPage);
    await screenshot(staffPage, 'path-sample-preview');
    await follow(staffPage, staffPage.getByRole('button', { name: /^Send \d+ invitations$/ }));
    await staffPage.waitForURL(/\/staff\/studies\/\d+#invitations$/);
    expect(await staffPage.getByRole('status').first().textContent()).toMatch(
      /\d+ invited: \d+ by email, 0 to call\./,
    );
    await expectNoAxeViolations(staffPage);

    // The mail delivery job: the outbox to the SMTP server.
    await deliverMail(ctx, smtp);
    const invitationOf = (email: string) =>
      invitationLink(lastMail(smtp, email, es('invitation.subject', { service311: '' })).text);
    const links = Object.fromEntries(spanish.map((p) => [p.first_name, invitationOf(p.email)]));

    // ---- The residents, on phones, each in their own browser. ----
    /** Follows their link and takes the Spanish time; returns their page. */
    const register = async (link: string, accommodations = '') => {
      const page = await openPage(browser, 375);
      await page.goto(`${ctx.baseUrl}${link}`);
      expect(new URL(page.url()).pathname).toMatch(/^\/r\/i\/\d+$/);
      expect(await page.getAttribute('html', 'lang')).toBe('es');
      expect(await heading(page)).toBe(es('register.title'));
      await expectNoAxeViolations(page);
      const times = page.getByRole('group', { name: es('register.sessionsLegend') });
      await choose(times.getByRole('radio', { name: /jueves, 15 de julio de 2027/ }));
      if (accommodations)
        await page.getByLabel(es('register.accommodationsLabel')).fill(accommodations);
      return page;
    };
    const submit = (page: Page) =>
      follow(page, page.getByRole('button', { name: es('register.submit') }));

    // Luis takes a seat first.
    const luis = await register(links.Luis);
    await submit(luis);
    expect(await heading(luis)).toBe(es('register.confirmedTitle'));

    // Rosa takes the last seat; her page at 375 px is the one to look at.
    const rosa = await register(links.Rosa, 'Necesito una silla con respaldo');
    await screenshot(rosa, 'path-register-es-375');
    await submit(rosa);
    expect(await heading(rosa)).toBe(es('register.confirmedTitle'));
    expect(await rosa.getByRole('status').first().textContent()).toContain(
      es('register.registeredFlash'),
    );
    await expectNoAxeViolations(rosa);
    await screenshot(rosa, 'path-registered-es-375');

    // Her confirmation, in Spanish, with a calendar file at the right instant.
    await deliverMail(ctx, smtp);
    const confirmation = lastMail(
      smtp,
      'rosa@example.com',
      subjectStart('register.mail.confirmedSubject'),
    );
    const ics = confirmation.attachments.find((a) => a.contentType.startsWith('text/calendar'));
    expect(ics).toBeDefined();
    const vevent = new ICAL.Component(
      ICAL.parse(ics!.content.toString('utf8')),
    ).getFirstSubcomponent('vevent')!;
    const start = new ICAL.Event(vevent).startDate.toJSDate();
    expect(start.toISOString()).toBe(SPANISH_INSTANT);
    expect(
      new Intl.DateTimeFormat('en-US', {
        timeZone: 'America/Los_Angeles',
        dateStyle: 'short',
        timeStyle: 'short',
      }).format(start),
    ).toBe('7/15/27, 6:00 PM');

    // Marta comes too late: the waitlist.
    const marta = await register(links.Marta);
    await submit(marta);
    expect(await heading(marta)).toBe(es('register.waitlistedTitle'));
    expect(await marta.getByRole('status').first().textContent()).toContain(
      es('register.waitlistedFlash'),
    );
    await expectNoAxeViolations(marta);

    // Rosa cancels from her page; Marta has the seat and is told, in Spanish.
    await follow(rosa, rosa.getByRole('link', { name: es('register.cancelButton') }));
    expect(await heading(rosa)).toBe(es('register.cancelTitle'));
    await expectNoAxeViolations(rosa);
    await follow(rosa, rosa.getByRole('button', { name: es('register.cancelConfirm') }));
    expect(await rosa.getByRole('status').first().textContent()).toContain(
      es('register.cancelled'),
    );
    await expectNoAxeViolations(rosa);
    await deliverMail(ctx, smtp);
    lastMail(smtp, 'rosa@example.com', subjectStart('register.mail.cancelledSubject'));
    const promotion = lastMail(
      smtp,
      'marta@example.com',
      subjectStart('register.mail.promotedSubject'),
    );
    expect(promotion.text).toContain(es('register.mail.promotedBody'));
    await marta.reload();
    expect(await heading(marta)).toBe(es('register.confirmedTitle'));
    await expectNoAxeViolations(marta);

    // ---- The facilitator, on the session day, on a phone. ----
    ctx.clock.set(new Date('2027-07-15T23:30:00Z'));
    const phone = await openPage(browser, 375);
    await signInAs(phone, ctx.baseUrl, facilitator);
    await follow(
      phone,
      phone.getByRole('navigation', { name: 'Staff' }).getByRole('link', { name: 'My sessions' }),
    );
    await phone.getByRole('heading', { name: 'My sessions', level: 1 }).waitFor();
    await expectNoAxeViolations(phone);
    await follow(phone, phone.getByRole('link', { name: /Jul 15, 2027, 6:00 PM/ }));
    await phone.getByRole('heading', { name: /^Roster:/ }).waitFor();
    await expectNoAxeViolations(phone);
    await screenshot(phone, 'path-roster-375');
    const card = (name: string) =>
      phone.getByRole('listitem').filter({ has: phone.getByRole('heading', { name }) });
    expect(await card('Rosa Flores').count()).toBe(0);
    await follow(phone, card('Marta Ruiz').getByRole('button', { name: 'Attended' }));
    expect(await phone.getByRole('status').first().textContent()).toContain(
      'checked in as attended',
    );
    await follow(phone, card('Luis Ortega').getByRole('button', { name: 'No-show' }));
    expect(await phone.getByRole('status').first().textContent()).toContain(
      'recorded as a no-show',
    );
    expect(await card('Marta Ruiz').getByText('Attended', { exact: true }).count()).toBe(1);
    expect(await card('Luis Ortega').getByText('No-show', { exact: true }).count()).toBe(1);
    await expectNoAxeViolations(phone);
    await screenshot(phone, 'path-roster-checked-375');
    expect(
      await phone.evaluate(() => (globalThis as any).document.documentElement.scrollWidth),
    ).toBeLessThanOrEqual(375);

    for (const page of [staffPage, luis, rosa, marta, phone]) await page.context().close();
  }, 240_000); // the whole path: five browsers, some thirty pages, each checked by axe
});

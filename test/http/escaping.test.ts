import {
  buildTestApp,
  createStaff,
  residentAgent,
  signedIn,
  type TestContext,
} from '../support/app';

/** Whatever a resident types is text: on every staff page that shows it, and in every email. */
const XSS = `<img src=x onerror=alert(1)><script>alert('x')</script>`;

let ctx: TestContext;
beforeAll(async () => {
  ctx = await buildTestApp();
});
afterAll(() => ctx.close());

test('HTML typed by a resident shows as text on staff pages and in email', async () => {
  await residentAgent(ctx, 'xss@example.com', {
    firstName: XSS,
    lastName: `"><svg onload=alert(2)>`,
    needs: ['other'],
    needsOther: `<b onmouseover=alert(3)>quiet room</b>`,
    contactPreference: 'text',
    phone: '213 555 0177',
  });
  const p = await ctx.db
    .selectFrom('participants')
    .selectAll()
    .where('email', '=', 'xss@example.com')
    .executeTakeFirstOrThrow();
  expect(p.first_name).toBe(XSS); // stored as typed

  const organizer = await signedIn(ctx, await createStaff(ctx, 'admin'));
  const mail = await ctx.db
    .selectFrom('outbox')
    .select(['id', 'html_body', 'text_body'])
    .where('participant_id', '=', p.id)
    .execute();
  expect(mail.length).toBeGreaterThan(0);
  const pages = [
    '/staff/participants',
    `/staff/participants?q=xss`,
    `/staff/participants/${p.id}`,
    `/staff/participants/${p.id}/edit`,
    `/staff/participants/${p.id}/delete`,
    '/staff/participants/call-list',
    '/staff/mail',
    ...mail.map((m) => `/staff/mail/${m.id}`),
    '/staff/audit',
  ];
  for (const url of pages) {
    const res = await organizer.get(url);
    expect({ url, status: res.status }).toEqual({ url, status: 200 });
    expect({
      url,
      raw: /<img src=x|<script>alert|<svg onload|<b onmouseover/.test(res.text),
    }).toEqual({ url, raw: false });
  }
  const show = await organizer.get(`/staff/participants/${p.id}`);
  expect(show.text).toContain('&lt;img src=x onerror=alert(1)&gt;');

  for (const m of mail) {
    expect(m.html_body).not.toMatch(/<img src=x|<script>alert/);
    expect(m.html_body).toContain('&lt;img src=x');
  }
});

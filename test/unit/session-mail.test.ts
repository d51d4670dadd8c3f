import { LOCALES } from '../../src/i18n/i18n';
import { renderMail, type SessionNoticeData } from '../../src/mail/templates';

const data: SessionNoticeData = {
  name: '<b>Ana</b>',
  day: 'day-x',
  when: 'when-x',
  mode: 'hybrid',
  place: {
    name: 'Central Library',
    address: '630 W 5th St',
    stepFree: false,
    parking: 'Lot <B>',
    transit: 'Metro B Line',
  },
  videoUrl: 'https://meet.example.com/x',
  note: '<script>alert(1)</script>',
  others: [{ when: 'other-when', mode: 'online', place: null }],
};

describe.each(LOCALES)('session emails in %s', (lang) => {
  test.each(['session-reminder', 'session-cancelled'] as const)(
    '%s: every sentence translated, free text escaped in HTML',
    async (template) => {
      const mail = await renderMail(template, lang, data);
      for (const part of [mail.subject, mail.text, mail.html])
        expect(part).not.toMatch(/reminders\.|mail\.greeting/);
      expect(mail.subject).toContain('day-x');
      expect(mail.html).toContain(`<html lang="${lang}">`);
      expect(mail.html).not.toContain('<script>');
      expect(mail.html).not.toContain('<b>Ana</b>');
      if (template === 'session-reminder') {
        expect(mail.text).toContain('when-x');
        expect(mail.text).toContain('https://meet.example.com/x');
        expect(mail.html).toContain('Lot &lt;B&gt;');
        // The link to cancel or switch, when there is one.
        const withLink = await renderMail(template, lang, {
          ...data,
          link: 'https://x.test/r/abc',
        });
        expect(withLink.text).toContain('https://x.test/r/abc');
        expect(withLink.html).toContain('href="https://x.test/r/abc"');
        expect(withLink.text).not.toMatch(/register\.mail/);
        expect(mail.text).not.toContain('/r/');
      } else {
        expect(mail.text).toContain('<script>alert(1)</script>'); // plain text is not HTML
        expect(mail.text).toContain('other-when');
        expect(mail.text).not.toContain('https://meet.example.com/x');
      }
    },
  );
});

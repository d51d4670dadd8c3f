import { renderMail, stripLineBreaks } from '../../src/mail/templates';

describe('stripLineBreaks', () => {
  it('replaces CR, LF, CRLF and Unicode line separators with a space', () => {
    expect(stripLineBreaks('a\r\nBcc: x@example.com')).toBe('a Bcc: x@example.com');
    expect(stripLineBreaks('a\nb\rc')).toBe('a b c');
    expect(stripLineBreaks('a\u2028b\u2029c')).toBe('a b c');
  });

  it('collapses runs of breaks and trims', () => {
    expect(stripLineBreaks('\r\n a \r\n\r\n b \n')).toBe('a   b');
  });

  it('leaves a line without breaks alone', () => {
    expect(stripLineBreaks('María López <maria@example.gov>')).toBe(
      'María López <maria@example.gov>',
    );
  });
});

describe("renderMail('staff-invite')", () => {
  const link = 'https://panel.example.gov/set-password?token=abcDEF_123-xyz&lang=en';
  const render = () =>
    renderMail('staff-invite', 'en', {
      name: '<script>alert(1)</script>',
      inviterName: 'Dana Kim',
      role: 'organizer',
      link,
      expiresInDays: 7,
    });

  it('has a one-line subject', async () => {
    const { subject } = await render();
    expect(subject).toBe('You have been invited to Civic Panel');
    expect(subject).not.toMatch(/[\r\n]/);
  });

  it('escapes the name in the HTML body', async () => {
    const { html } = await render();
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('puts the link in the HTML body, attribute-escaped', async () => {
    const { html } = await render();
    expect(html).toContain(`href="${link.replace('&', '&amp;')}"`);
    expect(html).toContain('<html lang="en">');
  });

  it('puts the link, unescaped, in the text body', async () => {
    const { text } = await render();
    expect(text).toContain(link);
    expect(text).not.toContain('&amp;');
    expect(text).toContain('Hello <script>alert(1)</script>,');
    expect(text).toContain('for 7 days');
    expect(text).toContain('as organizer');
  });
});

import { renderMail } from '../../src/mail/templates';
import {
  channelFor,
  invitationCounts,
  invitationOutcome,
  needsManageLink,
  sentSummary,
} from '../../src/studies/invitations/invitation.rules';
import { fingerprintOf, parseQueryString, queryStringOf } from '../../src/studies/sampling/draw';

describe('channelFor: email only for people with an address who did not ask for a call or a text', () => {
  test.each([
    ['a@example.com', 'email', 'email'],
    ['a@example.com', null, 'email'],
    ['a@example.com', 'phone', 'phone'],
    ['a@example.com', 'text', 'phone'],
    [null, 'email', 'phone'],
    [null, null, 'phone'],
  ] as const)('%s preferring %s → %s', (email, contact_preference, channel) => {
    expect(channelFor({ email, contact_preference })).toBe(channel);
  });
});

test('the manage link goes with the first invitation email of staff-entered and imported people', () => {
  expect(needsManageLink({ source: 'import' }, false)).toBe(true);
  expect(needsManageLink({ source: 'event' }, false)).toBe(true);
  expect(needsManageLink({ source: 'import' }, true)).toBe(false);
  expect(needsManageLink({ source: 'web' }, false)).toBe(false);
});

describe('invitationOutcome', () => {
  test.each([
    [null, [], 'invited'],
    ['declined', [], 'declined'],
    [null, ['confirmed'], 'registered'],
    ['registered', ['waitlisted'], 'registered'],
    ['registered', ['cancelled'], 'cancelled'],
    ['registered', ['cancelled', 'attended'], 'attended'],
    [null, ['no_show'], 'no_show'],
    ['declined', ['confirmed'], 'registered'],
  ] as const)('%s with %j → %s', (response, registrations, outcome) => {
    expect(invitationOutcome(response, registrations)).toBe(outcome);
  });
});

test('invitationCounts and the sent summary', () => {
  expect(
    invitationCounts([
      { channel: 'email', outcome: 'invited' },
      { channel: 'email', outcome: 'registered' },
      { channel: 'phone', outcome: 'declined' },
      { channel: 'phone', outcome: 'attended' },
    ]),
  ).toEqual({
    total: 4,
    byEmail: 2,
    byPhone: 2,
    answered: 3,
    registered: 2,
    declined: 1,
    notAnswered: 1,
  });
  expect(sentSummary(48, 14)).toBe('62 invited: 48 by email, 14 to call.');
  expect(sentSummary(1, 0, 1)).toBe(
    '1 invited: 1 by email, 0 to call. 1 was already invited and keeps their first invitation.',
  );
});

test('the fingerprint follows the drawn ids and their order; a query string survives the hidden field', () => {
  expect(fingerprintOf([1, 2, 3])).toMatch(/^[0-9a-f]{32}$/);
  expect(fingerprintOf([1, 2, 3])).toBe(fingerprintOf([1, 2, 3]));
  expect(fingerprintOf([1, 2, 3])).not.toBe(fingerprintOf([2, 1, 3]));
  const query = { draw: '1', seed: 'abc', language: ['es', 'ko'], _csrf: 'x' };
  expect(parseQueryString(queryStringOf(query))).toEqual({
    draw: '1',
    seed: 'abc',
    language: ['es', 'ko'],
  });
});

describe("renderMail('study-invitation')", () => {
  const data = {
    name: 'Ana',
    link: 'https://panel.example.gov/r/abc',
    manageLink: null,
    reminder: false,
    requestTypes: ['Recolección de artículos voluminosos'],
    stages: ['intake', 'communication'],
    incentiveCents: 5000,
    incentiveKind: 'gift_card',
  };

  test('says who invites, what about, the incentive, the link and that it is voluntary', async () => {
    const { subject, text, html } = await renderMail('study-invitation', 'es', data);
    expect(subject).toBe('Invitación: una conversación sobre MyLA311');
    expect(text).toContain('Oficina de Participación Comunitaria');
    expect(text).toContain('Recolección de artículos voluminosos');
    expect(text).toContain(
      'cómo se reporta un problema o se pide un servicio y cómo la Ciudad le informa después',
    );
    expect(text).toContain('una tarjeta de regalo de $50');
    expect(text).toContain('https://panel.example.gov/r/abc');
    expect(text).toContain('Participar es voluntario');
    expect(text).not.toContain('/me/m/');
    expect(html).toContain('href="https://panel.example.gov/r/abc"');
    expect(html).toContain('<html lang="es">');
  });

  test('a reminder, with a manage link, and no incentive sentence when there is none', async () => {
    const { subject, text } = await renderMail('study-invitation', 'en', {
      ...data,
      reminder: true,
      manageLink: 'https://panel.example.gov/me/m/xyz',
      incentiveCents: 0,
    });
    expect(subject).toBe('Reminder: an invitation to a conversation about MyLA311');
    expect(text).toContain('We have not heard from you yet');
    expect(text).toContain('https://panel.example.gov/me/m/xyz');
    expect(text).not.toContain('To thank you for your time');
  });
});

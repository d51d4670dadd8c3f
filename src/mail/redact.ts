/** Single-purpose link tokens in a message body: set-password, manage, confirm, email-change. */
const LINK_TOKEN = /\/(set-password|me\/[mce])\/[A-Za-z0-9_-]{43}/g;

/**
 * Hides the token of every single-purpose link. Sent messages are stored this way, and the Mail
 * log shows messages this way, so that reading mail never hands a staff member someone's link.
 */
export function maskLinks(text: string): string {
  return text.replace(LINK_TOKEN, '/$1/[link hidden]');
}

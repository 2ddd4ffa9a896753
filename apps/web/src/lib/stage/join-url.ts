/**
 * What a room screen's QR code opens: the session itself. Opening a session link joins the
 * event on the way (attendees have no account), so a phone lands where the room is, ready
 * to ask and vote, instead of on a form and then a search for the session.
 * @example sessionJoinUrl('https://jisr.example', 'DEMO', 'se_1') // 'https://jisr.example/e/DEMO/s/se_1'
 */
export function sessionJoinUrl(origin: string, code: string, sessionId: string): string {
  return `${origin}/e/${encodeURIComponent(code)}/s/${encodeURIComponent(sessionId)}`;
}

/**
 * No page may be framed (`frame-ancestors 'none'`, kit.csp), except the room screen by a
 * page of Jisr itself: the moderator's "On the screen now" panel shows the real screen in
 * miniature. Another site still cannot frame it.
 */
const FRAMEABLE = /^\/e\/[^/]+\/s\/[^/]+\/screen\/?$/;

export function isFrameableByJisr(pathname: string): boolean {
  return FRAMEABLE.test(pathname);
}

export function withFramePolicy(pathname: string, response: Response): Response {
  if (!isFrameableByJisr(pathname)) return response;
  const csp = response.headers.get('content-security-policy');
  if (csp) response.headers.set('content-security-policy', csp.replace("frame-ancestors 'none'", "frame-ancestors 'self'"));
  return response;
}

import { describe, expect, it } from 'vitest';
import { isFrameableByJisr, withFramePolicy } from './frame-policy.js';

describe('frame policy', () => {
  it('lets Jisr frame the room screen only', () => {
    expect(isFrameableByJisr('/e/DEMO/s/se_1/screen')).toBe(true);
    expect(isFrameableByJisr('/e/DEMO/s/se_1/moderate')).toBe(false);
    expect(isFrameableByJisr('/e/DEMO/s/se_1')).toBe(false);
    expect(isFrameableByJisr('/admin/e/DEMO/screen')).toBe(false);
  });

  it('swaps none for self in the CSP of the screen, and leaves other pages alone', () => {
    const page = () => new Response('', { headers: { 'content-security-policy': "default-src 'self'; frame-ancestors 'none'" } });
    expect(withFramePolicy('/e/DEMO/s/se_1/screen', page()).headers.get('content-security-policy')).toBe("default-src 'self'; frame-ancestors 'self'");
    expect(withFramePolicy('/e/DEMO', page()).headers.get('content-security-policy')).toBe("default-src 'self'; frame-ancestors 'none'");
  });
});

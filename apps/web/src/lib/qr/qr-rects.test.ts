import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { qrDrawing, qrRects, QR_QUIET_ZONE } from './qr-rects.js';

/** A symbol from rows of '#' (dark) and '.' (light). */
function modules(rows: string[]): { size: number; data: Uint8Array } {
  return { size: rows.length, data: Uint8Array.from(rows.join('').split(''), (cell) => (cell === '#' ? 1 : 0)) };
}

/** The dark cells a drawing covers, as 'row,col' (in module units, quiet zone removed). */
function covered(drawing: ReturnType<typeof qrRects>, quiet: number): Set<string> {
  const cells = new Set<string>();
  for (const rect of drawing.rects) {
    for (let x = rect.x; x < rect.x + rect.width; x += 1) cells.add(`${rect.y - quiet},${x - quiet}`);
  }
  return cells;
}

describe('qrRects', () => {
  it('draws one rect per horizontal run of dark modules, shifted by the quiet zone', () => {
    const drawing = qrRects(modules(['##.', '.#.', '###']), 0);
    expect(drawing).toEqual({
      viewSize: 3,
      rects: [
        { x: 0, y: 0, width: 2 },
        { x: 1, y: 1, width: 1 },
        { x: 0, y: 2, width: 3 },
      ],
    });
  });

  it('leaves the standard 4-module quiet zone around the symbol', () => {
    const drawing = qrRects(modules(['#.', '.#']));
    expect(drawing.viewSize).toBe(2 + 2 * QR_QUIET_ZONE);
    expect(drawing.rects[0]).toEqual({ x: 4, y: 4, width: 1 });
    expect(drawing.rects[1]).toEqual({ x: 5, y: 5, width: 1 });
  });

  it('draws nothing for a blank symbol, and ends runs at the row’s edge', () => {
    expect(qrRects(modules(['..', '..']), 0).rects).toEqual([]);
    expect(qrRects(modules(['.#', '#.']), 0).rects).toEqual([
      { x: 1, y: 0, width: 1 },
      { x: 0, y: 1, width: 1 },
    ]);
  });

  it('covers exactly the dark modules of a real code', () => {
    const symbol = QRCode.create('http://127.0.0.1:3100/?code=DEMO', { errorCorrectionLevel: 'M' }).modules;
    const drawing = qrDrawing('http://127.0.0.1:3100/?code=DEMO');
    const expected = new Set<string>();
    for (let row = 0; row < symbol.size; row += 1) {
      for (let col = 0; col < symbol.size; col += 1) if (symbol.data[row * symbol.size + col] === 1) expected.add(`${row},${col}`);
    }
    expect(covered(drawing, QR_QUIET_ZONE)).toEqual(expected);
    expect(drawing.viewSize).toBe(symbol.size + 8);
    // Runs, not modules: far fewer elements than dark cells.
    expect(drawing.rects.length).toBeLessThan(expected.size);
  });
});

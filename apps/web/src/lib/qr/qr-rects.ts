import QRCode from 'qrcode';

/** What the drawing needs of a QR symbol: `size` x `size` modules, row by row, 1 = dark. */
export interface QrModules {
  size: number;
  data: ArrayLike<number>;
}

/** One dark run of a row, in module units. */
export interface QrRect {
  x: number;
  y: number;
  width: number;
}

export interface QrDrawing {
  /** The viewBox side: the symbol plus its quiet zone on each side. */
  viewSize: number;
  rects: QrRect[];
}

/** The 4-module quiet zone the standard asks for: scanners need the light margin. */
export const QR_QUIET_ZONE = 4;

/**
 * The dark modules as SVG rectangles, one per horizontal run (a few hundred elements
 * instead of thousands), shifted by the quiet zone. Drawing elements, never markup: the
 * URL inside is data, not HTML.
 */
export function qrRects(modules: QrModules, quietZone: number = QR_QUIET_ZONE): QrDrawing {
  const { size, data } = modules;
  const rects: QrRect[] = [];
  for (let row = 0; row < size; row += 1) {
    let runStart = -1;
    for (let col = 0; col <= size; col += 1) {
      const dark = col < size && data[row * size + col] === 1;
      if (dark && runStart === -1) runStart = col;
      if (!dark && runStart !== -1) {
        rects.push({ x: runStart + quietZone, y: row + quietZone, width: col - runStart });
        runStart = -1;
      }
    }
  }
  return { viewSize: size + 2 * quietZone, rects };
}

/** The drawing of a QR code for `text`, at error correction M (15 %: survives glare on a projector). */
export function qrDrawing(text: string): QrDrawing {
  return qrRects(QRCode.create(text, { errorCorrectionLevel: 'M' }).modules);
}

import { createHash } from 'node:crypto';
import { SPEAKER_PHOTO_SIZE } from '@jisr/protocol/event';
import { AppError } from '../errors.js';

/** What a phone camera or an export makes; the decoder reads nothing else (a renamed PDF, an SVG with scripts). */
const FORMATS = new Set(['jpeg', 'png', 'webp']);
/** A 50-megapixel photo decodes in about 200 MB: anything larger is refused before decoding. */
const MAX_PIXELS = 50_000_000;

export interface ResizedPhoto {
  bytes: Uint8Array;
  version: string;
}

function unreadablePhoto(): AppError {
  return new AppError('invalid_input', 'photo: must be a JPEG, PNG or WebP image', 'photo');
}

/**
 * An uploaded photo made into what is stored and served: turned upright (EXIF), cropped to
 * the centre square and resized to SPEAKER_PHOTO_SIZE, as WebP without metadata (no GPS
 * position of the speaker's home leaves with it). The version is a hash of the result.
 */
export async function resizeSpeakerPhoto(upload: Buffer): Promise<ResizedPhoto> {
  // Loaded on the first upload: libvips adds ~25 MB to a node's RSS, and most nodes never resize a photo.
  const { default: sharp } = await import('sharp');
  const image = sharp(upload, { limitInputPixels: MAX_PIXELS, failOn: 'error' });
  let format: string | undefined;
  try {
    format = (await image.metadata()).format;
  } catch {
    // sharp's message names libvips internals; the organizer needs the rule.
    throw unreadablePhoto();
  }
  if (!format || !FORMATS.has(format)) throw unreadablePhoto();
  let bytes: Buffer;
  try {
    bytes = await image.rotate().resize(SPEAKER_PHOTO_SIZE, SPEAKER_PHOTO_SIZE, { fit: 'cover', position: 'attention' }).webp({ quality: 82 }).toBuffer();
  } catch {
    throw unreadablePhoto();
  }
  return { bytes: new Uint8Array(bytes), version: createHash('sha256').update(bytes).digest('hex').slice(0, 16) };
}

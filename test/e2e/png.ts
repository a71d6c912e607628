import { PNG } from 'pngjs';

/** A decoded picture: `width` × `height` pixels, `rgba` four bytes a pixel, row after row. */
export interface Pixels {
  readonly width: number;
  readonly height: number;
  readonly rgba: Buffer;
}

/**
 * Decodes a PNG file (any bit depth, colour type or interlace, through pngjs) into 8-bit RGBA.
 * Throws pngjs's own error on a file that is not a readable PNG, so the test fails.
 */
export function decodePng(file: Buffer): Pixels {
  const picture = PNG.sync.read(file);
  return { width: picture.width, height: picture.height, rgba: picture.data };
}

/**
 * The colour most pixels of the rectangle (x, y, w, h in pixels) have, as [r, g, b] 0–255: an
 * area's background even when some text or an icon lies on it.
 */
export function commonColour(pixels: Pixels, x: number, y: number, w: number, h: number): [number, number, number] {
  const counts = new Map<number, number>();
  for (let row = Math.max(0, y); row < Math.min(pixels.height, y + h); row++) {
    for (let column = Math.max(0, x); column < Math.min(pixels.width, x + w); column++) {
      const at = (row * pixels.width + column) * 4;
      const key = (pixels.rgba[at] << 16) | (pixels.rgba[at + 1] << 8) | pixels.rgba[at + 2];
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  const [key] = [...counts.entries()].reduce((best, entry) => (entry[1] > best[1] ? entry : best), [0, -1]);
  return [key >> 16, (key >> 8) & 0xff, key & 0xff];
}

/** Relative luminance 0 (black) – 1 (white) of an sRGB colour 0–255 (WCAG 2.x definition). */
export function luminance([r, g, b]: readonly number[]): number {
  const linear = (c: number): number => (c / 255 <= 0.04045 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

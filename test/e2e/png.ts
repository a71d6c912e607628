import * as zlib from 'node:zlib';

/** A decoded picture: `width` × `height` pixels, `rgba` four bytes a pixel, row after row. */
export interface Pixels {
  readonly width: number;
  readonly height: number;
  readonly rgba: Buffer;
}

/**
 * Decodes a PNG as Chromium's screenshots write it: 8 bits a channel, RGB or RGBA, not
 * interlaced (PNG spec, ISO/IEC 15948, sections 11.2 and 9). Throws on any other kind, so a
 * picture this cannot read fails the test instead of being misread.
 */
export function decodePng(file: Buffer): Pixels {
  if (file.subarray(0, 8).toString('hex') !== '89504e470d0a1a0a') throw new Error('not a PNG');
  let width = 0;
  let height = 0;
  let channels = 0;
  const data: Buffer[] = [];
  for (let at = 8; at < file.length; ) {
    const length = file.readUInt32BE(at);
    const type = file.toString('latin1', at + 4, at + 8);
    const body = file.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      const [depth, colour, , , interlace] = body.subarray(8, 13);
      channels = colour === 6 ? 4 : colour === 2 ? 3 : 0;
      if (depth !== 8 || channels === 0 || interlace !== 0) throw new Error(`a PNG of depth ${depth}, colour type ${colour}, interlace ${interlace}: not read here`);
    } else if (type === 'IDAT') data.push(body);
    else if (type === 'IEND') break;
    at += 12 + length;
  }
  const raw = zlib.inflateSync(Buffer.concat(data));
  const stride = width * channels;
  const rgba = Buffer.alloc(width * height * 4, 255);
  let previous = Buffer.alloc(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = Buffer.from(raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)));
    for (let x = 0; x < stride; x++) {
      const left = x >= channels ? line[x - channels] : 0;
      const up = previous[x];
      const upLeft = x >= channels ? previous[x - channels] : 0;
      let add = 0;
      if (filter === 1) add = left;
      else if (filter === 2) add = up;
      else if (filter === 3) add = (left + up) >> 1;
      else if (filter === 4) {
        const p = left + up - upLeft;
        const [pa, pb, pc] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)];
        add = pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
      }
      line[x] = (line[x] + add) & 0xff;
    }
    for (let x = 0; x < width; x++) line.copy(rgba, (y * width + x) * 4, x * channels, x * channels + channels);
    previous = line;
  }
  return { width, height, rgba };
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

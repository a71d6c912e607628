import * as zlib from 'node:zlib';

/**
 * A QR-like picture for the emulator's `qr` method: finder squares in three corners
 * and a pattern that changes with each rotation, so the demo and the tests can see
 * the image being replaced. It is not a scannable code; nothing real can scan it.
 */
const MODULES = 25;
const SCALE = 8;
const QUIET = 4;

export function qrLikePng(seed: string): string {
  const size = (MODULES + 2 * QUIET) * SCALE;
  const dark = moduleGrid(seed);
  // One filter byte (0 = none) per scanline, then 8-bit greyscale pixels.
  const raw = Buffer.alloc(size * (size + 1), 255);
  for (let y = 0; y < size; y++) {
    raw[y * (size + 1)] = 0;
    const my = Math.floor(y / SCALE) - QUIET;
    for (let x = 0; x < size; x++) {
      const mx = Math.floor(x / SCALE) - QUIET;
      if (my >= 0 && my < MODULES && mx >= 0 && mx < MODULES && dark[my * MODULES + mx]) {
        raw[y * (size + 1) + 1 + x] = 0;
      }
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // greyscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]).toString('base64');
}

function moduleGrid(seed: string): boolean[] {
  const dark = new Array<boolean>(MODULES * MODULES).fill(false);
  let state = 2166136261;
  for (const char of seed) state = Math.imul(state ^ char.charCodeAt(0), 16777619) >>> 0;
  for (let i = 0; i < dark.length; i++) {
    state = Math.imul(state ^ (state >>> 15), 2246822507) >>> 0;
    state = (state ^ (state >>> 13)) >>> 0;
    dark[i] = (state & 1) === 1;
  }
  for (const [top, left] of [
    [0, 0],
    [0, MODULES - 7],
    [MODULES - 7, 0],
  ] as const) {
    for (let y = -1; y <= 7; y++) {
      for (let x = -1; x <= 7; x++) {
        const row = top + y;
        const column = left + x;
        if (row < 0 || row >= MODULES || column < 0 || column >= MODULES) continue;
        const ring = Math.max(Math.abs(y - 3), Math.abs(x - 3));
        dark[row * MODULES + column] = ring === 3 || ring <= 1;
      }
    }
  }
  return dark;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

import { ValidationError } from '@piazza/core';
import sharp from 'sharp';
import { toLogoWebp } from './logo-image';

const picture = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: { r: 200, g: 30, b: 60 } } });

describe(toLogoWebp.name, () => {
  it('shrinks a large PNG to fit 512×512, keeping its proportions, as WebP', async () => {
    const logo = await toLogoWebp(await picture(2000, 1000).png().toBuffer());
    expect([logo.width, logo.height]).toEqual([512, 256]);
    const stored = await sharp(logo.image).metadata();
    expect([stored.format, stored.width, stored.height]).toEqual(['webp', 512, 256]);
  });

  it('never enlarges a small JPEG', async () => {
    const logo = await toLogoWebp(await picture(120, 80).jpeg().toBuffer());
    expect([logo.width, logo.height]).toEqual([120, 80]);
  });

  it('refuses text named like an image, a GIF, and a PNG cut in half', async () => {
    const png = await picture(300, 300).png().toBuffer();
    for (const upload of [
      Buffer.from('this is not a picture, whatever the file name says'),
      await picture(10, 10).gif().toBuffer(),
      png.subarray(0, Math.floor(png.length / 2)),
    ]) {
      await expect(toLogoWebp(upload)).rejects.toBeInstanceOf(ValidationError);
    }
  });
});

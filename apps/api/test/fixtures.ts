/** Request bodies and files shared by several test files. */

/**
 * A minimal, whole and decodable PNG (1×1, one transparent pixel), built byte by byte: signature,
 * IHDR, IDAT (zlib of one filtered row), IEND, each chunk with its CRC.
 */
export const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489' +
    '0000000b4944415478da636000020000050001e9fadcd80000000049454e44ae426082',
  'hex',
);

export const projectBody = (categoryId: number, over: Record<string, unknown> = {}) => ({
  categoryId,
  title: 'Сенсорна кімната для ліцею №5',
  summary: 'Обладнання сенсорної кімнати для дітей з особливими потребами.',
  description:
    'Ліцей №5 потребує сенсорної кімнати: м’які модулі, світлові панелі, звукове обладнання. Кімната слугуватиме 40 дітям.',
  location: { address: 'вул. Шевченка, 12', lat: 48.92, lng: 24.71 },
  costItems: [
    { name: 'М’які модулі', quantity: 4, unitCost: 25_000_00 },
    { name: 'Світлова панель', quantity: 2.5, unitCost: 40_000_01 },
  ],
  ...over,
});

/** Request bodies and files shared by several test files. */

/** A minimal but whole PNG (1×1), JPEG and WebP, built byte by byte. */
export const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
    '1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082',
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

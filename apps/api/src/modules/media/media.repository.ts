import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { media } from '../../db/schema.js';
import type { ProcessedImage } from './media.service.js';

export type MediaVariant = 'full' | 'thumb';

/** What an owner's listing needs about a stored image, without its bytes. */
export const mediaInfoColumns = {
  mediaId: media.id,
  mime: media.mime,
  size: media.size,
  width: media.width,
  height: media.height,
};

/**
 * Image bytes in the database (works the same on PGlite and PostgreSQL, so every process of a
 * deployment serves every upload and nothing is kept on local disk). Owner tables reference a row
 * by media_id; the row goes with its owner row through a trigger, see schema.ts.
 */
export function mediaRepository(db: Db) {
  return {
    async store(image: ProcessedImage, tx: Db = db) {
      const [row] = await tx
        .insert(media)
        .values({
          mime: image.mime,
          width: image.width,
          height: image.height,
          size: image.data.length,
          data: image.data,
          thumbMime: image.thumbMime,
          thumb: image.thumb,
        })
        .returning(mediaInfoColumns);
      return row!;
    },
    /** One variant's bytes: only that column is read (PostgreSQL keeps large bytea out of line). */
    async get(id: number, variant: MediaVariant, tx: Db = db) {
      const [row] = await tx
        .select(
          variant === 'thumb'
            ? { mime: media.thumbMime, bytes: media.thumb }
            : { mime: media.mime, bytes: media.data },
        )
        .from(media)
        .where(eq(media.id, id));
      return row ?? null;
    },
    /** For a row no owner references yet; owned rows are deleted with their owner. */
    async remove(id: number, tx: Db = db) {
      await tx.delete(media).where(eq(media.id, id));
    },
  };
}
export type MediaRepository = ReturnType<typeof mediaRepository>;

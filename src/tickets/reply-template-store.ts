import type { Locale } from '../i18n/index.ts';

/** A canned reply: its name, its text in each language it was written in, and whose it is. */
export interface ReplyTemplate {
  name: string;
  texts: Partial<Record<Locale, string>>;
  /** The estate whose template it is; null for every estate's (the install's). */
  estateId: number | null;
}

/**
 * Canned replies (`/tpl`), stored per name, language and estate: a template belongs to one estate or,
 * with a null estate, to all; an estate's template of a name stands in for the install's of that name
 * there. Bound to one unit of work like every port of a turn. Names are compared as given (they are
 * short words such as 派修).
 */
export interface ReplyTemplateStore {
  /**
   * Writes the shipped defaults (for every estate) the first time any template is needed, once per
   * install (an admin may then change or delete them); later calls do nothing.
   */
  seed(defaults: readonly Omit<ReplyTemplate, 'estateId'>[], at: Date): Promise<void>;
  /**
   * The install's templates and those of `estateIds` (every estate's when not given), one entry per
   * name and estate, by name (the install's before an estate's).
   */
  list(estateIds?: readonly number[]): Promise<ReplyTemplate[]>;
  /** The template of a name in an estate: the estate's own, else the install's; `null` (the default): the install's only. */
  find(name: string, estateId?: number | null): Promise<ReplyTemplate | undefined>;
  /** Sets one language's text of an estate's template (`null`, the default: the install's), creating it when new. */
  put(name: string, locale: Locale, body: string, memberId: number, at: Date, estateId?: number | null): Promise<void>;
  /**
   * Deletes one language's text, or the whole template, of an estate (`null`, the default: of the install); returns
   * how many texts were deleted.
   */
  remove(name: string, locale?: Locale, estateId?: number | null): Promise<number>;
}

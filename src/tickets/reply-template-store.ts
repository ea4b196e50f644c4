import type { Locale } from '../i18n/index.ts';

/** A canned reply: its name and its text in each language it was written in. */
export interface ReplyTemplate {
  name: string;
  texts: Partial<Record<Locale, string>>;
}

/**
 * Canned replies (`/tpl`), stored per name and language. Bound to one unit of work like every port
 * of a turn. Names are compared as given (they are short words such as 派修).
 */
export interface ReplyTemplateStore {
  /**
   * Writes the shipped defaults the first time any template is needed, once per install (an admin may
   * then change or delete them); later calls do nothing.
   */
  seed(defaults: readonly ReplyTemplate[], at: Date): Promise<void>;
  /** Every template, by name. */
  list(): Promise<ReplyTemplate[]>;
  find(name: string): Promise<ReplyTemplate | undefined>;
  /** Sets one language's text of a template (creating the template when new). */
  put(name: string, locale: Locale, body: string, memberId: number, at: Date): Promise<void>;
  /** Deletes one language's text, or the whole template; returns how many texts were deleted. */
  remove(name: string, locale?: Locale): Promise<number>;
}

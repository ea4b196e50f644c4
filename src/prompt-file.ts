import { readFile } from 'node:fs/promises';
import { packagePath } from './package-root.ts';

/** The `prompts/` directory at the root of the repository. */
export const PROMPTS_DIR = packagePath('prompts');

/** A prompt read from `prompts/*.md`: its version and its `## ` sections, in file order. */
export interface PromptFile {
  path: string;
  /** The `version:` line, recorded with everything the prompt produced. */
  version: string;
  sections: ReadonlyArray<{ heading: string; body: string }>;
}

/** A prompt file that cannot be used as it is; the message names the file and the problem. */
export class PromptFileError extends Error {
  constructor(path: string, problem: string, options?: { cause?: unknown }) {
    super(`${path}: ${problem}`, options);
    this.name = 'PromptFileError';
  }
}

const VERSION_LINE = /^version:\s*(\S.*?)\s*$/m;

/**
 * Reads a prompt file: a `version: …` line before the first `## ` heading (required), then sections,
 * each a `## heading` and the text under it (trimmed). Text before the first heading is for the people
 * editing the file and is never returned.
 */
export async function readPromptFile(path: string): Promise<PromptFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    throw new PromptFileError(path, 'cannot be read; prompts are shipped in the prompts/ directory of the repository', {
      cause,
    });
  }
  const parts = text.replace(/\r\n/g, '\n').split(/^## /m);
  const preamble = parts[0] ?? '';
  const version = VERSION_LINE.exec(preamble)?.[1];
  if (version === undefined) throw new PromptFileError(path, 'has no "version: …" line before its first "## " section');
  const sections = parts.slice(1).map((part) => {
    const newline = part.indexOf('\n');
    const heading = (newline === -1 ? part : part.slice(0, newline)).trim();
    return { heading, body: newline === -1 ? '' : part.slice(newline + 1).trim() };
  });
  return { path, version, sections };
}

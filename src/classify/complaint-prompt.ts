import { join } from 'node:path';
import { PROMPTS_DIR, PromptFileError, readPromptFile } from '../prompt-file.ts';
import { ClassifierError } from './classifier-error.ts';
import { LLM_ANSWER_JSON_SCHEMA, parseLlmAnswer } from './llm-answer.ts';

/** How the endpoint is asked for structured output. */
export type ResponseFormat = 'json_schema' | 'json_object';

/** One message of a chat-completions request. */
export interface PromptMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** The classification prompt, ready to wrap a resident's text into chat messages. */
export interface ComplaintPrompt {
  /** The prompt's `version:` line, recorded with each LLM classification. */
  version: string;
  /** The messages for one text; in `json_object` mode the system message carries the JSON Schema. */
  messages(text: string, format: ResponseFormat): PromptMessage[];
}

export const COMPLAINT_PROMPT_FILE = join(PROMPTS_DIR, 'classify-complaint.md');

const TEXT_BLOCK = /```text\n([\s\S]*?)\n```/;
const JSON_BLOCK = /```json\n([\s\S]*?)\n```/;

/**
 * Reads `prompts/classify-complaint.md` (or `path`): the `## system` section, the `## json-object`
 * addition (with `{{schema}}`), and the `## example: …` sections as user/assistant turns. Every
 * example's answer is checked against the answer schema, so a prompt edit cannot teach the model an
 * answer the code would reject. Throws a {@link PromptFileError} naming the file and the problem.
 */
export async function loadComplaintPrompt(path: string = COMPLAINT_PROMPT_FILE): Promise<ComplaintPrompt> {
  const file = await readPromptFile(path);
  const section = (heading: string): string => {
    const found = file.sections.find((s) => s.heading === heading);
    if (!found || found.body === '') throw new PromptFileError(path, `has no "## ${heading}" section`);
    return found.body;
  };
  const system = section('system');
  const jsonObject = section('json-object');
  if (!jsonObject.includes('{{schema}}'))
    throw new PromptFileError(path, 'the "## json-object" section must contain {{schema}}');
  const schemaText = JSON.stringify(LLM_ANSWER_JSON_SCHEMA);

  const examples: PromptMessage[] = [];
  for (const { heading, body } of file.sections.filter((s) => s.heading.startsWith('example:'))) {
    const user = TEXT_BLOCK.exec(body)?.[1];
    const assistant = JSON_BLOCK.exec(body)?.[1];
    if (user === undefined || assistant === undefined)
      throw new PromptFileError(path, `"## ${heading}" needs a \`\`\`text block and a \`\`\`json block`);
    try {
      parseLlmAnswer(assistant, 'stop');
    } catch (error) {
      if (error instanceof ClassifierError)
        throw new PromptFileError(path, `"## ${heading}": ${error.message}`, { cause: error });
      throw error;
    }
    examples.push({ role: 'user', content: user }, { role: 'assistant', content: assistant });
  }
  if (examples.length === 0) throw new PromptFileError(path, 'has no "## example: …" sections');

  return Object.freeze({
    version: file.version,
    messages(text: string, format: ResponseFormat): PromptMessage[] {
      const content =
        format === 'json_object' ? `${system}\n\n${jsonObject.replace('{{schema}}', schemaText)}` : system;
      return [{ role: 'system', content }, ...examples, { role: 'user', content: text }];
    },
  });
}

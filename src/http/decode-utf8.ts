const strict = new TextDecoder('utf-8', { fatal: true });

/**
 * The text of a request body, or undefined when its bytes are not UTF-8. JSON must be UTF-8 (RFC 8259);
 * decoding leniently would turn each bad byte into U+FFFD and store a message the sender never wrote.
 */
export function decodeUtf8(body: Uint8Array): string | undefined {
  try {
    return strict.decode(body);
  } catch {
    return undefined;
  }
}

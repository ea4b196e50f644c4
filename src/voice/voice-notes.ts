/** A voice note waiting for its words, as the transcription worker sees it. */
export interface VoiceNote {
  id: number;
  platform: string;
  /** The stored event it came with (its chat and sender get the transcript). */
  inboxId: number | null;
  /** The file under DATA_DIR, or why there is none (`skipped:too-large`, `unavailable: …`). */
  path: string;
  mimeType: string | null;
  sizeBytes: number | null;
  durationSeconds: number | null;
  /** The language hint to send (`zh`, `en`), if any. */
  language: string | null;
}

/** The voice notes to transcribe: the port of the transcription worker. */
export interface VoiceNotes {
  /** Notes waiting for their words whose file is downloaded (or given up), held by no worker at `now`; oldest first. */
  due(now: Date, limit: number): Promise<VoiceNote[]>;
  /** Holds a note until `until`; false when another worker holds it or it is settled already. */
  claim(id: number, now: Date, until: Date): Promise<boolean>;
  /** Records the words heard (`done`) or why there are none (`failed`); the note is not asked for again. */
  settle(id: number, outcome: { status: 'done' | 'failed'; text: string }): Promise<void>;
}

/** A resident: someone who reports problems; they need no registration. */
export interface Resident {
  id: number;
  displayName: string | null;
  /** The language the resident chose or was given from their platform's hint; null until known. */
  locale: string | null;
  createdAt: Date;
  /** The estate the resident lives in; null until known (an install of several estates asks). */
  estateId: number | null;
}

/** A resident's address on one platform: who they are there and where the bot writes to them. */
export interface ResidentAddress {
  platform: string;
  platformUserId: string;
  chatId: string;
  languageHint: string | null;
}

/** Who a platform says wrote to us. */
export interface ResidentIdentity {
  platform: string;
  platformUserId: string;
  chatId: string;
  languageHint?: string | null;
  displayName?: string | null;
}

/** Residents and their platform identities (one resident may use Telegram and LINE). */
export interface ResidentStore {
  /** Finds the resident behind a platform identity, creating both on first contact. */
  findOrCreate(identity: ResidentIdentity, at: Date): Promise<Resident>;
  findById(id: number): Promise<Resident | undefined>;
  setLocale(id: number, locale: string): Promise<void>;
  /** Binds the resident to an estate (first contact, or `/estate` to move). */
  setEstate(id: number, estateId: number): Promise<void>;
  /** Every chat the bot can reach a resident in (one per platform they used). */
  addresses(residentId: number): Promise<ResidentAddress[]>;
}

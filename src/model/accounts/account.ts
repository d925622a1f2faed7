/** Hosted accounts come from register_account_v1, standalone ones from account_import. */
export type AccountKind = 'hosted' | 'standalone';

/** 1: phone (countrycode-number), 2: email, 3: string account. */
export type IdentifierType = 1 | 2 | 3;

/** A standalone account's `Type`: 0 ordinary account, 1 robot. */
export type ProfileType = 0 | 1;

export interface Account {
  sdkappid: number;
  identifier: string;
  kind: AccountKind;
  identifierType?: IdentifierType;
  /** `sha256$salt$digest`, never a clear password. */
  passwordHash?: string;
  nick?: string;
  faceUrl?: string;
  type?: ProfileType;
  /** ISO 8601 times read from the emulator's clock. */
  createdAt: string;
  updatedAt: string;
}

/** The profile fields account_import sets; an omitted one keeps its value. */
export interface Profile {
  nick?: string | undefined;
  faceUrl?: string | undefined;
  type?: ProfileType | undefined;
}

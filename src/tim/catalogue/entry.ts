import type { TObject, TSchema } from '@sinclair/typebox';

/** The nine sections of the vendor's REST API, as its description tags them. */
export type Section =
  | 'account'
  | 'single_chat'
  | 'all_member_push'
  | 'portrait'
  | 'relationships'
  | 'recent_contact'
  | 'group'
  | 'mute'
  | 'operation';

/**
 * One documented vendor command. The schemas are functions, so that building them costs nothing
 * until the command is first called (start-up does not grow with the size of the API).
 */
export interface CatalogueEntry {
  section: Section | (string & {});
  service: string;
  command: string;
  /** The vendor's page for the command. */
  page: string | undefined;
  /** The request body: required fields, types, enums and limits. */
  request: () => TSchema;
  /** The fields an OK reply adds to ActionStatus, ErrorInfo and ErrorCode. */
  reply: () => TObject;
}
